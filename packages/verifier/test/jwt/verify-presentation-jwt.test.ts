import { type DocumentLoader, envelopeJwt, type SigningKey, signCredentialJwt } from '@repo/core';
import {
  type Check,
  createVerifier,
  type PresentationVerification,
  type Verifier,
  verifyPresentation,
} from '@repo/verifier';
import { beforeAll, describe, expect, it } from 'vitest';
import {
  createTestKey,
  createTestLoader,
  FROZEN_NOW,
  ob3Credential,
  STATUS_BASE,
  signedOb3Credential,
  signedStatusList,
  statusEntry,
  statusListServer,
} from '../../../../test/helpers/credential-factory.ts';
import { type JoseIssuer, joseDidKeyIssuer, joseJwt, seconds } from './jwt-fixtures.ts';

const REVOCATION_URL = `${STATUS_BASE}/revocation/0`;
const REVOKED_INDEX = 7;
const V2 = 'https://www.w3.org/ns/credentials/v2';
const CHALLENGE = 'c0ae1c8e-c7e7-469f-b252-86e6a0e7387e';
const DOMAIN = 'jobs.example.com';

let key: SigningKey;
let holder: JoseIssuer;
let attacker: JoseIssuer;
let documentLoader: DocumentLoader;
let didResolver: ReturnType<typeof createTestLoader>['didResolver'];
let server: ReturnType<typeof statusListServer>;
let verifier: Verifier;
/** The three ways a credential travels in a presentation: embedded proof, envelope, compact JWT. */
let credentials: unknown[];

beforeAll(async () => {
  ({ documentLoader, didResolver } = createTestLoader());
  [key, holder, attacker] = await Promise.all([createTestKey(), joseDidKeyIssuer(), joseDidKeyIssuer()]);
  server = statusListServer();
  server.publish(
    REVOCATION_URL,
    await signedStatusList({ key, documentLoader, url: REVOCATION_URL, set: [REVOKED_INDEX] }),
  );
  verifier = createVerifier({ now: () => FROZEN_NOW, didResolver, fetchStatusList: server.fetchStatusList });
  const withStatus = (index: number) => ({ credentialStatus: statusEntry({ index: String(index) }) });
  const jwt = await signCredentialJwt(ob3Credential(key, withStatus(42)), { key, now: FROZEN_NOW });
  credentials = [
    await signedOb3Credential(key, documentLoader, withStatus(41)),
    // VC 2.0 §4.13.1, as its example writes the envelope: "@context" a string.
    { '@context': V2, id: `data:application/vc+jwt,${jwt}`, type: 'EnvelopedVerifiableCredential' },
    await signCredentialJwt(ob3Credential(key, withStatus(43)), { key, now: FROZEN_NOW }),
  ];
});

function check(r: PresentationVerification, id: Check['id']): Check | undefined {
  return r.checks.find((c) => c.id === id);
}

/** A VC 2.0 presentation of `holder` (VC-JOSE-COSE §3.2 example shape) holding `items`. */
function vp(items: unknown[], by: JoseIssuer = holder): Record<string, unknown> {
  return { '@context': [V2], type: 'VerifiablePresentation', holder: by.did, verifiableCredential: items };
}

/** A vp+jwt made with jose directly, bound to the challenge and domain. */
function vpJwt(payload: Record<string, unknown>, signer: JoseIssuer = holder): Promise<string> {
  return joseJwt(
    { alg: 'EdDSA', kid: signer.kid, typ: 'vp+jwt' },
    { ...payload, nonce: CHALLENGE, aud: DOMAIN },
    signer.privateKey,
  );
}

