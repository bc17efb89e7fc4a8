// Data Integrity 1.0 §2.1.2 "Proof Chains" and §4.5 "Verify Proof Sets and Chains": a proof with
// `previousProof` is checked over the document with the proofs it names attached, and only when
// they are in the set and verify. Chains come from the W3C EdDSA vectors (§B.5) and from
// @digitalbazaar/data-integrity's own createProof driven through the §4.3 "Add Proof Set/Chain"
// steps; jsonld-signatures' sign() is shown not to bind the previous proof.
import { DataIntegrityProof } from '@digitalbazaar/data-integrity';
import * as EcdsaMultikey from '@digitalbazaar/ecdsa-multikey';
import { cryptosuite as ecdsaRdfc2019 } from '@digitalbazaar/ecdsa-rdfc-2019-cryptosuite';
import * as Ed25519Multikey from '@digitalbazaar/ed25519-multikey';
import { cryptosuite as eddsaRdfc2022 } from '@digitalbazaar/eddsa-rdfc-2022-cryptosuite';
import * as vc from '@digitalbazaar/vc';
import {
  createDocumentLoader,
  generateSigningKey,
  importSigningKey,
  type SigningKey,
  verifyCredentialProof,
} from '@repo/core';
import { loadPinnedContexts } from '@repo/schemas';
import jsigs from 'jsonld-signatures';
import { beforeAll, describe, expect, it } from 'vitest';
import { verifyingSuites } from '../../src/proofs/cryptosuites.ts';
import { previousProofsOf, withPreviousProofs } from '../../src/proofs/previous-proofs.ts';
import { verifyProofSet } from '../../src/proofs/verify-proof.ts';
import { SIGNED_PROOF_CHAIN_2 } from './proof-chain-vectors.ts';
import { documentLoader, jcsSign, ob3v2, vectorDocumentLoader } from './support.ts';

const asAssertion = (doc: unknown, loader = vectorDocumentLoader) =>
  verifyProofSet(structuredClone(doc), {
    documentLoader: loader,
    kind: 'credential',
    purpose: () => new jsigs.purposes.AssertionProofPurpose(),
  });

describe('Data Integrity 1.0 §4.5 with the W3C EdDSA §B.5 proof-chain vectors (eddsa-rdfc-2022)', () => {
  const chain2: any = SIGNED_PROOF_CHAIN_2;
  const chain1 = { ...chain2, proof: chain2.proof.slice(0, 3) };

  it('§B.5.2 proof chain with multiple dependencies (previousProof: [id, id]) verifies', async () => {
    expect(await asAssertion(chain1)).toMatchObject({ verified: true });
  });

  it('§B.5.3 extended proof chain (a fourth proof chained to the third) verifies', async () => {
    expect(await asAssertion(chain2)).toMatchObject({ verified: true });
  });

  it('verifyCredentialProof rejects it only because none of its proofs is by the vector issuer’s key', async () => {
    const r = await verifyCredentialProof(structuredClone(chain2), { documentLoader: vectorDocumentLoader });
    expect(r).toMatchObject({ verified: false, problem: { title: 'INVALID_VERIFICATION_METHOD' } });
  });

  it('§4.5 step 3.3: the chained proof was made over the document with its previous proofs — without them it fails', async () => {
    const { proof, ...document } = structuredClone(chain2);
    const alone = await jsigs.verify(
      { ...document, proof: proof[2] },
      {
        suite: verifyingSuites('credential'),
        purpose: new jsigs.purposes.AssertionProofPurpose(),
        documentLoader: vectorDocumentLoader,
      },
    );
    expect(alone.verified).toBe(false);
    const bound = await jsigs.verify(
      { ...document, proof: proof[2] },
      {
        suite: withPreviousProofs(verifyingSuites('credential'), [proof[0], proof[1]]),
        purpose: new jsigs.purposes.AssertionProofPurpose(),
        documentLoader: vectorDocumentLoader,
      },
    );
    expect(bound.verified).toBe(true);
  });

  it('the chained proof binds its previous proofs: one of them edited → the chained proof fails too', async () => {
    const { proof, ...document } = structuredClone(chain2);
    const edited = { ...proof[0], created: '2023-02-24T23:36:39Z' };
    const r = await jsigs.verify(
      { ...document, proof: proof[2] },
      {
        suite: withPreviousProofs(verifyingSuites('credential'), [edited, proof[1]]),
        purpose: new jsigs.purposes.AssertionProofPurpose(),
        documentLoader: vectorDocumentLoader,
      },
    );
    expect(r.verified).toBe(false);
  });

  it('a named previous proof removed from the set → PROOF_VERIFICATION_ERROR pointing at the previousProof entry', async () => {
    const doc = { ...structuredClone(chain2), proof: chain2.proof.slice(1) };
    const r = await asAssertion(doc);
    expect(r).toMatchObject({
      verified: false,
      problem: { title: 'PROOF_VERIFICATION_ERROR', pointer: '/proof/1/previousProof/0' },
    });
    expect(r.problem?.detail).toContain(chain2.proof[0].id);
  });

  it('T1 a changed field → CRYPTOGRAPHIC_SECURITY_ERROR', async () => {
    const doc = structuredClone(chain2);
    doc.credentialSubject.alumniOf = 'The School of Counterexamples';
    expect((await asAssertion(doc)).problem?.title).toBe('CRYPTOGRAPHIC_SECURITY_ERROR');
  });

  it('T2 the last proof of the chain with a changed proofValue → CRYPTOGRAPHIC_SECURITY_ERROR at /proof/3', async () => {
    const doc = structuredClone(chain2);
    const pv: string = doc.proof[3].proofValue;
    doc.proof[3].proofValue = `${pv.slice(0, -3)}${pv.at(-3) === 'a' ? 'b' : 'a'}${pv.slice(-2)}`;
    expect(await asAssertion(doc)).toMatchObject({
      verified: false,
      problem: { title: 'CRYPTOGRAPHIC_SECURITY_ERROR', pointer: '/proof/3' },
    });
  });
});

