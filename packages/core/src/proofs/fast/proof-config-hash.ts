/**
 * The hash of a Data Integrity proof configuration (Data Integrity 1.0 §4.2 "Add Proof", step
 * "proofConfig"; EdDSA Cryptosuites v1.0 §3.2.5 "Proof Configuration (eddsa-rdfc-2022)") without
 * running JSON-LD for every signature: the stock `DataIntegrityProof.canonizeProof` over the fast
 * canonicalization ({@link withFastCanonize}), which takes the canonical N-Quads of a proof
 * configuration from a template ({@link canonicalProofConfig}) when that is exact.
 */
import { createHash } from 'node:crypto';
import { DataIntegrityProof } from '@digitalbazaar/data-integrity';
import { cryptosuite as eddsaRdfc2022 } from '@digitalbazaar/eddsa-rdfc-2022-cryptosuite';
import type { DocumentLoader } from '../../loader/document-loader.ts';
import { withFastCanonize } from './canonize-rdfc.ts';

/** The proof options the fast path signs: exactly what the stock pipeline puts in a new proof. */
export interface ProofOptions {
  type: 'DataIntegrityProof';
  created: string;
  verificationMethod: string;
  cryptosuite: 'eddsa-rdfc-2022';
  proofPurpose: 'assertionMethod';
}

/** `canonizeProof` reads only the suite's context URL and `canonize`: one instance serves every call. */
const suite = new DataIntegrityProof({
  cryptosuite: { ...eddsaRdfc2022, canonize: withFastCanonize(eddsaRdfc2022.canonize) },
}) as unknown as {
  canonizeProof(p: unknown, o: { document: unknown; documentLoader: DocumentLoader }): Promise<string>;
};

/**
 * SHA-256 of the canonical proof configuration, the first half of the data an `eddsa-rdfc-2022`
 * signature covers. Equal to what `DataIntegrityProof.createVerifyData` hashes for the same proof
 * options, document `@context` and loader.
 *
 * @example
 * const hash = await proofConfigHash(options, credential['@context'], loader); // 32 bytes
 */
export async function proofConfigHash(
  proof: ProofOptions,
  context: unknown,
  documentLoader: DocumentLoader,
): Promise<Buffer> {
  const canonical = await suite.canonizeProof({ ...proof }, { document: { '@context': context }, documentLoader });
  return createHash('sha256').update(canonical, 'utf8').digest();
}
