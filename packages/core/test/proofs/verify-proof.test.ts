import { readFileSync } from 'node:fs';
import {
  createDidResolver,
  createDocumentLoader,
  generateSigningKey,
  importSigningKey,
  MAX_PROOFS,
  signCredential,
  verifyCredentialProof,
} from '@repo/core';
import { loadPinnedContexts } from '@repo/schemas';
import { beforeAll, describe, expect, it } from 'vitest';

const fixture = JSON.parse(
  readFileSync(new URL('../../../../test/fixtures/ob3-certification.json', import.meta.url), 'utf8'),
);

describe('Data Integrity 1.0 §2.1.1 proof sets (§4.5 every proof must verify)', () => {
  const resolver = createDidResolver();
  const documentLoader = createDocumentLoader({
    contexts: loadPinnedContexts(),
    resolveDid: (u) => resolver.dereference(u),
  });
  let signed: any;
  let second: any;

  beforeAll(async () => {
    const key = await importSigningKey(
      JSON.parse(readFileSync(new URL('../../../../keys-example/issuer-key.json', import.meta.url), 'utf8')),
    );
    const credential = {
      ...fixture,
      id: 'urn:uuid:6c0e1c7a-3d8e-4d0e-9d7c-2f3e1f0b5a11',
      validFrom: '2026-01-01T00:00:00Z',
    };
    signed = await signCredential(credential, { key, documentLoader, now: new Date('2026-01-01T00:00:00Z') });
    second = await signCredential(credential, { key, documentLoader, now: new Date('2026-01-02T00:00:00Z') });
  });

  it('accepts a set whose every proof verifies', async () => {
    const r = await verifyCredentialProof({ ...signed, proof: [signed.proof, second.proof] }, { documentLoader });
    expect(r.verified).toBe(true);
  });

  it('T2 rejects a set with one valid and one broken proof, naming the broken one', async () => {
    const broken = { ...second.proof, proofValue: `${second.proof.proofValue.slice(0, -2)}11` };
    const r = await verifyCredentialProof({ ...signed, proof: [signed.proof, broken] }, { documentLoader });
    expect(r.verified).toBe(false);
    expect(r.problem).toMatchObject({ title: 'CRYPTOGRAPHIC_SECURITY_ERROR', pointer: '/proof/1' });
  });

  it('T5 a set needs the issuer’s own proof; another party’s valid proof beside it is a witness (Data Integrity §4.4)', async () => {
    const other = await importSigningKey((await generateSigningKey()).serialized);
    const { proof: _proof, ...unsigned } = signed;
    const foreign = await signCredential(unsigned, {
      key: other,
      documentLoader,
      now: new Date('2026-01-03T00:00:00Z'),
    });
    const both = await verifyCredentialProof({ ...signed, proof: [signed.proof, foreign.proof] }, { documentLoader });
    expect(both).toMatchObject({ verified: true, witnesses: [other.id] });
    const onlyForeign = await verifyCredentialProof({ ...signed, proof: foreign.proof }, { documentLoader });
    expect(onlyForeign.verified).toBe(false);
    expect(onlyForeign.problem?.title).toBe('INVALID_VERIFICATION_METHOD');
    // A witness proof that does not verify fails the whole set.
    const broken = { ...foreign.proof, proofValue: `${foreign.proof.proofValue.slice(0, -2)}11` };
    const bad = await verifyCredentialProof({ ...signed, proof: [signed.proof, broken] }, { documentLoader });
    expect(bad).toMatchObject({ verified: false, problem: { pointer: '/proof/1' } });
  });

  it('a proof set is bounded: more than MAX_PROOFS proofs is refused before any work; the same proof twice is a set', async () => {
    // Ed25519 is deterministic: one key signing the same document twice makes the same proof (the
    // W3C Data Integrity suite's proof-set fixture is such a pair).
    const twice = await verifyCredentialProof({ ...signed, proof: [signed.proof, signed.proof] }, { documentLoader });
    expect(twice.verified).toBe(true);
    const many = Array.from({ length: MAX_PROOFS + 1 }, (_, i) => ({ ...signed.proof, proofValue: `z${i}` }));
    const r = await verifyCredentialProof({ ...signed, proof: many }, { documentLoader });
    expect(r).toMatchObject({ verified: false, problem: { title: 'PROOF_VERIFICATION_ERROR', pointer: '/proof' } });
    expect(r.problem?.detail).toContain(`at most ${MAX_PROOFS}`);
  });

  it('a verificationMethod that is not a URL → INVALID_VERIFICATION_METHOD (never asked of the document loader)', async () => {
    const r = await verifyCredentialProof(
      { ...signed, proof: { ...signed.proof, verificationMethod: 'x' } },
      { documentLoader },
    );
    expect(r).toMatchObject({
      verified: false,
      problem: { title: 'INVALID_VERIFICATION_METHOD', pointer: '/proof/verificationMethod' },
    });
  });
});
