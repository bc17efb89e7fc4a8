import {
  type DocumentLoader,
  envelopeJwt,
  publicJwkFromMultikey,
  type SigningKey,
  signCredentialJwt,
} from '@repo/core';
import {
  type Check,
  type CredentialVerification,
  createVerifier,
  type Verifier,
  verifyCredential,
  verifyPresentation,
} from '@repo/verifier';
import { exportJWK, FlattenedSign, generateKeyPair } from 'jose';
import { beforeAll, describe, expect, it } from 'vitest';
import {
  createTestKey,
  createTestLoader,
  FROZEN_NOW,
  jsonServer,
  ob3Credential,
  presentation,
  STATUS_BASE,
  signedPresentation,
  signedStatusList,
  statusEntry,
  statusListServer,
} from '../../../../test/helpers/credential-factory.ts';
import {
  didWebDocument,
  type JoseIssuer,
  joseDidKeyIssuer,
  joseJwt,
  p256Multikey,
  seconds,
  segment,
  withDidDocuments,
} from './jwt-fixtures.ts';

const REVOCATION_URL = `${STATUS_BASE}/revocation/0`;
const REVOKED_INDEX = 7;

let key: SigningKey;
let holder: SigningKey;
let jose: JoseIssuer;
let documentLoader: DocumentLoader;
let didResolver: ReturnType<typeof createTestLoader>['didResolver'];
let server: ReturnType<typeof statusListServer>;
let verifier: Verifier;

beforeAll(async () => {
  ({ documentLoader, didResolver } = createTestLoader());
  [key, holder, jose] = await Promise.all([createTestKey(), createTestKey(), joseDidKeyIssuer()]);
  server = statusListServer();
  server.publish(
    REVOCATION_URL,
    await signedStatusList({ key, documentLoader, url: REVOCATION_URL, set: [REVOKED_INDEX] }),
  );
  verifier = createVerifier({ now: () => FROZEN_NOW, didResolver, fetchStatusList: server.fetchStatusList });
});

function check(r: CredentialVerification, id: Check['id']): Check | undefined {
  return r.checks.find((c) => c.id === id);
}

function statuses(r: CredentialVerification): Record<string, string> {
  return Object.fromEntries(r.checks.map((c) => [c.id, c.status]));
}

/** A fresh OB 3.0 credential of `key`'s issuer with a status entry, valid 2026-01-01 → 2030-01-01. */
function fresh(overrides: Record<string, unknown> = {}) {
  return ob3Credential(key, {
    credentialStatus: statusEntry({ index: '41' }),
    validUntil: '2030-01-01T00:00:00Z',
    ...overrides,
  });
}

