import { generateKeyPairSync } from 'node:crypto';
import { createDidResolver, createJwtKeyResolver, type JwtKeyResolver, verifyCredentialJwt } from '@repo/core';
import { exportJWK, generateKeyPair, type JWK } from 'jose';
import { beforeAll, describe, expect, it, vi } from 'vitest';
import { FROZEN_NOW, ob3Credential } from '../../../../test/helpers/credential-factory.ts';
import { checkEmbeddedJwk } from '../../src/jwt/check-embedded-jwk.ts';
import {
  type DidKeyIssuer,
  didDocument,
  didKeyIssuer,
  ecMultikey,
  handJwt,
  memoryDids,
  rawJwt,
} from './jwt-test-keys.ts';

const now = FROZEN_NOW;
const t = (iso: string) => Date.parse(iso) / 1000;

let issuer: DidKeyIssuer;
let other: DidKeyIssuer;
let issuerJwk: JWK;
let resolveKey: JwtKeyResolver;

beforeAll(async () => {
  [issuer, other] = await Promise.all([didKeyIssuer(), didKeyIssuer()]);
  issuerJwk = await exportJWK(issuer.publicKey);
  resolveKey = createJwtKeyResolver(createDidResolver());
});

/** An Open Badges 3.0 §8.2 native VC-JWT payload: the credential plus iss, nbf, jti, sub. */
function ob3Payload(issuerId: string): Record<string, unknown> {
  const c = ob3Credential(issuerId, { validUntil: '2030-01-01T00:00:00Z' });
  return { ...c, iss: issuerId, nbf: t(c.validFrom), jti: c.id, sub: c.credentialSubject.id };
}

async function expectRejected(jwt: string, title: string, options: Record<string, unknown> = {}) {
  const r = await verifyCredentialJwt(jwt, { resolveKey, now, ...options });
  expect(r.verified).toBe(false);
  expect(r.proofVerified).toBe(false);
  expect(r.problem?.title).toBe(title);
  return r;
}

