// SECURITY-CHECKLIST V4 with single-use challenges: POST /challenges hands a relying party a
// challenge; POST /presentations/verify accepts a holder's presentation signed with it once,
// before it expires (Data Integrity 1.0 §4.4 challenge; VC-JOSE-COSE §3.2 nonce). Presentations are
// signed by @digitalbazaar/vc (signPresentation, eddsa-rdfc-2022) and by jose (vp+jwt).
import { readFileSync } from 'node:fs';
import { DataIntegrityProof } from '@digitalbazaar/data-integrity';
import * as Ed25519Multikey from '@digitalbazaar/ed25519-multikey';
import { cryptosuite as eddsaRdfc2022 } from '@digitalbazaar/eddsa-rdfc-2022-cryptosuite';
import * as vc from '@digitalbazaar/vc';
import { didKeyFromPublicKey, encodeEd25519Multikey } from '@repo/core';
import { CompactSign, exportJWK, generateKeyPair } from 'jose';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FROZEN_NOW, type IssuerApp, startIssuerApp, TOKENS } from '../helpers/issuer-app.ts';
import { call } from '../helpers/issuer-process.ts';
import { peerDocumentLoader } from '../helpers/peer-document-loader.ts';

const fixture = JSON.parse(readFileSync(new URL('../fixtures/ob3-certification.json', import.meta.url), 'utf8'));
const V2 = 'https://www.w3.org/ns/credentials/v2';
const FIVE_MINUTES = 300_000;

let issuer: IssuerApp;
let t = FROZEN_NOW.getTime();
let holder: any;
let issued: Record<string, unknown>;
const { documentLoader } = peerDocumentLoader();

beforeAll(async () => {
  issuer = await startIssuerApp({ clock: () => new Date(t) });
  holder = await Ed25519Multikey.generate();
  holder.controller = `did:key:${holder.publicKeyMultibase}`;
  holder.id = `${holder.controller}#${holder.publicKeyMultibase}`;
  const res = await call(
    issuer.url,
    'POST',
    '/credentials/issue',
    { credential: structuredClone(fixture) },
    TOKENS.full,
  );
  expect(res.status).toBe(201);
  issued = res.json.verifiableCredential;
});
afterAll(async () => {
  await issuer?.close();
});

const newChallenge = async (): Promise<{ challenge: string; expires: string }> => {
  const res = await call(issuer.url, 'POST', '/challenges');
  expect(res.status, res.text).toBe(200);
  return res.json;
};

/** A VC 2.0 presentation of the issued credential, signed by the holder with `challenge` (signPresentation). */
async function signedVp(challenge: string): Promise<Record<string, any>> {
  const presentation = vc.createPresentation({
    holder: holder.controller,
    version: 2.0,
    verifiableCredential: [issued],
  });
  const suite = new DataIntegrityProof({
    signer: holder.signer(),
    cryptosuite: eddsaRdfc2022,
    date: new Date(FROZEN_NOW.getTime() - 60_000).toISOString(),
  });
  return vc.signPresentation({ presentation, suite, challenge, documentLoader });
}

const verify = (verifiablePresentation: unknown, options: Record<string, unknown>) =>
  call(issuer.url, 'POST', '/presentations/verify', { verifiablePresentation, options });
const presentationCheck = (res: Awaited<ReturnType<typeof call>>) =>
  res.json.checks.find((c: { id: string }) => c.id === 'presentation');

describe('POST /challenges (VC-API "Create Challenge")', () => {
  it('answers 200 { challenge: 128 random bits base64url, expires: now + 5 min }, no-store, CORS for any origin', async () => {
    const res = await call(issuer.url, 'POST', '/challenges');
    expect(res.status).toBe(200);
    expect(res.json).toEqual({
      challenge: expect.stringMatching(/^[A-Za-z0-9_-]{22}$/),
      expires: '2026-03-01T12:05:00Z',
    });
    expect(res.headers.get('cache-control')).toBe('no-store');
    expect(res.headers.get('access-control-allow-origin')).toBe('*');
    expect((await call(issuer.url, 'POST', '/challenges')).json.challenge).not.toBe(res.json.challenge);
    const preflight = await fetch(`${issuer.url}/challenges`, { method: 'OPTIONS' });
    expect(preflight.status).toBe(204);
    expect(preflight.headers.get('access-control-allow-methods')).toContain('POST');
  });
});