describe('Data Integrity 1.0 §4.5 previousProof checks before any cryptography', () => {
  const proofs = [{ id: 'urn:a' }, { id: 'urn:b' }, { id: 'urn:b' }, { id: 'urn:c' }];
  const cases: Array<[string, unknown, string, string]> = [
    ['an id no proof has', 'urn:missing', 'PROOF_VERIFICATION_ERROR', '/proof/3/previousProof'],
    [
      'a list with an id no proof has',
      ['urn:a', 'urn:missing'],
      'PROOF_VERIFICATION_ERROR',
      '/proof/3/previousProof/1',
    ],
    ['an id two proofs share', 'urn:b', 'PROOF_VERIFICATION_ERROR', '/proof/3/previousProof'],
    ['its own id', 'urn:c', 'PROOF_VERIFICATION_ERROR', '/proof/3/previousProof'],
    ['a number', 7, 'MALFORMED_VALUE_ERROR', '/proof/3/previousProof'],
    ['an empty list', [], 'MALFORMED_VALUE_ERROR', '/proof/3/previousProof'],
  ];
  for (const [name, previousProof, title, pointer] of cases) {
    it(`previousProof ${name} → ${title}`, () => {
      const set = proofs.map((p, i) => (i === 3 ? { ...p, previousProof } : p));
      expect(previousProofsOf(set, 3, '/proof/3').problem).toMatchObject({ title, pointer });
    });
  }

  it('a list resolves to the named proofs in proof-set order', () => {
    const set = [{ id: 'urn:a' }, { id: 'urn:x' }, { id: 'urn:b' }, { previousProof: ['urn:b', 'urn:a'] }];
    expect(previousProofsOf(set, 3, '/proof/3').matching).toEqual([set[0], set[2]]);
  });
});

