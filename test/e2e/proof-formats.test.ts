import { readFileSync } from 'node:fs';
import { didKeyFromPublicKey, encodeEd25519Multikey, generateSigningKey } from '@repo/core';
import { rotateKeySet } from '@repo/issuer';
import { CompactSign, decodeJwt, decodeProtectedHeader, exportJWK, generateKeyPair } from 'jose';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type IssuerApp, startIssuerApp, TOKENS } from '../helpers/issuer-app.ts';
import { call } from '../helpers/issuer-process.ts';

const DID = 'did:web:issuer.example.test';
const fixture = JSON.parse(readFileSync(new URL('../fixtures/ob3-certification.json', import.meta.url), 'utf8'));
const credential = () => ({ ...structuredClone(fixture), issuer: { ...fixture.issuer, id: DID } });
/** A plain VC 1.1 credential of the issuer (first @context credentials/v1, issuanceDate). */
const vc11 = () => ({
  '@context': ['https://www.w3.org/2018/credentials/v1'],
  type: ['VerifiableCredential'],
  issuer: DID,
  issuanceDate: '2026-01-01T00:00:00Z',
  credentialSubject: { id: 'did:example:worker-4f1c' },
});

describe('Every proof format the issuer signs, verified by the verifier library (VC-JOSE-COSE, ECDSA Cryptosuites v1.0)', () => {
  let issuer: IssuerApp;
  const issue = (options: Record<string, unknown>) =>
    call(issuer.url, 'POST', '/credentials/issue', { credential: credential(), options }, TOKENS.full);
  const verify = (verifiableCredential: unknown) =>
    call(issuer.url, 'POST', '/credentials/verify', { verifiableCredential });

  beforeAll(async () => {
    // An Ed25519 signing key plus a P-256 key beside it (rotate-key --add).
    const { serialized } = await generateSigningKey({ didWeb: DID, fragment: 'key-1' });
    const withP256 = await rotateKeySet(serialized, {
      now: new Date('2026-01-01T00:00:00Z'),
      algorithm: 'P-256',
      add: true,
    });
    // …and a JWT-only RSA key (RS256, which Open Badges 3.0 VC-JWT consumers must support).
    const keys = await rotateKeySet(withP256, { now: new Date('2026-01-01T00:00:00Z'), algorithm: 'RSA', add: true });
    issuer = await startIssuerApp({ key: keys as never });
  });
  afterAll(async () => {
    await issuer?.close();
  });

  it('default: an embedded eddsa-rdfc-2022 proof', async () => {
    const res = await issue({});
    expect(res.status).toBe(201);
    expect(res.json.verifiableCredential.proof).toMatchObject({
      cryptosuite: 'eddsa-rdfc-2022',
      verificationMethod: `${DID}#key-1`,
    });
    expect((await verify(res.json.verifiableCredential)).json.verified).toBe(true);
  });

  it('ecdsa-rdfc-2019 with the P-256 key; tampering is caught', async () => {
    const res = await issue({ cryptosuite: 'ecdsa-rdfc-2019' });
    expect(res.status).toBe(201);
    const vc = res.json.verifiableCredential;
    expect(vc.proof).toMatchObject({ cryptosuite: 'ecdsa-rdfc-2019', verificationMethod: `${DID}#key-2` });
    expect((await verify(vc)).json.verified).toBe(true);
    const bad = await verify({ ...vc, name: 'Forged' });
    expect(bad.status).toBe(422);
    expect(bad.json.problems[0].title).toBe('CRYPTOGRAPHIC_SECURITY_ERROR');
  });

  it('Open Badges 3.0 §8.2: format "jwt" on an OpenBadgeCredential gives the §8.2 JWT (header exactly alg, kid, typ "JWT"), enveloped as data:application/vc+jwt; it verifies; an edited payload does not', async () => {
    const res = await issue({ format: 'jwt' });
    expect(res.status).toBe(201);
    const env = res.json.verifiableCredential;
    expect(env).toMatchObject({
      '@context': ['https://www.w3.org/ns/credentials/v2'],
      type: 'EnvelopedVerifiableCredential',
    });
    expect(env.id).toMatch(/^data:application\/vc\+jwt,[\w-]+\.[\w-]+\.[\w-]+$/);
    const jwt = env.id.slice('data:application/vc+jwt,'.length);
    // §8.2 "Create the JOSE Header": alg, kid or jwk, typ "JWT" if present — additional headers NOT allowed.
    expect(decodeProtectedHeader(jwt)).toEqual({ alg: 'EdDSA', kid: `${DID}#key-1`, typ: 'JWT' });
    // §8.2 "JWT Payload Format": the credential plus iss, jti, nbf, sub, exp.
    const payload = decodeJwt(jwt);
    expect(payload.proof).toBeUndefined();
    expect(payload).toMatchObject({
      iss: DID,
      jti: payload.id,
      nbf: Date.parse(payload.validFrom as string) / 1000,
      sub: fixture.credentialSubject.id,
      exp: Date.parse(fixture.validUntil) / 1000,
    });
    const ok = await verify(env);
    expect(ok.json.verified).toBe(true);
    expect(ok.json.checks.find((c: any) => c.id === 'proof').details).toMatchObject({ format: 'ob' });
    const edited = { ...payload, name: 'Forged' };
    const forged = `${jwt.split('.')[0]}.${Buffer.from(JSON.stringify(edited)).toString('base64url')}.${jwt.split('.')[2]}`;
    const bad = await verify({ ...env, id: `data:application/vc+jwt,${forged}` });
    expect(bad.json.verified).toBe(false);
  });

  it('VC-JOSE-COSE §3.1.1: options.jwtProfile "vc-jose-cose" gives typ vc+jwt, cty vc, the payload exactly the credential', async () => {
    const res = await issue({ format: 'jwt', jwtProfile: 'vc-jose-cose' });
    expect(res.status).toBe(201);
    const jwt = res.json.verifiableCredential.id.slice('data:application/vc+jwt,'.length);
    expect(decodeProtectedHeader(jwt)).toEqual({ alg: 'EdDSA', kid: `${DID}#key-1`, typ: 'vc+jwt', cty: 'vc' });
    const payload = decodeJwt(jwt);
    expect(payload.iss).toBeUndefined();
    expect(payload.issuer).toMatchObject({ id: DID });
    const ok = await verify(res.json.verifiableCredential);
    expect(ok.json.verified).toBe(true);
    expect(ok.json.checks.find((c: any) => c.id === 'proof').details).toMatchObject({ format: 'vc-jose-cose' });
  });

  it('options.jwtProfile is checked: unknown value, with format "di", or "vc-jose-cose" on a VC 1.1 credential → 400 at /options/jwtProfile', async () => {
    const before = issuer.deps.registry.usage();
    for (const options of [
      { format: 'jwt', jwtProfile: 'vc+jwt' },
      { format: 'jwt', jwtProfile: 42 },
      { jwtProfile: 'ob' },
    ]) {
      const res = await issue(options);
      expect(res.status).toBe(400);
      expect(res.json).toMatchObject({ title: 'MALFORMED_VALUE_ERROR', pointer: '/options/jwtProfile' });
    }
    const v11 = await call(
      issuer.url,
      'POST',
      '/credentials/issue',
      { credential: vc11(), options: { format: 'jwt', jwtProfile: 'vc-jose-cose' } },
      TOKENS.full,
    );
    expect(v11.status).toBe(400);
    expect(v11.json.pointer).toBe('/options/jwtProfile');
    expect(issuer.deps.registry.usage()).toEqual(before);
  });

  it('VC 1.1 §6.3.1: format "jwt" on a VC 1.1 credential answers the compact vc-claim JWT (typ JWT, never vc+jwt); it verifies', async () => {
    const res = await call(
      issuer.url,
      'POST',
      '/credentials/issue',
      { credential: vc11(), options: { format: 'jwt' } },
      TOKENS.full,
    );
    expect(res.status).toBe(201);
    const jwt = res.json.verifiableCredential;
    expect(jwt).toMatch(/^[\w-]+\.[\w-]+\.[\w-]+$/);
    expect(decodeProtectedHeader(jwt)).toEqual({ alg: 'EdDSA', kid: `${DID}#key-1`, typ: 'JWT' });
    const payload = decodeJwt(jwt) as Record<string, any>;
    expect(payload.vc['@context'][0]).toBe('https://www.w3.org/2018/credentials/v1');
    expect(payload).toMatchObject({
      iss: DID,
      jti: payload.vc.id,
      nbf: Date.parse(payload.vc.issuanceDate) / 1000,
      sub: 'did:example:worker-4f1c',
    });
    const ok = await verify(jwt);
    expect(ok.json.problems).toEqual([]);
    expect(ok.json.checks.find((c: any) => c.id === 'proof').details).toMatchObject({ format: 'vc-jwt-v1' });
    // di+jwt: the proved credential, and its VC 1.1 JWT beside it as the compact `jwt`.
    const both = await call(
      issuer.url,
      'POST',
      '/credentials/issue',
      { credential: vc11(), options: { format: 'di+jwt' } },
      TOKENS.full,
    );
    expect(both.status).toBe(201);
    expect(both.json.verifiableCredential.proof).toBeDefined();
    expect(decodeJwt(both.json.jwt).vc).toEqual(both.json.verifiableCredential);
    expect((await verify(both.json.jwt)).json.verified).toBe(true);
    // The issue answer, as it is, is a verify request: both securings are verified.
    const asIs = await call(issuer.url, 'POST', '/credentials/verify', both.json);
    expect(asIs.status, asIs.text).toBe(200);
    expect(asIs.json.jwt.verified).toBe(true);
  });

  it('VC-JOSE-COSE §3.2: a holder’s vp+jwt (made with jose, did:key holder) holding the issued JWT, as an EnvelopedVerifiablePresentation, passes POST /presentations/verify with challenge ↔ nonce and domain ↔ aud', async () => {
    const issued = (await issue({ format: 'jwt' })).json.verifiableCredential;
    const { privateKey, publicKey } = await generateKeyPair('EdDSA');
    const raw = new Uint8Array(Buffer.from((await exportJWK(publicKey)).x!, 'base64url'));
    const holder = didKeyFromPublicKey(raw);
    const vp = {
      '@context': ['https://www.w3.org/ns/credentials/v2'],
      type: 'VerifiablePresentation',
      holder,
      verifiableCredential: [issued],
    };
    const jwt = await new CompactSign(
      new TextEncoder().encode(JSON.stringify({ ...vp, nonce: 'n-1', aud: 'jobs.example' })),
    )
      .setProtectedHeader({ alg: 'EdDSA', kid: `${holder}#${encodeEd25519Multikey(raw)}`, typ: 'vp+jwt' })
      .sign(privateKey);
    const envelope = {
      '@context': 'https://www.w3.org/ns/credentials/v2',
      id: `data:application/vp+jwt,${jwt}`,
      type: 'EnvelopedVerifiablePresentation',
    };
    const verifyVp = (options: Record<string, unknown>) =>
      call(issuer.url, 'POST', '/presentations/verify', { verifiablePresentation: envelope, options });
    const ok = await verifyVp({ challenge: 'n-1', domain: 'jobs.example' });
    expect(ok.json.problems).toEqual([]);
    expect(ok.status).toBe(200);
    expect(ok.json.checks.find((c: any) => c.id === 'presentation').details).toMatchObject({ holder });
    expect(ok.json.credentialResults[0].verified).toBe(true);
    const replay = await verifyVp({ challenge: 'n-2', domain: 'jobs.example' });
    expect(replay.status).toBe(422);
    expect(replay.json.problems[0].title).toBe('INVALID_CHALLENGE_ERROR');
  });

  it('format "di+jwt" with ES256: the embedded proof first, then a JWT over the proved credential; both verify', async () => {
    const res = await issue({ format: 'di+jwt', alg: 'ES256' });
    expect(res.status).toBe(201);
    const { verifiableCredential: di, envelopedVerifiableCredential: env } = res.json;
    const jwt = env.id.slice('data:application/vc+jwt,'.length);
    expect(JSON.parse(Buffer.from(jwt.split('.')[0], 'base64url').toString())).toMatchObject({
      alg: 'ES256',
      kid: `${DID}#key-2`,
    });
    expect(JSON.parse(Buffer.from(jwt.split('.')[1], 'base64url').toString()).proof).toEqual(di.proof);
    expect((await verify(di)).json.verified).toBe(true);
    expect((await verify(env)).json.verified).toBe(true);
    // The issue answer, as it is, is a verify request (README): both securings verified, same credential.
    const asIs = await call(issuer.url, 'POST', '/credentials/verify', res.json);
    expect(asIs.status, asIs.text).toBe(200);
    expect(asIs.json.envelopedVerifiableCredential.verified).toBe(true);
    // …and a JWT of another credential beside it is refused.
    const other = (await issue({ format: 'di+jwt', alg: 'ES256' })).json.envelopedVerifiableCredential;
    const mixed = await call(issuer.url, 'POST', '/credentials/verify', {
      ...res.json,
      envelopedVerifiableCredential: other,
    });
    expect(mixed.status).toBe(422);
    expect(mixed.json.problems.map((p: any) => p.pointer)).toContain('/envelopedVerifiableCredential');
    const stored = await call(issuer.url, 'GET', `/credentials/${encodeURIComponent(di.id)}`, undefined, TOKENS.full);
    expect(stored.json.jwt).toBe(jwt);
  });

  it('RS256 with the JWT-only RSA key (a JsonWebKey method in the DID document); RSA never signs an embedded proof', async () => {
    const res = await issue({ format: 'jwt', alg: 'RS256' });
    expect(res.status).toBe(201);
    const jwt = res.json.verifiableCredential.id.slice('data:application/vc+jwt,'.length);
    expect(JSON.parse(Buffer.from(jwt.split('.')[0], 'base64url').toString())).toMatchObject({
      alg: 'RS256',
      kid: `${DID}#key-3`,
    });
    expect((await verify(res.json.verifiableCredential)).json.verified).toBe(true);
    const method = issuer.deps.keys.jwtOnly![0]!.publicMethod();
    expect(method).toMatchObject({ type: 'JsonWebKey', publicKeyJwk: { kty: 'RSA' } });
    expect(JSON.stringify(method)).not.toMatch(/"d"|"p"|"q"/);
    const di = await issue({ cryptosuite: 'ecdsa-rdfc-2019' });
    expect(di.json.verifiableCredential.proof.verificationMethod).toBe(`${DID}#key-2`);
  });

  it('ES384 without a P-384 key → 422 naming the option; nothing stored', async () => {
    const before = issuer.deps.registry.usage();
    const res = await issue({ format: 'jwt', alg: 'ES384' });
    expect(res.status).toBe(422);
    expect(res.json.pointer).toBe('/options');
    expect(issuer.deps.registry.usage()).toEqual(before);
  });

  it('ecdsa-sd-2023: the holder derives with a field hidden; the derived credential verifies, the base proof does not', async () => {
    const res = await issue({
      cryptosuite: 'ecdsa-sd-2023',
      mandatoryPointers: ['/issuer', '/validFrom', '/credentialSubject/achievement/name', '/credentialStatus'],
    });
    expect(res.status).toBe(201);
    const base = res.json.verifiableCredential;
    expect(base.proof.cryptosuite).toBe('ecdsa-sd-2023');
    const baseCheck = await verify(base);
    expect(baseCheck.json.verified).toBe(false);
    expect(baseCheck.json.problems[0].detail).toMatch(/derive/);

    const derived = await call(issuer.url, 'POST', '/credentials/derive', {
      verifiableCredential: base,
      // Everything the OB 3.0 schema requires is disclosed; the credit value and field of study stay hidden.
      options: {
        selectivePointers: [
          '/type',
          '/credentialSubject/type',
          '/credentialSubject/achievement/type',
          '/credentialSubject/achievement/description',
          '/credentialSubject/achievement/criteria',
        ],
      },
    });
    expect(derived.status).toBe(201);
    const vc = derived.json.verifiableCredential;
    expect(vc.credentialSubject.achievement.name).toBe(fixture.credentialSubject.achievement.name);
    expect(vc.credentialSubject.achievement.criteria).toEqual(fixture.credentialSubject.achievement.criteria);
    expect(vc.credentialSubject.achievement.creditsAvailable).toBeUndefined();
    expect(vc.credentialSubject.achievement.fieldOfStudy).toBeUndefined();
    const ok = await verify(vc);
    expect(ok.json.problems).toEqual([]);
    expect(ok.json.verified).toBe(true);
    const tampered = structuredClone(vc);
    tampered.credentialSubject.achievement.name = 'Something else';
    expect((await verify(tampered)).json.checks.find((c: any) => c.id === 'proof').status).toBe('failed');
  });
});

describe('A status-list signing key that differs from the credential signing key', () => {
  it('lists are signed by statusListSigning; credentials by signing; both verify', async () => {
    const { serialized: k1 } = await generateSigningKey({ didWeb: DID, fragment: 'key-1' });
    const { serialized: k2 } = await generateSigningKey({ didWeb: DID, fragment: 'key-2' });
    const issuer = await startIssuerApp({ key: { keys: [k1, k2], signing: k1.id, statusListSigning: k2.id } as never });
    try {
      const res = await call(issuer.url, 'POST', '/credentials/issue', { credential: credential() }, TOKENS.full);
      expect(res.json.verifiableCredential.proof.verificationMethod).toBe(k1.id);
      const list = await call(issuer.url, 'GET', '/status/revocation/0');
      expect(list.json.proof.verificationMethod).toBe(k2.id);
      const v = await call(issuer.url, 'POST', '/credentials/verify', {
        verifiableCredential: res.json.verifiableCredential,
      });
      expect(v.json.problems).toEqual([]);
      expect(v.json.checks.find((c: any) => c.id === 'status').status).toBe('passed');
    } finally {
      await issuer.close();
    }
  });
});
