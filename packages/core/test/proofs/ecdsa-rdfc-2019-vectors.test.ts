// Reproduces the W3C "Data Integrity ECDSA Cryptosuites v1.0" Recommendation (15 May 2025),
// Appendix A.1 (P-256) and A.3 (P-384) "Representation: ecdsa-rdfc-2019", with our stack.
// The vector files are verbatim copies; see test/vectors/ecdsa-rdfc-2019/README.md for provenance.
import { createECDH, createHash, createPublicKey, ECDH, verify as nodeVerify } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { DataIntegrityProof } from '@digitalbazaar/data-integrity';
import { cryptosuite } from '@digitalbazaar/ecdsa-rdfc-2019-cryptosuite';
import {
  decodeBase58btc,
  decodeMultikey,
  encodeBase58btc,
  importSigningKey,
  signCredential,
  verifyCredentialProof,
} from '@repo/core';
import jsigs from 'jsonld-signatures';
import { describe, expect, it } from 'vitest';
import { verifyingSuites } from '../../src/proofs/cryptosuites.ts';
import { CURVES as CURVE_PARAMS, resolver, usesRfc6979Nonce, VECTORS, vectorDocumentLoader } from './support.ts';

/** Pinned contexts, the stored examples context, and did:key (P-256 / P-384) from our resolver. */
const documentLoader = vectorDocumentLoader;

/** Where each curve's vectors are, and its digest for RDFC-1.0 (ECDSA Cryptosuites v1.0 §3.1). */
const CURVES = {
  'P-256': { ...CURVE_PARAMS['P-256'], dir: 'p256', section: 'A.1', digest: 'SHA-256' },
  'P-384': { ...CURVE_PARAMS['P-384'], dir: 'p384', section: 'A.3', digest: 'SHA-384' },
} as const;

