import { createDidResolver, createJwtKeyResolver, type JwtKeyResolver, VcError, verifyCredentialJwt } from '@repo/core';
import { compactVerify, exportJWK, FlattenedSign, GeneralSign, generateKeyPair } from 'jose';
import { beforeAll, describe, expect, it, vi } from 'vitest';
import { FROZEN_NOW, ob3Credential } from '../../../../test/helpers/credential-factory.ts';
import {
  type DidKeyIssuer,
  didDocument,
  didKeyIssuer,
  fixedKey,
  handJwt,
  memoryDids,
  publicPem,
  rawJwt,
  segment,
} from './jwt-test-keys.ts';

const now = FROZEN_NOW;
const t = (iso: string) => Date.parse(iso) / 1000;

let issuer: DidKeyIssuer;
let attacker: DidKeyIssuer;
let resolveKey: JwtKeyResolver;

beforeAll(async () => {
  [issuer, attacker] = await Promise.all([didKeyIssuer(), didKeyIssuer()]);
  resolveKey = createJwtKeyResolver(createDidResolver());
});

/** A VC-JOSE-COSE header of the issuer, with changes. */
function header(changes: Record<string, unknown> = {}): Record<string, unknown> {
  const h: Record<string, unknown> = { alg: 'EdDSA', kid: issuer.kid, typ: 'vc+jwt', cty: 'vc', ...changes };
  for (const [k, v] of Object.entries(changes)) if (v === undefined) delete h[k];
  return h;
}

/** A fresh OB 3.0 credential of the issuer, valid 2026-01-01 → 2030-01-01. */
function credential(overrides: Record<string, unknown> = {}) {
  return ob3Credential(issuer.did, { validUntil: '2030-01-01T00:00:00Z', ...overrides });
}

/** The OB 3.0 §8.2 claims of a credential. */
function claimsOf(c: Record<string, any>) {
  return {
    iss: c.issuer.id,
    jti: c.id,
    nbf: t(c.validFrom),
    sub: c.credentialSubject.id,
    ...(c.validUntil && { exp: t(c.validUntil) }),
  };
}

async function expectRejected(jwt: unknown, title: string, pointer?: string, options = {}) {
  const r = await verifyCredentialJwt(jwt, { resolveKey, now, ...options });
  expect(r.verified).toBe(false);
  expect(r.problem?.title).toBe(title);
  if (pointer !== undefined) expect(r.problem?.pointer).toBe(pointer);
  return r;
}

