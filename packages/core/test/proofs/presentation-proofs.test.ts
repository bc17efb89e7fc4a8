// Holder proofs on verifiable presentations, made by @digitalbazaar/vc's signPresentation (what
// DCC-stack wallets send): Ed25519Signature2020, Ed25519Signature2018, ecdsa-rdfc-2019 and the JCS
// suites, checked by verifyPresentationProof with challenge and domain (Data Integrity 1.0 §4.4
// steps 6–7; SECURITY-CHECKLIST V4).
import { DataIntegrityProof } from '@digitalbazaar/data-integrity';
import * as EcdsaMultikey from '@digitalbazaar/ecdsa-multikey';
import { cryptosuite as ecdsaRdfc2019 } from '@digitalbazaar/ecdsa-rdfc-2019-cryptosuite';
import { createSignCryptosuite } from '@digitalbazaar/ecdsa-sd-2023-cryptosuite';
import * as Ed25519Multikey from '@digitalbazaar/ed25519-multikey';
import { Ed25519Signature2018 } from '@digitalbazaar/ed25519-signature-2018';
import { Ed25519Signature2020 } from '@digitalbazaar/ed25519-signature-2020';
import { Ed25519VerificationKey2018 } from '@digitalbazaar/ed25519-verification-key-2018';
import { Ed25519VerificationKey2020 } from '@digitalbazaar/ed25519-verification-key-2020';
import { cryptosuite as eddsaRdfc2022 } from '@digitalbazaar/eddsa-rdfc-2022-cryptosuite';
import * as vc from '@digitalbazaar/vc';
import { verifyPresentationProof } from '@repo/core';
import { beforeAll, describe, expect, it } from 'vitest';
import { ecdsaJcs2019, eddsaJcs2022 } from '../../src/proofs/jcs-cryptosuite.ts';
import { documentLoader, ED25519_2020, flipChar, VC_V1 } from './support.ts';

const CHALLENGE = 'c0ae1c8e-c7e7-469f-b252-86e6a0e7387e';
const DOMAIN = 'verifier.example.org';

/** A did:key holder key, with `id` / `controller` set as the suites expect. */
async function holderKey(kind: '2020' | '2018' | 'Ed25519' | 'P-256' | 'P-384'): Promise<any> {
  if (kind === '2020' || kind === '2018') {
    const pair = await (kind === '2020' ? Ed25519VerificationKey2020 : Ed25519VerificationKey2018).generate();
    pair.controller = `did:key:${pair.fingerprint()}`;
    pair.id = `${pair.controller}#${pair.fingerprint()}`;
    return pair;
  }
  const pair = kind === 'Ed25519' ? await Ed25519Multikey.generate() : await EcdsaMultikey.generate({ curve: kind });
  pair.controller = `did:key:${pair.publicKeyMultibase}`;
  pair.id = `${pair.controller}#${pair.publicKeyMultibase}`;
  return pair;
}

/** A VC 1.1 (`version: 1.0`) or VC 2.0 presentation by `holder`, signed by signPresentation. */
async function signVp(holder: string, suite: unknown, version: 1.0 | 2.0, extraContexts: string[] = []) {
  const presentation = vc.createPresentation({ holder, version, id: 'urn:uuid:4f7a0000-0000-4000-8000-000000000001' });
  presentation['@context'].push(...extraContexts);
  return vc.signPresentation({ presentation, suite, challenge: CHALLENGE, domain: DOMAIN, documentLoader });
}

const verify = (vp: unknown, options: { challenge?: string; domain?: string } = {}) =>
  verifyPresentationProof(structuredClone(vp), {
    documentLoader,
    challenge: CHALLENGE,
    domain: DOMAIN,
    ...options,
  });

describe('Presentations: Ed25519Signature2020 holder proof made by @digitalbazaar/vc signPresentation', () => {
  let key: any;
  let vp: any;

  beforeAll(async () => {
    key = await holderKey('2020');
    vp = await signVp(key.controller, new Ed25519Signature2020({ key }), 1.0, [ED25519_2020]);
  });

  it('a VC 1.1 presentation with challenge and domain verifies', async () => {
    expect(vp['@context']).toEqual([VC_V1, ED25519_2020]);
    expect(vp.proof).toMatchObject({
      type: 'Ed25519Signature2020',
      proofPurpose: 'authentication',
      challenge: CHALLENGE,
      domain: DOMAIN,
    });
    expect(await verify(vp)).toEqual({ verified: true, verificationMethod: key.id });
  });

  it('…and so does a VC 2.0 presentation', async () => {
    const v2 = await signVp(key.controller, new Ed25519Signature2020({ key }), 2.0, [ED25519_2020]);
    expect((await verify(v2)).verified).toBe(true);
  });

  it('V4 wrong challenge → INVALID_CHALLENGE_ERROR', async () => {
    expect(await verify(vp, { challenge: 'another-challenge' })).toMatchObject({
      verified: false,
      problem: { title: 'INVALID_CHALLENGE_ERROR', pointer: '/proof/challenge' },
    });
  });

  it('V4 wrong domain → INVALID_DOMAIN_ERROR', async () => {
    expect(await verify(vp, { domain: 'evil.example' })).toMatchObject({
      verified: false,
      problem: { title: 'INVALID_DOMAIN_ERROR', pointer: '/proof/domain' },
    });
  });

  it("V4 the challenge in the proof edited to match the verifier's → CRYPTOGRAPHIC_SECURITY_ERROR", async () => {
    const edited = { ...vp, proof: { ...vp.proof, challenge: 'another-challenge' } };
    expect(await verify(edited, { challenge: 'another-challenge' })).toMatchObject({
      verified: false,
      problem: { title: 'CRYPTOGRAPHIC_SECURITY_ERROR' },
    });
  });

  it('T1 the holder changed → CRYPTOGRAPHIC_SECURITY_ERROR', async () => {
    expect((await verify({ ...vp, holder: 'did:example:someone-else' })).problem?.title).toBe(
      'CRYPTOGRAPHIC_SECURITY_ERROR',
    );
  });

  it('T2 a changed proofValue character → CRYPTOGRAPHIC_SECURITY_ERROR; nothing thrown', async () => {
    const flipped = { ...vp, proof: { ...vp.proof, proofValue: flipChar(vp.proof.proofValue) } };
    expect((await verify(flipped)).problem?.title).toBe('CRYPTOGRAPHIC_SECURITY_ERROR');
  });

  it('a proofPurpose other than authentication → not verified', async () => {
    const assertion = { ...vp, proof: { ...vp.proof, proofPurpose: 'assertionMethod' } };
    expect((await verify(assertion)).verified).toBe(false);
  });
});

