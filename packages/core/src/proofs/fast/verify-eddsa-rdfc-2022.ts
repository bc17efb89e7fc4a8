/**
 * Checks the signature of an `eddsa-rdfc-2022` proof (EdDSA Cryptosuites v1.0 §3.2.2 "Verify
 * Proof (eddsa-rdfc-2022)") over the same bytes `@digitalbazaar/data-integrity` hashes, with a
 * public key imported once and the proof configuration's canonical form reused. Only the
 * signature: the caller resolves the verification method, its controller and purpose.
 */
import { createHash, type KeyObject, verify } from 'node:crypto';
import { cryptosuite as eddsaRdfc2022 } from '@digitalbazaar/eddsa-rdfc-2022-cryptosuite';
import { decodeBase58btc } from '../../did/base58btc.ts';
import type { DocumentLoader } from '../../loader/document-loader.ts';
import { withFastCanonize } from './canonize-rdfc.ts';
import { type ProofOptions, proofConfigHash } from './proof-config-hash.ts';
import { extendedLoader } from './stock-parts.ts';

/** The stock canonicalization, through the fast JSON-LD → RDF conversion when it is sure. */
const canonize = withFastCanonize(eddsaRdfc2022.canonize);

const PROOF_KEYS = ['created', 'cryptosuite', 'proofPurpose', 'proofValue', 'type', 'verificationMethod'].join();

/**
 * Whether a credential's proof is one the fast check covers: a single `DataIntegrityProof`
 * `eddsa-rdfc-2022` proof with exactly `type`, `created`, `verificationMethod`, `cryptosuite`,
 * `proofPurpose` `assertionMethod` and a base58btc `proofValue` (what {@link signEddsaRdfc2022}
 * and `vc.issue` make). Anything else (proof sets, chains, `expires`, `@context` in the proof)
 * belongs to the stock pipeline.
 *
 * @example
 * fastVerifiable(signed); // true for a credential signed by signEddsaRdfc2022
 */
export function fastVerifiable(credential: Record<string, unknown>): boolean {
  const proof = credential.proof as Record<string, unknown> | undefined;
  if (proof === null || typeof proof !== 'object' || Array.isArray(proof)) return false;
  if (Object.keys(proof).sort().join() !== PROOF_KEYS) return false;
  return (
    proof.type === 'DataIntegrityProof' &&
    proof.cryptosuite === 'eddsa-rdfc-2022' &&
    proof.proofPurpose === 'assertionMethod' &&
    typeof proof.created === 'string' &&
    typeof proof.verificationMethod === 'string' &&
    typeof proof.proofValue === 'string' &&
    proof.proofValue.startsWith('z')
  );
}

/**
 * `true` when the proof's signature verifies with `publicKey` (an Ed25519 `KeyObject`), `false`
 * when it does not. Throws `TypeError` for a proof {@link fastVerifiable} refuses and the stock
 * canonicalization errors (jsonld safe mode) for a document that cannot be canonicalized.
 *
 * @example
 * await verifyEddsaRdfc2022(signed, { publicKey: key.keyObjects.publicKey, documentLoader }); // true
 */
export async function verifyEddsaRdfc2022(
  credential: Record<string, unknown>,
  options: { publicKey: KeyObject; documentLoader: DocumentLoader },
): Promise<boolean> {
  if (!fastVerifiable(credential)) throw new TypeError('This proof needs the stock pipeline.');
  const { proof: rawProof, ...document } = credential;
  const { proofValue, ...proof } = rawProof as ProofOptions & { proofValue: string };
  const signature = decodeBase58btc(proofValue.slice(1), 128);
  if (signature === undefined || signature.length !== 64) return false;
  const documentLoader = extendedLoader(options.documentLoader);
  const [proofHash, canonicalDocument] = await Promise.all([
    proofConfigHash(proof, document['@context'], documentLoader),
    canonize(document, { documentLoader, base: null, safe: true }),
  ]);
  const documentHash = createHash('sha256').update(canonicalDocument, 'utf8').digest();
  return verify(null, Buffer.concat([proofHash, documentHash]), options.publicKey, signature);
}
