/**
 * Open Badges 3.0 §9.1 "OpenBadgeCredential Verification" step 1 ("Check that the
 * OpenBadgeCredential conforms to the specification"): the JSON Schema of the credential's own data
 * model (VC 1.1 or 2.0), binding when the credential names it in `credentialSchema` (type
 * `1EdTechJsonSchemaValidator2019`) or the caller asks for `schemaChecking: 'strict'`, a `warning`
 * otherwise; the subject must have an `id` or an `identifier`, always.
 */
import { readFileSync } from 'node:fs';
import { Ed25519Signature2020 } from '@digitalbazaar/ed25519-signature-2020';
import { Ed25519VerificationKey2020 } from '@digitalbazaar/ed25519-verification-key-2020';
import * as vc from '@digitalbazaar/vc';
import type { DocumentLoader } from '@repo/core';
import {
  type Check,
  type CredentialVerification,
  checkSchema,
  createVerifier,
  type VerifierOptions,
} from '@repo/verifier';
import { beforeAll, describe, expect, it } from 'vitest';
import { createTestLoader, FROZEN_NOW, ob3Credential } from '../../../../test/helpers/credential-factory.ts';
import { VC_V1 } from '../../../../test/helpers/legacy-fixtures.ts';

const OB_3_0_3 = 'https://purl.imsglobal.org/spec/ob/v3p0/context-3.0.3.json';
const ED25519_2020_V1 = 'https://w3id.org/security/suites/ed25519-2020/v1';
/** Defines `1EdTechJsonSchemaValidator2019` (and the other 1EdTech types) for JSON-LD. */
const OB_EXTENSIONS = 'https://purl.imsglobal.org/spec/ob/v3p0/extensions.json';
const OB_SCHEMA = 'https://purl.imsglobal.org/spec/ob/v3p0/schema/json/ob_v3p0_achievementcredential_schema.json';
const VALIDATOR = '1EdTechJsonSchemaValidator2019';

/** A fresh copy of a credential someone else wrote (test/fixtures/ob3-vc11, sources in its README). */
function theirs(file: string): any {
  return JSON.parse(readFileSync(new URL(`../../../../test/fixtures/ob3-vc11/${file}`, import.meta.url), 'utf8'));
}

/** Our OB 3.0 credential moved onto the VC 1.1 data model (`issuanceDate`, credentials/v1 first). */
function vc11Ob3(overrides: Record<string, unknown> = {}): Record<string, any> {
  return ob3Credential('did:example:issuer', {
    '@context': [VC_V1, OB_3_0_3, ED25519_2020_V1],
    validFrom: undefined,
    issuanceDate: '2026-01-01T00:00:00Z',
    ...overrides,
  });
}

describe('OB 3.0 §9.1 step 1 on VC 2.0 credentials', () => {
  it('a credential that matches the schema → passed, naming the schema', () => {
    expect(checkSchema(ob3Credential('did:example:issuer'))).toMatchObject({
      id: 'schema',
      status: 'passed',
      message: 'The credential matches the Open Badges 3.0 AchievementCredential (VC Data Model 2.0) schema.',
      details: { schema: 'AchievementCredential', mode: 'report' },
    });
  });

  it('no achievement, no credentialSchema named → warning (accepted), the finding kept on the check; strict → failed', () => {
    const credential = ob3Credential('did:example:issuer');
    delete credential.credentialSubject.achievement;
    const check = checkSchema(credential);
    expect(check.status).toBe('warning');
    expect(check.problem).toMatchObject({
      title: 'SCHEMA_VALIDATION_ERROR',
      pointer: '/credentialSubject/achievement',
    });
    expect(check.message).toMatch(/^Accepted with 1 schema finding \(details\.errors\): /);
    expect(checkSchema(credential, { schemaChecking: 'strict' }).status).toBe('failed');
  });

  it('a credential that is not an Open Badge → skipped', () => {
    const check = checkSchema({
      '@context': ['https://www.w3.org/ns/credentials/v2'],
      type: ['VerifiableCredential'],
      issuer: 'did:example:1',
      credentialSubject: {},
    });
    expect(check.status).toBe('skipped');
  });
});

