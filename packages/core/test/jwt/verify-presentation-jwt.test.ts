import {
  createDidResolver,
  createJwtKeyResolver,
  decodePresentationJwt,
  envelopePresentationJwt,
  type JwtKeyResolver,
  verifyPresentationJwt,
} from '@repo/core';
import { exportJWK } from 'jose';
import { beforeAll, describe, expect, it } from 'vitest';
import { FROZEN_NOW } from '../../../../test/helpers/credential-factory.ts';
import {
  type DidKeyIssuer,
  didDocument,
  didKeyIssuer,
  handJwt,
  memoryDids,
  publicPem,
  rawJwt,
  segment,
} from './jwt-test-keys.ts';

const now = FROZEN_NOW;
const t = (iso: string) => Date.parse(iso) / 1000;
const V2 = 'https://www.w3.org/ns/credentials/v2';

let holder: DidKeyIssuer;
let attacker: DidKeyIssuer;
let resolveKey: JwtKeyResolver;

beforeAll(async () => {
  [holder, attacker] = await Promise.all([didKeyIssuer(), didKeyIssuer()]);
  resolveKey = createJwtKeyResolver(createDidResolver(), { relationship: 'authentication' });
});

/** A vp+jwt header of the holder, with changes (a member set to undefined is removed). */
function header(changes: Record<string, unknown> = {}): Record<string, unknown> {
  const h: Record<string, unknown> = { alg: 'EdDSA', kid: holder.kid, typ: 'vp+jwt', ...changes };
  for (const [k, v] of Object.entries(changes)) if (v === undefined) delete h[k];
  return h;
}

/** VC-JOSE-COSE §3.2 example "…secured with JOSE with the EnvelopedVerifiableCredential type", with our holder. */
function presentation(overrides: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    '@context': [V2, 'https://www.w3.org/ns/credentials/examples/v2'],
    type: 'VerifiablePresentation',
    holder: holder.did,
    verifiableCredential: [
      { '@context': [V2], type: ['EnvelopedVerifiableCredential'], id: 'data:application/vc+jwt,eyJh.eyJA.c2ln' },
    ],
    ...overrides,
  };
}

async function expectRejected(jwt: unknown, title: string, pointer?: string, options = {}) {
  const r = await verifyPresentationJwt(jwt, { resolveKey, now, ...options });
  expect(r.verified).toBe(false);
  expect(r.problem?.title).toBe(title);
  if (pointer !== undefined) expect(r.problem?.pointer).toBe(pointer);
  return r;
}

describe('VC-JOSE-COSE §3.2 "Securing JSON-LD Verifiable Presentations with JOSE": a vp+jwt signed by the holder', () => {
  it('verifies a jose-made vp+jwt whose kid is an authentication method of the holder DID', async () => {
    const vp = presentation();
    const jwt = await rawJwt(header(), vp, holder.privateKey);
    const r = await verifyPresentationJwt(jwt, { resolveKey, now });
    expect(r.problem).toBeUndefined();
    expect(r).toMatchObject({
      verified: true,
      format: 'vp-jose-cose',
      holder: holder.did,
      kid: holder.kid,
      alg: 'EdDSA',
      presentation: vp,
    });
  });

  it('the §3.2 example shape without a holder binds to the kid’s own DID; cty "vp" is allowed', async () => {
    const { holder: _h, ...vp } = presentation();
    const jwt = await rawJwt(header({ cty: 'vp' }), vp, holder.privateKey);
    expect(await verifyPresentationJwt(jwt, { resolveKey, now })).toMatchObject({ verified: true, holder: holder.did });
  });

  it('VC 2.0 §4.13.2 EnvelopedVerifiablePresentation (the example’s string @context) verifies the same', async () => {
    const jwt = await rawJwt(header(), presentation(), holder.privateKey);
    const asInTheSpec = {
      '@context': V2,
      id: `data:application/vp+jwt,${jwt}`,
      type: 'EnvelopedVerifiablePresentation',
    };
    expect((await verifyPresentationJwt(asInTheSpec, { resolveKey, now })).verified).toBe(true);
    expect((await verifyPresentationJwt(envelopePresentationJwt(jwt), { resolveKey, now })).verified).toBe(true);
    const wrongMediaType = { ...asInTheSpec, id: `data:application/vc+jwt,${jwt}` };
    const r = await expectRejected(wrongMediaType, 'PARSING_ERROR', '/id');
    expect(r.format).toBeUndefined();
  });
});

