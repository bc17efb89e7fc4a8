/**
 * Interop, peers make, we verify: `jose` signs a VC-JOSE-COSE `application/vc+jwt` (EdDSA, `kid` a
 * did:key DID URL, the payload the VC 2.0 Open Badges 3.0.3 credential itself); it is verified as a
 * compact JWT and as an `EnvelopedVerifiableCredential` (VC 2.0 §4.13: `"@context"` the v2 context
 * as a string, as the spec writes it, and as a list), by `createVerifier` and by the issuer's
 * `POST /credentials/verify`. VC-JOSE-COSE 1.0 §3.1.1, §3.1.3; VC Data Model 2.0 §4.13.
 */
import type { webcrypto } from 'node:crypto';
import { didKeyFromPublicKey, encodeEd25519Multikey } from '@repo/core';
import { createVerifier } from '@repo/verifier';
import { CompactSign, exportJWK, generateKeyPair } from 'jose';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FROZEN_NOW, ob3Credential } from '../helpers/credential-factory.ts';
import { type IssuerApp, startIssuerApp } from '../helpers/issuer-app.ts';
import { call } from '../helpers/issuer-process.ts';

type CryptoKey = webcrypto.CryptoKey;

const VC_V2 = 'https://www.w3.org/ns/credentials/v2';
const verifier = createVerifier({ now: () => FROZEN_NOW });

/** A compact JWS signed by jose over `payload` with `header`. */
function joseSign(header: Record<string, unknown>, payload: unknown, key: CryptoKey): Promise<string> {
  return new CompactSign(new TextEncoder().encode(JSON.stringify(payload)))
    .setProtectedHeader(header as { alg: string })
    .sign(key);
}

/** `jwt` with its payload segment replaced by `payload` (the signature kept). */
function withPayload(jwt: string, payload: unknown): string {
  const [h, , s] = jwt.split('.');
  return `${h}.${Buffer.from(JSON.stringify(payload)).toString('base64url')}.${s}`;
}

const ENVELOPES = {
  'VC 2.0 §4.13 "@context" as a string': (jwt: string) => ({
    '@context': VC_V2,
    id: `data:application/vc+jwt,${jwt}`,
    type: 'EnvelopedVerifiableCredential',
  }),
  '"@context" as a list': (jwt: string) => ({
    '@context': [VC_V2],
    id: `data:application/vc+jwt,${jwt}`,
    type: 'EnvelopedVerifiableCredential',
  }),
} as const;

describe('Interop: jose vc+jwt (VC-JOSE-COSE §3.1.1, EdDSA, did:key kid) → our verifier and POST /credentials/verify', () => {
  let issuer: IssuerApp;
  let did: string;
  let kid: string;
  let privateKey: CryptoKey;
  let credential: Record<string, any>;
  let jwt: string;

  beforeAll(async () => {
    issuer = await startIssuerApp();
    const pair = await generateKeyPair('EdDSA', { crv: 'Ed25519' });
    privateKey = pair.privateKey;
    const raw = new Uint8Array(Buffer.from((await exportJWK(pair.publicKey)).x!, 'base64url'));
    did = didKeyFromPublicKey(raw);
    kid = `${did}#${encodeEd25519Multikey(raw)}`;
    credential = ob3Credential(did);
    jwt = await joseSign({ alg: 'EdDSA', typ: 'vc+jwt', kid }, credential, privateKey);
  });
  afterAll(async () => {
    await issuer?.close();
  });

  it('the compact vc+jwt → verified; the decoded credential is the signed one', async () => {
    const r = await verifier.verifyCredential(jwt);
    expect(r.problems).toEqual([]);
    expect(r.verified).toBe(true);
    expect(r.credential).toEqual(credential);
    expect(r.checks.find((c) => c.id === 'schema')?.status).toBe('passed');
  });

  it('negative twin: the compact vc+jwt with the achievement name changed → CRYPTOGRAPHIC_SECURITY_ERROR', async () => {
    const forged = structuredClone(credential);
    forged.credentialSubject.achievement.name = 'Master Technician';
    const r = await verifier.verifyCredential(withPayload(jwt, forged));
    expect(r.verified).toBe(false);
    expect(r.checks.find((c) => c.id === 'proof')?.problem?.title).toBe('CRYPTOGRAPHIC_SECURITY_ERROR');
  });

  for (const [name, envelope] of Object.entries(ENVELOPES)) {
    describe(`EnvelopedVerifiableCredential, ${name}`, () => {
      it('our verifier: verified', async () => {
        const r = await verifier.verifyCredential(envelope(jwt));
        expect(r.problems).toEqual([]);
        expect(r.verified).toBe(true);
        expect(r.credential).toEqual(credential);
      });

      it('POST /credentials/verify: 200 verified', async () => {
        const res = await call(issuer.url, 'POST', '/credentials/verify', { verifiableCredential: envelope(jwt) });
        expect(res.json.problems).toEqual([]);
        expect(res.status).toBe(200);
        expect(res.json.verified).toBe(true);
      });

      it('negative twin: one character of the signature changed → CRYPTOGRAPHIC_SECURITY_ERROR (verifier and 422 over HTTP)', async () => {
        const at = jwt.length - 5;
        const flipped = `${jwt.slice(0, at)}${jwt[at] === 'A' ? 'B' : 'A'}${jwt.slice(at + 1)}`;
        const r = await verifier.verifyCredential(envelope(flipped));
        expect(r.verified).toBe(false);
        expect(r.checks.find((c) => c.id === 'proof')?.problem?.title).toBe('CRYPTOGRAPHIC_SECURITY_ERROR');
        const res = await call(issuer.url, 'POST', '/credentials/verify', { verifiableCredential: envelope(flipped) });
        expect(res.status).toBe(422);
        expect(res.json.verified).toBe(false);
        expect(res.json.problems.map((p: any) => p.title)).toContain('CRYPTOGRAPHIC_SECURITY_ERROR');
      });
    });
  }

  it('negative twin of the envelope: "@context" the VC 1.1 context string → MALFORMED_VALUE_ERROR at /@context', async () => {
    const bad = { ...ENVELOPES['"@context" as a list'](jwt), '@context': 'https://www.w3.org/2018/credentials/v1' };
    const r = await verifier.verifyCredential(bad);
    expect(r.verified).toBe(false);
    expect(r.problems[0]).toMatchObject({ title: 'MALFORMED_VALUE_ERROR', pointer: '/@context' });
    const res = await call(issuer.url, 'POST', '/credentials/verify', { verifiableCredential: bad });
    expect(res.status).toBe(422);
    expect(res.json.problems[0].title).toBe('MALFORMED_VALUE_ERROR');
  });
});
