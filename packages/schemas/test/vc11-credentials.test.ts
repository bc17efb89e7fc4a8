import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  ACHIEVEMENT_CREDENTIAL_SCHEMA_URL,
  ENDORSEMENT_CREDENTIAL_SCHEMA_URL,
  findBundledSchema,
  PROFILE_SCHEMA_URL,
  SCHEMAS_DIR,
  schemaForCredential,
  VC_V1_CONTEXT,
  VC_V2_CONTEXT,
  validateCredential,
  vcDataModelOf,
} from '../src/index.ts';

const FIXTURES = join(SCHEMAS_DIR, '..', '..', 'test', 'fixtures', 'ob3-vc11');

interface Source {
  file: string;
  repository: string;
  path: string;
  commit: string;
  contentSha256: string;
}
const SOURCES: Source[] = JSON.parse(readFileSync(join(FIXTURES, 'sources.json'), 'utf8'));

/** A fresh copy of a credential someone else wrote (test/fixtures/ob3-vc11). */
function theirs(file: string): any {
  return JSON.parse(readFileSync(join(FIXTURES, file), 'utf8'));
}

function contentSha256(path: string): string {
  return createHash('sha256')
    .update(JSON.stringify(JSON.parse(readFileSync(path, 'utf8'))))
    .digest('hex');
}

describe('bundled official 1EdTech OB 3.0 JSON Schemas for VC Data Model 1.1 (schemas/json/README.md)', () => {
  it('are the gh-pages build 6efe144 of 1EdTech/openbadges-specification, content unchanged', () => {
    expect(contentSha256(join(SCHEMAS_DIR, 'ob_v3p0_achievementcredential_schema_vc1.1.json'))).toBe(
      'c881e99bbc7287940789a579b5ce223b343b1b1d4d79c7cff501fb8f1afc7131',
    );
    expect(contentSha256(join(SCHEMAS_DIR, 'ob_v3p0_endorsementcredential_schema_vc1.1.json'))).toBe(
      'e621a8920868c2561432a9e2577c7f7668faf217d84fd060c0e9b8071f8af046',
    );
  });

  it('carry the same purl $id as the VC 2.0 schema of their class, and require issuanceDate', () => {
    const achievement = JSON.parse(
      readFileSync(join(SCHEMAS_DIR, 'ob_v3p0_achievementcredential_schema_vc1.1.json'), 'utf8'),
    );
    const endorsement = JSON.parse(
      readFileSync(join(SCHEMAS_DIR, 'ob_v3p0_endorsementcredential_schema_vc1.1.json'), 'utf8'),
    );
    expect(achievement.$id).toBe(ACHIEVEMENT_CREDENTIAL_SCHEMA_URL);
    expect(endorsement.$id).toBe(ENDORSEMENT_CREDENTIAL_SCHEMA_URL);
    expect(achievement.required).toEqual([
      '@context',
      'id',
      'type',
      'name',
      'credentialSubject',
      'issuer',
      'issuanceDate',
    ]);
    expect(achievement.properties.expirationDate).toMatchObject({ format: 'date-time' });
    expect(achievement.properties.validFrom).toBeUndefined();
  });
});

describe('test/fixtures/ob3-vc11: credentials from 1EdTech, the JFF plugfests and DCC, kept unchanged', () => {
  it.each(SOURCES.map((s) => [s.file, s] as const))('%s has the content recorded in sources.json', (file, source) => {
    expect(source.repository).toMatch(/^[\w.-]+\/[\w.-]+$/);
    expect(source.commit).toMatch(/^[0-9a-f]{40}$/);
    expect(contentSha256(join(FIXTURES, file))).toBe(source.contentSha256);
  });
});

