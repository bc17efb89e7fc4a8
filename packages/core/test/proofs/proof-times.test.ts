// Data Integrity 1.0 §2.1 `created` / `expires` and the proof's validity period (appendix
// "Relationship to Verifiable Credentials"): a proof created in the future beyond the verifier's
// clock skew, or past its `expires`, does not verify — a coded problem, never a throw.
import {
  checkProofTimes,
  generateSigningKey,
  importSigningKey,
  type SigningKey,
  signCredential,
  verifyCredentialProof,
  verifyPresentationProof,
} from '@repo/core';
import { beforeAll, describe, expect, it } from 'vitest';
import { documentLoader, jcsSign, ob3v2 } from './support.ts';

const NOW = new Date('2026-06-01T12:00:00Z');
const at = (seconds: number) => new Date(NOW.getTime() + seconds * 1000);
const iso = (seconds: number) => at(seconds).toISOString().replace('.000Z', 'Z');

describe('Data Integrity 1.0 §2.1 proof created / expires against the verifier clock (skew 60 s)', () => {
  let key: SigningKey;
  beforeAll(async () => {
    key = await importSigningKey((await generateSigningKey()).serialized);
  });
  const credential = () => ob3v2(key.controller);
  const sign = (seconds: number) => signCredential(credential(), { key, documentLoader, now: at(seconds) });

  it('a proof created now, or up to the skew in the future (boundary), verifies', async () => {
    for (const seconds of [0, -86_400, 60]) {
      const r = await verifyCredentialProof(await sign(seconds), { documentLoader, now: NOW, skewSeconds: 60 });
      expect(r.problem).toBeUndefined();
      expect(r.verified).toBe(true);
    }
  });

  it('a proof created beyond the skew in the future → PROOF_VERIFICATION_ERROR at /proof/created', async () => {
    const r = await verifyCredentialProof(await sign(61), { documentLoader, now: NOW, skewSeconds: 60 });
    expect(r.verified).toBe(false);
    expect(r.problem).toMatchObject({ title: 'PROOF_VERIFICATION_ERROR', pointer: '/proof/created' });
    expect(r.problem?.detail).toContain('in the future');
  });

  it('the skew is the caller’s: 0 s refuses a proof one second ahead; the default is 60 s', async () => {
    const ahead = await sign(1);
    expect((await verifyCredentialProof(ahead, { documentLoader, now: NOW, skewSeconds: 0 })).verified).toBe(false);
    expect((await verifyCredentialProof(ahead, { documentLoader, now: NOW })).verified).toBe(true);
  });

  it('without a clock the proof times are not compared (the verifier library always passes its own)', async () => {
    expect((await verifyCredentialProof(await sign(86_400), { documentLoader })).verified).toBe(true);
  });

  it('a proof past its expires → PROOF_VERIFICATION_ERROR at /proof/expires; up to the skew after it is accepted', async () => {
    const expiring = (seconds: number) =>
      jcsSign(credential(), key, { created: iso(-3600), proof: { expires: iso(seconds) } });
    const expired = await verifyCredentialProof(expiring(-61), { documentLoader, now: NOW, skewSeconds: 60 });
    expect(expired.verified).toBe(false);
    expect(expired.problem).toMatchObject({ title: 'PROOF_VERIFICATION_ERROR', pointer: '/proof/expires' });
    expect(expired.problem?.detail).toContain(`expired on ${at(-61).toISOString()}`);
    for (const seconds of [-60, 3600]) {
      const r = await verifyCredentialProof(expiring(seconds), { documentLoader, now: NOW, skewSeconds: 60 });
      expect(r.problem).toBeUndefined();
    }
  });

  it('T4 an expires added or moved after signing breaks the signature first (CRYPTOGRAPHIC_SECURITY_ERROR)', async () => {
    const signed = jcsSign(credential(), key, { created: iso(-3600), proof: { expires: iso(-7200) } });
    signed.proof.expires = iso(3600);
    const r = await verifyCredentialProof(signed, { documentLoader, now: NOW });
    expect(r.problem?.title).toBe('CRYPTOGRAPHIC_SECURITY_ERROR');
  });

  it('Data Integrity §4.5 in a proof set the pointer names the proof: /proof/1/created', async () => {
    const first = await sign(0);
    const second = await sign(3600);
    const r = await verifyCredentialProof(
      { ...first, proof: [first.proof, second.proof] },
      { documentLoader, now: NOW, skewSeconds: 60 },
    );
    expect(r.problem).toMatchObject({ title: 'PROOF_VERIFICATION_ERROR', pointer: '/proof/1/created' });
  });

  it('a presentation proof created in the future beyond the skew fails the same way', async () => {
    const vp = {
      '@context': ['https://www.w3.org/ns/credentials/v2'],
      type: ['VerifiablePresentation'],
      holder: key.controller,
    };
    const proof = { proofPurpose: 'authentication', challenge: 'c-1' };
    const options = { documentLoader, challenge: 'c-1', now: NOW, skewSeconds: 60 };
    const now = await verifyPresentationProof(jcsSign(vp, key, { created: iso(0), proof }), options);
    expect(now.problem).toBeUndefined();
    const later = await verifyPresentationProof(jcsSign(vp, key, { created: iso(600), proof }), options);
    expect(later.problem).toMatchObject({ title: 'PROOF_VERIFICATION_ERROR', pointer: '/proof/created' });
  });

  it('checkProofTimes: a created or expires that is not a date-time is MALFORMED_VALUE_ERROR; a date without offset is read as UTC', () => {
    expect(checkProofTimes({ created: 'yesterday' }, NOW, 60)).toMatchObject({
      title: 'MALFORMED_VALUE_ERROR',
      pointer: '/proof/created',
    });
    expect(checkProofTimes({ expires: 42 }, NOW, 60)).toMatchObject({
      title: 'MALFORMED_VALUE_ERROR',
      pointer: '/proof/expires',
    });
    expect(checkProofTimes({ created: '2026-06-01T12:01:00' }, NOW, 60)).toBeUndefined();
    expect(checkProofTimes({ created: '2026-06-01T12:01:01' }, NOW, 60)?.title).toBe('PROOF_VERIFICATION_ERROR');
  });
});