describe('SECURITY-CHECKLIST J1 / RFC 8725 §3.1: only configured algorithms, default EdDSA', () => {
  it('J1 accepts an EdDSA vc+jwt by default', async () => {
    const c = credential();
    const r = await verifyCredentialJwt(await rawJwt(header(), c, issuer.privateKey), { resolveKey, now });
    expect(r).toMatchObject({ verified: true, format: 'vc-jose-cose', alg: 'EdDSA', kid: issuer.kid, credential: c });
  });

  it('J1 rejects alg "none" (an unsecured JWT, empty signature) before any key lookup', async () => {
    const spy = vi.fn(resolveKey);
    const jwt = `${segment(header({ alg: 'none' }))}.${segment(credential())}.`;
    const r = await expectRejected(jwt, 'PROOF_VERIFICATION_ERROR', undefined, { resolveKey: spy });
    expect(r.problem?.detail).toMatch(/none/);
    expect(spy).not.toHaveBeenCalled();
  });

  it('J1 rejects HS256 keyed with the issuer’s public key (PEM and raw JWK x), the alg-confusion attack', async () => {
    const c = credential();
    const jwk = await exportJWK(issuer.publicKey);
    for (const secret of [publicPem(issuer.publicKey), new Uint8Array(Buffer.from(jwk.x!, 'base64url'))]) {
      const jwt = await rawJwt(header({ alg: 'HS256' }), c, secret);
      await expectRejected(jwt, 'PROOF_VERIFICATION_ERROR');
      await expectRejected(jwt, 'PROOF_VERIFICATION_ERROR', undefined, { algorithms: ['EdDSA', 'ES256', 'RS256'] });
    }
  });

  it('J1 rejects ES256 when only EdDSA is configured, without looking the key up', async () => {
    const { privateKey } = await generateKeyPair('ES256');
    const spy = vi.fn(resolveKey);
    const jwt = await rawJwt(header({ alg: 'ES256' }), credential(), privateKey);
    const r = await expectRejected(jwt, 'PROOF_VERIFICATION_ERROR', undefined, { resolveKey: spy });
    expect(r.problem?.detail).toMatch(/"ES256" is not accepted; accepted: EdDSA/);
    expect(spy).not.toHaveBeenCalled();
  });

  it('J1 never lets the token pick: an accepted alg with a key of another type → INVALID_VERIFICATION_METHOD', async () => {
    const { privateKey, publicKey } = await generateKeyPair('ES256');
    const es256 = await rawJwt(header({ alg: 'ES256' }), credential(), privateKey);
    // The issuer's real key is Ed25519: an ES256 token cannot verify with it, whatever it says.
    await expectRejected(es256, 'INVALID_VERIFICATION_METHOD', undefined, { algorithms: ['EdDSA', 'ES256'] });
    // And an EdDSA header over a P-256 key does not switch jose to ECDSA.
    const eddsa = await rawJwt(header(), credential(), issuer.privateKey);
    await expectRejected(eddsa, 'INVALID_VERIFICATION_METHOD', undefined, {
      resolveKey: fixedKey(await exportJWK(publicKey), issuer.did),
    });
  });

  it('J1 refuses a symmetric or private key from the resolver', async () => {
    const jwt = await rawJwt(header(), credential(), issuer.privateKey);
    const privateJwk = await exportJWK(issuer.privateKey);
    for (const key of [{ kty: 'oct', k: 'c2VjcmV0' }, privateJwk]) {
      await expectRejected(jwt, 'INVALID_VERIFICATION_METHOD', undefined, { resolveKey: fixedKey(key, issuer.did) });
    }
  });

  it('J1 configuration with "none" or HMAC is a TypeError', async () => {
    const jwt = await rawJwt(header(), credential(), issuer.privateKey);
    for (const algorithms of [['none'], ['HS256'], ['EdDSA', 'HS512'], [], ['eddsa']]) {
      await expect(verifyCredentialJwt(jwt, { resolveKey, algorithms })).rejects.toThrow(TypeError);
    }
  });
});

