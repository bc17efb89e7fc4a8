// Credentials made by the Digital Bazaar libraries directly (not through signCredential) must verify
// with verifyCredentialProof: our verifier reads what other issuers using the same stack produce.
import { DataIntegrityProof } from '@digitalbazaar/data-integrity';
import * as EcdsaMultikey from '@digitalbazaar/ecdsa-multikey';
import { cryptosuite as ecdsaRdfc2019 } from '@digitalbazaar/ecdsa-rdfc-2019-cryptosuite';
import { createDiscloseCryptosuite, createSignCryptosuite } from '@digitalbazaar/ecdsa-sd-2023-cryptosuite';
import { Ed25519Signature2020 } from '@digitalbazaar/ed25519-signature-2020';
import { Ed25519VerificationKey2020 } from '@digitalbazaar/ed25519-verification-key-2020';
import * as vc from '@digitalbazaar/vc';
import { verifyCredentialProof } from '@repo/core';
import jsigs from 'jsonld-signatures';
import { beforeAll, describe, expect, it } from 'vitest';
import { DATA_INTEGRITY_V2, documentLoader, ED25519_2020, ob3v2, ob3v11, resolver } from './support.ts';

describe('Interop: Ed25519Signature2020 (legacy) made by @digitalbazaar/vc + @digitalbazaar/ed25519-signature-2020', () => {
  let keyPair: any;
  let signed: any;

  beforeAll(async () => {
    keyPair = await Ed25519VerificationKey2020.generate();
    keyPair.controller = `did:key:${keyPair.fingerprint()}`;
    keyPair.id = `${keyPair.controller}#${keyPair.fingerprint()}`;
    signed = await vc.issue({
      credential: ob3v11(keyPair.controller, [ED25519_2020]),
      suite: new Ed25519Signature2020({ key: keyPair, date: '2026-01-01T00:00:00Z' }),
      documentLoader,
    });
  });

  it('a VC 1.1 OB 3.0 credential (issuanceDate) with an Ed25519VerificationKey2020 did:key verifies', async () => {
    expect(signed.proof).toMatchObject({ type: 'Ed25519Signature2020', proofPurpose: 'assertionMethod' });
    expect(signed.proof).not.toHaveProperty('cryptosuite');
    expect(await verifyCredentialProof(signed, { documentLoader })).toEqual({
      verified: true,
      verificationMethod: keyPair.id,
    });
  });

  it('@digitalbazaar/ed25519-signature-2020 5.x reads our did:key Multikey method (no 2020 view needed)', async () => {
    // Our resolver serves the key as Multikey; the suite imports it with ed25519-multikey and
    // checks it as an Ed25519VerificationKey2020.
    expect(await resolver.dereference(keyPair.id)).toMatchObject({ type: 'Multikey' });
  });

  it('T1 a changed field → CRYPTOGRAPHIC_SECURITY_ERROR', async () => {
    const tampered = structuredClone(signed);
    tampered.credentialSubject.achievement.name = 'Master Technician';
    expect((await verifyCredentialProof(tampered, { documentLoader })).problem?.title).toBe(
      'CRYPTOGRAPHIC_SECURITY_ERROR',
    );
  });

  it('T2 a flipped signature byte → CRYPTOGRAPHIC_SECURITY_ERROR', async () => {
    const pv: string = signed.proof.proofValue;
    const flipped = `${pv.slice(0, 20)}${pv[20] === '2' ? '3' : '2'}${pv.slice(21)}`;
    const r = await verifyCredentialProof(
      { ...signed, proof: { ...signed.proof, proofValue: flipped } },
      { documentLoader },
    );
    expect(r.problem?.title).toBe('CRYPTOGRAPHIC_SECURITY_ERROR');
  });

  it('T4 without the suite context in @context → PROOF_VERIFICATION_ERROR naming it', async () => {
    const r = await verifyCredentialProof(
      { ...signed, '@context': signed['@context'].filter((c: string) => c !== ED25519_2020) },
      { documentLoader },
    );
    expect(r.problem?.title).toBe('PROOF_VERIFICATION_ERROR');
    expect(r.problem?.detail).toContain(ED25519_2020);
  });

  it('T4 a cryptosuite added to the legacy proof → PROOF_VERIFICATION_ERROR', async () => {
    const r = await verifyCredentialProof(
      { ...signed, proof: { ...signed.proof, cryptosuite: 'eddsa-rdfc-2022' } },
      { documentLoader },
    );
    expect(r.problem?.title).toBe('PROOF_VERIFICATION_ERROR');
  });

  it('T5 signed by another did:key than the issuer → INVALID_VERIFICATION_METHOD', async () => {
    const other = await Ed25519VerificationKey2020.generate();
    other.controller = `did:key:${other.fingerprint()}`;
    other.id = `${other.controller}#${other.fingerprint()}`;
    const foreign = await vc.issue({
      credential: ob3v11(keyPair.controller, [ED25519_2020]),
      suite: new Ed25519Signature2020({ key: other }),
      documentLoader,
    });
    expect((await verifyCredentialProof(foreign, { documentLoader })).problem?.title).toBe(
      'INVALID_VERIFICATION_METHOD',
    );
  });
});

