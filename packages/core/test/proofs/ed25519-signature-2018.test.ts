// Credentials made by @digitalbazaar/vc + @digitalbazaar/ed25519-signature-2018 (what Jobs for the
// Future plugfest badges and older DCC issuers send: VC 1.1, OB 3.0, a detached-JWS proof) verify
// with verifyCredentialProof; the key stays an assertionMethod of the issuer.
import * as EcdsaMultikey from '@digitalbazaar/ecdsa-multikey';
import { Ed25519Signature2018 } from '@digitalbazaar/ed25519-signature-2018';
import { Ed25519VerificationKey2018 } from '@digitalbazaar/ed25519-verification-key-2018';
import * as vc from '@digitalbazaar/vc';
import { createDocumentLoader, ED25519_2018_CONTEXT_V1, verifyCredentialProof } from '@repo/core';
import { loadPinnedContexts } from '@repo/schemas';
import jsonld from 'jsonld';
import { beforeAll, describe, expect, it } from 'vitest';
import { Ed25519Signature2018Verifier } from '../../src/proofs/ed25519-signature-2018.ts';
import { documentLoader, OB_300, OB_303, ob3v2, ob3v11, resolver } from './support.ts';

/** An Ed25519VerificationKey2018 did:key pair, as a 2018 issuer holds it. */
async function didKey2018(): Promise<any> {
  const keyPair = await Ed25519VerificationKey2018.generate();
  keyPair.controller = `did:key:${keyPair.fingerprint()}`;
  keyPair.id = `${keyPair.controller}#${keyPair.fingerprint()}`;
  return keyPair;
}

const issue2018 = (credential: unknown, key: any, loader = documentLoader) =>
  vc.issue({
    credential,
    suite: new Ed25519Signature2018({ key, date: '2026-01-01T00:00:00Z' }),
    documentLoader: loader,
  });

