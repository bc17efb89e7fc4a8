/**
 * VC Data Model 1.1 (W3C Recommendation 2022-03-03) legacy credentials through
 * `createVerifier().verifyCredential`: §4.1 contexts (credentials/v1 first), §4.6 issuanceDate,
 * §4.7 proofs (our DataIntegrityProof, eddsa-rdfc-2022), §4.8 expirationDate, §4.9 status with a
 * W3C CCG Status List 2021 entry.
 */
import type { DocumentLoader, SigningKey } from '@repo/core';
import { type Check, type CredentialVerification, createVerifier, type VerifierOptions } from '@repo/verifier';
import { beforeAll, describe, expect, it } from 'vitest';
import {
  createTestKey,
  createTestLoader,
  frozenClock,
  statusListServer,
} from '../../../../test/helpers/credential-factory.ts';
import {
  SL2021_BASE,
  STATUS_LIST_2021_V1,
  signedStatusList2021,
  signedVc11Credential,
  statusList2021Entry,
  VC_V1,
} from '../../../../test/helpers/legacy-fixtures.ts';

const DATA_INTEGRITY_V2 = 'https://w3id.org/security/data-integrity/v2';
const REVOCATION_URL = `${SL2021_BASE}/revocation/0`;
const SUSPENSION_URL = `${SL2021_BASE}/suspension/0`;

let key: SigningKey;
let documentLoader: DocumentLoader;
let didResolver: ReturnType<typeof createTestLoader>['didResolver'];

beforeAll(async () => {
  ({ documentLoader, didResolver } = createTestLoader());
  key = await createTestKey();
});

function check(r: CredentialVerification, id: Check['id']): Check {
  const c = r.checks.find((x) => x.id === id);
  if (!c) throw new Error(`no ${id} check`);
  return c;
}

/** A verifier with both 2021 lists published (revocation: index 4 set; suspension: index 7 set). */
async function world(options: Partial<VerifierOptions> = {}) {
  const server = statusListServer();
  server.publish(REVOCATION_URL, await signedStatusList2021({ key, documentLoader, url: REVOCATION_URL, set: [4] }));
  server.publish(
    SUSPENSION_URL,
    await signedStatusList2021({ key, documentLoader, url: SUSPENSION_URL, purpose: 'suspension', set: [7] }),
  );
  const clock = frozenClock();
  const verifier = createVerifier({
    now: clock.now,
    didResolver,
    fetchStatusList: server.fetchStatusList,
    checkSchema: false,
    ...options,
  });
  return { server, clock, verifier };
}

/** A signed VC 1.1 credential with revocation + suspension entries at `index`. */
function legacyCredential(index: string, overrides: Record<string, unknown> = {}) {
  return signedVc11Credential(key, documentLoader, {
    credentialStatus: [statusList2021Entry({ index }), statusList2021Entry({ index, purpose: 'suspension' })],
    ...overrides,
  });
}

describe('VC Data Model 1.1 credential with a DataIntegrityProof and Status List 2021 status', () => {
  it('§4.1/§4.7 signs with credentials/v1 first; the suite adds the Data Integrity v2 context', async () => {
    const credential = await legacyCredential('9');
    expect(credential['@context']).toEqual([VC_V1, STATUS_LIST_2021_V1, DATA_INTEGRITY_V2]);
    expect(credential.proof).toMatchObject({
      type: 'DataIntegrityProof',
      cryptosuite: 'eddsa-rdfc-2022',
      proofPurpose: 'assertionMethod',
    });
  });

  it('§4.9 status clear on both lists → verified: proof, validity (issuanceDate) and status passed, lifecycle current', async () => {
    const { verifier } = await world();
    const r = await verifier.verifyCredential(await legacyCredential('9'));
    expect(r.problems).toEqual([]);
    expect(r.verified).toBe(true);
    expect(check(r, 'proof').status).toBe('passed');
    expect(check(r, 'validity')).toMatchObject({
      status: 'passed',
      message: 'The credential is valid and has no end date.',
      details: { issuanceDate: '2026-01-01T00:00:00Z' },
    });
    expect(check(r, 'status')).toMatchObject({
      status: 'passed',
      details: {
        entries: [
          { type: 'StatusList2021Entry', statusPurpose: 'revocation', value: 0 },
          { type: 'StatusList2021Entry', statusPurpose: 'suspension', value: 0 },
        ],
      },
    });
    expect(r.lifecycle?.state).toBe('current');
    expect(r.issuer).toBe(key.controller);
  });

  it('S1 revoked on the 2021 revocation list → CREDENTIAL_REVOKED, lifecycle revoked', async () => {
    const { verifier } = await world();
    const r = await verifier.verifyCredential(await legacyCredential('4'));
    expect(r.verified).toBe(false);
    expect(check(r, 'proof').status).toBe('passed');
    expect(check(r, 'status').problem).toMatchObject({
      title: 'CREDENTIAL_REVOKED',
      detail: 'This credential was revoked by its issuer.',
      pointer: '/credentialStatus/0',
    });
    expect(r.lifecycle?.state).toBe('revoked');
  });

  it('S2 suspended on the 2021 suspension list → CREDENTIAL_SUSPENDED, lifecycle suspended', async () => {
    const { verifier } = await world();
    const r = await verifier.verifyCredential(await legacyCredential('7'));
    expect(r.verified).toBe(false);
    expect(check(r, 'status').problem).toMatchObject({
      title: 'CREDENTIAL_SUSPENDED',
      detail: 'This credential is suspended by its issuer for now.',
      pointer: '/credentialStatus/1',
    });
    expect(r.lifecycle?.state).toBe('suspended');
  });

  it('T1 a changed statusListIndex (revoked 4 → clear 9) breaks the proof; nothing is fetched for it', async () => {
    const { server, verifier } = await world();
    const credential = await legacyCredential('4');
    credential.credentialStatus[0].statusListIndex = '9';
    const r = await verifier.verifyCredential(credential);
    expect(r.verified).toBe(false);
    expect(check(r, 'proof').problem?.title).toBe('CRYPTOGRAPHIC_SECURITY_ERROR');
    expect(check(r, 'status').status).toBe('skipped');
    expect(server.calls).toEqual([]);
  });
});