describe('VC-JOSE-COSE §3.1.1 through verifyCredential: the JWS is the proof, then the same checks', () => {
  it('a compact vc+jwt verifies with every check named; proof details { format, alg, kid }', async () => {
    const credential = fresh();
    const r = await verifier.verifyCredential(
      await signCredentialJwt(credential, { key, now: FROZEN_NOW, profile: 'vc-jose-cose' }),
    );
    expect(r.problems).toEqual([]);
    expect(statuses(r)).toEqual({
      format: 'passed',
      proof: 'passed',
      issuer: 'skipped',
      validity: 'passed',
      status: 'passed',
      schema: 'passed',
    });
    expect(check(r, 'proof')?.details).toEqual({ format: 'vc-jose-cose', alg: 'EdDSA', kid: key.id });
    expect(r).toMatchObject({ verified: true, issuer: key.controller, credentialId: credential.id, credential });
    expect(r.lifecycle?.state).toBe('current');
  });

  it('an EnvelopedVerifiableCredential (VC 2.0 §4.13.1, as VC-API carries it) verifies the same', async () => {
    const jwt = await signCredentialJwt(fresh(), { key, now: FROZEN_NOW });
    const r = await verifier.verifyCredential(envelopeJwt(jwt));
    expect(r.verified).toBe(true);
    expect(check(r, 'proof')?.details).toMatchObject({ format: 'ob' });
    expect(check(r, 'status')?.status).toBe('passed');
  });

  it('trusted issuers apply to the decoded credential', async () => {
    const jwt = await signCredentialJwt(fresh(), { key, now: FROZEN_NOW });
    const r = await verifier.verifyCredential(jwt, { trustedIssuers: ['did:web:other.example'] });
    expect(check(r, 'issuer')?.problem?.title).toBe('UNTRUSTED_ISSUER');
    expect(r.verified).toBe(false);
  });

  it('a changed payload fails the proof (CRYPTOGRAPHIC_SECURITY_ERROR) and nothing is fetched for it', async () => {
    const [h, p, s] = (await signCredentialJwt(fresh(), { key, now: FROZEN_NOW, profile: 'vc-jose-cose' })).split(
      '.',
    ) as [string, string, string];
    const payload = JSON.parse(Buffer.from(p, 'base64url').toString());
    payload.credentialSubject.id = 'did:example:impostor';
    const calls = server.calls.length;
    const r = await verifier.verifyCredential(`${h}.${segment(payload)}.${s}`);
    expect(check(r, 'proof')?.problem?.title).toBe('CRYPTOGRAPHIC_SECURITY_ERROR');
    expect(check(r, 'status')?.status).toBe('skipped');
    expect(server.calls.length).toBe(calls);
    expect(r.verified).toBe(false);
  });
});

describe('Bitstring Status List v1.0 §3.2 and VC 2.0 §4.9 on JWT credentials', () => {
  it('S1: a revoked JWT credential → CREDENTIAL_REVOKED, lifecycle revoked', async () => {
    const credential = fresh({ credentialStatus: statusEntry({ index: String(REVOKED_INDEX) }) });
    const r = await verifier.verifyCredential(await signCredentialJwt(credential, { key, now: FROZEN_NOW }));
    expect(check(r, 'proof')?.status).toBe('passed');
    expect(check(r, 'status')?.problem?.title).toBe('CREDENTIAL_REVOKED');
    expect(r.lifecycle?.state).toBe('revoked');
    expect(r.verified).toBe(false);
  });

  it('V1: an expired JWT credential (validUntil and exp passed) → CREDENTIAL_EXPIRED; the proof still passes', async () => {
    for (const profile of ['vc-jose-cose', 'ob'] as const) {
      const credential = fresh({ validUntil: '2026-03-01T00:00:00Z' });
      const r = await verifier.verifyCredential(await signCredentialJwt(credential, { key, now: FROZEN_NOW, profile }));
      expect(check(r, 'proof')?.status).toBe('passed');
      expect(check(r, 'validity')?.problem?.title).toBe('CREDENTIAL_EXPIRED');
      expect(r.lifecycle?.state).toBe('lapsed');
      expect(r.verified).toBe(false);
    }
  });

  it('J2: a JWT whose own exp passed fails validity at /exp even while validUntil has not', async () => {
    const credential = ob3Credential(jose.did, { validUntil: '2030-01-01T00:00:00Z' });
    const payload = { ...credential, exp: seconds('2026-05-01T00:00:00Z') };
    const jwt = await joseJwt({ alg: 'EdDSA', kid: jose.kid, typ: 'vc+jwt' }, payload, jose.privateKey);
    const r = await verifier.verifyCredential(jwt);
    expect(check(r, 'proof')?.status).toBe('passed');
    expect(check(r, 'validity')?.problem).toMatchObject({ title: 'CREDENTIAL_EXPIRED', pointer: '/exp' });
    expect(r.verified).toBe(false);
  });

  it('J2: iss ≠ issuer fails the proof check, naming the claim', async () => {
    const credential = ob3Credential(jose.did);
    const jwt = await joseJwt(
      { alg: 'EdDSA', kid: jose.kid, typ: 'vc+jwt' },
      { ...credential, iss: 'did:web:someone-else.example' },
      jose.privateKey,
    );
    const r = await verifier.verifyCredential(jwt);
    expect(check(r, 'proof')?.problem).toMatchObject({ title: 'MALFORMED_VALUE_ERROR', pointer: '/iss' });
  });
});