describe('SECURITY-CHECKLIST J2 / OB 3.0 §8.2 "Verify a Credential VC-JWT Signature": claims match the credential', () => {
  it('J2 accepts claims that match (iss, jti, nbf, sub, exp)', async () => {
    const c = credential();
    const jwt = await rawJwt(header(), { ...c, ...claimsOf(c) }, issuer.privateKey);
    expect((await verifyCredentialJwt(jwt, { resolveKey, now })).verified).toBe(true);
  });

  const cases: Array<[string, string, (c: Record<string, any>) => Record<string, unknown>]> = [
    ['iss ≠ issuer.id', '/iss', (c) => ({ ...claimsOf(c), iss: 'did:web:someone-else.example' })],
    ['jti ≠ id', '/jti', (c) => ({ ...claimsOf(c), jti: 'urn:uuid:11111111-1111-4111-8111-111111111111' })],
    ['sub ≠ credentialSubject.id', '/sub', (c) => ({ ...claimsOf(c), sub: 'did:example:someone-else' })],
    ['nbf ≠ validFrom', '/nbf', (c) => ({ ...claimsOf(c), nbf: t('2025-06-01T00:00:00Z') })],
    ['iss not a string', '/iss', (c) => ({ ...claimsOf(c), iss: { id: c.issuer.id } })],
    ['nbf not a NumericDate', '/nbf', (c) => ({ ...claimsOf(c), nbf: '2026-01-01T00:00:00Z' })],
  ];
  for (const [name, pointer, claims] of cases) {
    it(`J2 rejects ${name}, naming the claim (${pointer})`, async () => {
      const c = credential();
      const jwt = await rawJwt(header(), { ...c, ...claims(c) }, issuer.privateKey);
      const r = await expectRejected(jwt, 'MALFORMED_VALUE_ERROR', pointer);
      expect(r.problem?.detail).toContain(pointer.slice(1));
      expect(r.proofVerified).toBe(false);
    });
  }

  it('J2 rejects nbf in the future beyond the skew (CREDENTIAL_NOT_YET_VALID at /nbf), accepts it within', async () => {
    const c = credential({ validFrom: '2026-06-01T12:05:00Z' });
    const jwt = await rawJwt(header(), { ...c, ...claimsOf(c) }, issuer.privateKey);
    const r = await expectRejected(jwt, 'CREDENTIAL_NOT_YET_VALID', '/nbf');
    expect(r).toMatchObject({ proofVerified: true, credential: { id: c.id } });
    expect((await verifyCredentialJwt(jwt, { resolveKey, now, skewSeconds: 300 })).verified).toBe(true);
  });

  it('J2 rejects exp passed (CREDENTIAL_EXPIRED at /exp); the exp instant itself is still valid', async () => {
    const c = credential({ validUntil: '2026-05-01T00:00:00Z' });
    const jwt = await rawJwt(header(), { ...c, ...claimsOf(c) }, issuer.privateKey);
    const r = await expectRejected(jwt, 'CREDENTIAL_EXPIRED', '/exp');
    expect(r.proofVerified).toBe(true);
    const atExp = new Date('2026-05-01T00:00:00Z');
    expect((await verifyCredentialJwt(jwt, { resolveKey, now: atExp, skewSeconds: 0 })).verified).toBe(true);
  });

  it('J2 rejects an exp claim that passed although validUntil has not (the JWT’s own expiry)', async () => {
    const c = credential();
    const jwt = await rawJwt(header(), { ...c, ...claimsOf(c), exp: t('2026-05-01T00:00:00Z') }, issuer.privateKey);
    await expectRejected(jwt, 'CREDENTIAL_EXPIRED', '/exp');
  });

  it('J2 in the legacy vc-claim form: iss and nbf are required, vc.issuer ≠ iss and exp ≠ expirationDate rejected', async () => {
    const c = credential();
    const legacy = (claims: Record<string, unknown>, vc: Record<string, unknown> = c) =>
      rawJwt({ alg: 'EdDSA', kid: issuer.kid, typ: 'JWT' }, { vc, ...claims }, issuer.privateKey);
    const { iss: _iss, ...withoutIss } = claimsOf(c);
    await expectRejected(await legacy(withoutIss), 'MALFORMED_VALUE_ERROR', '/iss');
    const { nbf: _nbf, ...withoutNbf } = claimsOf(c);
    await expectRejected(await legacy(withoutNbf), 'MALFORMED_VALUE_ERROR', '/nbf');
    await expectRejected(
      await legacy(claimsOf(c), { ...c, issuer: 'did:web:someone-else.example' }),
      'INVALID_VERIFICATION_METHOD',
    );
    await expectRejected(
      await legacy({ ...claimsOf(c), exp: t('2031-01-01T00:00:00Z') }),
      'MALFORMED_VALUE_ERROR',
      '/exp',
    );
    expect((await verifyCredentialJwt(await legacy(claimsOf(c)), { resolveKey, now })).verified).toBe(true);
  });
});