describe('OB 3.0 §9.1 step 1 on real VC 1.1 credentials (test/fixtures/ob3-vc11)', () => {
  it.each([
    '1edtech-basic-openbadgecredential.json',
    'jff-plugfest-2-2022.json',
    'jff-plugfest-3-2023.json',
    'dcc-ob-spec-example-data-integrity.json',
  ])('%s → passed against the official VC 1.1 schema, even when strict', (file) => {
    for (const schemaChecking of ['report', 'strict'] as const) {
      expect(checkSchema(theirs(file), { schemaChecking })).toMatchObject({
        status: 'passed',
        message: 'The credential matches the Open Badges 3.0 AchievementCredential (VC Data Model 1.1) schema.',
        details: { schema: 'AchievementCredentialv1p1' },
      });
    }
  });

  it('1EdTech’s complete example (findings: endorsements without id, identityType "email") → warning; strict → failed', () => {
    const check = checkSchema(theirs('1edtech-complete-openbadgecredential.json'));
    expect(check.status).toBe('warning');
    expect(check.problem?.detail).toMatch(
      /^The credential does not match the Open Badges 3\.0 AchievementCredential \(VC Data Model 1\.1\) schema: /,
    );
    expect((check.details!.errors as unknown[]).length).toBeGreaterThan(1);
    expect(checkSchema(theirs('1edtech-complete-openbadgecredential.json'), { schemaChecking: 'strict' }).status).toBe(
      'failed',
    );
  });

  it('DCC Test Credential: a subject with neither id nor identifier → failed in every mode (§9.1 step 1)', () => {
    const check = checkSchema(theirs('dcc-test-credential-ed25519.json'));
    expect(check.status).toBe('failed');
    expect(check.problem).toMatchObject({ title: 'SCHEMA_VALIDATION_ERROR', pointer: '/credentialSubject' });
    expect(check.problem?.detail).toContain('neither an id nor an identifier');
    // Its other finding (issuer.image a string) is still listed.
    expect(check.details?.errors).toEqual([
      { pointer: '/issuer/image', message: '`issuer.image` must be a JSON object.' },
    ]);
  });

  it('the same DCC credential with an identifier (IdentityObject) for its subject → warning for issuer.image only', () => {
    const credential = theirs('dcc-test-credential-ed25519.json');
    credential.credentialSubject.identifier = [
      { type: 'IdentityObject', identityType: 'emailAddress', hashed: false, identityHash: 'jane@example.org' },
    ];
    expect(checkSchema(credential)).toMatchObject({ status: 'warning', problem: { pointer: '/issuer/image' } });
  });
});

describe('OB 3.0 §9.1 step 1: a credentialSchema of type 1EdTechJsonSchemaValidator2019 is binding', () => {
  it('named purl AchievementCredential schema, met → passed against the VC 1.1 text', () => {
    const credential = vc11Ob3({ credentialSchema: [{ id: OB_SCHEMA, type: VALIDATOR }] });
    expect(checkSchema(credential)).toMatchObject({
      status: 'passed',
      details: { results: [{ schema: 'AchievementCredentialv1p1', source: 'credentialSchema', url: OB_SCHEMA }] },
    });
  });

  it('named and not met (no achievement.criteria) → failed even in report mode', () => {
    const credential = vc11Ob3({ credentialSchema: { id: OB_SCHEMA, type: VALIDATOR } });
    delete credential.credentialSubject.achievement.criteria;
    const check = checkSchema(credential);
    expect(check.status).toBe('failed');
    expect(check.problem).toMatchObject({
      title: 'SCHEMA_VALIDATION_ERROR',
      pointer: '/credentialSubject/achievement/criteria',
      detail: `The credential does not match the Open Badges 3.0 AchievementCredential (VC Data Model 1.1) schema it names in credentialSchema (${OB_SCHEMA}): \`credentialSubject.achievement.criteria\` is required.`,
    });
  });

  it('named with another type (JsonSchema) → not binding: the same finding is a warning', () => {
    const credential = vc11Ob3({ credentialSchema: [{ id: OB_SCHEMA, type: 'JsonSchema' }] });
    delete credential.credentialSubject.achievement.criteria;
    expect(checkSchema(credential).status).toBe('warning');
  });

  it('a named schema we do not bundle → warning saying it was not checked; strict → could-not-check', () => {
    const extension = 'https://example.org/schemas/extension.json';
    const credential = vc11Ob3({
      credentialSchema: [
        { id: OB_SCHEMA, type: VALIDATOR },
        { id: extension, type: VALIDATOR },
      ],
    });
    const check = checkSchema(credential);
    expect(check).toMatchObject({
      status: 'warning',
      message:
        'Accepted: the JSON Schema it names at /credentialSchema/1 is not bundled with this verifier and was not checked.',
      problem: { title: 'SCHEMA_VALIDATION_ERROR', pointer: '/credentialSchema/1' },
    });
    expect(check.problem?.detail).toContain('does not bundle and never fetches');
    expect(checkSchema(credential, { schemaChecking: 'strict' })).toMatchObject({
      status: 'could-not-check',
      problem: { pointer: '/credentialSchema/1' },
    });
  });
});