describe('INTEROP: JWTs made by jose directly (CompactSign), outside our signer', () => {
  it('VC-JOSE-COSE shape (payload = credential, typ vc+jwt) verifies through verifyCredential', async () => {
    const credential = ob3Credential(jose.did, { validUntil: '2030-01-01T00:00:00Z' });
    const jwt = await joseJwt({ alg: 'EdDSA', kid: jose.kid, typ: 'vc+jwt', cty: 'vc' }, credential, jose.privateKey);
    const r = await verifyCredential(jwt, { now: () => FROZEN_NOW, didResolver });
    expect(r.problems).toEqual([]);
    expect(r).toMatchObject({ verified: true, issuer: jose.did, credential });
    expect(check(r, 'proof')?.details).toMatchObject({ format: 'vc-jose-cose', kid: jose.kid });
  });

  it('legacy VC 1.1 / OB 3.0 vc-claim shape (typ JWT, iss/jti/nbf/sub/exp) verifies; the credential is rebuilt', async () => {
    const { id, issuer: _issuer, validFrom: _from, ...vc } = ob3Credential(jose.did);
    vc.credentialSubject = { ...vc.credentialSubject };
    delete vc.credentialSubject.id;
    const claims = {
      iss: jose.did,
      jti: id,
      nbf: seconds('2026-01-01T00:00:00Z'),
      sub: 'did:example:worker-4f1c',
      exp: seconds('2030-01-01T00:00:00Z'),
    };
    const jwt = await joseJwt({ alg: 'EdDSA', kid: jose.kid, typ: 'JWT' }, { vc, ...claims }, jose.privateKey);
    const r = await verifyCredential(jwt, { now: () => FROZEN_NOW, didResolver });
    expect(r.problems).toEqual([]);
    expect(check(r, 'proof')?.details).toMatchObject({ format: 'vc-jwt-v1' });
    expect(r.credential).toMatchObject({
      id,
      issuer: jose.did,
      validFrom: '2026-01-01T00:00:00Z',
      validUntil: '2030-01-01T00:00:00Z',
      credentialSubject: { id: 'did:example:worker-4f1c' },
    });
    expect(r.verified).toBe(true);
  });
});

describe('INTEROP / SECURITY-CHECKLIST J1: Open Badges 3.0 §8.2 JWTs with the issuer key in the JOSE header (jwk)', () => {
  /** An OB 3.0 native VC-JWT payload of `issuer`: the credential plus iss, nbf, jti, sub. */
  function ob3Native(issuer: string) {
    const c = ob3Credential(issuer, { validUntil: '2030-01-01T00:00:00Z' });
    return { ...c, iss: issuer, nbf: seconds(c.validFrom), jti: c.id, sub: c.credentialSubject.id };
  }

  it('J1 { alg: EdDSA, typ: JWT, jwk } of the did:key issuer verifies; proof details name the matched method as kid', async () => {
    const jwk = publicJwkFromMultikey(jose.kid.split('#')[1]);
    const payload = ob3Native(jose.did);
    const jwt = await joseJwt({ alg: 'EdDSA', typ: 'JWT', jwk }, payload, jose.privateKey);
    const r = await verifyCredential(jwt, { now: () => FROZEN_NOW, didResolver });
    expect(r.problems).toEqual([]);
    expect(r).toMatchObject({ verified: true, issuer: jose.did });
    expect(check(r, 'proof')?.details).toMatchObject({ format: 'ob', alg: 'EdDSA', kid: jose.kid });
  });

  it('J1 a jwk that is not a key of the issuer fails the proof check with INVALID_VERIFICATION_METHOD', async () => {
    const { privateKey, publicKey } = await generateKeyPair('EdDSA');
    const jwt = await joseJwt(
      { alg: 'EdDSA', typ: 'JWT', jwk: await exportJWK(publicKey) },
      ob3Native(jose.did),
      privateKey,
    );
    const r = await verifyCredential(jwt, { now: () => FROZEN_NOW, didResolver });
    expect(r.verified).toBe(false);
    expect(check(r, 'proof')).toMatchObject({ status: 'failed', problem: { title: 'INVALID_VERIFICATION_METHOD' } });
    expect(check(r, 'proof')?.problem?.detail).toMatch(/embedded jwk is not a key of the issuer/);
  });
});

