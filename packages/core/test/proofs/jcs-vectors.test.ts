// Reproduces the W3C JCS cryptosuite test vectors with our cryptosuite objects for
// @digitalbazaar/data-integrity: "Data Integrity EdDSA Cryptosuites v1.0" Appendix B.3
// (eddsa-jcs-2022) and "Data Integrity ECDSA Cryptosuites v1.0" Appendix A.5 / A.6
// (ecdsa-jcs-2019, P-256 / P-384). The vector files are verbatim copies of the spec repositories'
// TestVectors/; see test/vectors/eddsa-jcs-2022/README.md and test/vectors/ecdsa-jcs-2019/README.md.
import {
  createHash,
  createPrivateKey,
  createPublicKey,
  ECDH,
  sign as nodeSign,
  verify as nodeVerify,
} from 'node:crypto';
import { DataIntegrityProof } from '@digitalbazaar/data-integrity';
import * as EcdsaMultikey from '@digitalbazaar/ecdsa-multikey';
import * as Ed25519Multikey from '@digitalbazaar/ed25519-multikey';
import * as vc from '@digitalbazaar/vc';
import {
  decodeBase58btc,
  decodeMultikey,
  encodeBase58btc,
  importSigningKey,
  signCredential,
  verifyCredentialProof,
} from '@repo/core';
import canonicalize from 'canonicalize';
import jsigs from 'jsonld-signatures';
import { describe, expect, it } from 'vitest';
import { verifyingSuites } from '../../src/proofs/cryptosuites.ts';
import { ecdsaJcs2019, eddsaJcs2022 } from '../../src/proofs/jcs-cryptosuite.ts';
import { flipChar, readVector, readVectorJson, resolver, usesRfc6979Nonce, vectorDocumentLoader } from './support.ts';

const documentLoader = vectorDocumentLoader;
const verifyAsAssertion = (doc: unknown) =>
  jsigs.verify(structuredClone(doc), {
    suite: verifyingSuites('credential'),
    purpose: new jsigs.purposes.AssertionProofPurpose(),
    documentLoader,
  });

/** Each vector set: its folder, file-name suffix, key file, hash, and cryptosuite. */
const SETS = [
  {
    title: 'Data Integrity EdDSA Cryptosuites v1.0 §B.3 test vectors (eddsa-jcs-2022)',
    dir: 'eddsa-jcs-2022',
    suffix: 'JCS',
    keyFile: 'keyPair.json',
    algorithm: 'Ed25519',
    hash: 'sha256',
    cryptosuite: eddsaJcs2022,
  },
  {
    title: 'Data Integrity ECDSA Cryptosuites v1.0 §A.5 test vectors (ecdsa-jcs-2019, P-256)',
    dir: 'ecdsa-jcs-2019/p256',
    suffix: 'JCSECDSAP256',
    keyFile: 'p256KeyPair.json',
    algorithm: 'P-256',
    hash: 'sha256',
    cryptosuite: ecdsaJcs2019,
  },
  {
    title: 'Data Integrity ECDSA Cryptosuites v1.0 §A.6 test vectors (ecdsa-jcs-2019, P-384)',
    dir: 'ecdsa-jcs-2019/p384',
    suffix: 'JCSECDSAP384',
    keyFile: 'p384KeyPair.json',
    algorithm: 'P-384',
    hash: 'sha384',
    cryptosuite: ecdsaJcs2019,
  },
] as const;