describe('VC Data Model 1.1 §6.3.1 presentation JWT: the vp claim, iss = holder, nonce / aud (V4)', () => {
  // VC 1.1 §6.3.1 example "JWT payload of a JWT-based verifiable presentation", with our holder and times.
  const claims = (overrides: Record<string, unknown> = {}) => ({
    iss: holder.did,
    jti: 'urn:uuid:3978344f-8596-4c3a-a978-8fcaba3903c5',
    aud: 'did:example:4a57546973436f6f6c4a4a57573',
    nbf: t('2026-06-01T11:55:00Z'),
    iat: t('2026-06-01T11:55:00Z'),
    exp: t('2026-06-01T12:10:00Z'),
    nonce: '343s$FSFDa-',
    vp: {
      '@context': ['https://www.w3.org/2018/credentials/v1', 'https://www.w3.org/2018/credentials/examples/v1'],
      type: ['VerifiablePresentation'],
      verifiableCredential: ['eyJh.eyJA.c2ln'],
    },
    ...overrides,
  });
  const legacyHeader = () => ({ alg: 'EdDSA', typ: 'JWT', kid: holder.kid });

  it('rebuilds the presentation (holder ← iss, id ← jti) and checks challenge = nonce, domain = aud', async () => {
    const jwt = await rawJwt(legacyHeader(), claims(), holder.privateKey);
    const r = await verifyPresentationJwt(jwt, {
      resolveKey,
      now,
      challenge: '343s$FSFDa-',
      domain: 'did:example:4a57546973436f6f6c4a4a57573',
    });
    expect(r.problem).toBeUndefined();
    expect(r).toMatchObject({ verified: true, format: 'vp-jwt-v1', holder: holder.did });
    expect(r.presentation).toMatchObject({
      holder: holder.did,
      id: 'urn:uuid:3978344f-8596-4c3a-a978-8fcaba3903c5',
      verifiableCredential: ['eyJh.eyJA.c2ln'],
    });
  });

  it('V4 another challenge, or none in the JWT → INVALID_CHALLENGE_ERROR at /nonce', async () => {
    const jwt = await rawJwt(legacyHeader(), claims(), holder.privateKey);
    await expectRejected(jwt, 'INVALID_CHALLENGE_ERROR', '/nonce', { challenge: 'another' });
    const { nonce: _n, ...withoutNonce } = claims();
    const bare = await rawJwt(legacyHeader(), withoutNonce, holder.privateKey);
    await expectRejected(bare, 'INVALID_CHALLENGE_ERROR', '/nonce', { challenge: '343s$FSFDa-' });
    expect((await verifyPresentationJwt(bare, { resolveKey, now })).verified).toBe(true);
  });

  it('V4 another domain → INVALID_DOMAIN_ERROR at /aud; an aud list naming the domain is accepted', async () => {
    const jwt = await rawJwt(legacyHeader(), claims(), holder.privateKey);
    await expectRejected(jwt, 'INVALID_DOMAIN_ERROR', '/aud', { domain: 'jobs.example' });
    const list = await rawJwt(legacyHeader(), claims({ aud: ['other.example', 'jobs.example'] }), holder.privateKey);
    expect((await verifyPresentationJwt(list, { resolveKey, now, domain: 'jobs.example' })).verified).toBe(true);
  });

  it('an expired presentation JWT (exp beyond the skew) or one not yet valid → PROOF_VERIFICATION_ERROR naming the claim', async () => {
    const jwt = await rawJwt(legacyHeader(), claims(), holder.privateKey);
    await expectRejected(jwt, 'PROOF_VERIFICATION_ERROR', '/exp', { now: new Date('2026-06-01T12:20:00Z') });
    await expectRejected(jwt, 'PROOF_VERIFICATION_ERROR', '/nbf', { now: new Date('2026-06-01T11:50:00Z') });
  });
});

