import { DataIntegrityProof } from '@digitalbazaar/data-integrity';
import { cryptosuite as eddsaRdfc2022 } from '@digitalbazaar/eddsa-rdfc-2022-cryptosuite';
import * as vc from '@digitalbazaar/vc';
import type { DocumentLoader } from '../loader/document-loader.ts';
import { VcError } from '../problems.ts';
import { proofProblem } from './proof-errors.ts';
import type { SigningKey } from './signing-key.ts';

/** Options of {@link signCredential}. */
export interface SignOptions {
  key: SigningKey;
  documentLoader: DocumentLoader;
  /** Proof `created` time; the caller's clock. */
  now: Date;
}

/** The cryptosuite every credential we sign uses (SPEC-NOTES §3). */
export const CRYPTOSUITE = 'eddsa-rdfc-2022';

/**
 * Adds a `DataIntegrityProof` (`eddsa-rdfc-2022`, proof purpose `assertionMethod`) through
 * `@digitalbazaar/vc`. The input is not changed. Throws {@link VcError} with a coded problem
 * (`DATA_LOSS_DETECTION_ERROR` for undefined terms, …) when the credential cannot be signed.
 *
 * @example
 * const signed = await signCredential(credential, { key, documentLoader, now: new Date() });
 * signed.proof.cryptosuite; // 'eddsa-rdfc-2022'
 */
export async function signCredential<T extends object>(
  credential: T,
  options: SignOptions,
): Promise<T & { proof: any }> {
  const suite = new DataIntegrityProof({
    signer: options.key.signer,
    date: options.now,
    cryptosuite: eddsaRdfc2022,
  });
  try {
    return await vc.issue({
      credential: structuredClone(credential),
      suite,
      documentLoader: options.documentLoader,
      now: options.now,
    });
  } catch (error) {
    const p = proofProblem(error, 'sign');
    throw new VcError(p.title, p.detail, { cause: error });
  }
}
