// A retired key vouches only for what it signed before its retirement; a revoked key
// (Controlled Identifiers 1.0 §2.2.4 `revoked`) for nothing. Read from the verification method the
// did:web resolver dereferences, checked once in core proof verification.
import { signCredential, verifyCredentialProof, verifyPresentationProof } from '@repo/core';
import { beforeEach, describe, expect, it } from 'vitest';
import { type DidWebIssuer, didWebIssuer, ISSUER_DID } from './did-web-issuer.ts';
import { jcsSign, ob3v2 } from './support.ts';

const RETIRED_AT = '2026-03-01T00:00:00Z';
const NOW = new Date('2026-06-01T12:00:00Z');

describe('Key retirement (retiredAt) and revocation (Controlled Identifiers 1.0 §2.2.4) in Data Integrity proofs', () => {
  let issuer: DidWebIssuer;
  beforeEach(async () => {
    issuer = await didWebIssuer(2);
  });
  const key1 = () => issuer.keys[0]!;
  const signAt = (created: string, key = key1()) =>
    signCredential(ob3v2(ISSUER_DID), { key, documentLoader: issuer.documentLoader, now: new Date(created) });
  const verify = (credential: unknown) =>
    verifyCredentialProof(credential, { documentLoader: issuer.documentLoader, now: NOW });

  it('a retired key still verifies what it signed before its retirement, and at the very instant (boundary)', async () => {
    const before = await signAt('2026-02-01T00:00:00Z');
    const instant = await signAt(RETIRED_AT);
    issuer.states.set(key1().id, { retiredAt: RETIRED_AT });
    for (const credential of [before, instant]) {
      const r = await verify(credential);
      expect(r.problem).toBeUndefined();
      expect(r.verified).toBe(true);
    }
  });

  it('signed by a retired key after its retirement → INVALID_VERIFICATION_METHOD "signed with a key retired on …" at /proof/created', async () => {
    const after = await signAt('2026-03-01T00:00:01Z');
    issuer.states.set(key1().id, { retiredAt: RETIRED_AT });
    const r = await verify(after);
    expect(r.verified).toBe(false);
    expect(r.problem).toMatchObject({ title: 'INVALID_VERIFICATION_METHOD', pointer: '/proof/created' });
    expect(r.problem?.detail).toContain('signed with a key retired on 2026-03-01T00:00:00.000Z');
  });

  it('a retired key’s proof without created cannot show it predates the retirement → INVALID_VERIFICATION_METHOD', async () => {
    const signed = jcsSign(ob3v2(ISSUER_DID), key1(), { proof: { created: undefined } });
    delete signed.proof.created;
    // Before the retirement the same proof verifies: no created is fine for a current key.
    expect((await verify(signed)).verified).toBe(true);
    issuer.states.set(key1().id, { retiredAt: RETIRED_AT });
    const r = await verify(signed);
    expect(r.problem).toMatchObject({ title: 'INVALID_VERIFICATION_METHOD', pointer: '/proof/created' });
    expect(r.problem?.detail).toContain('cannot show it was signed before the retirement');
  });

  it('a revoked key: nothing it signed verifies, whatever its created → INVALID_VERIFICATION_METHOD "revoked on …"', async () => {
    const old = await signAt('2025-01-01T00:00:00Z');
    expect((await verify(old)).verified).toBe(true);
    issuer.states.set(key1().id, { retiredAt: RETIRED_AT, revoked: '2026-05-01T00:00:00Z' });
    const r = await verify(old);
    expect(r.verified).toBe(false);
    expect(r.problem).toMatchObject({ title: 'INVALID_VERIFICATION_METHOD', pointer: '/proof/verificationMethod' });
    expect(r.problem?.detail).toContain('revoked on 2026-05-01T00:00:00.000Z');
    // The other key of the same issuer is unaffected.
    expect((await verify(await signAt('2026-05-02T00:00:00Z', issuer.keys[1]!))).verified).toBe(true);
  });

  it('Data Integrity §4.5 a proof set with one proof by a revoked key fails, naming that proof', async () => {
    const a = await signAt('2026-01-01T00:00:00Z', issuer.keys[1]!);
    const b = await signAt('2026-01-02T00:00:00Z');
    issuer.states.set(key1().id, { revoked: '2026-05-01T00:00:00Z' });
    const r = await verify({ ...a, proof: [a.proof, b.proof] });
    expect(r.problem).toMatchObject({ title: 'INVALID_VERIFICATION_METHOD', pointer: '/proof/1/verificationMethod' });
  });

  it('T4 moving created back before the retirement breaks the signature', async () => {
    const after = await signAt('2026-04-01T00:00:00Z');
    issuer.states.set(key1().id, { retiredAt: RETIRED_AT });
    const r = await verify({ ...after, proof: { ...after.proof, created: '2026-02-01T00:00:00Z' } });
    expect(r.problem?.title).toBe('CRYPTOGRAPHIC_SECURITY_ERROR');
  });

  it('a holder’s presentation proof by a revoked authentication key fails the same way', async () => {
    const vp = {
      '@context': ['https://www.w3.org/ns/credentials/v2'],
      type: ['VerifiablePresentation'],
      holder: ISSUER_DID,
    };
    const proof = { proofPurpose: 'authentication', challenge: 'c-1' };
    const signed = jcsSign(vp, issuer.keys[1]!, { created: '2026-06-01T11:59:00Z', proof });
    const options = { documentLoader: issuer.documentLoader, challenge: 'c-1', now: NOW };
    expect((await verifyPresentationProof(signed, options)).verified).toBe(true);
    issuer.states.set(issuer.keys[1]!.id, { revoked: '2026-06-01T11:59:30Z' });
    const r = await verifyPresentationProof(signed, options);
    expect(r.problem).toMatchObject({ title: 'INVALID_VERIFICATION_METHOD', pointer: '/proof/verificationMethod' });
  });
});