for (const [algorithm, c] of Object.entries(CURVES)) {
  const read = (name: string): string => readFileSync(new URL(`ecdsa-rdfc-2019/${c.dir}/${name}`, VECTORS), 'utf8');
  const readJson = (name: string): any => JSON.parse(read(name));
  const readLine = (name: string): string => read(name).trim();
  const hashHex = (text: string): string => createHash(c.hash).update(text, 'utf8').digest('hex');

  describe(`Data Integrity ECDSA Cryptosuites v1.0 §${c.section} test vectors (ecdsa-rdfc-2019, ${algorithm})`, () => {
    const pair = readJson('key-pair.json');
    const controller = `did:key:${pair.publicKeyMultibase}`;
    const vmId = `${controller}#${pair.publicKeyMultibase}`;
    const unsigned = readJson('unsigned.json');
    const proofOptions = readJson('proof-options.json');
    const signed = readJson('signed.json');
    const canonize = (doc: unknown) =>
      cryptosuite.canonize(doc, {
        documentLoader,
        safe: true,
        base: null,
        skipExpansion: false,
        messageDigestAlgorithm: c.digest,
      });

    it('the key pair is consistent: the public key is the secret scalar times the base point', () => {
      const secret = decodeBase58btc(pair.secretKeyMultibase.slice(1))!;
      const decoded = decodeMultikey(pair.publicKeyMultibase);
      expect(decoded?.algorithm).toBe(algorithm);
      const ecdh = createECDH(c.curve);
      ecdh.setPrivateKey(Buffer.from(secret.subarray(2)));
      expect(ecdh.getPublicKey(null, 'compressed').equals(Buffer.from(decoded!.publicKey))).toBe(true);
    });

    it(`importSigningKey accepts the pair as a ${algorithm} did:key key`, async () => {
      const key = await importSigningKey({ id: vmId, controller, ...pair });
      expect(key.algorithm).toBe(algorithm);
      expect(key.publicJwk()).toMatchObject({ kty: 'EC', crv: algorithm });
    });

    it('our did:key resolver serves the verification method as a Multikey', async () => {
      expect(await resolver.dereference(vmId)).toEqual({
        '@context': 'https://w3id.org/security/multikey/v1',
        id: vmId,
        type: 'Multikey',
        controller,
        publicKeyMultibase: pair.publicKeyMultibase,
      });
    });

    it('the unsecured credential canonicalizes (RDFC-1.0) to the REC text, and hashes to the REC value', async () => {
      const canonical = await canonize(unsigned);
      expect(canonical).toBe(read('canonical-unsigned.nq'));
      expect(hashHex(canonical)).toBe(readLine('unsigned-hash.txt'));
    });

    it('the proof options canonicalize to the REC text and hash to the REC value', async () => {
      const canonical = await canonize(proofOptions);
      expect(canonical).toBe(read('canonical-proof-options.nq'));
      expect(hashHex(canonical)).toBe(readLine('proof-options-hash.txt'));
    });

    it("the cryptosuite's createVerifyData yields proof-options hash ‖ credential hash (the combined-hash example)", async () => {
      const { '@context': _context, ...proof } = proofOptions;
      const data = await cryptosuite.createVerifyData({
        cryptosuite,
        document: unsigned,
        proof,
        documentLoader,
        dataIntegrityProof: new DataIntegrityProof({ cryptosuite }),
        verificationMethod: await resolver.dereference(vmId),
      });
      const combined = readLine('proof-options-hash.txt') + readLine('unsigned-hash.txt');
      expect(combined).toBe(readLine('combined-hash.txt'));
      expect(Buffer.from(data).toString('hex')).toBe(combined);
    });

    it('the signature verifies over the combined hash, is the signed proofValue, and is the RFC 6979 deterministic one', () => {
      const combined = Buffer.from(readLine('combined-hash.txt'), 'hex');
      const signature = Buffer.from(readLine('signature-hex.txt'), 'hex');
      const decoded = decodeMultikey(pair.publicKeyMultibase)!;
      const point = ECDH.convertKey(decoded.publicKey, c.curve, undefined, undefined, 'uncompressed') as Buffer;
      const size = (point.length - 1) / 2;
      const publicKey = createPublicKey({
        key: {
          kty: 'EC',
          crv: algorithm,
          x: point.subarray(1, 1 + size).toString('base64url'),
          y: point.subarray(1 + size).toString('base64url'),
        },
        format: 'jwk',
      });
      expect(nodeVerify(c.hash, combined, { key: publicKey, dsaEncoding: 'ieee-p1363' }, signature)).toBe(true);
      expect(`z${encodeBase58btc(signature)}`).toBe(readLine('signature-base58btc.txt'));
      expect(signed.proof.proofValue).toBe(readLine('signature-base58btc.txt'));

      // A signature that verifies and used the RFC 6979 nonce is the REC signature, byte for byte.
      const d = decodeBase58btc(pair.secretKeyMultibase.slice(1))!.subarray(2);
      expect(usesRfc6979Nonce(algorithm as keyof typeof CURVES, d, combined, signature)).toBe(true);
    });

    it('the signed credential is Example "Signed Credential": the unsecured one plus the proof options and proofValue', () => {
      const { '@context': _context, ...options } = proofOptions;
      expect(signed).toEqual({ ...unsigned, proof: { ...options, proofValue: readLine('signature-base58btc.txt') } });
    });

    it('our verifying suites accept the published signed credential (assertionMethod purpose)', async () => {
      const result = await jsigs.verify(structuredClone(signed), {
        suite: verifyingSuites('credential'),
        purpose: new jsigs.purposes.AssertionProofPurpose(),
        documentLoader,
      });
      expect(result.error).toBeUndefined();
      expect(result.verified).toBe(true);
    });

    it('verifyCredentialProof rejects it only because the vector issuer is not the did:key controller', async () => {
      // The vector's issuer is https://vc.example/issuers/5678 while its key is a did:key.
      const r = await verifyCredentialProof(structuredClone(signed), { documentLoader });
      expect(r.verified).toBe(false);
      expect(r.problem?.title).toBe('INVALID_VERIFICATION_METHOD');
    });

    it('T1 a copy with one changed field → CRYPTOGRAPHIC_SECURITY_ERROR', async () => {
      const tampered = structuredClone(signed);
      tampered.credentialSubject.alumniOf = 'The School of Counterexamples';
      const r = await verifyCredentialProof(tampered, { documentLoader });
      expect(r.problem?.title).toBe('CRYPTOGRAPHIC_SECURITY_ERROR');
    });

    it('signCredential with the vector key makes the same proof options (signature random, but valid)', async () => {
      const key = await importSigningKey({ id: vmId, controller, ...pair });
      const ours = await signCredential(structuredClone(unsigned), {
        key,
        documentLoader,
        now: new Date(proofOptions.created),
      });
      const { proofValue, ...options } = ours.proof;
      const { '@context': _context, ...expected } = proofOptions;
      expect(options).toEqual(expected);
      expect(proofValue).toMatch(/^z[1-9A-HJ-NP-Za-km-z]+$/);
      expect(decodeBase58btc(proofValue.slice(1))).toHaveLength(algorithm === 'P-256' ? 64 : 96);
      const result = await jsigs.verify(ours, {
        suite: verifyingSuites('credential'),
        purpose: new jsigs.purposes.AssertionProofPurpose(),
        documentLoader,
      });
      expect(result.verified).toBe(true);
    });

    it('…and with the issuer set to the did:key controller, verifyCredentialProof accepts it', async () => {
      const key = await importSigningKey({ id: vmId, controller, ...pair });
      const ours = await signCredential(
        { ...structuredClone(unsigned), issuer: controller },
        { key, documentLoader, now: new Date(proofOptions.created) },
      );
      expect(ours.proof.cryptosuite).toBe('ecdsa-rdfc-2019');
      expect(await verifyCredentialProof(ours, { documentLoader })).toEqual({
        verified: true,
        verificationMethod: vmId,
      });
    });
  });
}