describe('SECURITY-CHECKLIST J3 / RFC 7515, VC-JOSE-COSE §3.1.1: a compact vc+jwt, nothing critical, unchanged', () => {
  it('J3 rejects an unknown crit extension', async () => {
    const jwt = handJwt(
      header({ crit: ['urn:example:policy'], 'urn:example:policy': 1 }),
      credential(),
      issuer.privateKey,
    );
    const r = await expectRejected(jwt, 'PROOF_VERIFICATION_ERROR');
    expect(r.problem?.detail).toMatch(/crit/);
  });

  it('J3 rejects b64: false (RFC 7797 unencoded payload), which jose alone would accept', async () => {
    const unencoded = await new FlattenedSign(new TextEncoder().encode('payload'))
      .setProtectedHeader(header({ b64: false, crit: ['b64'] }) as any)
      .sign(issuer.privateKey);
    const jwt = `${unencoded.protected}.payload.${unencoded.signature}`;
    await expect(compactVerify(jwt, issuer.publicKey)).resolves.toBeTruthy();
    const r = await expectRejected(jwt, 'PROOF_VERIFICATION_ERROR');
    expect(r.problem?.detail).toMatch(/b64/);
    await expectRejected(handJwt(header({ b64: false }), credential(), issuer.privateKey), 'PROOF_VERIFICATION_ERROR');
  });

  it('J3 rejects a wrong typ: JWT, none or vc+sd-jwt over a credential payload; vc+jwt over a vc claim', async () => {
    const c = credential();
    for (const typ of ['JWT', undefined, 'vc+sd-jwt', 'vp+jwt']) {
      await expectRejected(await rawJwt(header({ typ }), c, issuer.privateKey), 'MALFORMED_VALUE_ERROR');
    }
    const legacyPayload = { vc: c, ...claimsOf(c) };
    await expectRejected(await rawJwt(header(), legacyPayload, issuer.privateKey), 'MALFORMED_VALUE_ERROR');
  });

  it('J3 accepts an Open Badges 3.0 §8.2 native VC-JWT: typ JWT (or none, §8.2 makes it optional), the credential as payload with iss and nbf', async () => {
    const c = credential();
    for (const typ of ['JWT', undefined]) {
      const jwt = await rawJwt(header({ typ, cty: undefined }), { ...c, ...claimsOf(c) }, issuer.privateKey);
      const r = await verifyCredentialJwt(jwt, { resolveKey, now });
      expect(r.problem).toBeUndefined();
      expect(r).toMatchObject({ verified: true, format: 'ob' });
    }
    // §8.2 "Additional JOSE Headers are NOT allowed": a cty on the typ JWT form is refused.
    const withCty = await rawJwt(header({ typ: 'JWT' }), { ...c, ...claimsOf(c) }, issuer.privateKey);
    await expectRejected(withCty, 'MALFORMED_VALUE_ERROR');
    // …and its claims are still held to the credential (J2).
    const lying = await rawJwt(
      header({ typ: 'JWT', cty: undefined }),
      { ...c, ...claimsOf(c), jti: 'urn:uuid:other' },
      issuer.privateKey,
    );
    expect((await verifyCredentialJwt(lying, { resolveKey, now })).problem?.pointer).toBe('/jti');
  });

  it('J3 accepts typ written as a full media type or in other case (RFC 7515 §4.1.9), JWT or none for a vc claim', async () => {
    const c = credential();
    for (const typ of ['application/vc+jwt', 'VC+JWT']) {
      expect(
        (await verifyCredentialJwt(await rawJwt(header({ typ }), c, issuer.privateKey), { resolveKey, now })).verified,
      ).toBe(true);
    }
    for (const typ of ['JWT', undefined]) {
      const jwt = await rawJwt(header({ typ, cty: undefined }), { vc: c, ...claimsOf(c) }, issuer.privateKey);
      expect((await verifyCredentialJwt(jwt, { resolveKey, now })).verified).toBe(true);
    }
  });

  it('J3 rejects a VC 1.1 credential as the payload itself (vc+jwt or typ JWT): VC 1.1 travels in a vc claim', async () => {
    const c = { ...credential(), '@context': ['https://www.w3.org/2018/credentials/v1'] };
    await expectRejected(await rawJwt(header(), c, issuer.privateKey), 'MALFORMED_VALUE_ERROR', '/@context');
    const ob = await rawJwt(header({ typ: 'JWT', cty: undefined }), { ...c, ...claimsOf(c) }, issuer.privateKey);
    await expectRejected(ob, 'MALFORMED_VALUE_ERROR', '/@context');
  });

  it('J3 rejects a cty other than vc (a nested JWT, cty: JWT)', async () => {
    await expectRejected(
      await rawJwt(header({ cty: 'JWT' }), credential(), issuer.privateKey),
      'MALFORMED_VALUE_ERROR',
    );
  });

  it('J3 rejects the JWS JSON serializations (flattened and general, as objects and as text)', async () => {
    const bytes = new TextEncoder().encode(JSON.stringify(credential()));
    const flattened = await new FlattenedSign(bytes).setProtectedHeader(header() as any).sign(issuer.privateKey);
    const general = await new GeneralSign(bytes)
      .addSignature(issuer.privateKey)
      .setProtectedHeader(header() as any)
      .sign();
    for (const input of [flattened, general, JSON.stringify(flattened), JSON.stringify(general)]) {
      await expectRejected(input, 'PARSING_ERROR');
    }
  });

  it('J3 rejects an edited payload, an edited header and a changed signature', async () => {
    const c = credential();
    const jwt = await rawJwt(header(), c, issuer.privateKey);
    const [h, p, s] = jwt.split('.') as [string, string, string];
    const payload = segment({ ...c, name: 'Forged' });
    await expectRejected(`${h}.${payload}.${s}`, 'CRYPTOGRAPHIC_SECURITY_ERROR');
    await expectRejected(`${segment(header({ typ: 'application/vc+jwt' }))}.${p}.${s}`, 'CRYPTOGRAPHIC_SECURITY_ERROR');
    const sig = Buffer.from(s, 'base64url');
    sig[0]! ^= 1;
    await expectRejected(`${h}.${p}.${sig.toString('base64url')}`, 'CRYPTOGRAPHIC_SECURITY_ERROR');
  });

  it('J3 rejects a JWE (five parts) and anything that is not three base64url parts', async () => {
    for (const input of ['a.b.c.d.e', 'a.b', 'not a jwt', '', '..', `${segment(header())}.%%%.abc`]) {
      await expectRejected(input, 'PARSING_ERROR');
    }
  });
});