describe('Open Badges 3.0 §8.2: the issuer’s public key in the JOSE header (jwk) instead of a kid', () => {
  it('J1 verifies an OB 3.0 JWT signed by jose with { alg: EdDSA, typ: JWT, jwk } when the jwk is the did:key issuer’s', async () => {
    const payload = ob3Payload(issuer.did);
    const jwt = await rawJwt({ alg: 'EdDSA', typ: 'JWT', jwk: issuerJwk }, payload, issuer.privateKey);
    const r = await verifyCredentialJwt(jwt, { resolveKey, now });
    expect(r.problem).toBeUndefined();
    // The matched assertion method is reported as the kid.
    expect(r).toMatchObject({
      verified: true,
      proofVerified: true,
      alg: 'EdDSA',
      kid: issuer.kid,
      credential: payload,
    });
  });

  it('J1 rejects a jwk of another key, even one that signed the JWT', async () => {
    const otherJwk = await exportJWK(other.publicKey);
    const jwt = await rawJwt({ alg: 'EdDSA', typ: 'JWT', jwk: otherJwk }, ob3Payload(issuer.did), other.privateKey);
    const r = await expectRejected(jwt, 'INVALID_VERIFICATION_METHOD');
    expect(r.problem?.detail).toMatch(/the embedded jwk is not a key of the issuer/i);
    expect(r.problem?.detail).toContain(issuer.did);
  });

  it('J1 rejects the issuer’s own key embedded as a private jwk (with d)', async () => {
    const privateJwk = await exportJWK(issuer.privateKey);
    const jwt = await rawJwt({ alg: 'EdDSA', typ: 'JWT', jwk: privateJwk }, ob3Payload(issuer.did), issuer.privateKey);
    const r = await expectRejected(jwt, 'INVALID_VERIFICATION_METHOD');
    expect(r.problem?.detail).toMatch(/private key material \(d\)/);
    expect(r.problem?.detail).not.toContain(privateJwk.d);
  });

  it('J1 rejects an oct jwk, with no key lookup', async () => {
    const resolveEmbeddedJwk = vi.fn(resolveKey.resolveEmbeddedJwk!);
    const spied = Object.assign(vi.fn(resolveKey), { resolveEmbeddedJwk });
    const jwt = await rawJwt(
      { alg: 'EdDSA', typ: 'JWT', jwk: { kty: 'oct', k: 'c2VjcmV0' } },
      ob3Payload(issuer.did),
      issuer.privateKey,
    );
    const r = await expectRejected(jwt, 'INVALID_VERIFICATION_METHOD', { resolveKey: spied });
    expect(r.problem?.detail).toMatch(/oct/);
    expect(resolveEmbeddedJwk).not.toHaveBeenCalled();
  });

  it('J1 rejects a jwk whose family is not alg’s (a P-256 jwk under EdDSA)', async () => {
    const { publicKey } = await generateKeyPair('ES256');
    const jwt = await rawJwt(
      { alg: 'EdDSA', typ: 'JWT', jwk: await exportJWK(publicKey) },
      ob3Payload(issuer.did),
      issuer.privateKey,
    );
    const r = await expectRejected(jwt, 'INVALID_VERIFICATION_METHOD');
    expect(r.problem?.detail).toMatch(/P-256 key, which cannot verify "EdDSA"/);
  });

  it('J1 rejects an issuer that is an https URL: no DID document can vouch for the jwk', async () => {
    const jwt = await rawJwt(
      { alg: 'EdDSA', typ: 'JWT', jwk: issuerJwk },
      ob3Payload('https://issuer.example/profile'),
      issuer.privateKey,
    );
    const r = await expectRejected(jwt, 'INVALID_VERIFICATION_METHOD');
    expect(r.problem?.detail).toMatch(
      /the embedded jwk is not a key of the issuer https:\/\/issuer\.example\/profile/i,
    );
  });

  it('J1 rejects a kid and a jwk that are not the same key; the kid’s key is the one used', async () => {
    const otherJwk = await exportJWK(other.publicKey);
    const mismatch = await rawJwt(
      { alg: 'EdDSA', typ: 'JWT', kid: issuer.kid, jwk: otherJwk },
      ob3Payload(issuer.did),
      issuer.privateKey,
    );
    const r = await expectRejected(mismatch, 'INVALID_VERIFICATION_METHOD');
    expect(r.problem?.detail).toMatch(/jwk is not the key of/);
    const same = await rawJwt(
      { alg: 'EdDSA', typ: 'JWT', kid: issuer.kid, jwk: { ...issuerJwk, kid: 'anything' } },
      ob3Payload(issuer.did),
      issuer.privateKey,
    );
    expect(await verifyCredentialJwt(same, { resolveKey, now })).toMatchObject({ verified: true, kid: issuer.kid });
  });

  it('J1 verifies ES256 with the jwk of a P-256 did:key issuer, only when ES256 is configured', async () => {
    const { privateKey, publicKey } = await generateKeyPair('ES256', { extractable: true });
    const jwk = await exportJWK(publicKey);
    const did = `did:key:${ecMultikey(jwk)}`;
    const jwt = await rawJwt({ alg: 'ES256', typ: 'JWT', jwk }, ob3Payload(did), privateKey);
    const r = await verifyCredentialJwt(jwt, { resolveKey, algorithms: ['ES256'], now });
    expect(r.problem).toBeUndefined();
    expect(r).toMatchObject({ verified: true, alg: 'ES256', kid: `${did}#${ecMultikey(jwk)}` });
    await expectRejected(jwt, 'PROOF_VERIFICATION_ERROR');
  });

  it('finds the key among several assertion methods of a did:web document (JsonWebKey), never an authentication-only one', async () => {
    const did = 'did:web:issuer.example';
    const doc = didDocument(did, { type: 'JsonWebKey', publicKeyJwk: await exportJWK(other.publicKey) });
    (doc.verificationMethod as unknown[]).push({
      id: `${did}#key-2`,
      controller: did,
      type: 'JsonWebKey',
      publicKeyJwk: issuerJwk,
    });
    const payload = ob3Payload(did);
    const jwt = await rawJwt({ alg: 'EdDSA', typ: 'JWT', jwk: issuerJwk }, payload, issuer.privateKey);
    const listed = createJwtKeyResolver(memoryDids([{ ...doc, assertionMethod: [`${did}#key-1`, '#key-2'] }]));
    expect(await verifyCredentialJwt(jwt, { resolveKey: listed, now })).toMatchObject({
      verified: true,
      kid: `${did}#key-2`,
    });
    const authOnly = createJwtKeyResolver(memoryDids([{ ...doc, authentication: [`${did}#key-2`] }]));
    await expectRejected(jwt, 'INVALID_VERIFICATION_METHOD', { resolveKey: authOnly });
  });

  it('J3 an edited payload still fails the signature with a matching jwk', async () => {
    const payload = ob3Payload(issuer.did);
    const jwt = handJwt({ alg: 'EdDSA', typ: 'JWT', jwk: issuerJwk }, payload, issuer.privateKey);
    expect((await verifyCredentialJwt(jwt, { resolveKey, now })).verified).toBe(true);
    const forged = handJwt(
      { alg: 'EdDSA', typ: 'JWT', jwk: issuerJwk },
      { ...payload, name: 'Forged' },
      other.privateKey,
    );
    await expectRejected(forged, 'CRYPTOGRAPHIC_SECURITY_ERROR');
  });

  it('rejects a jwk-only JWT when the key resolver cannot look up embedded keys', async () => {
    const jwt = await rawJwt({ alg: 'EdDSA', typ: 'JWT', jwk: issuerJwk }, ob3Payload(issuer.did), issuer.privateKey);
    const r = await expectRejected(jwt, 'INVALID_VERIFICATION_METHOD', { resolveKey: async () => ({}) as never });
    expect(r.problem?.detail).toMatch(/cannot look up an embedded jwk/);
  });

  it('resolveEmbeddedJwk gives the matching assertion method of a DID, refuses a non-DID issuer', async () => {
    const found = await resolveKey.resolveEmbeddedJwk!(issuerJwk, issuer.did);
    expect(found).toMatchObject({ id: issuer.kid, controller: issuer.did });
    await expect(resolveKey.resolveEmbeddedJwk!(issuerJwk, other.did)).rejects.toMatchObject({
      code: 'INVALID_VERIFICATION_METHOD',
    });
    await expect(resolveKey.resolveEmbeddedJwk!(issuerJwk, 'https://issuer.example')).rejects.toThrow(
      /not a key of the issuer https:\/\/issuer\.example/,
    );
  });
});