for (const set of SETS) {
  const read = (name: string) => readVector(`${set.dir}/${name}`);
  const line = (name: string) => read(name).trim();
  const file = (stem: string, ext = 'txt') => `${stem}${set.suffix}.${ext}`;
  const hashHex = (text: string) => createHash(set.hash).update(text, 'utf8').digest('hex');

  describe(set.title, () => {
    const keys = readVectorJson(`${set.dir}/${set.keyFile}`);
    const secretKeyMultibase: string = keys.secretKeyMultibase ?? keys.privateKeyMultibase;
    const controller = `did:key:${keys.publicKeyMultibase}`;
    const vmId = `${controller}#${keys.publicKeyMultibase}`;
    const unsigned = readVectorJson(
      set.dir.startsWith('ecdsa') ? 'ecdsa-jcs-2019/unsigned.json' : `${set.dir}/unsigned.json`,
    );
    const proofConfig = readVectorJson(`${set.dir}/${file('proofConfig', 'json')}`);
    const signed = readVectorJson(`${set.dir}/${file('signed', 'json')}`);
    const { '@context': _context, ...proofOptions } = proofConfig;

    it('§3.3.3 Transformation: JCS (RFC 8785) of the unsecured credential is the canonical document, hashed to docHash', () => {
      expect(canonicalize(unsigned)).toBe(read(file('canonDoc')));
      expect(hashHex(read(file('canonDoc')))).toBe(line(file('docHash')));
    });

    it("§3.3.5 Proof Configuration: JCS of the proof options with the document's @context is proofCanon, hashed to proofHash", () => {
      expect(proofConfig['@context']).toEqual(unsigned['@context']);
      expect(canonicalize(proofConfig)).toBe(read(file('proofCanon')));
      expect(hashHex(read(file('proofCanon')))).toBe(line(file('proofHash')));
    });

    it('§3.3.1 Create Proof: createVerifyData adds the @context to the proof and returns proofHash ‖ docHash', async () => {
      const proof = structuredClone(proofOptions);
      const signer = { algorithm: set.algorithm };
      const data = await set.cryptosuite.createVerifyData({
        document: structuredClone(unsigned),
        proof,
        documentLoader,
        dataIntegrityProof: { signer },
      });
      expect(line(file('proofHash')) + line(file('docHash'))).toBe(line(file('combinedHash')));
      expect(Buffer.from(data).toString('hex')).toBe(line(file('combinedHash')));
      expect(proof).toEqual(proofConfig);
    });

    it('§3.3.2 Verify Proof: createVerifyData of the signed credential (key from our did:key resolver) is the combined hash', async () => {
      const { proof, ...document } = signed;
      const data = await set.cryptosuite.createVerifyData({
        document,
        proof,
        documentLoader,
        verificationMethod: await resolver.dereference(vmId),
      });
      expect(Buffer.from(data).toString('hex')).toBe(line(file('combinedHash')));
    });

    it('the signature (sigHex) verifies over the combined hash and is the proofValue (sigBTC58) of the signed credential', () => {
      const combined = Buffer.from(line(file('combinedHash')), 'hex');
      const signature = Buffer.from(line(file('sigHex')), 'hex');
      expect(`z${encodeBase58btc(signature)}`).toBe(line(file('sigBTC58')));
      expect(signed.proof.proofValue).toBe(line(file('sigBTC58')));
      const decoded = decodeMultikey(keys.publicKeyMultibase)!;
      expect(decoded.algorithm).toBe(set.algorithm);
      if (set.algorithm === 'Ed25519') {
        const publicKey = createPublicKey({
          key: { kty: 'OKP', crv: 'Ed25519', x: Buffer.from(decoded.publicKey).toString('base64url') },
          format: 'jwk',
        });
        expect(nodeVerify(null, combined, publicKey, signature)).toBe(true);
        return;
      }
      const point = ECDH.convertKey(
        decoded.publicKey,
        set.algorithm === 'P-256' ? 'prime256v1' : 'secp384r1',
        undefined,
        undefined,
        'uncompressed',
      ) as Buffer;
      const size = (point.length - 1) / 2;
      const publicKey = createPublicKey({
        key: {
          kty: 'EC',
          crv: set.algorithm,
          x: point.subarray(1, 1 + size).toString('base64url'),
          y: point.subarray(1 + size).toString('base64url'),
        },
        format: 'jwk',
      });
      expect(nodeVerify(set.hash, combined, { key: publicKey, dsaEncoding: 'ieee-p1363' }, signature)).toBe(true);
      // "All ECDSA signatures SHOULD use the deterministic variant" (ECDSA §3): the vector's is RFC 6979's.
      const d = decodeBase58btc(secretKeyMultibase.slice(1))!.subarray(2);
      expect(usesRfc6979Nonce(set.algorithm, d, combined, signature)).toBe(true);
    });

    it('the signed credential is the unsecured one plus the proof configuration (with @context) and proofValue', () => {
      expect(signed).toEqual({ ...unsigned, proof: { ...proofConfig, proofValue: line(file('sigBTC58')) } });
    });

    it('our verifying suites accept the published signed credential (assertionMethod purpose)', async () => {
      const result = await verifyAsAssertion(signed);
      expect(result.error).toBeUndefined();
      expect(result.verified).toBe(true);
      expect(result.results[0].verificationMethod.id).toBe(vmId);
    });

    it('verifyCredentialProof rejects it only because the vector issuer is not the did:key controller', async () => {
      const r = await verifyCredentialProof(structuredClone(signed), { documentLoader });
      expect(r).toMatchObject({ verified: false, problem: { title: 'INVALID_VERIFICATION_METHOD' } });
    });

    it('vc.issue() with DataIntegrityProof + our suite makes the published proof options (and a valid signature)', async () => {
      const pair =
        set.algorithm === 'Ed25519'
          ? await Ed25519Multikey.from({
              id: vmId,
              controller,
              publicKeyMultibase: keys.publicKeyMultibase,
              secretKeyMultibase,
            })
          : await EcdsaMultikey.from({
              id: vmId,
              controller,
              type: 'Multikey',
              publicKeyMultibase: keys.publicKeyMultibase,
              secretKeyMultibase,
            });
      const suite = new DataIntegrityProof({
        signer: pair.signer(),
        date: proofConfig.created,
        cryptosuite: set.cryptosuite,
      });
      const ours = await vc.issue({ credential: structuredClone(unsigned), suite, documentLoader });
      const { proofValue, ...options } = ours.proof;
      expect(options).toEqual(proofConfig);
      if (set.algorithm === 'Ed25519') {
        // Ed25519 is deterministic (RFC 8032): the whole signed credential is reproduced byte for byte.
        expect(proofValue).toBe(line(file('sigBTC58')));
        expect(ours).toStrictEqual(signed);
        const seed = decodeBase58btc(secretKeyMultibase.slice(1))!.subarray(2);
        const pkcs8 = Buffer.concat([Buffer.from('302e020100300506032b657004220420', 'hex'), seed]);
        const privateKey = createPrivateKey({ key: pkcs8, format: 'der', type: 'pkcs8' });
        const signature = nodeSign(null, Buffer.from(line(file('combinedHash')), 'hex'), privateKey);
        expect(signature.toString('hex')).toBe(line(file('sigHex')));
      } else {
        // WebCrypto ECDSA uses random nonces: another signature, verifying the same way.
        expect(proofValue).not.toBe(line(file('sigBTC58')));
      }
      expect((await verifyAsAssertion(ours)).verified).toBe(true);
    });

    it('signCredential({ cryptosuite }) with the vector key, issuer = its did:key → verifyCredentialProof accepts it', async () => {
      const key = await importSigningKey({
        id: vmId,
        controller,
        publicKeyMultibase: keys.publicKeyMultibase,
        secretKeyMultibase,
      });
      const ours = await signCredential(
        { ...structuredClone(unsigned), issuer: controller },
        { key, documentLoader, now: new Date(proofConfig.created), cryptosuite: set.cryptosuite.name },
      );
      expect(ours.proof).toMatchObject({ ...proofConfig, cryptosuite: set.cryptosuite.name });
      expect(await verifyCredentialProof(ours, { documentLoader })).toEqual({
        verified: true,
        verificationMethod: vmId,
      });
    });

    it('T1 a copy with one changed field → CRYPTOGRAPHIC_SECURITY_ERROR', async () => {
      const tampered = structuredClone(signed);
      tampered.credentialSubject.alumniOf = 'The School of Counterexamples';
      expect((await verifyAsAssertion(tampered)).verified).toBe(false);
      const r = await verifyCredentialProof(tampered, { documentLoader });
      expect(r.problem?.title).toBe('CRYPTOGRAPHIC_SECURITY_ERROR');
    });

    describe('T2 a damaged proofValue is rejected; nothing thrown', () => {
      const pv: string = signed.proof.proofValue;
      const cases: Array<[string, string, string]> = [
        ['one character changed', flipChar(pv), 'CRYPTOGRAPHIC_SECURITY_ERROR'],
        ['last character changed', flipChar(pv, pv.length - 1), 'CRYPTOGRAPHIC_SECURITY_ERROR'],
        ['truncated', pv.slice(0, -4), 'CRYPTOGRAPHIC_SECURITY_ERROR'],
        ['doubled', `${pv}${pv.slice(1)}`, 'CRYPTOGRAPHIC_SECURITY_ERROR'],
        ['base64url prefix "u"', `u${pv.slice(1)}`, 'MALFORMED_VALUE_ERROR'],
        ['no multibase prefix', pv.slice(1), 'MALFORMED_VALUE_ERROR'],
      ];
      for (const [name, proofValue, code] of cases) {
        it(`T2 ${name} → ${code}`, async () => {
          const doc = { ...structuredClone(signed), issuer: 'https://vc.example/issuers/5678' };
          doc.proof.proofValue = proofValue;
          expect((await verifyAsAssertion(doc)).verified).toBe(false);
          const r = await verifyCredentialProof(doc, { documentLoader });
          expect(r).toMatchObject({ verified: false, problem: { title: code } });
        });
      }
    });

    describe('T4 edited proof options are rejected', () => {
      const edits: Array<[string, (p: any) => void]> = [
        ['created moved one second', (p) => (p.created = '2023-02-24T23:36:39Z')],
        ['proofPurpose authentication', (p) => (p.proofPurpose = 'authentication')],
        ['@context removed from the proof', (p) => delete p['@context']],
        ['challenge added', (p) => (p.challenge = 'abc')],
      ];
      for (const [name, edit] of edits) {
        it(`T4 proof ${name} → not verified`, async () => {
          const doc = structuredClone(signed);
          edit(doc.proof);
          const result = await verifyAsAssertion(doc);
          expect(result.verified).toBe(false);
        });
      }

      it('T4 cryptosuite swapped to the other JCS suite → PROOF_VERIFICATION_ERROR (wrong key algorithm)', async () => {
        const doc = structuredClone(signed);
        doc.proof.cryptosuite = set.algorithm === 'Ed25519' ? 'ecdsa-jcs-2019' : 'eddsa-jcs-2022';
        const r = await verifyCredentialProof(doc, { documentLoader });
        expect(r).toMatchObject({ verified: false, problem: { title: 'PROOF_VERIFICATION_ERROR' } });
      });
    });
  });
}
