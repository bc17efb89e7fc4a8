/**
 * Signs a credential with an `eddsa-rdfc-2022` Data Integrity proof, byte for byte as
 * `@digitalbazaar/vc` `issue` with `DataIntegrityProof` does (EdDSA Cryptosuites v1.0 §3.2;
 * including the Data Integrity context `jsigs.sign` appends to a VC 1.1 document), but without its
 * per-signature overheads: the key is the one imported at start-up (no re-import), the proof
 * configuration's canonical form is reused ({@link proofConfigHash}), the credential is cloned
 * once, and the document is canonicalized through the fast JSON-LD → RDF conversion over
 * contexts processed once ({@link withFastCanonize}; the stock jsonld `toRDF` in safe mode for
 * anything it is not sure of, so undefined terms still throw the stock data-loss error).
 */
import { hash } from 'node:crypto';
import { cryptosuite as eddsaRdfc2022 } from '@digitalbazaar/eddsa-rdfc-2022-cryptosuite';
import type { DocumentLoader } from '../../loader/document-loader.ts';
import type { SigningKey } from '../signing-key.ts';
import { encodeBase58 } from './base58-encode.ts';
import { withFastCanonize } from './canonize-rdfc.ts';
import { cloneJson } from './clone-json.ts';
import { type ProofOptions, proofConfigHash } from './proof-config-hash.ts';
import { signEd25519 } from './sodium-ed25519.ts';
import { addSuiteContext, checkForIssue, extendedLoader } from './stock-parts.ts';

/** The stock canonicalization, through the fast JSON-LD → RDF conversion when it is sure. */
const canonize = withFastCanonize(eddsaRdfc2022.canonize);

const VC_1_1_CONTEXT = 'https://www.w3.org/2018/credentials/v1';

/** Options of {@link signEddsaRdfc2022}. */
export interface FastSignOptions {
  /** An Ed25519 key. */
  key: SigningKey;
  documentLoader: DocumentLoader;
  /** Proof `created`. */
  now: Date;
}

/** `created` as `@digitalbazaar/data-integrity` writes a `Date` (`util.w3cDate`). */
export function w3cDate(date: Date): string {
  const s = date.toISOString();
  return `${s.substring(0, s.length - 5)}Z`;
}

/**
 * Whether the fast path signs exactly what the stock one would for this input: not when the
 * credential already has a proof (the stock pipeline then makes a proof set), and not for a
 * VC 1.1 credential without `issuanceDate` (`vc.issue` fills it from the wall clock, not `now`).
 *
 * @example
 * fastSignable({ '@context': ['https://www.w3.org/ns/credentials/v2'] }); // true
 */
export function fastSignable(credential: unknown): credential is Record<string, unknown> {
  if (credential === null || typeof credential !== 'object' || Array.isArray(credential)) return false;
  if ('proof' in credential) return false;
  const context = (credential as Record<string, unknown>)['@context'];
  const first = Array.isArray(context) ? context[0] : undefined;
  return !(first === VC_1_1_CONTEXT && !(credential as Record<string, unknown>).issuanceDate);
}

/**
 * Signs `credential` (not changed) with an `eddsa-rdfc-2022` proof of purpose `assertionMethod`.
 * Throws `TypeError` for a key that is not Ed25519 or an input {@link fastSignable} refuses, and
 * the stock pipeline's own errors (credential checks, jsonld safe mode) otherwise; callers that
 * need the coded problem fall back to the stock pipeline for it.
 *
 * @example
 * const signed = await signEddsaRdfc2022(credential, { key, documentLoader, now: new Date() });
 * signed.proof.proofValue; // 'z…', equal to vc.issue's for the same key and time
 */
export async function signEddsaRdfc2022<T extends Record<string, unknown>>(
  credential: T,
  options: FastSignOptions,
): Promise<T & { proof: ProofOptions & { proofValue: string } }> {
  const { key, now } = options;
  if (key.algorithm !== 'Ed25519') throw new TypeError(`eddsa-rdfc-2022 needs an Ed25519 key; got ${key.algorithm}.`);
  if (!fastSignable(credential)) throw new TypeError('This credential needs the stock pipeline.');
  const document = cloneJson(credential);
  checkForIssue(document, now);
  addSuiteContext(document);
  const documentLoader = extendedLoader(options.documentLoader);
  const proof: ProofOptions = {
    type: 'DataIntegrityProof',
    created: w3cDate(now),
    verificationMethod: key.id,
    cryptosuite: 'eddsa-rdfc-2022',
    proofPurpose: 'assertionMethod',
  };
  const [proofHash, canonicalDocument] = await Promise.all([
    proofConfigHash(proof, document['@context'], documentLoader),
    canonize(document, { documentLoader, base: null, safe: true }),
  ]);
  const documentHash = hash('sha256', canonicalDocument, 'buffer');
  const signature = signEd25519(Buffer.concat([proofHash, documentHash]), key.keyObjects.privateKey);
  return { ...document, proof: { ...proof, proofValue: `z${encodeBase58(signature)}` } };
}
