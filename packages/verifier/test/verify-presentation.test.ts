import type { DocumentLoader, SigningKey } from '@repo/core';
import { createVerifier, type PresentationVerification, type Verifier, verifyPresentation } from '@repo/verifier';
import { beforeAll, describe, expect, it } from 'vitest';
import {
  createTestKey,
  createTestLoader,
  FROZEN_NOW,
  presentation,
  STATUS_BASE,
  signedOb3Credential,
  signedPresentation,
  signedStatusList,
  statusEntry,
  statusListServer,
} from '../../../test/helpers/credential-factory.ts';

const CHALLENGE = 'c0ae1c8e-c7e7-469f-b252-86e6a0e7387e';
const DOMAIN = 'jobs.example.com';
const REVOCATION_URL = `${STATUS_BASE}/revocation/0`;

let issuer: SigningKey;
let holder: SigningKey;
let documentLoader: DocumentLoader;
let verifier: Verifier;

beforeAll(async () => {
  const loader = createTestLoader();
  documentLoader = loader.documentLoader;
  [issuer, holder] = await Promise.all([createTestKey(), createTestKey()]);
  const server = statusListServer();
  server.publish(
    REVOCATION_URL,
    await signedStatusList({ key: issuer, documentLoader, url: REVOCATION_URL, set: [13] }),
  );
  verifier = createVerifier({
    now: () => FROZEN_NOW,
    didResolver: loader.didResolver,
    fetchStatusList: server.fetchStatusList,
  });
});

function presentationCheck(r: PresentationVerification) {
  return r.checks.find((c) => c.id === 'presentation');
}

function expectPresentationFailure(r: PresentationVerification, code: string): void {
  expect(presentationCheck(r)?.status).toBe('failed');
  expect(presentationCheck(r)?.problem?.title).toBe(code);
  expect(r.problems.map((p) => p.title)).toContain(code);
  expect(r.verified).toBe(false);
}

async function signedVp(options: { challenge?: string; domain?: string; credentials?: unknown[] } = {}) {
  const credentials = options.credentials ?? [await signedOb3Credential(issuer, documentLoader)];
  return signedPresentation({
    key: holder,
    documentLoader,
    credentials,
    challenge: options.challenge ?? CHALLENGE,
    domain: options.domain ?? DOMAIN,
  });
}