describe('SECURITY-CHECKLIST J1/J3 through the verifier: jwtAlgorithms and the compact form only', () => {
  it('ES256 (P-256 key made by jose, did:web Multikey zDn…) is accepted by default', async () => {
    const { privateKey, publicKey } = await generateKeyPair('ES256');
    const did = 'did:web:p256-issuer.example';
    const dids = withDidDocuments(
      [didWebDocument(did, { type: 'Multikey', publicKeyMultibase: p256Multikey(await exportJWK(publicKey)) })],
      didResolver,
    );
    const jwt = await signCredentialJwt(ob3Credential(did), {
      key: { id: `${did}#key-1`, privateKey },
      now: FROZEN_NOW,
    });
    const r = await createVerifier({ now: () => FROZEN_NOW, didResolver: dids }).verifyCredential(jwt);
    expect(r.problems).toEqual([]);
    expect(check(r, 'proof')?.details).toMatchObject({ alg: 'ES256', kid: `${did}#key-1` });
  });

  it('RS256 (JsonWebKey verification method, injected resolver) only when jwtAlgorithms lists it', async () => {
    const { privateKey, publicKey } = await generateKeyPair('RS256');
    const did = 'did:web:rsa-issuer.example';
    const dids = withDidDocuments(
      [didWebDocument(did, { type: 'JsonWebKey', publicKeyJwk: await exportJWK(publicKey) })],
      didResolver,
    );
    const jwt = await signCredentialJwt(ob3Credential(did), {
      key: { id: `${did}#key-1`, privateKey },
      now: FROZEN_NOW,
    });
    const byDefault = await createVerifier({ now: () => FROZEN_NOW, didResolver: dids }).verifyCredential(jwt);
    expect(check(byDefault, 'proof')?.problem?.title).toBe('PROOF_VERIFICATION_ERROR');
    expect(byDefault.verified).toBe(false);
    const listed = await createVerifier({
      now: () => FROZEN_NOW,
      didResolver: dids,
      jwtAlgorithms: ['EdDSA', 'RS256'],
    }).verifyCredential(jwt);
    expect(listed.problems).toEqual([]);
    expect(check(listed, 'proof')?.details).toMatchObject({ alg: 'RS256' });
  });

  it('J1: jwtAlgorithms with none or HMAC is a TypeError when the verifier is built', () => {
    for (const jwtAlgorithms of [['none'], ['HS256'], [], ['EdDSA', 'HS384']]) {
      expect(() => createVerifier({ didResolver, jwtAlgorithms })).toThrow(TypeError);
    }
  });

  it('J1: alg none fails the proof check', async () => {
    const jwt = `${segment({ alg: 'none', kid: key.id, typ: 'vc+jwt' })}.${segment(fresh())}.`;
    const r = await verifier.verifyCredential(jwt);
    expect(check(r, 'proof')?.problem?.title).toBe('PROOF_VERIFICATION_ERROR');
    expect(r.verified).toBe(false);
  });

  it('J3: the JWS JSON serialization, a wrong typ and an SD-JWT envelope fail the format check', async () => {
    const flattened = await new FlattenedSign(new TextEncoder().encode(JSON.stringify(ob3Credential(jose.did))))
      .setProtectedHeader({ alg: 'EdDSA', kid: jose.kid, typ: 'vc+jwt' })
      .sign(jose.privateKey);
    const wrongTyp = await joseJwt(
      { alg: 'EdDSA', kid: jose.kid, typ: 'JWT' },
      ob3Credential(jose.did),
      jose.privateKey,
    );
    const sdJwt = { ...envelopeJwt(wrongTyp), id: `data:application/vc+sd-jwt,${wrongTyp}~` };
    for (const input of [JSON.stringify(flattened), wrongTyp, sdJwt, 'not.a.jwt']) {
      const r = await verifier.verifyCredential(input);
      expect(check(r, 'format')?.status).toBe('failed');
      expect(r.checks.slice(1).every((c) => c.status === 'skipped')).toBe(true);
      expect(r.verified).toBe(false);
    }
  });
});

