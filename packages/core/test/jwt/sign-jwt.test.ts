import { generateKeyPairSync, type KeyObject } from 'node:crypto';
import {
  createDidResolver,
  createJwtKeyResolver,
  defaultJwtProfile,
  generateSigningKey,
  importSigningKey,
  type JwtKeyResolver,
  type SigningKey,
  signCredentialJwt,
  VcError,
  verifyCredentialJwt,
} from '@repo/core';
import { decodeJwt, decodeProtectedHeader, exportJWK, generateKeyPair } from 'jose';
import { beforeAll, describe, expect, it } from 'vitest';
import { createTestKey, FROZEN_NOW, ob3Credential } from '../../../../test/helpers/credential-factory.ts';
import { vc11Credential } from '../../../../test/helpers/legacy-fixtures.ts';
import { didDocument, ecMultikey, memoryDids } from './jwt-test-keys.ts';

let key: SigningKey;
let resolveKey: JwtKeyResolver;
const now = FROZEN_NOW;

beforeAll(async () => {
  key = await createTestKey();
  resolveKey = createJwtKeyResolver(createDidResolver());
});

describe('VC-JOSE-COSE §3.1.1 application/vc+jwt: signCredentialJwt → verifyCredentialJwt round trips', () => {
  it('EdDSA (Ed25519 SigningKey, did:key): header { alg, kid, typ: vc+jwt, cty: vc }, payload = the credential', async () => {
    const credential = ob3Credential(key, { validUntil: '2030-01-01T00:00:00Z' });
    const jwt = await signCredentialJwt(credential, { key, now, profile: 'vc-jose-cose' });
    expect(decodeProtectedHeader(jwt)).toEqual({ alg: 'EdDSA', kid: key.id, typ: 'vc+jwt', cty: 'vc' });
    expect(decodeJwt(jwt)).toEqual(credential);
    const r = await verifyCredentialJwt(jwt, { resolveKey, now });
    expect(r).toMatchObject({ verified: true, proofVerified: true, format: 'vc-jose-cose', alg: 'EdDSA', kid: key.id });
    expect(r.problem).toBeUndefined();
    expect(r.credential).toEqual(credential);
  });

  it('EdDSA through the Multikey signer when the key carries no keyObjects', async () => {
    // A spread copies only enumerable members: keyObjects (non-enumerable) is left behind.
    const bare = { ...key } as SigningKey;
    expect((bare as { keyObjects?: unknown }).keyObjects).toBeUndefined();
    const credential = ob3Credential(key);
    const jwt = await signCredentialJwt(credential, { key: bare, now, profile: 'vc-jose-cose' });
    expect(decodeProtectedHeader(jwt).alg).toBe('EdDSA');
    expect((await verifyCredentialJwt(jwt, { resolveKey, now })).verified).toBe(true);
  });

  it('ES256 with a P-256 key made by jose (Multikey zDn… verification method)', async () => {
    const { privateKey, publicKey } = await generateKeyPair('ES256');
    const did = 'did:web:p256.example';
    const dids = memoryDids([
      didDocument(did, { type: 'Multikey', publicKeyMultibase: ecMultikey(await exportJWK(publicKey)) }),
    ]);
    const credential = ob3Credential(did);
    const jwt = await signCredentialJwt(credential, {
      key: { id: `${did}#key-1`, privateKey },
      now,
      profile: 'vc-jose-cose',
    });
    expect(decodeProtectedHeader(jwt)).toMatchObject({ alg: 'ES256', kid: `${did}#key-1`, typ: 'vc+jwt' });
    const r = await verifyCredentialJwt(jwt, { resolveKey: createJwtKeyResolver(dids), algorithms: ['ES256'], now });
    expect(r).toMatchObject({ verified: true, format: 'vc-jose-cose', alg: 'ES256' });
  });

  it('ES256 with a SigningKey whose non-enumerable keyObjects hold a P-256 pair', async () => {
    const pair = generateKeyPairSync('ec', { namedCurve: 'P-256' });
    const did = 'did:web:issuer-p256.example';
    const publicKeyMultibase = ecMultikey(pair.publicKey.export({ format: 'jwk' }) as any);
    const signingKey = p256SigningKey(did, publicKeyMultibase, pair);
    const dids = memoryDids([didDocument(did, { type: 'Multikey', publicKeyMultibase })]);
    const jwt = await signCredentialJwt(ob3Credential(signingKey), { key: signingKey, now });
    expect(decodeProtectedHeader(jwt).alg).toBe('ES256');
    const r = await verifyCredentialJwt(jwt, { resolveKey: createJwtKeyResolver(dids), algorithms: ['ES256'], now });
    expect(r.verified).toBe(true);
  });

  for (const [algorithm, alg] of [
    ['P-256', 'ES256'],
    ['P-384', 'ES384'],
  ] as const) {
    it(`${alg} with a ${algorithm} SigningKey (did:key, keyObjects) verified through the did:key resolver`, async () => {
      const ecKey = await importSigningKey((await generateSigningKey({ algorithm })).serialized);
      const jwt = await signCredentialJwt(ob3Credential(ecKey), { key: ecKey, now });
      expect(decodeProtectedHeader(jwt)).toMatchObject({ alg, kid: ecKey.id });
      const r = await verifyCredentialJwt(jwt, { resolveKey, algorithms: [alg], now });
      expect(r).toMatchObject({ verified: true, alg });
    });
  }

  it('ES384 with a P-384 key made by jose (JsonWebKey verification method)', async () => {
    const { privateKey, publicKey } = await generateKeyPair('ES384');
    const did = 'did:web:p384.example';
    const dids = memoryDids([didDocument(did, { type: 'JsonWebKey', publicKeyJwk: await exportJWK(publicKey) })]);
    const jwt = await signCredentialJwt(ob3Credential(did), { key: { id: `${did}#key-1`, privateKey }, now });
    expect(decodeProtectedHeader(jwt).alg).toBe('ES384');
    const r = await verifyCredentialJwt(jwt, { resolveKey: createJwtKeyResolver(dids), algorithms: ['ES384'], now });
    expect(r.verified).toBe(true);
  });

  it('RS256 with an RSA key made by jose (JsonWebKey verification method), accepted only when listed', async () => {
    const { privateKey, publicKey } = await generateKeyPair('RS256');
    const did = 'did:web:rsa.example';
    const dids = createJwtKeyResolver(
      memoryDids([didDocument(did, { type: 'JsonWebKey', publicKeyJwk: await exportJWK(publicKey) })]),
    );
    const jwt = await signCredentialJwt(ob3Credential(did), { key: { id: `${did}#key-1`, privateKey }, now });
    expect(decodeProtectedHeader(jwt).alg).toBe('RS256');
    const byDefault = await verifyCredentialJwt(jwt, { resolveKey: dids, now });
    expect(byDefault).toMatchObject({ verified: false, problem: { title: 'PROOF_VERIFICATION_ERROR' } });
    expect((await verifyCredentialJwt(jwt, { resolveKey: dids, algorithms: ['RS256'], now })).verified).toBe(true);
  });

  it('a credential that is no Open Badge gets the VC-JOSE-COSE form by default', async () => {
    const credential: Record<string, any> = {
      ...ob3Credential(key),
      type: ['VerifiableCredential', 'ExampleDegreeCredential'],
    };
    const jwt = await signCredentialJwt(credential, { key, now });
    expect(decodeProtectedHeader(jwt)).toEqual({ alg: 'EdDSA', kid: key.id, typ: 'vc+jwt', cty: 'vc' });
    expect(decodeJwt(jwt)).toEqual(credential);
    expect(defaultJwtProfile(credential)).toBe('vc-jose-cose');
  });

  it('a changed credential no longer verifies (tamper → CRYPTOGRAPHIC_SECURITY_ERROR)', async () => {
    const jwt = await signCredentialJwt(ob3Credential(key), { key, now });
    const [h, p, s] = jwt.split('.') as [string, string, string];
    const payload = JSON.parse(Buffer.from(p, 'base64url').toString());
    payload.credentialSubject.achievement.name = 'Master Technician';
    const forged = `${h}.${Buffer.from(JSON.stringify(payload)).toString('base64url')}.${s}`;
    const r = await verifyCredentialJwt(forged, { resolveKey, now });
    expect(r).toMatchObject({
      verified: false,
      proofVerified: false,
      problem: { title: 'CRYPTOGRAPHIC_SECURITY_ERROR' },
    });
    expect(r.credential).toBeUndefined();
  });
});