describe('VC-JOSE-COSE §3.2 vp+jwt through verifyPresentation: the holder’s JWS, then every credential', () => {
  it('a compact vp+jwt (jose, did:key holder) holding an embedded-proof, an enveloped and a compact JWT credential verifies', async () => {
    const jwt = await vpJwt(vp(credentials));
    const r = await verifier.verifyPresentation(jwt, { challenge: CHALLENGE, domain: DOMAIN });
    expect(r.problems).toEqual([]);
    expect(check(r, 'format')).toMatchObject({ status: 'passed', details: { format: 'vp-jose-cose' } });
    expect(check(r, 'presentation')).toMatchObject({
      status: 'passed',
      details: { format: 'vp-jose-cose', alg: 'EdDSA', kid: holder.kid, holder: holder.did },
    });
    expect(r.credentialResults.map((c) => [c.verified, c.issuer])).toEqual([
      [true, key.controller],
      [true, key.controller],
      [true, key.controller],
    ]);
    expect(r.verified).toBe(true);
  });

  it('VC 2.0 §4.13.2 EnvelopedVerifiablePresentation ("@context" a string, as the example) verifies the same', async () => {
    const jwt = await vpJwt(vp(credentials));
    const envelope = { '@context': V2, id: `data:application/vp+jwt,${jwt}`, type: 'EnvelopedVerifiablePresentation' };
    const r = await verifier.verifyPresentation(envelope, { challenge: CHALLENGE });
    expect(r.problems).toEqual([]);
    expect(r.verified).toBe(true);
  });

  it('V4 another challenge → INVALID_CHALLENGE_ERROR; another domain → INVALID_DOMAIN_ERROR; the credentials still reported', async () => {
    const jwt = await vpJwt(vp(credentials));
    const wrongChallenge = await verifier.verifyPresentation(jwt, { challenge: 'another' });
    expect(check(wrongChallenge, 'presentation')?.problem).toMatchObject({
      title: 'INVALID_CHALLENGE_ERROR',
      pointer: '/nonce',
    });
    expect(wrongChallenge.credentialResults).toHaveLength(3);
    expect(wrongChallenge.verified).toBe(false);
    const wrongDomain = await verifier.verifyPresentation(jwt, { challenge: CHALLENGE, domain: 'evil.example' });
    expect(check(wrongDomain, 'presentation')?.problem?.title).toBe('INVALID_DOMAIN_ERROR');
    expect(wrongDomain.verified).toBe(false);
  });

  it('a presentation naming one holder but signed with another DID’s key fails the presentation check', async () => {
    const jwt = await vpJwt(vp(credentials, holder), attacker);
    const r = await verifier.verifyPresentation(jwt, { challenge: CHALLENGE });
    expect(check(r, 'presentation')).toMatchObject({
      status: 'failed',
      problem: { title: 'INVALID_VERIFICATION_METHOD' },
    });
    expect(r.verified).toBe(false);
  });

  it('a revoked credential inside → verified false with CREDENTIAL_REVOKED, the presentation itself passed', async () => {
    const revoked = await signCredentialJwt(
      ob3Credential(key, { credentialStatus: statusEntry({ index: String(REVOKED_INDEX) }) }),
      { key, now: FROZEN_NOW },
    );
    const r = await verifier.verifyPresentation(await vpJwt(vp([envelopeJwt(revoked)])), { challenge: CHALLENGE });
    expect(check(r, 'presentation')?.status).toBe('passed');
    expect(r.credentialResults[0]?.problems.map((p) => p.title)).toEqual(['CREDENTIAL_REVOKED']);
    expect(r.verified).toBe(false);
  });
});

describe('VC Data Model 1.1 §6.3.1 presentation JWT (vp claim) through the module-level verifyPresentation', () => {
  it('iss = holder, nonce = challenge, aud = domain; the compact credential JWTs inside are verified', async () => {
    const jwt = await joseJwt(
      { alg: 'EdDSA', typ: 'JWT', kid: holder.kid },
      {
        iss: holder.did,
        jti: 'urn:uuid:3978344f-8596-4c3a-a978-8fcaba3903c5',
        aud: DOMAIN,
        nbf: seconds('2026-06-01T11:55:00Z'),
        exp: seconds('2026-06-01T12:10:00Z'),
        nonce: CHALLENGE,
        vp: {
          '@context': ['https://www.w3.org/2018/credentials/v1'],
          type: ['VerifiablePresentation'],
          verifiableCredential: [credentials[2]],
        },
      },
      holder.privateKey,
    );
    const options = { now: () => FROZEN_NOW, didResolver, fetchStatusList: server.fetchStatusList, domain: DOMAIN };
    const r = await verifyPresentation(jwt, { ...options, challenge: CHALLENGE });
    expect(r.problems).toEqual([]);
    expect(check(r, 'presentation')?.details).toMatchObject({ format: 'vp-jwt-v1', holder: holder.did });
    expect(r.credentialResults[0]).toMatchObject({ verified: true, issuer: key.controller });
    expect(r.verified).toBe(true);
    const replayed = await verifyPresentation(jwt, { ...options, challenge: 'a-new-challenge' });
    expect(check(replayed, 'presentation')?.problem?.title).toBe('INVALID_CHALLENGE_ERROR');
  });
});

describe('Presentation JWTs that are not: the format check fails, nothing throws', () => {
  it('a credential JWT, text, a vc+jwt envelope given as a presentation, a JWT presentation without VerifiablePresentation', async () => {
    const notAPresentation = await vpJwt({ '@context': [V2], type: 'SomethingElse' });
    const inputs = [
      credentials[2],
      'not a jwt',
      { '@context': V2, id: `data:application/vc+jwt,${credentials[2]}`, type: 'EnvelopedVerifiablePresentation' },
      notAPresentation,
    ];
    for (const input of inputs) {
      const r = await verifier.verifyPresentation(input);
      expect(check(r, 'format')?.status).toBe('failed');
      expect(r.credentialResults).toEqual([]);
      expect(r.verified).toBe(false);
    }
  });
});
