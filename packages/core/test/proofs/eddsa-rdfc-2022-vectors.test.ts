// Reproduces the W3C "Data Integrity EdDSA Cryptosuites v1.0" Recommendation (15 May 2025),
// Appendix B.1 "Representation: eddsa-rdfc-2022", with the Digital Bazaar stack we ship.
// The vector files are verbatim copies; see test/vectors/eddsa-rdfc-2022/README.md for provenance.
import { createHash, createPrivateKey, sign as nodeSign } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { DataIntegrityProof } from '@digitalbazaar/data-integrity';
import * as Ed25519Multikey from '@digitalbazaar/ed25519-multikey';
import { cryptosuite } from '@digitalbazaar/eddsa-rdfc-2022-cryptosuite';
import * as vc from '@digitalbazaar/vc';
import jsonld from 'jsonld';
import jsigs from 'jsonld-signatures';
import { beforeAll, describe, expect, it } from 'vitest';
import { loadPinnedContexts } from '../../../schemas/src/contexts.ts';

const VECTORS_DIR = join(
  dirname(fileURLToPath(import.meta.url)),
  '..',
  '..',
  '..',
  '..',
  'test',
  'vectors',
  'eddsa-rdfc-2022',
);
const EXAMPLES_V2_URL = 'https://www.w3.org/ns/credentials/examples/v2';
const MULTIKEY_V1_URL = 'https://w3id.org/security/multikey/v1';
const DID_V1_URL = 'https://www.w3.org/ns/did/v1';

const readText = (name: string): string => readFileSync(join(VECTORS_DIR, name), 'utf8');
const readJson = <T = any>(name: string): T => JSON.parse(readText(name)) as T;
/** The hash / signature files hold one line of text. */
const readLine = (name: string): string => readText(name).trim();
const sha256Hex = (text: string): string => createHash('sha256').update(text, 'utf8').digest('hex');

const B58_ALPHABET = '123456789ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz';

function base58btcEncode(bytes: Uint8Array): string {
  let n = 0n;
  for (const b of bytes) n = n * 256n + BigInt(b);
  let out = '';
  while (n > 0n) {
    out = B58_ALPHABET[Number(n % 58n)] + out;
    n /= 58n;
  }
  for (const b of bytes) {
    if (b !== 0) break;
    out = `1${out}`;
  }
  return out;
}

function base58btcDecode(text: string): Uint8Array {
  let n = 0n;
  for (const ch of text) {
    const digit = B58_ALPHABET.indexOf(ch);
    if (digit < 0) throw new Error(`not base58btc: ${ch}`);
    n = n * 58n + BigInt(digit);
  }
  const body: number[] = [];
  while (n > 0n) {
    body.unshift(Number(n % 256n));
    n /= 256n;
  }
  const zeros = text.length - text.replace(/^1+/, '').length;
  return Uint8Array.from([...new Array<number>(zeros).fill(0), ...body]);
}

interface KeyPairVector {
  publicKeyMultibase: string;
  secretKeyMultibase: string;
}