describe('Open Badges 3.0 §8.2 JSON Web Token Proof Format (the default for Open Badges and CLR credentials)', () => {
  it('§8.2 "Create the JOSE Header": exactly alg, kid, typ "JWT" (no cty, no other header)', async () => {
    const jwt = await signCredentialJwt(ob3Credential(key), { key, now });
    const header = decodeProtectedHeader(jwt);
    expect(header).toEqual({ alg: 'EdDSA', kid: key.id, typ: 'JWT' });
    expect(Object.keys(header).sort()).toEqual(['alg', 'kid', 'typ']);
  });

  it('§8.2 "JWT Payload Format": the credential plus iss = issuer.id, jti = id, nbf = validFrom, sub = credentialSubject.id, exp = validUntil (and iat)', async () => {
    const credential = ob3Credential(key, { validUntil: '2030-01-01T00:00:00Z' });
    const jwt = await signCredentialJwt(credential, { key, now });
    expect(decodeJwt(jwt)).toEqual({
      ...credential,
      iss: key.controller,
      jti: credential.id,
      nbf: Date.parse('2026-01-01T00:00:00Z') / 1000,
      sub: 'did:example:worker-4f1c',
      exp: Date.parse('2030-01-01T00:00:00Z') / 1000,
      iat: now.getTime() / 1000,
    });
    const r = await verifyCredentialJwt(jwt, { resolveKey, now });
    expect(r).toMatchObject({ verified: true, format: 'ob', kid: key.id });
    expect(r.credential).toEqual(decodeJwt(jwt));
  });

  it('leaves exp out without validUntil and sub out for a subject without id', async () => {
    const credential = ob3Credential(key);
    delete credential.credentialSubject.id;
    const payload = decodeJwt(await signCredentialJwt(credential, { key, now }));
    expect(payload.exp).toBeUndefined();
    expect(payload.sub).toBeUndefined();
    expect(payload.nbf).toBe(Date.parse('2026-01-01T00:00:00Z') / 1000);
  });

  for (const type of ['OpenBadgeCredential', 'AchievementCredential', 'EndorsementCredential', 'ClrCredential']) {
    it(`a ${type} defaults to the §8.2 form; profile "vc-jose-cose" still gives vc+jwt`, async () => {
      const credential = { ...ob3Credential(key), type: ['VerifiableCredential', type] };
      expect(defaultJwtProfile(credential)).toBe('ob');
      expect(decodeProtectedHeader(await signCredentialJwt(credential, { key, now })).typ).toBe('JWT');
      const jose = await signCredentialJwt(credential, { key, now, profile: 'vc-jose-cose' });
      expect(decodeProtectedHeader(jose)).toMatchObject({ typ: 'vc+jwt', cty: 'vc' });
    });
  }

  it('profile "ob" on any VC 2.0 credential gives the §8.2 form', async () => {
    const credential: Record<string, any> = {
      ...ob3Credential(key),
      type: ['VerifiableCredential', 'ExampleDegreeCredential'],
    };
    const jwt = await signCredentialJwt(credential, { key, now, profile: 'ob' });
    expect(decodeProtectedHeader(jwt)).toEqual({ alg: 'EdDSA', kid: key.id, typ: 'JWT' });
    expect(decodeJwt(jwt)).toMatchObject({ iss: key.controller, jti: credential.id });
  });
});