describe('V4 single-use challenges over HTTP: POST /presentations/verify with options.challenge', () => {
  it('a fresh challenge is accepted once; the replay is refused with INVALID_CHALLENGE_ERROR', async () => {
    const { challenge, expires } = await newChallenge();
    const vp = await signedVp(challenge);
    expect(vp.proof).toMatchObject({ cryptosuite: 'eddsa-rdfc-2022', proofPurpose: 'authentication', challenge });
    const first = await verify(vp, { challenge, requireIssuedChallenge: true });
    expect(first.status, first.text).toBe(200);
    expect(first.json.verified).toBe(true);
    expect(presentationCheck(first)).toMatchObject({
      status: 'passed',
      details: { challenge: { issuedHere: true, used: true, expires } },
    });
    const replay = await verify(vp, { challenge, requireIssuedChallenge: true });
    expect(replay.status).toBe(422);
    expect(replay.json.verified).toBe(false);
    expect(presentationCheck(replay)).toMatchObject({
      status: 'failed',
      problem: { title: 'INVALID_CHALLENGE_ERROR', pointer: '/options/challenge' },
    });
    expect(replay.json.problems[0].detail).toMatch(/already used/);
    // The credentials inside are still reported (they verified); only the presentation is refused.
    expect(replay.json.credentialResults[0].verified).toBe(true);
  });

  it('an issued challenge is single-use even when the caller did not ask for requireIssuedChallenge', async () => {
    const { challenge } = await newChallenge();
    const vp = await signedVp(challenge);
    expect((await verify(vp, { challenge })).status).toBe(200);
    const replay = await verify(vp, { challenge });
    expect(replay.status).toBe(422);
    expect(replay.json.problems[0].title).toBe('INVALID_CHALLENGE_ERROR');
  });

  it('an expired challenge is refused (frozen clock advanced to its expires instant)', async () => {
    const { challenge, expires } = await newChallenge();
    const vp = await signedVp(challenge);
    t += FIVE_MINUTES;
    try {
      const res = await verify(vp, { challenge, requireIssuedChallenge: true });
      expect(res.status).toBe(422);
      expect(presentationCheck(res).problem).toMatchObject({ title: 'INVALID_CHALLENGE_ERROR' });
      expect(res.json.problems[0].detail).toBe(
        `The challenge expired at ${expires}. Ask POST /challenges for a new one.`,
      );
    } finally {
      t -= FIVE_MINUTES;
    }
  });

  it('one second before it expires, a challenge is still accepted', async () => {
    const { challenge } = await newChallenge();
    const vp = await signedVp(challenge);
    t += FIVE_MINUTES - 1000;
    try {
      expect((await verify(vp, { challenge, requireIssuedChallenge: true })).status).toBe(200);
    } finally {
      t -= FIVE_MINUTES - 1000;
    }
  });

  it('an unknown challenge is refused with requireIssuedChallenge; without it, it is the caller’s own (compared only)', async () => {
    const own = 'c0ae1c8e-c7e7-469f-b252-86e6a0e7387e';
    const vp = await signedVp(own);
    const refused = await verify(vp, { challenge: own, requireIssuedChallenge: true });
    expect(refused.status).toBe(422);
    expect(presentationCheck(refused).problem).toMatchObject({ title: 'INVALID_CHALLENGE_ERROR' });
    expect(refused.json.problems[0].detail).toMatch(/not issued by this service/);
    const compared = await verify(vp, { challenge: own });
    expect(compared.status, compared.text).toBe(200);
    expect((await verify(vp, { challenge: own })).status).toBe(200);
  });

  it('a presentation that fails anyway uses nothing up: a tampered one, or one signed for another challenge', async () => {
    const { challenge } = await newChallenge();
    const vp = await signedVp(challenge);
    const tampered = { ...structuredClone(vp), holder: 'did:example:someone-else' };
    const bad = await verify(tampered, { challenge, requireIssuedChallenge: true });
    expect(bad.status).toBe(422);
    expect(presentationCheck(bad).problem.title).not.toBe('INVALID_CHALLENGE_ERROR');
    const other = await signedVp((await newChallenge()).challenge);
    const wrong = await verify(other, { challenge, requireIssuedChallenge: true });
    expect(presentationCheck(wrong).problem).toMatchObject({
      title: 'INVALID_CHALLENGE_ERROR',
      pointer: '/proof/challenge',
    });
    // The challenge is still good for the genuine presentation.
    expect((await verify(vp, { challenge, requireIssuedChallenge: true })).status).toBe(200);
  });

  it('VC-JOSE-COSE §3.2: a vp+jwt whose nonce is the issued challenge is accepted once', async () => {
    const { challenge } = await newChallenge();
    const { privateKey, publicKey } = await generateKeyPair('EdDSA');
    const raw = new Uint8Array(Buffer.from((await exportJWK(publicKey)).x!, 'base64url'));
    const did = didKeyFromPublicKey(raw);
    const payload = { '@context': [V2], type: 'VerifiablePresentation', holder: did, nonce: challenge };
    const jwt = await new CompactSign(new TextEncoder().encode(JSON.stringify(payload)))
      .setProtectedHeader({ alg: 'EdDSA', kid: `${did}#${encodeEd25519Multikey(raw)}`, typ: 'vp+jwt' })
      .sign(privateKey);
    const envelope = { '@context': V2, id: `data:application/vp+jwt,${jwt}`, type: 'EnvelopedVerifiablePresentation' };
    const first = await verify(envelope, { challenge, requireIssuedChallenge: true });
    expect(first.status, first.text).toBe(200);
    const replay = await verify(envelope, { challenge, requireIssuedChallenge: true });
    expect(replay.status).toBe(422);
    expect(replay.json.problems[0].title).toBe('INVALID_CHALLENGE_ERROR');
  });

  it('I3 requireIssuedChallenge must be a boolean and needs options.challenge → 400', async () => {
    const vp = await signedVp('x');
    const noChallenge = await verify(vp, { requireIssuedChallenge: true });
    expect(noChallenge.status).toBe(400);
    expect(noChallenge.json).toMatchObject({ title: 'MALFORMED_VALUE_ERROR', pointer: '/options/challenge' });
    const notBoolean = await verify(vp, { challenge: 'x', requireIssuedChallenge: 'yes' });
    expect(notBoolean.status).toBe(400);
    expect(notBoolean.json).toMatchObject({
      title: 'MALFORMED_VALUE_ERROR',
      pointer: '/options/requireIssuedChallenge',
    });
  });
});