describe('VC-JOSE-COSE §3.1.1 key binding: the kid is an assertionMethod of the issuer’s DID', () => {
  it('rejects a missing kid, a URL kid and a bare DID', async () => {
    const c = credential();
    for (const kid of [undefined, 'https://issuer.example/keys/1', issuer.did, `${issuer.did}#`]) {
      await expectRejected(await rawJwt(header({ kid }), c, issuer.privateKey), 'INVALID_VERIFICATION_METHOD');
    }
  });

  it('rejects a JWT signed by another DID’s own valid key for this issuer’s credential', async () => {
    const jwt = await rawJwt(header({ kid: attacker.kid }), credential(), attacker.privateKey);
    const r = await expectRejected(jwt, 'INVALID_VERIFICATION_METHOD');
    expect(r.problem?.detail).toContain(attacker.did);
  });

  it('rejects a key whose controller is not the issuer', async () => {
    const jwt = await rawJwt(header(), credential(), issuer.privateKey);
    await expectRejected(jwt, 'INVALID_VERIFICATION_METHOD', undefined, {
      resolveKey: fixedKey(await exportJWK(issuer.publicKey), attacker.did),
    });
  });

  it('rejects a verification method that is not an assertionMethod (authentication only)', async () => {
    const did = 'did:web:auth-only.example';
    const jwk = await exportJWK(issuer.publicKey);
    const dids = memoryDids([didDocument(did, { type: 'JsonWebKey', publicKeyJwk: jwk }, { assertion: false })]);
    const jwt = await rawJwt(header({ kid: `${did}#key-1` }), ob3Credential(did), issuer.privateKey);
    const r = await expectRejected(jwt, 'INVALID_VERIFICATION_METHOD', undefined, {
      resolveKey: createJwtKeyResolver(dids),
    });
    expect(r.problem?.detail).toMatch(/assertionMethod/);
  });

  it('passes a resolver’s coded error through and codes any other failure', async () => {
    const jwt = await rawJwt(header(), credential(), issuer.privateKey);
    await expectRejected(jwt, 'DID_RESOLUTION_ERROR', undefined, {
      resolveKey: async () => {
        throw new VcError('DID_RESOLUTION_ERROR', 'offline');
      },
    });
    await expectRejected(jwt, 'INVALID_VERIFICATION_METHOD', undefined, {
      resolveKey: async () => {
        throw new Error('boom');
      },
    });
  });
});