describe('Holder binding: the kid is an authentication method of the holder DID (iss / holder)', () => {
  it('rejects a vp+jwt signed by another DID’s own valid key for this holder', async () => {
    const jwt = await rawJwt(header({ kid: attacker.kid }), presentation(), attacker.privateKey);
    const r = await expectRejected(jwt, 'INVALID_VERIFICATION_METHOD');
    expect(r.problem?.detail).toContain(attacker.did);
  });

  it('rejects iss ≠ holder (MALFORMED_VALUE_ERROR at /iss) and jti ≠ id (at /jti)', async () => {
    const vp = presentation({ id: 'urn:uuid:1' });
    await expectRejected(
      await rawJwt(header(), { ...vp, iss: attacker.did }, holder.privateKey),
      'MALFORMED_VALUE_ERROR',
      '/iss',
    );
    await expectRejected(
      await rawJwt(header(), { ...vp, jti: 'urn:uuid:2' }, holder.privateKey),
      'MALFORMED_VALUE_ERROR',
      '/jti',
    );
  });

  it('rejects a key listed only as an assertionMethod (an issuing key does not authenticate a holder)', async () => {
    const did = 'did:web:holder.example';
    const jwk = await exportJWK(holder.publicKey);
    const dids = memoryDids([didDocument(did, { type: 'JsonWebKey', publicKeyJwk: jwk })]);
    const jwt = await rawJwt(header({ kid: `${did}#key-1` }), presentation({ holder: did }), holder.privateKey);
    const holderKeys = createJwtKeyResolver(dids, { relationship: 'authentication' });
    const r = await expectRejected(jwt, 'INVALID_VERIFICATION_METHOD', undefined, { resolveKey: holderKeys });
    expect(r.problem?.detail).toMatch(/authentication/);
    const authOnly = memoryDids([didDocument(did, { type: 'JsonWebKey', publicKeyJwk: jwk }, { assertion: false })]);
    const ok = await verifyPresentationJwt(jwt, {
      resolveKey: createJwtKeyResolver(authOnly, { relationship: 'authentication' }),
      now,
    });
    expect(ok).toMatchObject({ verified: true, holder: did });
  });

  it('rejects a kid that is no DID URL, and a jwk header that is not the kid’s key', async () => {
    for (const kid of [undefined, 'https://holder.example/keys/1', holder.did]) {
      await expectRejected(
        await rawJwt(header({ kid }), presentation(), holder.privateKey),
        'INVALID_VERIFICATION_METHOD',
      );
    }
    const jwk = await exportJWK(attacker.publicKey);
    await expectRejected(
      await rawJwt(header({ jwk }), presentation(), holder.privateKey),
      'INVALID_VERIFICATION_METHOD',
    );
  });

  it('an issuer key resolver (assertionMethod) is a TypeError: a caller mistake', async () => {
    const jwt = await rawJwt(header(), presentation(), holder.privateKey);
    const issuerKeys = createJwtKeyResolver(createDidResolver());
    await expect(verifyPresentationJwt(jwt, { resolveKey: issuerKeys })).rejects.toThrow(TypeError);
  });
});

describe('SECURITY-CHECKLIST J1 / J3 for presentation JWTs', () => {
  it('J1 rejects alg none and HS256 keyed with the holder’s public key', async () => {
    await expectRejected(`${segment(header({ alg: 'none' }))}.${segment(presentation())}.`, 'PROOF_VERIFICATION_ERROR');
    const hs = await rawJwt(header({ alg: 'HS256' }), presentation(), publicPem(holder.publicKey));
    await expectRejected(hs, 'PROOF_VERIFICATION_ERROR', undefined, { algorithms: ['EdDSA', 'ES256'] });
  });

  it('J3 rejects a wrong typ (vc+jwt, JWT, none over a presentation payload; vp+jwt over a vp claim) and a vc claim', async () => {
    for (const typ of ['vc+jwt', 'JWT', undefined]) {
      await expectRejected(await rawJwt(header({ typ }), presentation(), holder.privateKey), 'MALFORMED_VALUE_ERROR');
    }
    await expectRejected(
      await rawJwt(header(), { iss: holder.did, vp: presentation() }, holder.privateKey),
      'MALFORMED_VALUE_ERROR',
    );
    await expectRejected(await rawJwt(header(), { vc: {} }, holder.privateKey), 'MALFORMED_VALUE_ERROR', '/vc');
    await expectRejected(
      await rawJwt(header({ cty: 'vc' }), presentation(), holder.privateKey),
      'MALFORMED_VALUE_ERROR',
    );
  });

  it('J3 rejects an unknown crit, an edited payload and a changed signature', async () => {
    const crit = handJwt(header({ crit: ['urn:example:x'], 'urn:example:x': 1 }), presentation(), holder.privateKey);
    await expectRejected(crit, 'PROOF_VERIFICATION_ERROR');
    const [h, , s] = (await rawJwt(header(), presentation(), holder.privateKey)).split('.') as [string, string, string];
    await expectRejected(
      `${h}.${segment(presentation({ verifiableCredential: [] }))}.${s}`,
      'CRYPTOGRAPHIC_SECURITY_ERROR',
    );
  });

  it('decodePresentationJwt takes apart without verifying and never throws', () => {
    for (const input of [null, 42, {}, 'a.b', 'x'.repeat(2_000_000), `${segment(header())}.${segment([1])}.AA`]) {
      expect(decodePresentationJwt(input)).toHaveProperty('problem');
    }
  });

  it('verifyPresentationJwt never throws on bad input', async () => {
    for (const input of [null, undefined, 42, [], {}, 'not a jwt', { type: 'EnvelopedVerifiablePresentation' }]) {
      const r = await verifyPresentationJwt(input, { resolveKey, now });
      expect(r.verified).toBe(false);
      expect(r.problem?.title).toBeTruthy();
    }
  });
});
