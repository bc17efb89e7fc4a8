/**
 * Interop, peers verify ours, VC Data Model 1.1: the real issuer issues an Open Badges 3.0
 * credential written as VC 1.1 (`issuanceDate`, credentials/v1 + OB 3.0 context) over HTTP; the
 * Digital Bazaar stack (`@digitalbazaar/vc` + data-integrity + eddsa-rdfc-2022, and
 * vc-bitstring-status-list over `@digitalbazaar/http-client`) verifies it and reads its status.
 * VC Data Model 1.1 §4.6, §4.9; VC Data Integrity 1.0 (VC 1.1 documents add the data-integrity/v2
 * context); Bitstring Status List 1.0 §3.2.
 */
import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type IssuerApp, startIssuerApp, TOKENS } from '../helpers/issuer-app.ts';
import { call } from '../helpers/issuer-process.ts';
import { peerVerify } from '../helpers/peer-verify.ts';

const fixture = JSON.parse(readFileSync(new URL('../fixtures/ob3-certification.json', import.meta.url), 'utf8'));
const VC_V1 = 'https://www.w3.org/2018/credentials/v1';
const OB_303 = 'https://purl.imsglobal.org/spec/ob/v3p0/context-3.0.3.json';

/** The fixture as a VC 1.1 credential. */
function v11(): Record<string, unknown> {
  const { validUntil, '@context': _ctx, ...rest } = structuredClone(fixture);
  return { '@context': [VC_V1, OB_303], ...rest, issuanceDate: '2026-01-01T00:00:00Z', expirationDate: validUntil };
}

function peerStatus(result: any, purpose: string): boolean | undefined {
  return result.statusResult?.results?.find((r: any) => r.credentialStatus.statusPurpose === purpose)?.status;
}

describe('Interop: our issuer (VC 1.1 Open Badges 3.0, eddsa-rdfc-2022) → @digitalbazaar/vc + vc-bitstring-status-list over HTTP', () => {
  let issuer: IssuerApp;
  const issue = () =>
    call(
      issuer.url,
      'POST',
      '/credentials/issue',
      {
        credential: v11(),
        options: { credentialStatus: { type: 'BitstringStatusListEntry', statusPurpose: 'revocation' } },
      },
      TOKENS.full,
    );

  beforeAll(async () => {
    issuer = await startIssuerApp({ loopbackPublicBaseUrl: true });
  });
  afterAll(async () => {
    await issuer?.close();
  });

  it('VC 1.1 §4.6: issued by us (201), verified by the peer; revoke → the peer reads the revocation bit', async () => {
    const res = await issue();
    expect(res.json).toHaveProperty('verifiableCredential');
    expect(res.status).toBe(201);
    const credential = res.json.verifiableCredential;
    // VC 1.1 needs the status and Data Integrity vocabularies as contexts of their own.
    expect(credential['@context']).toEqual([
      VC_V1,
      OB_303,
      'https://www.w3.org/ns/credentials/status/v1',
      'https://w3id.org/security/data-integrity/v2',
    ]);
    expect(credential.issuanceDate).toBe('2026-01-01T00:00:00Z');
    expect(credential.credentialStatus.statusListCredential).toBe(`${issuer.url}/status/revocation/0`);
    const before = await peerVerify(credential);
    expect(before.error).toBeUndefined();
    expect(before.verified).toBe(true);
    expect(peerStatus(before, 'revocation')).toBe(false);
    const revoked = await call(
      issuer.url,
      'POST',
      '/credentials/status',
      { credentialId: credential.id, credentialStatus: [{ type: 'BitstringStatusListEntry', status: 'revoked' }] },
      TOKENS.full,
    );
    expect(revoked.status).toBe(200);
    expect(peerStatus(await peerVerify(credential), 'revocation')).toBe(true);
  });

  it('negative twin: issuanceDate changed by one second → the peer says not verified (the proof)', async () => {
    const res = await issue();
    expect(res.status).toBe(201);
    const tampered = { ...res.json.verifiableCredential, issuanceDate: '2026-01-01T00:00:01Z' };
    const r = await peerVerify(tampered);
    expect(r.verified).toBe(false);
    expect(r.results[0].verified).toBe(false);
    expect(r.statusResult).toBeUndefined();
  });
});
