// The verifier library against an issuer running on this machine (README "For employers"): with
// the default, safe network policy a status list on http://127.0.0.1 is never fetched, so the
// status "could not be checked" (never "not revoked"); with allowLocalhost (development only) it is
// read, and a revocation shows.
import { createVerifier } from '@repo/verifier';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { awardTemplate } from '../helpers/awards.ts';
import { type IssuerApp, startIssuerApp, TOKENS } from '../helpers/issuer-app.ts';
import { call } from '../helpers/issuer-process.ts';

let issuer: IssuerApp;
let credential: Record<string, any>;

beforeAll(async () => {
  issuer = await startIssuerApp({ loopbackPublicBaseUrl: true });
  const made = awardTemplate((c) => (c.credentialSubject.id = 'did:example:worker-4f1c'));
  const res = await call(issuer.url, 'POST', '/credentials/issue', { credential: made }, TOKENS.full);
  expect(res.status, res.text).toBe(201);
  credential = res.json.verifiableCredential;
  expect(credential.credentialStatus[0].statusListCredential).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/status\//);
});
afterAll(async () => {
  await issuer?.close();
});

const statusOf = (result: { checks: Array<{ id: string; status: string }> }) =>
  result.checks.find((c) => c.id === 'status')?.status;

describe('verifier allowLocalhost (development only)', () => {
  const now = () => new Date('2026-03-01T12:00:00Z');

  it('default policy: the local status list is not fetched — the status could not be checked, and verified is false', async () => {
    const result = await createVerifier({ now }).verifyCredential(credential);
    expect(statusOf(result)).toBe('could-not-check');
    expect(result.verified).toBe(false);
    expect(result.problems.map((p) => p.title)).toContain('STATUS_RETRIEVAL_ERROR');
  });

  it('allowLocalhost: true reads the list: verified; after a revocation over HTTP, CREDENTIAL_REVOKED (S1)', async () => {
    const result = await createVerifier({ now, allowLocalhost: true }).verifyCredential(credential);
    expect(result.verified, JSON.stringify(result.problems)).toBe(true);
    expect(statusOf(result)).toBe('passed');
    const revoke = await call(
      issuer.url,
      'POST',
      '/credentials/status',
      { credentialId: credential.id, credentialStatus: [{ type: 'BitstringStatusListEntry', status: 'revoked' }] },
      TOKENS.full,
    );
    expect(revoke.status, revoke.text).toBe(200);
    const after = await createVerifier({ now, allowLocalhost: true }).verifyCredential(credential);
    expect(after.verified).toBe(false);
    expect(after.problems.map((p) => p.title)).toContain('CREDENTIAL_REVOKED');
  });

  it('a wrong value is a caller mistake (TypeError)', () => {
    expect(() => createVerifier({ allowLocalhost: 'yes' as unknown as boolean })).toThrow(TypeError);
  });
});