describe('VC 2.0 §4.13 presentations holding enveloped JWT credentials', () => {
  it('verifies each enveloped credential of an unsigned presentation', async () => {
    const good = envelopeJwt(await signCredentialJwt(fresh(), { key, now: FROZEN_NOW }));
    const revoked = envelopeJwt(
      await signCredentialJwt(fresh({ credentialStatus: statusEntry({ index: String(REVOKED_INDEX) }) }), {
        key,
        now: FROZEN_NOW,
      }),
    );
    const r = await verifier.verifyPresentation(presentation([good, revoked]), { unsignedPresentation: true });
    expect(r.credentialResults.map((c) => c.verified)).toEqual([true, false]);
    expect(r.credentialResults[1]?.problems.map((p) => p.title)).toEqual(['CREDENTIAL_REVOKED']);
    expect(r.verified).toBe(false);
  });

  it('a holder-signed presentation of an enveloped credential verifies both layers', async () => {
    const enveloped = envelopeJwt(await signCredentialJwt(fresh(), { key, now: FROZEN_NOW }));
    const vp = await signedPresentation({
      key: holder,
      documentLoader,
      credentials: [enveloped],
      challenge: 'c0ae1c8e-c7e7-469f-b252-86e6a0e7387e',
    });
    const r = await verifyPresentation(vp, {
      now: () => FROZEN_NOW,
      didResolver,
      fetchStatusList: server.fetchStatusList,
      challenge: 'c0ae1c8e-c7e7-469f-b252-86e6a0e7387e',
    });
    expect(r.problems).toEqual([]);
    expect(r.checks.find((c) => c.id === 'presentation')?.status).toBe('passed');
    expect(r.credentialResults[0]).toMatchObject({ verified: true, issuer: key.controller });
    expect(r.verified).toBe(true);
  });
});

describe('OB 3.0 §9.1 step 3 refresh with JWT credentials', () => {
  it('a JWT credential is refreshed; an enveloped JWT answer supersedes it', async () => {
    const refreshUrl = 'https://certs.example.test/refresh/lineage-1';
    const refreshService = { id: refreshUrl, type: '1EdTechCredentialRefresh' };
    const old = fresh({ refreshService });
    const newer = fresh({ refreshService, validFrom: '2026-05-01T00:00:00Z' });
    const refresh = jsonServer();
    refresh.publish(refreshUrl, envelopeJwt(await signCredentialJwt(newer, { key, now: FROZEN_NOW })));
    const r = await createVerifier({
      now: () => FROZEN_NOW,
      didResolver,
      fetchStatusList: server.fetchStatusList,
      refresh: true,
      fetchRefresh: refresh.fetch,
    }).verifyCredential(await signCredentialJwt(old, { key, now: FROZEN_NOW }));
    expect(check(r, 'refresh')).toMatchObject({ status: 'passed', details: { currentId: newer.id } });
    expect(r.lifecycle).toMatchObject({ state: 'superseded', supersededBy: newer.id });
    expect(r.verified).toBe(true);
  });
});