describe('VC Data Model 1.1 §4.6 issuanceDate and §4.8 expirationDate (V1, V2)', () => {
  it('V1 expirationDate passed beyond the skew → CREDENTIAL_EXPIRED (authentic, status still read)', async () => {
    const { verifier } = await world();
    const r = await verifier.verifyCredential(await legacyCredential('9', { expirationDate: '2026-06-01T11:58:59Z' }));
    expect(r.verified).toBe(false);
    expect(check(r, 'proof').status).toBe('passed');
    expect(check(r, 'validity').problem).toMatchObject({
      title: 'CREDENTIAL_EXPIRED',
      detail: 'This credential expired on 2026-06-01T11:58:59Z.',
      pointer: '/expirationDate',
    });
    expect(check(r, 'status').status).toBe('passed');
    expect(r.problems.map((p) => p.title)).toEqual(['CREDENTIAL_EXPIRED']);
    expect(r.lifecycle?.state).toBe('lapsed');
  });

  it('V1 boundary: expirationDate + skew is still valid', async () => {
    const { verifier } = await world();
    const r = await verifier.verifyCredential(await legacyCredential('9', { expirationDate: '2026-06-01T11:59:00Z' }));
    expect(r.verified).toBe(true);
    expect(check(r, 'validity').message).toBe('The credential is valid until 2026-06-01T11:59:00Z.');
  });

  it('V2 issuanceDate in the future beyond the skew → CREDENTIAL_NOT_YET_VALID', async () => {
    const { verifier } = await world();
    const r = await verifier.verifyCredential(await legacyCredential('9', { issuanceDate: '2026-06-01T12:01:01Z' }));
    expect(r.verified).toBe(false);
    expect(check(r, 'proof').status).toBe('passed');
    expect(check(r, 'validity').problem).toMatchObject({
      title: 'CREDENTIAL_NOT_YET_VALID',
      detail: 'This credential is not valid until 2026-06-01T12:01:01Z.',
      pointer: '/issuanceDate',
    });
    expect(r.lifecycle?.state).toBe('not-yet-valid');
  });

  it('V2 boundary: issuanceDate = now + skew is accepted', async () => {
    const { verifier } = await world();
    const r = await verifier.verifyCredential(await legacyCredential('9', { issuanceDate: '2026-06-01T12:01:00Z' }));
    expect(r.verified).toBe(true);
  });

  it('an expired and revoked credential reports both problems', async () => {
    const { verifier } = await world();
    const r = await verifier.verifyCredential(await legacyCredential('4', { expirationDate: '2026-05-01T00:00:00Z' }));
    expect(r.problems.map((p) => p.title)).toEqual(['CREDENTIAL_EXPIRED', 'CREDENTIAL_REVOKED']);
    expect(r.lifecycle?.state).toBe('revoked');
  });

  it('T1 a moved expirationDate breaks the proof', async () => {
    const { verifier } = await world();
    const credential = await legacyCredential('9', { expirationDate: '2026-05-01T00:00:00Z' });
    credential.expirationDate = '2036-05-01T00:00:00Z';
    const r = await verifier.verifyCredential(credential);
    expect(r.verified).toBe(false);
    expect(check(r, 'proof').problem?.title).toBe('CRYPTOGRAPHIC_SECURITY_ERROR');
  });
});
