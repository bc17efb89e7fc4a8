import { readFileSync } from 'node:fs';
import { DataIntegrityProof } from '@digitalbazaar/data-integrity';
import { cryptosuite as ecdsaRdfc2019 } from '@digitalbazaar/ecdsa-rdfc-2019-cryptosuite';
import { cryptosuite as eddsaRdfc2022 } from '@digitalbazaar/eddsa-rdfc-2022-cryptosuite';
import * as vc from '@digitalbazaar/vc';
import {
  createDidResolver,
  createDocumentLoader,
  decodeBase58btc,
  encodeBase58btc,
  generateSigningKey,
  importSigningKey,
  type KeyAlgorithm,
  type SigningKey,
  signCredential,
  verifyCredentialProof,
  verifyPresentationProof,
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

/** A fresh OB 3.0 credential issued by `key`'s controller. */
function ob3(key: SigningKey, id = 'urn:uuid:0b3c0000-0000-4000-8000-000000000001'): any {
  const c = structuredClone(fixture);
  c.id = id;
  c.issuer.id = key.controller;
  c.validFrom = '2026-01-01T00:00:00Z';
  return c;
}

async function newKey(algorithm: KeyAlgorithm): Promise<SigningKey> {
  return importSigningKey((await generateSigningKey({ algorithm })).serialized);
}

function flipBit(proofValue: string): string {
  const bytes = decodeBase58btc(proofValue.slice(1), 256)!;
  bytes[10]! ^= 0x01;
  return `z${encodeBase58btc(bytes)}`;
}

const CASES = [
  { algorithm: 'Ed25519', cryptosuite: 'eddsa-rdfc-2022', spec: 'VC-DI-EdDSA v1.0 §3.1', signatureBytes: 64 },
  { algorithm: 'P-256', cryptosuite: 'ecdsa-rdfc-2019', spec: 'VC-DI-ECDSA v1.0 §3.2', signatureBytes: 64 },
  { algorithm: 'P-384', cryptosuite: 'ecdsa-rdfc-2019', spec: 'VC-DI-ECDSA v1.0 §3.2', signatureBytes: 96 },
] as const;

for (const c of CASES) {
  describe(`${c.spec} ${c.cryptosuite} with ${c.algorithm}: sign and verify`, () => {
    let key: SigningKey;
    let other: SigningKey;
    let signed: any;

    beforeAll(async () => {
      [key, other] = await Promise.all([newKey(c.algorithm), newKey(c.algorithm)]);
      signed = await signCredential(ob3(key), { key, documentLoader, now: NOW });
    });

    it(`signCredential picks ${c.cryptosuite} for a ${c.algorithm} key`, () => {
      expect(signed.proof).toMatchObject({
        type: 'DataIntegrityProof',
        cryptosuite: c.cryptosuite,
        proofPurpose: 'assertionMethod',
        verificationMethod: key.id,
        created: '2026-03-01T12:00:00Z',
      });
      expect(decodeBase58btc(signed.proof.proofValue.slice(1))).toHaveLength(c.signatureBytes);
    });

    it('verifyCredentialProof accepts it, naming the verification method', async () => {
      expect(await verifyCredentialProof(signed, { documentLoader })).toEqual({
        verified: true,
        verificationMethod: key.id,
      });
    });

    it.each([
      ['achievement name', (x: any) => (x.credentialSubject.achievement.name = 'Master Technician')],
      ['subject id', (x: any) => (x.credentialSubject.id = 'did:example:someone-else')],
      ['validFrom', (x: any) => (x.validFrom = '2025-01-01T00:00:00Z')],
      ['issuer name', (x: any) => (x.issuer.name = 'Another Council')],
    ])('T1 changing the %s → CRYPTOGRAPHIC_SECURITY_ERROR', async (_what, edit) => {
      const tampered = structuredClone(signed);
      edit(tampered);
      const r = await verifyCredentialProof(tampered, { documentLoader });
      expect(r.verified).toBe(false);
      expect(r.problem?.title).toBe('CRYPTOGRAPHIC_SECURITY_ERROR');
    });

    it('T2 one bit of the signature flipped → CRYPTOGRAPHIC_SECURITY_ERROR', async () => {
      const r = await verifyCredentialProof(
        { ...signed, proof: { ...signed.proof, proofValue: flipBit(signed.proof.proofValue) } },
        { documentLoader },
      );
      expect(r.problem?.title).toBe('CRYPTOGRAPHIC_SECURITY_ERROR');
    });

    it('T2 signature truncated → rejected, nothing thrown', async () => {
      const r = await verifyCredentialProof(
        { ...signed, proof: { ...signed.proof, proofValue: signed.proof.proofValue.slice(0, -4) } },
        { documentLoader },
      );
      expect(r.verified).toBe(false);
      expect(r.problem?.title).toBe('CRYPTOGRAPHIC_SECURITY_ERROR');
    });

    const otherSuite = c.algorithm === 'Ed25519' ? 'ecdsa-rdfc-2019' : 'eddsa-rdfc-2022';
    it(`T4 cryptosuite changed to ${otherSuite} (which cannot use a ${c.algorithm} key) → PROOF_VERIFICATION_ERROR`, async () => {
      const r = await verifyCredentialProof(
        { ...signed, proof: { ...signed.proof, cryptosuite: otherSuite } },
        { documentLoader },
      );
      expect(r.problem?.title).toBe('PROOF_VERIFICATION_ERROR');
      expect(r.problem?.detail).toContain(otherSuite);
    });

    it('T3 the proof copied onto another credential of the same issuer → CRYPTOGRAPHIC_SECURITY_ERROR', async () => {
      const target = await signCredential(ob3(key, 'urn:uuid:0b3c0000-0000-4000-8000-000000000002'), {
        key,
        documentLoader,
        now: NOW,
      });
      const r = await verifyCredentialProof({ ...target, proof: signed.proof }, { documentLoader });
      expect(r.problem?.title).toBe('CRYPTOGRAPHIC_SECURITY_ERROR');
    });

    it('T5 signed by a key whose controller is not the issuer → INVALID_VERIFICATION_METHOD', async () => {
      const foreign = await signCredential(ob3(key), { key: other, documentLoader, now: NOW });
      const r = await verifyCredentialProof(foreign, { documentLoader });
      expect(r.problem?.title).toBe('INVALID_VERIFICATION_METHOD');
    });

    it('the input credential is not changed', async () => {
      const input = ob3(key);
      const copy = structuredClone(input);
      await signCredential(input, { key, documentLoader, now: NOW });
      expect(input).toEqual(copy);
    });
  });
}

describe('Data Integrity 1.0 §4.4 proof sets across cryptosuites', () => {
  it('an issuer with an Ed25519 and a P-384 key (did:web-like: same controller) — each proof is checked', async () => {
    const ed = await newKey('Ed25519');
    const p384 = await newKey('P-384');
    const a = await signCredential(ob3(ed), { key: ed, documentLoader, now: NOW });
    // The P-384 proof is valid under its own did:key controller, not the issuer's: a witness.
    const b = await signCredential(ob3(ed), { key: p384, documentLoader, now: NOW });
    const r = await verifyCredentialProof({ ...a, proof: [a.proof, b.proof] }, { documentLoader });
    expect(r).toMatchObject({ verified: true, verificationMethod: ed.id, witnesses: [p384.id] });
    // Without the issuer's own proof nothing verifies (T5).
    const alone = await verifyCredentialProof({ ...a, proof: b.proof }, { documentLoader });
    expect(alone).toMatchObject({ verified: false, problem: { title: 'INVALID_VERIFICATION_METHOD' } });
  });
});

describe('signCredential options (bad options from a caller are TypeErrors)', () => {
  it.each([
    ['Ed25519', 'ecdsa-rdfc-2019'],
    ['Ed25519', 'ecdsa-sd-2023'],
    ['P-256', 'eddsa-rdfc-2022'],
    ['P-384', 'ecdsa-sd-2023'],
    ['P-256', 'bbs-2023'],
  ] as const)('%s key with cryptosuite %s → TypeError', async (algorithm, cryptosuite) => {
    const key = await newKey(algorithm);
    await expect(
      signCredential(ob3(key), { key, documentLoader, now: NOW, cryptosuite: cryptosuite as any }),
    ).rejects.toThrow(TypeError);
  });

  it('mandatoryPointers without ecdsa-sd-2023 → TypeError', async () => {
    const key = await newKey('P-256');
    await expect(
      signCredential(ob3(key), { key, documentLoader, now: NOW, mandatoryPointers: ['/issuer'] }),
    ).rejects.toThrow(/ecdsa-sd-2023/);
  });

  it('T9 an undefined term is still DATA_LOSS_DETECTION_ERROR with an ECDSA key', async () => {
    const key = await newKey('P-256');
    const error = await signCredential(
      { ...ob3(key), favouriteColour: 'green' },
      { key, documentLoader, now: NOW },
    ).catch((e) => e);
    expect(error.code).toBe('DATA_LOSS_DETECTION_ERROR');
  });
});

describe('eddsa-rdfc-2022 output is unchanged by the multi-suite signer', () => {
  it('signCredential(Ed25519) is byte-identical to vc.issue with DataIntegrityProof + eddsa-rdfc-2022', async () => {
    const key = await importSigningKey(
      JSON.parse(readFileSync(new URL('../../../../keys-example/issuer-key.json', import.meta.url), 'utf8')),
    );
    const ours = await signCredential(ob3(key), { key, documentLoader, now: NOW });
    const direct = await vc.issue({
      credential: ob3(key),
      suite: new DataIntegrityProof({ signer: key.signer, date: NOW, cryptosuite: eddsaRdfc2022 }),
      documentLoader,
      now: NOW,
    });
    expect(JSON.stringify(ours)).toBe(JSON.stringify(direct));
  });
});

describe('VC-DI-ECDSA v1.0 §3.2 presentations (authentication proof purpose)', () => {
  let holder: SigningKey;
  let vp: any;

  beforeAll(async () => {
    holder = await newKey('P-256');
    vp = await vc.signPresentation({
      presentation: {
        '@context': ['https://www.w3.org/ns/credentials/v2'],
        type: ['VerifiablePresentation'],
        holder: holder.controller,
      },
      suite: new DataIntegrityProof({ signer: holder.signer, date: NOW, cryptosuite: ecdsaRdfc2019 }),
      challenge: 'c-123',
      domain: 'verifier.example',
      documentLoader,
    });
  });

  it('an ecdsa-rdfc-2019 presentation verifies with its challenge and domain', async () => {
    expect(vp.proof.cryptosuite).toBe('ecdsa-rdfc-2019');
    const r = await verifyPresentationProof(vp, { documentLoader, challenge: 'c-123', domain: 'verifier.example' });
    expect(r).toEqual({ verified: true, verificationMethod: holder.id });
  });

  it('V4 another challenge → INVALID_CHALLENGE_ERROR', async () => {
    const r = await verifyPresentationProof(vp, { documentLoader, challenge: 'c-456', domain: 'verifier.example' });
    expect(r.problem?.title).toBe('INVALID_CHALLENGE_ERROR');
  });

  it('T1 an edited presentation → CRYPTOGRAPHIC_SECURITY_ERROR', async () => {
    const r = await verifyPresentationProof(
      { ...vp, holder: 'did:example:someone-else' },
      { documentLoader, challenge: 'c-123', domain: 'verifier.example' },
    );
    expect(r.verified).toBe(false);
    expect(r.problem?.title).toBe('CRYPTOGRAPHIC_SECURITY_ERROR');
  });

  it('ecdsa-sd-2023 is not a presentation suite → PROOF_VERIFICATION_ERROR naming it', async () => {
    const r = await verifyPresentationProof(
      { ...vp, proof: { ...vp.proof, cryptosuite: 'ecdsa-sd-2023' } },
      { documentLoader, challenge: 'c-123' },
    );
    expect(r.problem?.title).toBe('PROOF_VERIFICATION_ERROR');
    expect(r.problem?.detail).toContain('ecdsa-sd-2023');
  });
});