describe('Data Integrity EdDSA Cryptosuites v1.0 §B.1 test vectors (eddsa-rdfc-2022)', () => {
  const keyPairVector = readJson<KeyPairVector>('key-pair.json');
  const unsigned = readJson('unsigned.json');
  const proofOptions = readJson('proof-options.json');
  const signedVector = readJson('signed.json');

  const controller = `did:key:${keyPairVector.publicKeyMultibase}`;
  const verificationMethodId = `${controller}#${keyPairVector.publicKeyMultibase}`;

  const contexts = loadPinnedContexts();
  contexts.set(EXAMPLES_V2_URL, readJson('credentials-examples-v2.jsonld'));

  const multikeyDocument = {
    '@context': MULTIKEY_V1_URL,
    id: verificationMethodId,
    type: 'Multikey',
    controller,
    publicKeyMultibase: keyPairVector.publicKeyMultibase,
  };
  const controllerDocument = {
    '@context': [DID_V1_URL, MULTIKEY_V1_URL],
    id: controller,
    verificationMethod: [
      { id: verificationMethodId, type: 'Multikey', controller, publicKeyMultibase: keyPairVector.publicKeyMultibase },
    ],
    assertionMethod: [verificationMethodId],
  };

  /** Serves only local files: the pinned bundle, the stored examples context, and the vector's key. */
  const documentLoader = async (url: string) => {
    const context = contexts.get(url);
    if (context !== undefined) return { contextUrl: null, documentUrl: url, document: structuredClone(context) };
    if (url === verificationMethodId)
      return { contextUrl: null, documentUrl: url, document: structuredClone(multikeyDocument) };
    if (url === controller)
      return { contextUrl: null, documentUrl: url, document: structuredClone(controllerDocument) };
    throw new Error(`Test document loader refuses to load ${url}`);
  };

  const canonize = (doc: unknown) =>
    jsonld.canonize(doc, { algorithm: 'RDFC-1.0', format: 'application/n-quads', documentLoader, safe: true });

  let keyPair: any;

  beforeAll(async () => {
    keyPair = await Ed25519Multikey.from({
      id: verificationMethodId,
      controller,
      publicKeyMultibase: keyPairVector.publicKeyMultibase,
      secretKeyMultibase: keyPairVector.secretKeyMultibase,
    });
  });

  it('the vector key pair is consistent: the public key derives from the secret key seed', async () => {
    const secret = base58btcDecode(keyPairVector.secretKeyMultibase.slice(1));
    expect(Array.from(secret.subarray(0, 2))).toEqual([0x80, 0x26]); // multicodec ed25519-priv
    const regenerated = await Ed25519Multikey.generate({ seed: secret.subarray(2) });
    expect(regenerated.publicKeyMultibase).toBe(keyPairVector.publicKeyMultibase);
  });

  it('the unsecured credential canonicalizes (RDFC-1.0) to Example 9 and hashes to Example 10', async () => {
    const canonical = await canonize(unsigned);
    expect(canonical).toBe(readText('canonical-unsigned.nq'));
    expect(sha256Hex(canonical)).toBe(readLine('unsigned-hash.txt'));
  });

  it('the proof options canonicalize to Example 12 and hash to Example 13', async () => {
    const canonical = await canonize(proofOptions);
    expect(canonical).toBe(readText('canonical-proof-options.nq'));
    expect(sha256Hex(canonical)).toBe(readLine('proof-options-hash.txt'));
  });

  it('proof-options hash ‖ credential hash is Example 14, and its Ed25519 signature is Examples 15/16', () => {
    const combined = readLine('proof-options-hash.txt') + readLine('unsigned-hash.txt');
    expect(combined).toBe(readLine('combined-hash.txt'));

    const seed = base58btcDecode(keyPairVector.secretKeyMultibase.slice(1)).subarray(2);
    const pkcs8 = Buffer.concat([Buffer.from('302e020100300506032b657004220420', 'hex'), seed]);
    const privateKey = createPrivateKey({ key: pkcs8, format: 'der', type: 'pkcs8' });
    const signature = nodeSign(null, Buffer.from(combined, 'hex'), privateKey);
    expect(signature.toString('hex')).toBe(readLine('signature-hex.txt'));
    expect(`z${base58btcEncode(signature)}`).toBe(readLine('signature-base58btc.txt'));
  });

  it('vc.issue() with DataIntegrityProof + eddsa-rdfc-2022 reproduces the signed credential of Example 17', async () => {
    const suite = new DataIntegrityProof({ signer: keyPair.signer(), date: proofOptions.created, cryptosuite });
    const signed = await vc.issue({ credential: structuredClone(unsigned), suite, documentLoader });

    expect(signed.proof.proofValue).toBe(signedVector.proof.proofValue);
    expect(signed.proof.proofValue).toBe(readLine('signature-base58btc.txt'));
    expect(signed).toStrictEqual(signedVector);
  });

  it('vc.verifyCredential() accepts the vector signed credential (assertionMethod purpose)', async () => {
    const result = await vc.verifyCredential({
      credential: structuredClone(signedVector),
      suite: new DataIntegrityProof({ cryptosuite }),
      purpose: new jsigs.purposes.AssertionProofPurpose(),
      documentLoader,
    });
    expect(result.error).toBeUndefined();
    expect(result.verified).toBe(true);
    expect(result.results[0].verificationMethod.id).toBe(verificationMethodId);
  });

  it('the default CredentialIssuancePurpose rejects it only because the vector issuer is not the did:key controller', async () => {
    // The vector's issuer is https://vc.example/issuers/5678 while its key is a did:key; @digitalbazaar/vc's
    // default purpose additionally requires issuer === verification-method controller.
    const result = await vc.verifyCredential({
      credential: structuredClone(signedVector),
      suite: new DataIntegrityProof({ cryptosuite }),
      documentLoader,
    });
    expect(result.verified).toBe(false);
    const proofResult = result.results[0];
    expect(proofResult.purposeResult.valid).toBe(false);
    expect(proofResult.purposeResult.error.message).toBe(
      'Credential issuer must match the verification method controller.',
    );
  });

  it('vc.verifyCredential() rejects a copy of the vector with one changed field', async () => {
    const tampered = structuredClone(signedVector);
    tampered.credentialSubject.alumniOf = 'The School of Counterexamples';
    const result = await vc.verifyCredential({
      credential: tampered,
      suite: new DataIntegrityProof({ cryptosuite }),
      purpose: new jsigs.purposes.AssertionProofPurpose(),
      documentLoader,
    });
    expect(result.verified).toBe(false);
    expect(result.results[0].error.message).toBe('Invalid signature.');
  });
});