describe('Data Integrity 1.0 §4.3/§4.5: a chain made with @digitalbazaar/vc and @digitalbazaar/data-integrity', () => {
  // An issuer DID with two keys (Ed25519 and P-256), both assertion methods: the second proof is a
  // counter-signature by the issuer's other key, chained to the first.
  const did = 'did:example:chain-issuer';
  let ed: any;
  let p256: any;
  let loader: ReturnType<typeof createDocumentLoader>;
  let first: any;

  beforeAll(async () => {
    ed = await Ed25519Multikey.generate({ id: `${did}#ed`, controller: did });
    p256 = await EcdsaMultikey.generate({ curve: 'P-256', id: `${did}#p256`, controller: did });
    const methods = [ed, p256].map((k) => ({
      id: k.id,
      type: 'Multikey',
      controller: did,
      publicKeyMultibase: k.publicKeyMultibase,
    }));
    const didDocument = {
      '@context': ['https://www.w3.org/ns/did/v1', 'https://w3id.org/security/multikey/v1'],
      id: did,
      verificationMethod: methods,
      assertionMethod: methods.map((m) => m.id),
    };
    loader = createDocumentLoader({
      contexts: loadPinnedContexts(),
      resolveDid: async (url) => {
        if (url === did) return didDocument;
        const m = methods.find((x) => x.id === url);
        return m && { '@context': 'https://w3id.org/security/multikey/v1', ...m };
      },
    });
    const suite = new DataIntegrityProof({
      signer: ed.signer(),
      date: '2026-01-01T00:00:00Z',
      cryptosuite: eddsaRdfc2022,
    });
    (suite as any).proof = { id: 'urn:uuid:0c1a0000-0000-4000-8000-000000000001' };
    first = await vc.issue({ credential: ob3v2(did), suite, documentLoader: loader });
  });

  /** §4.3 Add Proof Set/Chain: the new proof is made over the document with the named previous proofs. */
  async function chain(signed: any) {
    const { proof: previous, ...unsigned } = signed;
    const suite = new DataIntegrityProof({
      signer: p256.signer(),
      date: '2026-01-02T00:00:00Z',
      cryptosuite: ecdsaRdfc2019,
    });
    (suite as any).proof = { previousProof: previous.id };
    const proof = await (suite as any).createProof({
      document: { ...unsigned, proof: [previous] },
      purpose: new vc.CredentialIssuancePurpose(),
      proofSet: [previous],
      documentLoader: loader,
    });
    return { ...unsigned, proof: [previous, proof] };
  }

  it('a counter-signature chained to the issuance proof (previousProof) verifies with verifyCredentialProof', async () => {
    const chained = await chain(first);
    expect(chained.proof[1]).toMatchObject({ previousProof: first.proof.id, cryptosuite: 'ecdsa-rdfc-2019' });
    expect(await verifyCredentialProof(chained, { documentLoader: loader })).toEqual({
      verified: true,
      verificationMethod: ed.id,
    });
  });

  it('a second proof added by jsigs.sign() with previousProof set does not cover the first (jsonld-signatures drops existing proofs before signing) → refused', async () => {
    const suite = new DataIntegrityProof({
      signer: p256.signer(),
      date: '2026-01-02T00:00:00Z',
      cryptosuite: ecdsaRdfc2019,
    });
    (suite as any).proof = { previousProof: first.proof.id };
    const signed = await jsigs.sign(structuredClone(first), {
      suite,
      purpose: new vc.CredentialIssuancePurpose(),
      documentLoader: loader,
    });
    expect(signed.proof).toHaveLength(2);
    // jsonld-signatures 11 signed the bare credential: the proof verifies without the first attached.
    const { proof: _proofs, ...bare } = signed;
    const alone = await jsigs.verify(
      { ...bare, proof: signed.proof[1] },
      { suite: verifyingSuites('credential'), purpose: new vc.CredentialIssuancePurpose(), documentLoader: loader },
    );
    expect(alone.verified).toBe(true);
    const r = await verifyCredentialProof(signed, { documentLoader: loader });
    expect(r).toMatchObject({
      verified: false,
      problem: { title: 'CRYPTOGRAPHIC_SECURITY_ERROR', pointer: '/proof/1' },
    });
  });

  it("T1 a tampered chain: the first proof's created edited → rejected (the first proof fails, and the chained one with it)", async () => {
    const chained = await chain(first);
    chained.proof[0] = { ...chained.proof[0], created: '2026-01-01T00:00:01Z' };
    const r = await verifyCredentialProof(chained, { documentLoader: loader });
    expect(r).toMatchObject({
      verified: false,
      problem: { title: 'CRYPTOGRAPHIC_SECURITY_ERROR', pointer: '/proof/0' },
    });
  });

  it('T1 a tampered chain: a credential field changed → CRYPTOGRAPHIC_SECURITY_ERROR', async () => {
    const chained = await chain(first);
    chained.credentialSubject.achievement.name = 'Master Technician';
    expect((await verifyCredentialProof(chained, { documentLoader: loader })).problem?.title).toBe(
      'CRYPTOGRAPHIC_SECURITY_ERROR',
    );
  });

  it('the chained proof alone, its previous proof removed → PROOF_VERIFICATION_ERROR at /proof/0/previousProof', async () => {
    const chained = await chain(first);
    const r = await verifyCredentialProof({ ...chained, proof: [chained.proof[1]] }, { documentLoader: loader });
    expect(r).toMatchObject({
      verified: false,
      problem: { title: 'PROOF_VERIFICATION_ERROR', pointer: '/proof/0/previousProof' },
    });
  });

  it('a chained proof given as the only (non-array) proof → PROOF_VERIFICATION_ERROR at /proof/previousProof', async () => {
    const chained = await chain(first);
    const r = await verifyCredentialProof({ ...chained, proof: chained.proof[1] }, { documentLoader: loader });
    expect(r.problem).toMatchObject({ title: 'PROOF_VERIFICATION_ERROR', pointer: '/proof/previousProof' });
  });
});

describe('Proof chains with the JCS suites (§4.3 step 6 under JCS: proof list in the signed JSON)', () => {
  let key: SigningKey;
  beforeAll(async () => {
    key = await importSigningKey((await generateSigningKey()).serialized);
  });

  it('an eddsa-jcs-2022 proof chained to an eddsa-jcs-2022 proof verifies; dropping the binding fails', async () => {
    const credential = ob3v2(key.controller);
    const base = jcsSign(credential, key, { proof: { id: 'urn:uuid:0c1a0000-0000-4000-8000-0000000000aa' } });
    const previous = base.proof;
    const chained = jcsSign({ ...credential, proof: [previous] }, key, {
      created: '2026-01-02T00:00:00Z',
      proof: { previousProof: previous.id },
      keep: [previous],
    });
    expect(await verifyCredentialProof(chained, { documentLoader })).toMatchObject({ verified: true });
    const unbound = jcsSign(credential, key, {
      created: '2026-01-02T00:00:00Z',
      proof: { previousProof: previous.id },
      keep: [previous],
    });
    expect(await verifyCredentialProof(unbound, { documentLoader })).toMatchObject({
      verified: false,
      problem: { title: 'CRYPTOGRAPHIC_SECURITY_ERROR', pointer: '/proof/1' },
    });
  });
});
