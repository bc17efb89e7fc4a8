// eddsa-jcs-2022 / ecdsa-jcs-2019 on Open Badges 3.0 credentials: signed by an independent JCS
// implementation (canonicalize + node:crypto) and by signCredential, verified by
// verifyCredentialProof, with the JCS context rules and the verifier's context checks.
import {
  generateSigningKey,
  importSigningKey,
  type SigningKey,
  signCredential,
  verifyCredentialProof,
} from '@repo/core';
import { beforeAll, describe, expect, it } from 'vitest';
import { documentLoader, flipChar, jcsSign, OB_300, ob3v2, ob3v11 } from './support.ts';

const newKey = async (algorithm: 'Ed25519' | 'P-256' | 'P-384') =>
  importSigningKey((await generateSigningKey({ algorithm })).serialized);

describe('EdDSA / ECDSA Cryptosuites v1.0 §3.3 (JCS suites) on OB 3.0 credentials', () => {
  const keys: Partial<Record<'Ed25519' | 'P-256' | 'P-384', SigningKey>> = {};

  beforeAll(async () => {
    for (const algorithm of ['Ed25519', 'P-256', 'P-384'] as const) keys[algorithm] = await newKey(algorithm);
  });

  for (const algorithm of ['Ed25519', 'P-256', 'P-384'] as const) {
    it(`${algorithm}: a VC 2.0 OB 3.0 credential signed by an independent JCS signer (no Digital Bazaar code) verifies`, async () => {
      const key = keys[algorithm]!;
      const signed = jcsSign(ob3v2(key.controller), key);
      expect(await verifyCredentialProof(signed, { documentLoader })).toEqual({
        verified: true,
        verificationMethod: key.id,
      });
    });

    it(`${algorithm}: signCredential with the JCS cryptosuite → verifies; T2 a changed character → CRYPTOGRAPHIC_SECURITY_ERROR`, async () => {
      const key = keys[algorithm]!;
      const cryptosuite = algorithm === 'Ed25519' ? 'eddsa-jcs-2022' : 'ecdsa-jcs-2019';
      const signed = await signCredential(ob3v2(key.controller), {
        key,
        documentLoader,
        now: new Date('2026-01-01T00:00:00Z'),
        cryptosuite,
      });
      expect(signed.proof).toMatchObject({ cryptosuite, '@context': signed['@context'] });
      expect((await verifyCredentialProof(signed, { documentLoader })).verified).toBe(true);
      const flipped = { ...signed, proof: { ...signed.proof, proofValue: flipChar(signed.proof.proofValue) } };
      const r = await verifyCredentialProof(flipped, { documentLoader });
      expect(r).toMatchObject({ verified: false, problem: { title: 'CRYPTOGRAPHIC_SECURITY_ERROR' } });
    });
  }

  it('a VC 1.1 OB 3.0 credential (context 3.0.0) signed with eddsa-jcs-2022 verifies', async () => {
    const key = keys.Ed25519!;
    const signed = await signCredential(ob3v11(key.controller, [], OB_300), {
      key,
      documentLoader,
      now: new Date('2026-01-01T00:00:00Z'),
      cryptosuite: 'eddsa-jcs-2022',
    });
    expect((await verifyCredentialProof(signed, { documentLoader })).verified).toBe(true);
  });

  it('§3.3.2 a proof without @context (made before the 2025 algorithms) is checked over the document as it is', async () => {
    const key = keys.Ed25519!;
    const signed = jcsSign(ob3v2(key.controller), key, { withContext: false });
    expect(signed.proof).not.toHaveProperty('@context');
    expect((await verifyCredentialProof(signed, { documentLoader })).verified).toBe(true);
  });

  it("§3.3.2 step 4 a pinned context appended to the document's @context after signing is accepted (the proof's @context is a prefix)", async () => {
    const key = keys.Ed25519!;
    const signed = jcsSign(ob3v2(key.controller), key);
    signed['@context'] = [...signed['@context'], 'https://purl.imsglobal.org/spec/ob/v3p0/extensions.json'];
    expect((await verifyCredentialProof(signed, { documentLoader })).verified).toBe(true);
  });

  it("§3.3.2 step 4 a document @context that does not start with the proof's → PROOF_VERIFICATION_ERROR at /proof/@context", async () => {
    const key = keys.Ed25519!;
    const signed = jcsSign(ob3v2(key.controller), key);
    signed['@context'] = [signed['@context'][0], 'https://purl.imsglobal.org/spec/ob/v3p0/context-3.0.2.json'];
    const r = await verifyCredentialProof(signed, { documentLoader });
    expect(r).toMatchObject({
      verified: false,
      problem: { title: 'PROOF_VERIFICATION_ERROR', pointer: '/proof/@context' },
    });
  });

  it('T1 a changed field → CRYPTOGRAPHIC_SECURITY_ERROR', async () => {
    const key = keys['P-256']!;
    const signed = jcsSign(ob3v2(key.controller), key);
    signed.credentialSubject.achievement.name = 'Master Technician';
    const r = await verifyCredentialProof(signed, { documentLoader });
    expect(r.problem?.title).toBe('CRYPTOGRAPHIC_SECURITY_ERROR');
  });

  it('T5 signed by a did:key other than the issuer → INVALID_VERIFICATION_METHOD', async () => {
    const signed = jcsSign(ob3v2(keys['P-256']!.controller), keys.Ed25519!);
    const r = await verifyCredentialProof(signed, { documentLoader });
    expect(r.problem?.title).toBe('INVALID_VERIFICATION_METHOD');
  });

  it('T8 a JCS proof does not bypass the context allow-list: an unpinned @context → CONTEXT_NOT_ALLOWED, nothing fetched', async () => {
    const key = keys.Ed25519!;
    const credential = ob3v2(key.controller);
    credential['@context'] = [...credential['@context'], 'https://contexts.example.test/extra.jsonld'];
    const signed = jcsSign(credential, key);
    const r = await verifyCredentialProof(signed, { documentLoader });
    expect(r).toMatchObject({ verified: false, problem: { title: 'CONTEXT_NOT_ALLOWED' } });
  });

  it('T9 a term no context defines (VC 1.1, no @vocab) → DATA_LOSS_DETECTION_ERROR, signed or not', async () => {
    const key = keys.Ed25519!;
    const credential = { ...ob3v11(key.controller), undefinedTerm: 'not in any context' };
    const r = await verifyCredentialProof(jcsSign(credential, key), { documentLoader });
    expect(r).toMatchObject({ verified: false, problem: { title: 'DATA_LOSS_DETECTION_ERROR' } });
    await expect(
      signCredential(credential, { key, documentLoader, now: new Date(), cryptosuite: 'eddsa-jcs-2022' }),
    ).rejects.toMatchObject({ code: 'DATA_LOSS_DETECTION_ERROR' });
  });

  it('signCredential refuses a JCS cryptosuite that does not fit the key (TypeError)', async () => {
    await expect(
      signCredential(ob3v2(keys.Ed25519!.controller), {
        key: keys.Ed25519!,
        documentLoader,
        now: new Date(),
        cryptosuite: 'ecdsa-jcs-2019',
      }),
    ).rejects.toThrow(TypeError);
  });
});