describe('VC Data Model 1.1 §6.3.1 "JWT decoding": the legacy vc claim form', () => {
  it('rebuilds a VC 1.1 credential: id ← jti, issuer ← iss, issuanceDate ← nbf, expirationDate ← exp, subject id ← sub', async () => {
    const vc = {
      '@context': ['https://www.w3.org/2018/credentials/v1'],
      type: ['VerifiableCredential', 'OpenBadgeCredential'],
      credentialSubject: { type: 'AchievementSubject', achievement: { id: 'urn:example:a' } },
    };
    const claims = {
      iss: issuer.did,
      jti: 'urn:uuid:2b0b9a3e-5c0e-4c43-9a39-0e3f1ad0c0a1',
      nbf: t('2026-01-01T00:00:00Z'),
      exp: t('2030-01-01T00:00:00Z'),
      sub: 'did:example:learner',
    };
    const jwt = await rawJwt({ alg: 'EdDSA', kid: issuer.kid, typ: 'JWT' }, { vc, ...claims }, issuer.privateKey);
    const r = await verifyCredentialJwt(jwt, { resolveKey, now });
    expect(r).toMatchObject({ verified: true, format: 'vc-jwt-v1' });
    expect(r.credential).toEqual({
      ...vc,
      id: claims.jti,
      issuer: issuer.did,
      issuanceDate: '2026-01-01T00:00:00Z',
      expirationDate: '2030-01-01T00:00:00Z',
      credentialSubject: { id: 'did:example:learner', ...vc.credentialSubject },
    });
  });

  it('rejects a payload with both a vc claim and a top-level credential, and a presentation (vp)', async () => {
    const c = credential();
    const jwtHeader = header({ typ: 'JWT', cty: undefined });
    await expectRejected(await rawJwt(jwtHeader, { ...c, vc: c }, issuer.privateKey), 'MALFORMED_VALUE_ERROR', '/vc');
    await expectRejected(await rawJwt(jwtHeader, { vp: {} }, issuer.privateKey), 'MALFORMED_VALUE_ERROR', '/vp');
    await expectRejected(
      await rawJwt(jwtHeader, { vc: 'x', iss: issuer.did }, issuer.privateKey),
      'MALFORMED_VALUE_ERROR',
      '/vc',
    );
  });
});

describe('verifyCredentialJwt never throws on bad input', () => {
  const inputs: unknown[] = [
    null,
    undefined,
    42,
    {},
    [],
    'x'.repeat(2_000_000),
    `${segment([1])}.${segment({})}.AA`,
    `${segment({ alg: 'EdDSA' })}.${segment('text')}.AA`,
    `${Buffer.from([0xff, 0xfe]).toString('base64url')}.${segment({})}.AA`,
    `${segment({ alg: 'EdDSA', kid: 'did:key:z6MkNot#x', typ: 'vc+jwt' })}.${segment({ issuer: 'did:key:z6MkNot' })}.AA`,
  ];
  for (const [i, input] of inputs.entries()) {
    it(`input #${i} → verified: false with a problem`, async () => {
      const r = await verifyCredentialJwt(input, { resolveKey, now });
      expect(r.verified).toBe(false);
      expect(r.problem?.title).toBeTruthy();
    });
  }

  it('a bad option is a TypeError (caller mistake)', async () => {
    await expect(verifyCredentialJwt('a.b.c', {} as any)).rejects.toThrow(TypeError);
    await expect(verifyCredentialJwt('a.b.c', { resolveKey, skewSeconds: -1 })).rejects.toThrow(TypeError);
  });
});

describe('I-JSON (RFC 7493) JWT payloads', () => {
  it('J3 a payload with a claim twice (JSON.parse keeps the last) → MALFORMED_VALUE_ERROR naming it, nothing verified', async () => {
    const { privateKey } = await generateKeyPair('EdDSA');
    const head = Buffer.from(JSON.stringify({ alg: 'EdDSA', typ: 'vc+jwt', kid: 'did:key:z6Mk#z6Mk' })).toString(
      'base64url',
    );
    const body = Buffer.from('{"iss":"did:example:a","iss":"did:example:b"}').toString('base64url');
    const { CompactSign } = await import('jose');
    const jws = await new CompactSign(new TextEncoder().encode('{"iss":"did:example:a","iss":"did:example:b"}'))
      .setProtectedHeader({ alg: 'EdDSA', typ: 'vc+jwt' })
      .sign(privateKey);
    for (const jwt of [jws, `${head}.${body}.AAAA`]) {
      const r = await verifyCredentialJwt(jwt, { resolveKey });
      expect(r.verified).toBe(false);
      expect(r.problem).toMatchObject({ title: 'MALFORMED_VALUE_ERROR', pointer: '/iss' });
    }
  });
});