describe('VC Data Model 1.1 §6.3.1 "JWT encoding": a VC 1.1 credential becomes a vc-claim JWT, never vc+jwt', () => {
  it('typ JWT; iss, nbf ← issuanceDate, exp ← expirationDate, jti ← id, sub ← subject id, the credential under vc; round trips', async () => {
    const credential = vc11Credential(key, {
      type: ['VerifiableCredential', 'OpenBadgeCredential'],
      expirationDate: '2030-01-01T00:00:00Z',
    });
    for (const profile of [undefined, 'ob'] as const) {
      const jwt = await signCredentialJwt(credential, { key, now, ...(profile && { profile }) });
      expect(decodeProtectedHeader(jwt)).toEqual({ alg: 'EdDSA', kid: key.id, typ: 'JWT' });
      expect(decodeJwt(jwt)).toEqual({
        iss: key.controller,
        jti: credential.id,
        nbf: Date.parse('2026-01-01T00:00:00Z') / 1000,
        sub: 'did:example:worker-4f1c',
        exp: Date.parse('2030-01-01T00:00:00Z') / 1000,
        iat: now.getTime() / 1000,
        vc: credential,
      });
      const r = await verifyCredentialJwt(jwt, { resolveKey, now });
      expect(r).toMatchObject({ verified: true, format: 'vc-jwt-v1' });
      expect(r.credential).toEqual(credential);
    }
  });

  it('a VC 1.1 credential without an id gets no jti; profile "vc-jose-cose" is refused (MALFORMED_VALUE_ERROR at /@context)', async () => {
    const credential = vc11Credential(key, { id: undefined });
    expect(decodeJwt(await signCredentialJwt(credential, { key, now })).jti).toBeUndefined();
    const error = await signCredentialJwt(credential, { key, now, profile: 'vc-jose-cose' }).catch((e: unknown) => e);
    expect(error).toMatchObject({ code: 'MALFORMED_VALUE_ERROR', pointer: '/@context' });
  });
});