describe('checkEmbeddedJwk: a public key of a supported kind and of alg’s family', () => {
  it('accepts public Ed25519, P-256, P-384 and RSA-2048 keys, keeping only their public members', async () => {
    expect(checkEmbeddedJwk({ ...issuerJwk, kid: 'k', use: 'sig' }, 'EdDSA')).toEqual({
      jwk: { kty: 'OKP', crv: 'Ed25519', x: issuerJwk.x },
    });
    for (const alg of ['ES256', 'ES384'] as const) {
      const { publicKey } = await generateKeyPair(alg);
      expect(checkEmbeddedJwk(await exportJWK(publicKey), alg)).toHaveProperty('jwk');
    }
    const rsa = generateKeyPairSync('rsa', { modulusLength: 2048 }).publicKey.export({ format: 'jwk' });
    expect(checkEmbeddedJwk(rsa, 'RS256')).toHaveProperty('jwk');
    expect(checkEmbeddedJwk(rsa, 'PS256')).toHaveProperty('jwk');
  });

  it('rejects private, symmetric, short RSA, unsupported curves and mismatched families', async () => {
    const rsa1024 = generateKeyPairSync('rsa', { modulusLength: 1024 });
    const { publicKey: p521 } = await generateKeyPair('ES512');
    const cases: Array<[unknown, string, RegExp]> = [
      [await exportJWK(issuer.privateKey), 'EdDSA', /private key material \(d\)/],
      [rsa1024.privateKey.export({ format: 'jwk' }), 'RS256', /private key material \(d, p, q, dp, dq, qi\)/],
      [{ kty: 'oct', k: 'c2VjcmV0' }, 'EdDSA', /oct/],
      [rsa1024.publicKey.export({ format: 'jwk' }), 'RS256', /1024 bits/],
      [await exportJWK(p521), 'ES512', /curve "P-521" is not supported/],
      [issuerJwk, 'RS256', /Ed25519 key, which cannot verify "RS256"/],
      [{ ...issuerJwk, alg: 'ES256' }, 'EdDSA', /own alg/],
      [{ ...issuerJwk, use: 'enc' }, 'EdDSA', /use/],
      [{ ...issuerJwk, x: 'AAAA' }, 'EdDSA', /not a valid public key/],
      ['{"kty":"OKP"}', 'EdDSA', /not a JSON object/],
      [{ kty: 'OKP', crv: 'X25519', x: issuerJwk.x }, 'EdDSA', /curve "X25519"/],
    ];
    for (const [value, alg, reason] of cases) {
      const checked = checkEmbeddedJwk(value, alg);
      expect('reason' in checked ? checked.reason : 'accepted').toMatch(reason);
    }
  });
});