describe('Interop: ecdsa-rdfc-2019 made by @digitalbazaar/vc + @digitalbazaar/ecdsa-rdfc-2019-cryptosuite', () => {
  for (const curve of ['P-256', 'P-384'] as const) {
    it(`${curve}: a VC 2.0 OB 3.0 credential signed outside our code verifies`, async () => {
      const pair = await EcdsaMultikey.generate({ curve });
      const controller = `did:key:${pair.publicKeyMultibase}`;
      pair.controller = controller;
      pair.id = `${controller}#${pair.publicKeyMultibase}`;
      const signed = await vc.issue({
        credential: ob3v2(controller),
        suite: new DataIntegrityProof({ signer: pair.signer(), cryptosuite: ecdsaRdfc2019 }),
        documentLoader,
      });
      expect(signed.proof.cryptosuite).toBe('ecdsa-rdfc-2019');
      expect(await verifyCredentialProof(signed, { documentLoader })).toEqual({
        verified: true,
        verificationMethod: pair.id,
      });
      const tampered = structuredClone(signed);
      tampered.credentialSubject.id = 'did:example:someone-else';
      expect((await verifyCredentialProof(tampered, { documentLoader })).problem?.title).toBe(
        'CRYPTOGRAPHIC_SECURITY_ERROR',
      );
    });
  }

  it('P-256: a VC 1.1 credential with the Data Integrity v2 context verifies', async () => {
    const pair = await EcdsaMultikey.generate({ curve: 'P-256' });
    const controller = `did:key:${pair.publicKeyMultibase}`;
    pair.id = `${controller}#${pair.publicKeyMultibase}`;
    const signed = await vc.issue({
      credential: ob3v11(controller, [DATA_INTEGRITY_V2]),
      suite: new DataIntegrityProof({ signer: pair.signer(), cryptosuite: ecdsaRdfc2019 }),
      documentLoader,
    });
    expect(await verifyCredentialProof(signed, { documentLoader })).toEqual({
      verified: true,
      verificationMethod: pair.id,
    });
  });
});

describe('Interop: ecdsa-sd-2023 base and derived proofs made with jsonld-signatures directly', () => {
  it('a derived credential made by jsigs.derive (createDiscloseCryptosuite) verifies; its base does not', async () => {
    const pair = await EcdsaMultikey.generate({ curve: 'P-256' });
    const controller = `did:key:${pair.publicKeyMultibase}`;
    pair.id = `${controller}#${pair.publicKeyMultibase}`;
    const base = await jsigs.sign(ob3v2(controller), {
      suite: new DataIntegrityProof({
        signer: pair.signer(),
        cryptosuite: createSignCryptosuite({ mandatoryPointers: ['/issuer', '/validFrom'] }),
      }),
      purpose: new jsigs.purposes.AssertionProofPurpose(),
      documentLoader,
    });
    const derived = await jsigs.derive(base, {
      suite: new DataIntegrityProof({
        cryptosuite: createDiscloseCryptosuite({ selectivePointers: ['/credentialSubject/achievement/name'] }),
      }),
      purpose: new jsigs.purposes.AssertionProofPurpose(),
      documentLoader,
    });
    expect(derived.credentialSubject.achievement).not.toHaveProperty('description');
    expect(await verifyCredentialProof(derived, { documentLoader })).toEqual({
      verified: true,
      verificationMethod: pair.id,
    });
    expect((await verifyCredentialProof(base, { documentLoader })).problem?.detail).toMatch(/holder must derive/);
  });
});
