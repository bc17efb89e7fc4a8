import { createPublicKey } from 'node:crypto';
import {
  createDidResolver,
  createJwtKeyResolver,
  jwtKeyResolverAt,
  jwtSigningTime,
  publicJwkFromMultikey,
  verificationMethodJwk,
  verifyCredentialJwt,
} from '@repo/core';
import { decodeJwt, exportJWK, generateKeyPair, type JWK } from 'jose';
import { beforeEach, describe, expect, it } from 'vitest';
import { createTestKey } from '../../../../test/helpers/credential-factory.ts';
import { type DidWebIssuer, didWebIssuer, ISSUER_DID } from '../proofs/did-web-issuer.ts';
import { ob3v2 } from '../proofs/support.ts';
import { ecMultikey, rawJwt } from './jwt-test-keys.ts';

describe('Controlled Identifiers 1.0 §2.2.2 Multikey → JWK for JWS verification', () => {
  it('Ed25519 (z6Mk…) becomes an OKP JWK of the same key', async () => {
    const key = await createTestKey();
    const jwk = publicJwkFromMultikey(key.publicKeyMultibase);
    expect(jwk).toMatchObject({ kty: 'OKP', crv: 'Ed25519' });
    expect(() => createPublicKey({ key: jwk as any, format: 'jwk' })).not.toThrow();
  });

  for (const alg of ['ES256', 'ES384'] as const) {
    it(`${alg === 'ES256' ? 'P-256 (zDn…)' : 'P-384 (z82…)'}: the compressed point decompresses to the same x, y`, async () => {
      const { publicKey } = await generateKeyPair(alg);
      const { kty, crv, x, y } = await exportJWK(publicKey);
      const multibase = ecMultikey({ kty, crv, x, y });
      expect(multibase.startsWith(alg === 'ES256' ? 'zDn' : 'z82')).toBe(true);
      expect(publicJwkFromMultikey(multibase)).toEqual({ kty, crv, x, y });
    });
  }

  it('anything else → undefined', () => {
    for (const bad of [
      undefined,
      42,
      '',
      'f00',
      'z',
      'zzzz',
      'z6MkiTBz1ymuepAQ4HEHYSF1H8quG5GLVVQR3djdX3mDooW',
      'zDnaeXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXX',
    ]) {
      expect(publicJwkFromMultikey(bad)).toBeUndefined();
    }
  });

  it('a JsonWebKey method must hold a public asymmetric key: never d, never oct', async () => {
    const { privateKey, publicKey } = await generateKeyPair('ES256', { extractable: true });
    expect(verificationMethodJwk({ type: 'JsonWebKey', publicKeyJwk: await exportJWK(publicKey) })).toMatchObject({
      kty: 'EC',
    });
    expect(verificationMethodJwk({ type: 'JsonWebKey', publicKeyJwk: await exportJWK(privateKey) })).toBeUndefined();
    expect(verificationMethodJwk({ type: 'JsonWebKey', publicKeyJwk: { kty: 'oct', k: 'c2VjcmV0' } })).toBeUndefined();
    expect(verificationMethodJwk({ type: 'EcdsaSecp256k1VerificationKey2019', publicKeyHex: '02' })).toBeUndefined();
  });

  it('createJwtKeyResolver gives a did:key assertionMethod key and its controller, refuses any other fragment', async () => {
    const key = await createTestKey();
    const resolved = await createJwtKeyResolver(createDidResolver())(key.id);
    expect(resolved.controller).toBe(key.controller);
    expect((resolved.key as import('node:crypto').KeyObject).export({ format: 'jwk' })).toEqual(key.publicJwk());
    await expect(createJwtKeyResolver(createDidResolver())(`${key.controller}#other`)).rejects.toMatchObject({
      code: 'INVALID_VERIFICATION_METHOD',
    });
  });
});