describe('createVerifier on a VC 1.1 OB 3.0 credential signed by @digitalbazaar/vc (Ed25519Signature2020)', () => {
  let documentLoader: DocumentLoader;
  let didResolver: ReturnType<typeof createTestLoader>['didResolver'];
  let keyPair: any;

  beforeAll(async () => {
    ({ documentLoader, didResolver } = createTestLoader());
    keyPair = await Ed25519VerificationKey2020.generate();
    keyPair.controller = `did:key:${keyPair.fingerprint()}`;
    keyPair.id = `${keyPair.controller}#${keyPair.fingerprint()}`;
  });

  /** Issues `credential` as a legacy `@digitalbazaar/vc` issuer does, under our key's DID. */
  function issue(credential: Record<string, any>): Promise<any> {
    credential.issuer = { ...credential.issuer, id: keyPair.controller };
    return vc.issue({
      credential,
      suite: new Ed25519Signature2020({ key: keyPair, date: '2026-01-01T00:00:00Z' }),
      documentLoader,
    });
  }

  function verify(credential: unknown, options: Partial<VerifierOptions> = {}): Promise<CredentialVerification> {
    return createVerifier({ now: () => FROZEN_NOW, didResolver, ...options }).verifyCredential(credential);
  }

  const schemaOf = (r: CredentialVerification): Check | undefined => r.checks.find((c) => c.id === 'schema');

  it('§9.1 authentic, current, schema met → verified, schema passed (no "validFrom is required")', async () => {
    const r = await verify(await issue(vc11Ob3()));
    expect(r.problems).toEqual([]);
    expect(r.verified).toBe(true);
    expect(r.checks.find((c) => c.id === 'proof')?.status).toBe('passed');
    expect(schemaOf(r)).toMatchObject({ status: 'passed', details: { schema: 'AchievementCredentialv1p1' } });
  });

  it('§9.1 a schema finding (no achievement.criteria) it does not make binding → verified, schema warning', async () => {
    const credential = vc11Ob3();
    delete credential.credentialSubject.achievement.criteria;
    const r = await verify(await issue(credential));
    expect(r.verified).toBe(true);
    expect(r.problems).toEqual([]);
    expect(schemaOf(r)).toMatchObject({
      status: 'warning',
      problem: { title: 'SCHEMA_VALIDATION_ERROR', pointer: '/credentialSubject/achievement/criteria' },
    });
  });

  it('the same finding with schemaChecking: strict → verified false, the problem listed', async () => {
    const credential = vc11Ob3();
    delete credential.credentialSubject.achievement.criteria;
    const r = await verify(await issue(credential), { schemaChecking: 'strict' });
    expect(r.verified).toBe(false);
    expect(schemaOf(r)?.status).toBe('failed');
    expect(r.problems).toEqual([schemaOf(r)?.problem]);
  });

  it('§9.1 the same finding when it names credentialSchema (1EdTechJsonSchemaValidator2019) → verified false', async () => {
    const credential = vc11Ob3({
      '@context': [VC_V1, OB_3_0_3, OB_EXTENSIONS, ED25519_2020_V1],
      credentialSchema: [{ id: OB_SCHEMA, type: VALIDATOR }],
    });
    delete credential.credentialSubject.achievement.criteria;
    const r = await verify(await issue(credential));
    expect(r.checks.find((c) => c.id === 'proof')?.status).toBe('passed');
    expect(r.verified).toBe(false);
    expect(r.problems.map((p) => [p.title, p.pointer])).toEqual([
      ['SCHEMA_VALIDATION_ERROR', '/credentialSubject/achievement/criteria'],
    ]);
  });

  it('§9.1 step 1 a subject with neither id nor identifier → verified false in report mode too', async () => {
    const credential = vc11Ob3();
    delete credential.credentialSubject.id;
    const r = await verify(await issue(credential));
    expect(r.verified).toBe(false);
    expect(r.problems).toEqual([expect.objectContaining({ pointer: '/credentialSubject' })]);
  });

  it('checkSchema: false still skips the check', async () => {
    const credential = vc11Ob3();
    delete credential.credentialSubject.achievement.criteria;
    const r = await verify(await issue(credential), { checkSchema: false, schemaChecking: 'strict' });
    expect(r.verified).toBe(true);
    expect(schemaOf(r)?.status).toBe('skipped');
  });

  it('an unknown schemaChecking is the caller’s mistake: TypeError when the verifier is built', () => {
    expect(() => createVerifier({ schemaChecking: 'lenient' as never })).toThrow(TypeError);
  });
});