describe('Interop: Ed25519Signature2018 (verify only) made by @digitalbazaar/vc + @digitalbazaar/ed25519-signature-2018', () => {
  let keyPair: any;
  let signed: any;

  beforeAll(async () => {
    keyPair = await didKey2018();
    signed = await issue2018(ob3v11(keyPair.controller, [], OB_300), keyPair);
  });

  it('a VC 1.1 OB 3.0.0 credential (issuanceDate, did:key issuer) verifies', async () => {
    expect(signed.proof).toMatchObject({ type: 'Ed25519Signature2018', proofPurpose: 'assertionMethod' });
    expect(signed.proof.jws).toMatch(/^[\w-]+\.\.[\w-]+$/);
    expect(await verifyCredentialProof(signed, { documentLoader })).toEqual({
      verified: true,
      verificationMethod: keyPair.id,
    });
  });

  it('…and so does one with the OB 3.0.3 context', async () => {
    const other = await issue2018(ob3v11(keyPair.controller, [], OB_303), keyPair);
    expect((await verifyCredentialProof(other, { documentLoader })).verified).toBe(true);
  });

  it('the suite reads our did:key Multikey method as the same key in Ed25519VerificationKey2018 form', async () => {
    expect(await resolver.dereference(keyPair.id)).toMatchObject({ type: 'Multikey' });
    const vm = await new Ed25519Signature2018Verifier().getVerificationMethod({
      proof: signed.proof,
      documentLoader,
    });
    expect(vm).toEqual({
      '@context': ED25519_2018_CONTEXT_V1,
      id: keyPair.id,
      type: 'Ed25519VerificationKey2018',
      controller: keyPair.controller,
      publicKeyBase58: keyPair.publicKeyBase58,
    });
  });

  it('a did document with an Ed25519VerificationKey2018 method (publicKeyBase58, no @context of its own) verifies', async () => {
    const did = 'did:example:issuer-2018';
    const id = `${did}#key-1`;
    const method = {
      id,
      type: 'Ed25519VerificationKey2018',
      controller: did,
      publicKeyBase58: keyPair.publicKeyBase58,
    };
    const didDocument = {
      '@context': ['https://www.w3.org/ns/did/v1', ED25519_2018_CONTEXT_V1],
      id: did,
      verificationMethod: [method],
      assertionMethod: [id],
    };
    const loader = createDocumentLoader({
      contexts: loadPinnedContexts(),
      resolveDid: async (url) => (url === did ? didDocument : url === id ? method : undefined),
    });
    const key = await Ed25519VerificationKey2018.from({ ...method, privateKeyBase58: keyPair.privateKeyBase58 });
    const credential = await issue2018(ob3v11(did, [], OB_300), key, loader);
    expect(await verifyCredentialProof(credential, { documentLoader: loader })).toEqual({
      verified: true,
      verificationMethod: id,
    });
  });

  it('T1 a changed field → CRYPTOGRAPHIC_SECURITY_ERROR', async () => {
    const tampered = structuredClone(signed);
    tampered.credentialSubject.achievement.name = 'Master Technician';
    const r = await verifyCredentialProof(tampered, { documentLoader });
    expect(r.problem?.title).toBe('CRYPTOGRAPHIC_SECURITY_ERROR');
  });

  describe('T2 a damaged JWS is rejected; nothing thrown', () => {
    const cases: Array<[string, (jws: string) => unknown, string]> = [
      [
        'one signature character changed',
        (jws) => {
          const at = jws.length - 10;
          return `${jws.slice(0, at)}${jws[at] === 'A' ? 'B' : 'A'}${jws.slice(at + 1)}`;
        },
        'CRYPTOGRAPHIC_SECURITY_ERROR',
      ],
      ['signature truncated', (jws) => jws.slice(0, -8), 'CRYPTOGRAPHIC_SECURITY_ERROR'],
      ['an attached payload', (jws) => jws.replace('..', '.e30.'), 'MALFORMED_VALUE_ERROR'],
      ['not a string', () => 42, 'MALFORMED_VALUE_ERROR'],
    ];
    for (const [name, damage, code] of cases) {
      it(`T2 ${name} → ${code}`, async () => {
        const r = await verifyCredentialProof(
          { ...signed, proof: { ...signed.proof, jws: damage(signed.proof.jws) } },
          { documentLoader },
        );
        expect(r).toMatchObject({ verified: false, problem: { title: code } });
      });
    }
  });

  describe('T4 edited proof options are rejected', () => {
    const header = (h: object) => Buffer.from(JSON.stringify(h)).toString('base64url');
    const edits: Array<[string, (p: any) => void, string]> = [
      ['created moved one second', (p) => (p.created = '2026-01-01T00:00:01Z'), 'CRYPTOGRAPHIC_SECURITY_ERROR'],
      ['proofPurpose authentication', (p) => (p.proofPurpose = 'authentication'), 'CRYPTOGRAPHIC_SECURITY_ERROR'],
      [
        'JWS header alg ES256',
        (p) => (p.jws = `${header({ alg: 'ES256', b64: false, crit: ['b64'] })}..${p.jws.split('..')[1]}`),
        'CRYPTOGRAPHIC_SECURITY_ERROR',
      ],
      [
        'JWS header with b64 true',
        (p) => (p.jws = `${header({ alg: 'EdDSA', b64: true, crit: ['b64'] })}..${p.jws.split('..')[1]}`),
        'CRYPTOGRAPHIC_SECURITY_ERROR',
      ],
      ['a cryptosuite added', (p) => (p.cryptosuite = 'eddsa-rdfc-2022'), 'PROOF_VERIFICATION_ERROR'],
      ['type Ed25519Signature2020', (p) => (p.type = 'Ed25519Signature2020'), 'PROOF_VERIFICATION_ERROR'],
    ];
    for (const [name, edit, code] of edits) {
      it(`T4 proof ${name} → ${code}`, async () => {
        const doc = structuredClone(signed);
        edit(doc.proof);
        const r = await verifyCredentialProof(doc, { documentLoader });
        expect(r).toMatchObject({ verified: false, problem: { title: code } });
      });
    }
  });

  it('T5 signed by another did:key than the issuer → INVALID_VERIFICATION_METHOD', async () => {
    const foreign = await issue2018(ob3v11(keyPair.controller, [], OB_300), await didKey2018());
    const r = await verifyCredentialProof(foreign, { documentLoader });
    expect(r.problem?.title).toBe('INVALID_VERIFICATION_METHOD');
  });

  it('a verification method holding a P-256 key → PROOF_VERIFICATION_ERROR (the 2018 suite is Ed25519 only)', async () => {
    const pair = await EcdsaMultikey.generate({ curve: 'P-256' });
    const did = `did:key:${pair.publicKeyMultibase}`;
    const doc = { ...structuredClone(signed), issuer: { ...signed.issuer, id: did } };
    doc.proof.verificationMethod = `${did}#${pair.publicKeyMultibase}`;
    const r = await verifyCredentialProof(doc, { documentLoader });
    expect(r).toMatchObject({ verified: false, problem: { title: 'PROOF_VERIFICATION_ERROR' } });
  });

  it('a VC 2.0 credential with no context defining Ed25519Signature2018 → PROOF_VERIFICATION_ERROR naming them', async () => {
    const r = await verifyCredentialProof({ ...ob3v2(keyPair.controller), proof: signed.proof }, { documentLoader });
    expect(r).toMatchObject({ verified: false, problem: { title: 'PROOF_VERIFICATION_ERROR', pointer: '/@context' } });
    expect(r.problem?.detail).toContain(ED25519_2018_CONTEXT_V1);
  });
});

describe('Bundled contexts for Ed25519Signature2018 documents (schemas/contexts, T8/T14)', () => {
  for (const url of [ED25519_2018_CONTEXT_V1, 'https://w3id.org/security/v2', 'https://w3id.org/security/v1']) {
    it(`${url} is pinned and served offline`, async () => {
      expect(loadPinnedContexts().has(url)).toBe(true);
      expect((await documentLoader(url)).document).toHaveProperty('@context');
    });
  }

  it('a Security v2 document (which imports Security v1) expands in safe mode from the bundle alone', async () => {
    const expanded = await jsonld.expand(
      { '@context': 'https://w3id.org/security/v2', type: 'Ed25519Signature2018', jws: 'x..y' },
      { documentLoader, safe: true },
    );
    expect(expanded[0]?.['@type']).toEqual(['https://w3id.org/security#Ed25519Signature2018']);
  });
});