describe('VC 2.0 §4.13 verifiable presentations / Data Integrity 1.0 authentication proof (challenge, domain)', () => {
  it('a presentation signed by @digitalbazaar/vc signPresentation (DataIntegrityProof, eddsa-rdfc-2022, authentication) verifies with the right challenge and domain', async () => {
    const vp = await signedVp();
    expect(vp.proof).toMatchObject({
      type: 'DataIntegrityProof',
      cryptosuite: 'eddsa-rdfc-2022',
      proofPurpose: 'authentication',
      challenge: CHALLENGE,
      domain: DOMAIN,
    });
    const r = await verifier.verifyPresentation(vp, { challenge: CHALLENGE, domain: DOMAIN });
    expect(r.problems).toEqual([]);
    expect(presentationCheck(r)).toMatchObject({ status: 'passed', details: { verificationMethod: holder.id } });
    expect(r.credentialResults).toHaveLength(1);
    expect(r.credentialResults[0]?.verified).toBe(true);
    expect(r.verified).toBe(true);
  });

  it('V4 wrong challenge → INVALID_CHALLENGE_ERROR', async () => {
    const r = await verifier.verifyPresentation(await signedVp(), { challenge: 'another-challenge', domain: DOMAIN });
    expectPresentationFailure(r, 'INVALID_CHALLENGE_ERROR');
  });

  it('V4 wrong domain → INVALID_DOMAIN_ERROR', async () => {
    const r = await verifier.verifyPresentation(await signedVp(), { challenge: CHALLENGE, domain: 'evil.example.com' });
    expectPresentationFailure(r, 'INVALID_DOMAIN_ERROR');
  });

  it('V4 a presentation made without a domain, when one is expected → INVALID_DOMAIN_ERROR', async () => {
    const vp = await signedPresentation({
      key: holder,
      documentLoader,
      credentials: [await signedOb3Credential(issuer, documentLoader)],
      challenge: CHALLENGE,
    });
    const r = await verifier.verifyPresentation(vp, { challenge: CHALLENGE, domain: DOMAIN });
    expectPresentationFailure(r, 'INVALID_DOMAIN_ERROR');
  });

  it('V4 challenge edited in the proof to match (replay of an old presentation) → CRYPTOGRAPHIC_SECURITY_ERROR', async () => {
    const vp = await signedVp({ challenge: 'old-challenge' });
    vp.proof.challenge = CHALLENGE;
    const r = await verifier.verifyPresentation(vp, { challenge: CHALLENGE, domain: DOMAIN });
    expectPresentationFailure(r, 'CRYPTOGRAPHIC_SECURITY_ERROR');
  });

  it('V4 domain edited in the proof to match → CRYPTOGRAPHIC_SECURITY_ERROR', async () => {
    const vp = await signedVp({ domain: 'other.example.com' });
    vp.proof.domain = DOMAIN;
    const r = await verifier.verifyPresentation(vp, { challenge: CHALLENGE, domain: DOMAIN });
    expectPresentationFailure(r, 'CRYPTOGRAPHIC_SECURITY_ERROR');
  });

  it('a credential removed from a signed presentation → CRYPTOGRAPHIC_SECURITY_ERROR', async () => {
    const vp = await signedVp({
      credentials: [
        await signedOb3Credential(issuer, documentLoader),
        await signedOb3Credential(issuer, documentLoader),
      ],
    });
    vp.verifiableCredential = vp.verifiableCredential.slice(0, 1);
    const r = await verifier.verifyPresentation(vp, { challenge: CHALLENGE, domain: DOMAIN });
    expectPresentationFailure(r, 'CRYPTOGRAPHIC_SECURITY_ERROR');
  });

  it('a presentation proof with proofPurpose assertionMethod (not authentication) → rejected', async () => {
    const vp = await signedVp();
    vp.proof.proofPurpose = 'assertionMethod';
    const r = await verifier.verifyPresentation(vp, { challenge: CHALLENGE, domain: DOMAIN });
    expect(presentationCheck(r)?.status).toBe('failed');
    expect(r.verified).toBe(false);
  });

  it('T9 a "__proto__" member added to a signed presentation → DATA_LOSS_DETECTION_ERROR', async () => {
    const text = JSON.stringify(await signedVp()).replace(
      '"holder":',
      '"__proto__":{"holder":"did:example:mallory"},"holder":',
    );
    const r = await verifier.verifyPresentation(JSON.parse(text), { challenge: CHALLENGE, domain: DOMAIN });
    expectPresentationFailure(r, 'DATA_LOSS_DETECTION_ERROR');
    expect(presentationCheck(r)?.problem?.pointer).toBe('/__proto__');
  });

  it('a term no context defines, added to a signed presentation → DATA_LOSS_DETECTION_ERROR', async () => {
    const vp = await signedVp();
    vp.holderNickname = 'mallory';
    expectPresentationFailure(
      await verifier.verifyPresentation(vp, { challenge: CHALLENGE, domain: DOMAIN }),
      'DATA_LOSS_DETECTION_ERROR',
    );
  });

  it('a valid holder proof does not hide a revoked credential inside', async () => {
    const revoked = await signedOb3Credential(issuer, documentLoader, {
      credentialStatus: statusEntry({ index: '13' }),
    });
    const r = await verifier.verifyPresentation(await signedVp({ credentials: [revoked] }), {
      challenge: CHALLENGE,
      domain: DOMAIN,
    });
    expect(presentationCheck(r)?.status).toBe('passed');
    expect(r.credentialResults[0]?.checks.find((c) => c.id === 'status')?.problem?.title).toBe('CREDENTIAL_REVOKED');
    expect(r.problems.map((p) => p.title)).toEqual(['CREDENTIAL_REVOKED']);
    expect(r.verified).toBe(false);
  });

  it('a valid holder proof does not hide a tampered credential inside', async () => {
    const tampered = await signedOb3Credential(issuer, documentLoader);
    tampered.name = 'Something Else';
    const r = await verifier.verifyPresentation(await signedVp({ credentials: [tampered] }), {
      challenge: CHALLENGE,
      domain: DOMAIN,
    });
    expect(presentationCheck(r)?.status).toBe('passed');
    expect(r.problems.map((p) => p.title)).toEqual(['CRYPTOGRAPHIC_SECURITY_ERROR']);
    expect(r.verified).toBe(false);
  });

  it('the top-level verifyPresentation checks challenge and domain too', async () => {
    const vp = await signedVp();
    const wrong = await verifyPresentation(vp, { now: () => FROZEN_NOW, challenge: 'nope', domain: DOMAIN });
    expectPresentationFailure(wrong, 'INVALID_CHALLENGE_ERROR');
    const right = await verifyPresentation(vp, { now: () => FROZEN_NOW, challenge: CHALLENGE, domain: DOMAIN });
    expect(right.verified).toBe(true);
  });

  describe('unsigned presentations', () => {
    it('unsignedPresentation:true and no challenge → presentation skipped, its credentials verified', async () => {
      const credentials = [
        await signedOb3Credential(issuer, documentLoader),
        await signedOb3Credential(issuer, documentLoader),
      ];
      const r = await verifier.verifyPresentation(presentation(credentials), { unsignedPresentation: true });
      expect(r.problems).toEqual([]);
      expect(presentationCheck(r)?.status).toBe('skipped');
      expect(r.credentialResults.map((c) => c.verified)).toEqual([true, true]);
      expect(r.verified).toBe(true);
    });

    it('unsignedPresentation:true still fails on a bad credential inside', async () => {
      const tampered = await signedOb3Credential(issuer, documentLoader);
      tampered.validFrom = '2020-01-01T00:00:00Z';
      const r = await verifier.verifyPresentation(
        presentation([await signedOb3Credential(issuer, documentLoader), tampered]),
        {
          unsignedPresentation: true,
        },
      );
      expect(r.credentialResults.map((c) => c.verified)).toEqual([true, false]);
      expect(r.problems.map((p) => p.title)).toEqual(['CRYPTOGRAPHIC_SECURITY_ERROR']);
      expect(r.verified).toBe(false);
    });

    it('an unsigned presentation without unsignedPresentation:true → PROOF_VERIFICATION_ERROR', async () => {
      const r = await verifier.verifyPresentation(presentation([await signedOb3Credential(issuer, documentLoader)]));
      expectPresentationFailure(r, 'PROOF_VERIFICATION_ERROR');
    });

    it('V4 an unsigned presentation when a challenge is expected → PROOF_VERIFICATION_ERROR, even with unsignedPresentation:true', async () => {
      const vp = presentation([await signedOb3Credential(issuer, documentLoader)]);
      expectPresentationFailure(
        await verifier.verifyPresentation(vp, { unsignedPresentation: true, challenge: CHALLENGE }),
        'PROOF_VERIFICATION_ERROR',
      );
      expectPresentationFailure(
        await verifier.verifyPresentation(vp, { unsignedPresentation: true, domain: DOMAIN }),
        'PROOF_VERIFICATION_ERROR',
      );
    });
  });

  describe('never throws on bad input', () => {
    const inputs: Array<[string, () => unknown | Promise<unknown>]> = [
      ['null', () => null],
      ['42', () => 42],
      ['"x"', () => 'x'],
      ['[]', () => []],
      ['{}', () => ({})],
      ['{ "@context": "x" }', () => ({ '@context': 'x' })],
      ['a credential instead of a presentation', () => signedOb3Credential(issuer, documentLoader)],
      ['proof: "x"', () => ({ ...presentation([]), proof: 'x' })],
      ['proof: []', () => ({ ...presentation([]), proof: [] })],
      ['proof: [null]', () => ({ ...presentation([]), proof: [null] })],
      ['proof: {} ', () => ({ ...presentation([]), proof: {} })],
      ['verifiableCredential: [null, 42, "x"]', () => ({ ...presentation([null, 42, 'x']), proof: undefined })],
      [
        'a proof getter that throws',
        () => ({
          ...presentation([]),
          get proof(): never {
            throw new Error('boom');
          },
        }),
      ],
    ];
    for (const [name, make] of inputs) {
      it(`${name} → resolves verified:false`, async () => {
        const r = await verifier.verifyPresentation(await make(), { challenge: CHALLENGE });
        expect(r.verified).toBe(false);
        expect(r.problems.length).toBeGreaterThan(0);
      });
    }

    it('bad credentials inside an accepted unsigned presentation each get verified:false', async () => {
      const r = await verifier.verifyPresentation(presentation([null, 42, 'x', {}]), { unsignedPresentation: true });
      expect(r.credentialResults.map((c) => c.verified)).toEqual([false, false, false, false]);
      expect(r.verified).toBe(false);
    });
  });
});
