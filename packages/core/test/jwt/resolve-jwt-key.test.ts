import { createPublicKey } from 'node:crypto';
import { createDidResolver, createJwtKeyResolver, publicJwkFromMultikey, verificationMethodJwk } from '@repo/core';
import { exportJWK, generateKeyPair } from 'jose';
import { describe, expect, it } from 'vitest';
import { createTestKey } from '../../../../test/helpers/credential-factory.ts';
import { ecMultikey } from './jwt-test-keys.ts';

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
