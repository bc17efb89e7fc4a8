/**
 * Interop, peers make, we verify: `@digitalbazaar/vc` + `@digitalbazaar/ed25519-signature-2018`
 * (a JWS `Ed25519Signature2018` proof, `Ed25519VerificationKey2018` key) sign a VC Data Model 1.1
 * Open Badges 3.0.0 credential issued by a did:key; `createVerifier().verifyCredential` says
 * verified. VC Data Model 1.1 §4.6, §6.3.2; Ed25519Signature2018 (W3C CCG Linked Data Proofs) with
 * detached JWS (RFC 7797); Open Badges 3.0 §8.3.
 */
import * as vc from '@digitalbazaar/vc';
import { createVerifier } from '@repo/verifier';
import { beforeAll, describe, expect, it } from 'vitest';
import { FROZEN_NOW } from '../helpers/credential-factory.ts';
import { OB_V3P0_0, ob3Vc11Credential } from '../helpers/peer-credentials.ts';
import { peerDocumentLoader } from '../helpers/peer-document-loader.ts';
import { Ed25519Signature2018, Ed25519VerificationKey2018 } from '../helpers/peer-libraries.ts';

const { documentLoader } = peerDocumentLoader();
const verifier = createVerifier({ now: () => FROZEN_NOW });

describe('Interop: @digitalbazaar/vc Ed25519Signature2018 (VC 1.1, Open Badges 3.0.0) → our verifier', () => {
  let keyPair: any;
  let signed: any;

  beforeAll(async () => {
    keyPair = await Ed25519VerificationKey2018.generate();
    keyPair.controller = `did:key:${keyPair.fingerprint()}`;
    keyPair.id = `${keyPair.controller}#${keyPair.fingerprint()}`;
    // credentials/v1 defines Ed25519Signature2018 itself; the suite's own ed25519-2018/v1 context
    // redefines protected terms of it, and the library refuses the pair.
    signed = await vc.issue({
      credential: ob3Vc11Credential(keyPair.controller, [OB_V3P0_0]),
      suite: new Ed25519Signature2018({ key: keyPair, date: '2026-01-01T00:00:00Z' }),
      documentLoader,
    });
  });

  it('VC 1.1 §4.6 + Ed25519Signature2018: verified, every check passed', async () => {
    expect(signed.proof).toMatchObject({
      type: 'Ed25519Signature2018',
      verificationMethod: keyPair.id,
      proofPurpose: 'assertionMethod',
    });
    expect(signed.proof.jws).toMatch(/^[\w-]+\.\.[\w-]+$/);
    const r = await verifier.verifyCredential(signed);
    expect(r.problems).toEqual([]);
    expect(r.verified).toBe(true);
    expect(Object.fromEntries(r.checks.map((c) => [c.id, c.status]))).toMatchObject({
      format: 'passed',
      proof: 'passed',
      validity: 'passed',
      schema: 'passed',
    });
  });

  it('negative twin: the subject id changed → CRYPTOGRAPHIC_SECURITY_ERROR', async () => {
    const tampered = structuredClone(signed);
    tampered.credentialSubject.id = 'did:example:someone-else';
    const r = await verifier.verifyCredential(tampered);
    expect(r.verified).toBe(false);
    expect(r.checks.find((c) => c.id === 'proof')?.problem?.title).toBe('CRYPTOGRAPHIC_SECURITY_ERROR');
  });

  it('negative twin: one character of the detached JWS signature changed → CRYPTOGRAPHIC_SECURITY_ERROR', async () => {
    const jws: string = signed.proof.jws;
    const at = jws.length - 10;
    const flipped = `${jws.slice(0, at)}${jws[at] === 'A' ? 'B' : 'A'}${jws.slice(at + 1)}`;
    const r = await verifier.verifyCredential({ ...signed, proof: { ...signed.proof, jws: flipped } });
    expect(r.verified).toBe(false);
    expect(r.checks.find((c) => c.id === 'proof')?.problem?.title).toBe('CRYPTOGRAPHIC_SECURITY_ERROR');
  });
});