describe('JWT keys: retiredAt and revoked (Controlled Identifiers 1.0 §2.2.4) checked in key resolution', () => {
  const NOW = new Date('2026-06-01T12:00:00Z');
  const seconds = (iso: string) => Date.parse(iso) / 1000;
  let issuer: DidWebIssuer;
  beforeEach(async () => {
    issuer = await didWebIssuer(2);
  });
  const key1 = () => issuer.keys[0]!;
  /** An Open Badges 3.0 §8.2 JWT (`iat`, `nbf`) by `key`, signed with jose. */
  const obJwt = (iat: string, key = key1()) => {
    const credential = ob3v2(ISSUER_DID);
    const claims = { iss: ISSUER_DID, jti: credential.id, nbf: seconds(credential.validFrom), iat: seconds(iat) };
    return rawJwt({ alg: 'EdDSA', kid: key.id, typ: 'JWT' }, { ...credential, ...claims }, key.keyObjects.privateKey);
  };
  const verify = (jwt: string) => {
    const resolveKey = createJwtKeyResolver(issuer.resolver);
    const payload = decodeJwt(jwt);
    return verifyCredentialJwt(jwt, { resolveKey: jwtKeyResolverAt(resolveKey, jwtSigningTime(payload)), now: NOW });
  };

  it('jwtSigningTime: iat, else nbf, else (vc+jwt) the credential’s validFrom / issuanceDate', () => {
    expect(jwtSigningTime({ iat: 10, nbf: 20 })).toEqual({ at: 10_000, pointer: '/iat' });
    expect(jwtSigningTime({ nbf: 20 })).toEqual({ at: 20_000, pointer: '/nbf' });
    expect(jwtSigningTime({ validFrom: '1970-01-01T00:00:30Z' })).toEqual({ at: 30_000, pointer: '/validFrom' });
    expect(jwtSigningTime({}, { issuanceDate: '1970-01-01T00:00:40Z' })).toEqual({
      at: 40_000,
      pointer: '/issuanceDate',
    });
    expect(jwtSigningTime({ iat: 'yesterday' })).toEqual({ at: undefined, pointer: '/iat' });
    expect(jwtSigningTime({}).at).toBeUndefined();
  });

  it('a retired key verifies a JWT issued (iat) up to its retirement; one after it → INVALID_VERIFICATION_METHOD at /iat', async () => {
    const before = await obJwt('2026-02-01T00:00:00Z');
    const after = await obJwt('2026-03-02T00:00:00Z');
    issuer.states.set(key1().id, { retiredAt: '2026-03-01T00:00:00Z' });
    expect((await verify(before)).problem).toBeUndefined();
    const r = await verify(after);
    expect(r).toMatchObject({ verified: false, proofVerified: false });
    expect(r.problem).toMatchObject({ title: 'INVALID_VERIFICATION_METHOD', pointer: '/iat' });
    expect(r.problem?.detail).toContain('signed with a key retired on 2026-03-01T00:00:00.000Z');
  });

  it('a VC-JOSE-COSE vc+jwt (payload = credential, no iat/nbf) is dated by its validFrom', async () => {
    const credential = { ...ob3v2(ISSUER_DID), validFrom: '2026-04-01T00:00:00Z' };
    const jwt = await rawJwt({ alg: 'EdDSA', kid: key1().id, typ: 'vc+jwt' }, credential, key1().keyObjects.privateKey);
    issuer.states.set(key1().id, { retiredAt: '2026-03-01T00:00:00Z' });
    expect((await verify(jwt)).problem).toMatchObject({ title: 'INVALID_VERIFICATION_METHOD', pointer: '/validFrom' });
  });

  it('without a signing time a retired key is refused (nothing shows the JWT predates the retirement)', async () => {
    issuer.states.set(key1().id, { retiredAt: '2026-03-01T00:00:00Z' });
    await expect(createJwtKeyResolver(issuer.resolver)(key1().id)).rejects.toMatchObject({
      code: 'INVALID_VERIFICATION_METHOD',
    });
  });

  it('a revoked key (taken out of assertionMethod) → INVALID_VERIFICATION_METHOD "revoked on …", not "not listed"', async () => {
    const jwt = await obJwt('2025-01-01T00:00:00Z');
    expect((await verify(jwt)).verified).toBe(true);
    issuer.states.set(key1().id, { revoked: '2026-05-01T00:00:00Z' });
    const r = await verify(jwt);
    expect(r.problem).toMatchObject({ title: 'INVALID_VERIFICATION_METHOD', pointer: '/kid' });
    expect(r.problem?.detail).toContain('revoked on 2026-05-01T00:00:00.000Z');
  });

  it('Open Badges 3.0 §8.2 an embedded jwk of a revoked key names the revocation too', async () => {
    issuer.states.set(key1().id, { revoked: '2026-05-01T00:00:00Z' });
    const resolveKey = createJwtKeyResolver(issuer.resolver);
    const jwk = key1().publicJwk() as JWK;
    await expect(resolveKey.resolveEmbeddedJwk!(jwk, ISSUER_DID)).rejects.toMatchObject({
      code: 'INVALID_VERIFICATION_METHOD',
      message: expect.stringContaining('revoked on'),
    });
    // The other key, current, is found as before.
    const other = issuer.keys[1]!.publicJwk() as JWK;
    expect((await resolveKey.resolveEmbeddedJwk!(other, ISSUER_DID)).id).toBe(issuer.keys[1]!.id);
  });
});