describe('signCredentialJwt refuses what it cannot sign', () => {
  it('an alg the key cannot make → TypeError', async () => {
    await expect(signCredentialJwt(ob3Credential(key), { key, now, alg: 'ES256' })).rejects.toThrow(TypeError);
    const { privateKey } = await generateKeyPair('ES256');
    await expect(
      signCredentialJwt(ob3Credential('did:web:x.example'), {
        key: { id: 'did:web:x.example#k', privateKey },
        now,
        alg: 'RS256',
      }),
    ).rejects.toThrow(TypeError);
  });

  it('a key that is not the issuer’s → INVALID_VERIFICATION_METHOD', async () => {
    const other = await createTestKey();
    const error = await signCredentialJwt(ob3Credential(other), { key, now }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(VcError);
    expect((error as VcError).code).toBe('INVALID_VERIFICATION_METHOD');
  });

  it('a credential with a "vc" member (VC-JOSE-COSE §3.1.1 forbids it) → MALFORMED_VALUE_ERROR', async () => {
    const error = await signCredentialJwt({ ...ob3Credential(key), vc: {} }, { key, now }).catch((e: unknown) => e);
    expect(error).toMatchObject({ code: 'MALFORMED_VALUE_ERROR', pointer: '/vc' });
  });

  it('the §8.2 form without a validFrom → MALFORMED_VALUE_ERROR at /validFrom', async () => {
    const credential = ob3Credential(key, { validFrom: undefined });
    const error = await signCredentialJwt(credential, { key, now }).catch((e: unknown) => e);
    expect(error).toMatchObject({ code: 'MALFORMED_VALUE_ERROR', pointer: '/validFrom' });
  });

  it('an unknown profile → TypeError', async () => {
    await expect(signCredentialJwt(ob3Credential(key), { key, now, profile: 'vc+jwt' as never })).rejects.toThrow(
      TypeError,
    );
  });
});

/** A SigningKey of the shape core is moving to: algorithm P-256, keyObjects non-enumerable. */
function p256SigningKey(
  did: string,
  publicKeyMultibase: string,
  pair: { privateKey: KeyObject; publicKey: KeyObject },
): SigningKey {
  const pub = { id: `${did}#key-1`, type: 'Multikey' as const, controller: did, publicKeyMultibase };
  const signingKey = {
    ...pub,
    algorithm: 'P-256',
    signer: {
      id: pub.id,
      algorithm: 'P-256',
      sign: async () => {
        throw new Error('not used for JWTs');
      },
    },
    publicMethod: () => ({ ...pub }),
    publicJwk: () => pair.publicKey.export({ format: 'jwk' }),
    toJSON: () => ({ ...pub }),
  };
  Object.defineProperty(signingKey, 'keyObjects', { value: pair, enumerable: false });
  return signingKey as unknown as SigningKey;
}