describe('Presentations: Ed25519Signature2018 holder proof made by @digitalbazaar/vc signPresentation', () => {
  it('a VC 1.1 presentation verifies; wrong challenge → INVALID_CHALLENGE_ERROR; T2 → CRYPTOGRAPHIC_SECURITY_ERROR', async () => {
    const key = await holderKey('2018');
    const vp = await signVp(key.controller, new Ed25519Signature2018({ key }), 1.0);
    expect(vp.proof).toMatchObject({ type: 'Ed25519Signature2018', challenge: CHALLENGE });
    expect(await verify(vp)).toEqual({ verified: true, verificationMethod: key.id });
    expect((await verify(vp, { challenge: 'x' })).problem?.title).toBe('INVALID_CHALLENGE_ERROR');
    const jws: string = vp.proof.jws;
    const damaged = {
      ...vp,
      proof: { ...vp.proof, jws: `${jws.slice(0, -5)}${jws.at(-5) === 'A' ? 'B' : 'A'}${jws.slice(-4)}` },
    };
    expect((await verify(damaged)).problem?.title).toBe('CRYPTOGRAPHIC_SECURITY_ERROR');
  });
});

describe('Presentations: Data Integrity holder proofs made by @digitalbazaar/vc signPresentation', () => {
  const cases = [
    { name: 'ecdsa-rdfc-2019 (P-256)', key: 'P-256', cryptosuite: ecdsaRdfc2019 },
    { name: 'ecdsa-rdfc-2019 (P-384)', key: 'P-384', cryptosuite: ecdsaRdfc2019 },
    { name: 'eddsa-jcs-2022', key: 'Ed25519', cryptosuite: eddsaJcs2022 },
    { name: 'ecdsa-jcs-2019 (P-256)', key: 'P-256', cryptosuite: ecdsaJcs2019 },
  ] as const;
  for (const c of cases) {
    it(`${c.name}: a VC 2.0 presentation verifies; wrong challenge / domain are refused; T2 → CRYPTOGRAPHIC_SECURITY_ERROR`, async () => {
      const key = await holderKey(c.key);
      const vp = await signVp(
        key.controller,
        new DataIntegrityProof({ signer: key.signer(), cryptosuite: c.cryptosuite }),
        2.0,
      );
      expect(vp.proof).toMatchObject({ cryptosuite: c.cryptosuite.name, proofPurpose: 'authentication' });
      expect(await verify(vp)).toEqual({ verified: true, verificationMethod: key.id });
      expect((await verify(vp, { challenge: 'x' })).problem?.title).toBe('INVALID_CHALLENGE_ERROR');
      expect((await verify(vp, { domain: 'x.example' })).problem?.title).toBe('INVALID_DOMAIN_ERROR');
      const flipped = { ...vp, proof: { ...vp.proof, proofValue: flipChar(vp.proof.proofValue) } };
      expect(await verify(flipped)).toMatchObject({
        verified: false,
        problem: { title: 'CRYPTOGRAPHIC_SECURITY_ERROR' },
      });
    });
  }

  it('an ecdsa-sd-2023 proof on a presentation → PROOF_VERIFICATION_ERROR (selective disclosure is for credentials)', async () => {
    const key = await holderKey('P-256');
    const vp = await signVp(
      key.controller,
      new DataIntegrityProof({ signer: key.signer(), cryptosuite: createSignCryptosuite() }),
      2.0,
    );
    expect(await verify(vp)).toMatchObject({
      verified: false,
      problem: { title: 'PROOF_VERIFICATION_ERROR', pointer: '/proof/cryptosuite' },
    });
  });

  it('a presentation with two holder proofs: both must verify, the broken one is named', async () => {
    const ed = await holderKey('Ed25519');
    const first = await signVp(
      ed.controller,
      new DataIntegrityProof({ signer: ed.signer(), cryptosuite: eddsaJcs2022 }),
      2.0,
    );
    const both = await vc.signPresentation({
      presentation: first,
      suite: new DataIntegrityProof({ signer: ed.signer(), cryptosuite: eddsaRdfc2022, date: '2026-01-02T00:00:00Z' }),
      challenge: CHALLENGE,
      domain: DOMAIN,
      documentLoader,
    });
    expect(both.proof).toHaveLength(2);
    expect((await verify(both)).verified).toBe(true);
    both.proof[1].proofValue = flipChar(both.proof[1].proofValue);
    expect(await verify(both)).toMatchObject({
      verified: false,
      problem: { title: 'CRYPTOGRAPHIC_SECURITY_ERROR', pointer: '/proof/1' },
    });
  });
});
