import { readFileSync } from 'node:fs';
import {
  createDidResolver,
  createDocumentLoader,
  deriveCredential,
  generateSigningKey,
  importSigningKey,
  type SigningKey,
  sdProofMode,
  signCredential,
  VcError,
  verifyCredentialProof,
} from '@repo/core';
import { loadPinnedContexts } from '@repo/schemas';
import { beforeAll, describe, expect, it } from 'vitest';

const fixture = JSON.parse(
  readFileSync(new URL('../../../../test/fixtures/ob3-certification.json', import.meta.url), 'utf8'),
);
const NOW = new Date('2026-03-01T12:00:00Z');
const resolver = createDidResolver();
const documentLoader = createDocumentLoader({
  contexts: loadPinnedContexts(),
  resolveDid: (u) => resolver.dereference(u),
});

const MANDATORY = ['/issuer', '/validFrom', '/credentialSubject/achievement/name'];
const HIDDEN = 'Holds the knowledge and hands-on skills';

function ob3(key: SigningKey): any {
  const c = structuredClone(fixture);
  c.id = 'urn:uuid:5d000000-0000-4000-8000-000000000001';
  c.issuer.id = key.controller;
  c.validFrom = '2026-01-01T00:00:00Z';
  return c;
}

describe('Data Integrity ECDSA Cryptosuites v1.0 §3.6 ecdsa-sd-2023 (selective disclosure)', () => {
  let key: SigningKey;
  let base: any;
  let derived: any;

  beforeAll(async () => {
    key = await importSigningKey((await generateSigningKey({ algorithm: 'P-256' })).serialized);
    base = await signCredential(ob3(key), {
      key,
      documentLoader,
      now: NOW,
      cryptosuite: 'ecdsa-sd-2023',
      mandatoryPointers: MANDATORY,
    });
    derived = await deriveCredential(base, {
      selectivePointers: ['/credentialSubject/id', '/credentialSubject/achievement/criteria'],
      documentLoader,
    });
  });

  describe('§3.6.1 Create Base Proof', () => {
    it('signCredential makes a DataIntegrityProof ecdsa-sd-2023 base proof (multibase base64url, header 0xd95d00)', () => {
      expect(base.proof).toMatchObject({
        type: 'DataIntegrityProof',
        cryptosuite: 'ecdsa-sd-2023',
        proofPurpose: 'assertionMethod',
        verificationMethod: key.id,
      });
      expect(base.proof.proofValue.startsWith('u')).toBe(true);
      expect(sdProofMode(base.proof.proofValue)).toBe('base');
    });

    it('a verifier refuses a base proof: PROOF_VERIFICATION_ERROR saying the holder must derive', async () => {
      const r = await verifyCredentialProof(base, { documentLoader });
      expect(r.verified).toBe(false);
      expect(r.problem?.title).toBe('PROOF_VERIFICATION_ERROR');
      expect(r.problem?.detail).toMatch(/holder must derive/);
      expect(r.problem?.pointer).toBe('/proof/proofValue');
    });

    it('a mandatory pointer that selects nothing → MALFORMED_VALUE_ERROR, before signing', async () => {
      const error = await signCredential(ob3(key), {
        key,
        documentLoader,
        now: NOW,
        cryptosuite: 'ecdsa-sd-2023',
        mandatoryPointers: ['/issuer', '/credentialSubject/achievement/nmae'],
      }).catch((e) => e);
      expect(error).toBeInstanceOf(VcError);
      expect(error.code).toBe('MALFORMED_VALUE_ERROR');
      expect(error.message).toContain('/credentialSubject/achievement/nmae');
    });
  });

  describe('§3.6.6 Add Derived Proof / §3.6.7 Verify Derived Proof', () => {
    it('the derived credential verifies with verifyCredentialProof (issuer = key controller, assertionMethod)', async () => {
      expect(sdProofMode(derived.proof.proofValue)).toBe('derived');
      expect(await verifyCredentialProof(derived, { documentLoader })).toEqual({
        verified: true,
        verificationMethod: key.id,
      });
    });

    it('discloses the mandatory and selected fields and not the achievement description', () => {
      expect(derived.issuer).toEqual(base.issuer);
      expect(derived.validFrom).toBe(base.validFrom);
      expect(derived.credentialSubject.id).toBe(base.credentialSubject.id);
      expect(derived.credentialSubject.achievement.name).toBe(base.credentialSubject.achievement.name);
      expect(derived.credentialSubject.achievement.criteria).toEqual(base.credentialSubject.achievement.criteria);
      expect(derived.credentialSubject.achievement).not.toHaveProperty('description');
      expect(derived.credentialSubject.achievement).not.toHaveProperty('fieldOfStudy');
      expect(derived).not.toHaveProperty('validUntil');
      expect(JSON.stringify(derived)).not.toContain(HIDDEN);
      // ids and types on the selected paths come along (selectJsonLd).
      expect(derived.credentialSubject.achievement.id).toBe(base.credentialSubject.achievement.id);
      expect(derived.type).toEqual(base.type);
    });

    it('deriving does not change the base credential', async () => {
      const copy = structuredClone(base);
      await deriveCredential(base, { selectivePointers: [], documentLoader });
      expect(base).toEqual(copy);
    });

    it('with no selective pointers only the mandatory fields are disclosed, and it still verifies', async () => {
      const minimal = await deriveCredential(base, { selectivePointers: [], documentLoader });
      expect(minimal.credentialSubject.achievement).not.toHaveProperty('criteria');
      expect(minimal.credentialSubject.achievement).not.toHaveProperty('description');
      // A non-blank `id` on a selected path is always disclosed (§3.4.11 createInitialSelection):
      // the subject's DID comes along with the mandatory achievement name.
      expect(minimal.credentialSubject.id).toBe(base.credentialSubject.id);
      expect((await verifyCredentialProof(minimal, { documentLoader })).verified).toBe(true);
    });

    it.each([
      ['a disclosed mandatory field (achievement name)', (d: any) => (d.credentialSubject.achievement.name = 'Master')],
      [
        'a disclosed selective field (criteria narrative)',
        (d: any) => (d.credentialSubject.achievement.criteria.narrative = 'None'),
      ],
      ['the issuer name', (d: any) => (d.issuer.name = 'Another Council')],
      ['validFrom', (d: any) => (d.validFrom = '2025-01-01T00:00:00Z')],
      ['a field added back (description)', (d: any) => (d.credentialSubject.achievement.description = 'Anything')],
    ])('T1 tampering %s → CRYPTOGRAPHIC_SECURITY_ERROR', async (_what, edit) => {
      const tampered = structuredClone(derived);
      edit(tampered);
      const r = await verifyCredentialProof(tampered, { documentLoader });
      expect(r.verified).toBe(false);
      expect(r.problem?.title).toBe('CRYPTOGRAPHIC_SECURITY_ERROR');
    });

    it('T2 a corrupted derived proofValue → rejected, nothing thrown', async () => {
      const pv: string = derived.proof.proofValue;
      const r = await verifyCredentialProof(
        {
          ...derived,
          proof: { ...derived.proof, proofValue: `${pv.slice(0, 40)}${pv[40] === 'A' ? 'B' : 'A'}${pv.slice(41)}` },
        },
        { documentLoader },
      );
      expect(r.verified).toBe(false);
    });

    it('T2 a proofValue that is not base64url multibase → MALFORMED_VALUE_ERROR', async () => {
      const r = await verifyCredentialProof(
        { ...derived, proof: { ...derived.proof, proofValue: `z${derived.proof.proofValue.slice(1)}` } },
        { documentLoader },
      );
      expect(r.problem?.title).toBe('MALFORMED_VALUE_ERROR');
    });

    it('T4 cryptosuite renamed to ecdsa-rdfc-2019 → rejected', async () => {
      const r = await verifyCredentialProof(
        { ...derived, proof: { ...derived.proof, cryptosuite: 'ecdsa-rdfc-2019' } },
        { documentLoader },
      );
      expect(r.verified).toBe(false);
    });

    it('T5 derived from a base proof by a key that is not the issuer’s → INVALID_VERIFICATION_METHOD', async () => {
      const other = await importSigningKey((await generateSigningKey({ algorithm: 'P-256' })).serialized);
      const foreignBase = await signCredential(ob3(key), {
        key: other,
        documentLoader,
        now: NOW,
        cryptosuite: 'ecdsa-sd-2023',
        mandatoryPointers: MANDATORY,
      });
      const foreign = await deriveCredential(foreignBase, { selectivePointers: [], documentLoader });
      expect((await verifyCredentialProof(foreign, { documentLoader })).problem?.title).toBe(
        'INVALID_VERIFICATION_METHOD',
      );
    });
  });

  describe('deriveCredential errors', () => {
    it.each([
      ['does not exist', '/credentialSubject/achievement/nope'],
      ['indexes past an array', '/type/7'],
      ['is not a JSON Pointer', 'credentialSubject/id'],
      ['has a bad escape', '/credentialSubject/~2id'],
    ])('a selective pointer that %s → MALFORMED_VALUE_ERROR', async (_why, pointer) => {
      const error = await deriveCredential(base, { selectivePointers: [pointer], documentLoader }).catch((e) => e);
      expect(error).toBeInstanceOf(VcError);
      expect(error.code).toBe('MALFORMED_VALUE_ERROR');
    });

    it('selectivePointers that is not a list of strings → TypeError', async () => {
      await expect(deriveCredential(base, { selectivePointers: '/issuer' as any, documentLoader })).rejects.toThrow(
        TypeError,
      );
      await expect(deriveCredential(base, { selectivePointers: [3] as any, documentLoader })).rejects.toThrow(
        TypeError,
      );
    });

    it('from an already derived credential → PROOF_TRANSFORMATION_ERROR', async () => {
      const error = await deriveCredential(derived, { selectivePointers: [], documentLoader }).catch((e) => e);
      expect(error.code).toBe('PROOF_TRANSFORMATION_ERROR');
      expect(error.message).toMatch(/already a derived proof/);
    });

    it('from a credential without an ecdsa-sd-2023 proof → PROOF_TRANSFORMATION_ERROR', async () => {
      const plain = await signCredential(ob3(key), { key, documentLoader, now: NOW });
      const error = await deriveCredential(plain, { selectivePointers: [], documentLoader }).catch((e) => e);
      expect(error.code).toBe('PROOF_TRANSFORMATION_ERROR');
    });

    it('a corrupted base proofValue → PROOF_TRANSFORMATION_ERROR', async () => {
      const pv: string = base.proof.proofValue;
      const broken = { ...base, proof: { ...base.proof, proofValue: pv.slice(0, 30) } };
      const error = await deriveCredential(broken, { selectivePointers: [], documentLoader }).catch((e) => e);
      expect(error).toBeInstanceOf(VcError);
      expect(error.code).toBe('PROOF_TRANSFORMATION_ERROR');
    });
  });
});