describe('the data model decides the schema (OB 3.0 §9.1 step 1 note; Implementation Guide "VC 1.1 or 2.0")', () => {
  it('vcDataModelOf reads the first @context item', () => {
    expect(vcDataModelOf({ '@context': [VC_V1_CONTEXT, 'https://purl.imsglobal.org/spec/ob/v3p0/context.json'] })).toBe(
      '1.1',
    );
    expect(vcDataModelOf({ '@context': [VC_V2_CONTEXT] })).toBe('2.0');
    expect(vcDataModelOf({ '@context': VC_V1_CONTEXT })).toBe('1.1');
    expect(vcDataModelOf({ '@context': ['https://purl.imsglobal.org/spec/ob/v3p0/context.json', VC_V1_CONTEXT] })).toBe(
      undefined,
    );
    expect(vcDataModelOf(null)).toBeUndefined();
    expect(vcDataModelOf([VC_V1_CONTEXT])).toBeUndefined();
  });

  it.each(SOURCES.map((s) => s.file))('%s (VC 1.1) → AchievementCredentialv1p1', (file) => {
    expect(schemaForCredential(theirs(file))).toBe('AchievementCredentialv1p1');
  });

  it('a VC 2.0 OpenBadgeCredential → AchievementCredential; an EndorsementCredential follows its data model too', () => {
    const ob = { '@context': [VC_V2_CONTEXT], type: ['VerifiableCredential', 'OpenBadgeCredential'] };
    expect(schemaForCredential(ob)).toBe('AchievementCredential');
    const endorsement = { type: ['VerifiableCredential', 'EndorsementCredential'] };
    expect(schemaForCredential({ ...endorsement, '@context': [VC_V2_CONTEXT] })).toBe('EndorsementCredential');
    expect(schemaForCredential({ ...endorsement, '@context': [VC_V1_CONTEXT] })).toBe('EndorsementCredentialv1p1');
  });

  it('findBundledSchema: a purl URL stands for the variant of the credential’s data model; unknown URLs → undefined', () => {
    const v1 = { '@context': [VC_V1_CONTEXT] };
    const v2 = { '@context': [VC_V2_CONTEXT] };
    const any = 'https://purl.imsglobal.org/spec/ob/v3p0/schema/json/ob_v3p0_anyachievementcredential_schema.json';
    expect(findBundledSchema(ACHIEVEMENT_CREDENTIAL_SCHEMA_URL, v1)).toBe('AchievementCredentialv1p1');
    expect(findBundledSchema(ACHIEVEMENT_CREDENTIAL_SCHEMA_URL, v2)).toBe('AchievementCredential');
    expect(findBundledSchema(any, v1)).toBe('AchievementCredentialv1p1');
    expect(findBundledSchema(ENDORSEMENT_CREDENTIAL_SCHEMA_URL, v1)).toBe('EndorsementCredentialv1p1');
    expect(findBundledSchema(PROFILE_SCHEMA_URL, v1)).toBe('Profile');
    expect(
      findBundledSchema(
        'https://purl.imsglobal.org/spec/ob/v3p0/schema/json-ld/ob_v3p0_anyachievementcredential_schema.json',
        v1,
      ),
    ).toBeUndefined();
    expect(findBundledSchema('https://example.org/schemas/extension.json', v1)).toBeUndefined();
    expect(findBundledSchema('toString', v1)).toBeUndefined();
    expect(findBundledSchema(42, v1)).toBeUndefined();
  });
});

describe('OB 3.0 VC 1.1 credentials against the official VC 1.1 AchievementCredential schema', () => {
  it.each([
    '1edtech-basic-openbadgecredential.json',
    'jff-plugfest-2-2022.json',
    'jff-plugfest-3-2023.json',
    'dcc-ob-spec-example-data-integrity.json',
  ])('%s is valid (no "validFrom is required")', (file) => {
    expect(validateCredential(theirs(file))).toEqual({ valid: true, errors: [] });
  });

  it('the same credential against the VC 2.0 schema still asks for validFrom (why picking by data model matters)', () => {
    const result = validateCredential(theirs('1edtech-basic-openbadgecredential.json'), 'AchievementCredential');
    expect(result.errors).toContainEqual(expect.objectContaining({ pointer: '/validFrom' }));
  });

  it('DCC Test Credential: issuer.image is a string where the schema wants an Image object', () => {
    expect(validateCredential(theirs('dcc-test-credential-ed25519.json'))).toEqual({
      valid: false,
      errors: [{ pointer: '/issuer/image', message: '`issuer.image` must be a JSON object.' }],
    });
  });

  it('the specification’s complete example: embedded endorsements without id, identityType "email"', () => {
    const { valid, errors } = validateCredential(theirs('1edtech-complete-openbadgecredential.json'));
    expect(valid).toBe(false);
    expect(errors.map((e) => e.pointer)).toEqual(
      expect.arrayContaining(['/endorsement/0/id', '/credentialSubject/identifier/0/identityType']),
    );
    const identityType = errors.find((e) => e.pointer === '/credentialSubject/identifier/0/identityType');
    expect(identityType?.message).toMatch(/^`credentialSubject\.identifier\[0\]\.identityType` must be one of: name, /);
    expect(identityType?.message).toContain('or an extension term starting with `ext:`');
  });

  it('a VC 1.1 credential without issuanceDate or achievement.criteria → both reported with pointers', () => {
    const credential = theirs('jff-plugfest-2-2022.json');
    delete credential.issuanceDate;
    delete credential.credentialSubject.achievement.criteria;
    const { valid, errors } = validateCredential(credential);
    expect(valid).toBe(false);
    expect(errors).toEqual([
      { pointer: '/issuanceDate', message: '`issuanceDate` is required: timestamp of when the credential was issued.' },
      {
        pointer: '/credentialSubject/achievement/criteria',
        message: '`credentialSubject.achievement.criteria` is required.',
      },
    ]);
  });
});
