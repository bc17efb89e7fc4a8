import { type DocumentLoader, envelopeJwt, type SigningKey, signCredentialJwt } from '@repo/core';
import type { Pathway } from '@repo/schemas';
import { createVerifier, type Verifier } from '@repo/verifier';
import { beforeAll, describe, expect, it } from 'vitest';
import {
  createTestKey,
  createTestLoader,
  FROZEN_NOW,
  presentation,
  signWith,
} from '../../../test/helpers/credential-factory.ts';
import { achievementCredential, allOf, component, LEARNER } from '../../../test/helpers/pathway-fixtures.ts';
import { evaluatePathwayWithCredentials, openOffered, subjectIdsOf } from '../src/index.ts';

const ENG101 = 'https://college.example/courses/eng-101';
const IMT110 = 'https://college.example/courses/imt-110';
const STRANGER = 'did:example:someone-else';
const now = () => FROZEN_NOW;

let college: SigningKey;
let documentLoader: DocumentLoader;
let verifier: Verifier;

function pathway(): Pathway {
  return {
    type: 'Pathway',
    id: 'https://college.example/pathways/two-courses',
    name: 'Two courses',
    destination: { kind: 'degree', achievement: { id: 'https://college.example/certs/two', name: 'Two courses' } },
    requirement: allOf('both', 'Both courses', [
      component('eng-101', 'College Composition', { achievementIds: [ENG101] }),
      component('imt-110', 'Industrial Safety', { achievementIds: [IMT110] }),
    ]),
  } as Pathway;
}

const course = (credentialId: string, achievementId: string, name: string) =>
  achievementCredential(college, { credentialId, achievementId, name, creditsAvailable: 3 });

beforeAll(async () => {
  college = await createTestKey();
  const loader = createTestLoader();
  documentLoader = loader.documentLoader;
  verifier = createVerifier({ now, didResolver: loader.didResolver, checkSchema: false });
});

describe('one way to open a credential: pathway evaluation reads the credential inside a VC-JWT', () => {
  it('a compact and an enveloped VC-JWT count under the id of the credential inside; counted carries both forms', async () => {
    const eng = course('urn:example:cred:eng-101', ENG101, 'College Composition');
    const imt = course('urn:example:cred:imt-110', IMT110, 'Industrial Safety');
    const compact = await signCredentialJwt(eng, { key: college, now: FROZEN_NOW });
    const enveloped = envelopeJwt(await signCredentialJwt(imt, { key: college, now: FROZEN_NOW }));
    const { report, counted } = await evaluatePathwayWithCredentials(pathway(), [compact, enveloped], {
      verifier,
      now,
    });
    expect(report.complete).toBe(true);
    expect(report.counted.sort()).toEqual(['urn:example:cred:eng-101', 'urn:example:cred:imt-110']);
    expect(counted.map((c) => c.key)).toEqual(report.counted);
    const byKey = Object.fromEntries(counted.map((c) => [c.key, c]));
    expect(byKey['urn:example:cred:eng-101']).toMatchObject({
      position: 0,
      original: compact,
      securing: { format: 'compact-jwt', jwt: compact },
      subjectIds: [LEARNER],
    });
    expect(byKey['urn:example:cred:imt-110']).toMatchObject({
      position: 1,
      original: enveloped,
      securing: { format: 'enveloped-jwt' },
      subjectIds: [LEARNER],
    });
    expect(byKey['urn:example:cred:imt-110']?.credential.id).toBe('urn:example:cred:imt-110');
  });

  it('a stranger’s credential sent as a VC-JWT shows its subject, so the caller can refuse it', async () => {
    const strangers = course('urn:example:cred:eng-101-s', ENG101, 'College Composition');
    strangers.credentialSubject.id = STRANGER;
    const jwt = await signCredentialJwt(strangers, { key: college, now: FROZEN_NOW });
    const imt = await signWith(college, documentLoader, course('urn:example:cred:imt-110', IMT110, 'Safety'));
    for (const form of [jwt, envelopeJwt(jwt)]) {
      const { counted } = await evaluatePathwayWithCredentials(pathway(), presentation([imt, form]), {
        verifier,
        now,
        unsignedPresentation: true,
      });
      const foreign = counted.filter((c) => c.subjectIds.some((id) => id !== LEARNER));
      expect(foreign.map((c) => c.key)).toEqual(['urn:example:cred:eng-101-s']);
      expect(foreign[0]?.original).toEqual(form);
    }
  });

  it('T3 of two copies with one id, counted holds the verified copy, whatever the order', async () => {
    const eng = await signWith(college, documentLoader, course('urn:example:cred:eng-101', ENG101, 'Composition'));
    const forged = structuredClone(eng);
    forged.credentialSubject.id = STRANGER;
    for (const input of [
      [forged, eng],
      [eng, forged],
    ]) {
      const { report, counted } = await evaluatePathwayWithCredentials(pathway(), input, { verifier, now });
      expect(report.counted).toEqual(['urn:example:cred:eng-101']);
      expect(counted[0]?.original).toBe(eng);
      expect(counted[0]?.subjectIds).toEqual([LEARNER]);
    }
  });

  it('openOffered keys what cannot be opened by position; subjectIdsOf lists every subject', () => {
    const offered = openOffered(['not.a.jwt', { id: 'urn:x', credentialSubject: [{ id: 'a' }, {}] }]);
    expect(offered.map((o) => [o.key, o.opened?.securing.format])).toEqual([
      ['#0', undefined],
      ['urn:x', 'embedded-proof'],
    ]);
    expect(subjectIdsOf({ credentialSubject: [{ id: 'a' }, {}] })).toEqual(['a', '']);
  });
});
