import { describe, expect, it } from 'vitest';
import { achievementCredential, registryUrl } from '../../../test/helpers/pathway-fixtures.ts';
import { matchCredential } from '../src/index.ts';

const ISSUER = 'did:example:college';
const CTID = 'ce-3f2a9c1e-5b7d-4e8f-9a0b-1c2d3e4f5a6b';

const course = achievementCredential(ISSUER, {
  achievementId: 'https://college.example/courses/imt-210',
  name: 'Hydraulics',
  achievementType: 'Course',
  tags: ['Hydraulics', 'Fluid power'],
  fieldOfStudy: 'Industrial Maintenance',
  alignTo: [registryUrl(CTID), 'https://frameworks.example/competencies/fluid-1'],
  otherIdentifiers: ['ce-00000000-0000-4000-8000-000000000001'],
});

describe('OB 3.0 achievement fields against a pathway CredentialMatcher', () => {
  it('matches achievement id, achievementType and issuer exactly', () => {
    expect(matchCredential(course, { achievementIds: ['https://college.example/courses/imt-210'] })).toBe(true);
    expect(matchCredential(course, { achievementIds: ['https://college.example/courses/IMT-210'] })).toBe(false);
    expect(matchCredential(course, { achievementTypes: ['Course', 'Certification'] })).toBe(true);
    expect(matchCredential(course, { achievementTypes: ['course'] })).toBe(false);
    expect(matchCredential(course, { issuers: [ISSUER] })).toBe(true);
    expect(matchCredential(course, { issuers: ['did:example:other'] })).toBe(false);
  });

  it('matches tags and fieldOfStudy case-insensitively', () => {
    expect(matchCredential(course, { tags: ['FLUID POWER'] })).toBe(true);
    expect(matchCredential(course, { tags: ['welding'] })).toBe(false);
    expect(matchCredential(course, { fieldsOfStudy: ['industrial maintenance'] })).toBe(true);
  });

  it('matches alignment targetUrl, a CTID inside a Credential Registry URL, and otherIdentifier', () => {
    expect(matchCredential(course, { alignmentTargets: ['https://frameworks.example/competencies/fluid-1'] })).toBe(
      true,
    );
    expect(matchCredential(course, { alignmentTargets: [CTID] })).toBe(true);
    expect(matchCredential(course, { alignmentTargets: [CTID.toUpperCase().replace('CE-', 'ce-')] })).toBe(true);
    expect(matchCredential(course, { alignmentTargets: ['ce-00000000-0000-4000-8000-000000000001'] })).toBe(true);
    expect(matchCredential(course, { alignmentTargets: ['ce-00000000-0000-4000-8000-000000000002'] })).toBe(false);
  });

  it('ANDs the fields, ORs within a list; an empty list matches nothing, an empty matcher everything', () => {
    expect(matchCredential(course, { tags: ['hydraulics'], issuers: [ISSUER] })).toBe(true);
    expect(matchCredential(course, { tags: ['hydraulics'], achievementTypes: ['Certification'] })).toBe(false);
    expect(matchCredential(course, { tags: [] })).toBe(false);
    expect(matchCredential(course, {})).toBe(true);
  });

  it('does not throw on odd credentials', () => {
    expect(matchCredential({}, { tags: ['x'] })).toBe(false);
    expect(matchCredential({ credentialSubject: 'nope' }, { achievementIds: ['x'] })).toBe(false);
    expect(matchCredential({ credentialSubject: [{ achievement: { tag: 'X' } }] }, { tags: ['x'] })).toBe(true);
  });
});
