import * as vc from '@digitalbazaar/vc';
import type { DocumentLoader } from '../loader/document-loader.ts';
import { VcError } from '../problems.ts';
import { derivingSuite } from './cryptosuites.ts';
import { checkPointers } from './json-pointer.ts';
import { proofProblem } from './proof-errors.ts';
import { sdProofMode } from './sd-proof-mode.ts';

/** Options of {@link deriveCredential}. */
export interface DeriveOptions {
  /**
   * JSON Pointers (RFC 6901) to what the holder chooses to disclose, on top of the issuer's
   * mandatory pointers, e.g. `['/credentialSubject/achievement/criteria']`.
   */
  selectivePointers: readonly string[];
  documentLoader: DocumentLoader;
}

/**
 * The holder's step of `ecdsa-sd-2023` (ECDSA Cryptosuites v1.0 §3.6.6 "Add Derived Proof"): from
 * a credential with an ecdsa-sd-2023 base proof, makes a credential that discloses only the
 * issuer's mandatory pointers plus `selectivePointers` (with the `id`s and `type`s on their paths),
 * with a derived proof that verifiers accept. Uses `vc.derive` with the cryptosuite's
 * `createDiscloseCryptosuite`. The input is not changed.
 *
 * Throws `TypeError` when `selectivePointers` is not a list of strings,
 * `VcError('MALFORMED_VALUE_ERROR')` for a pointer that is malformed or selects nothing, and
 * `VcError('PROOF_TRANSFORMATION_ERROR')` when there is no ecdsa-sd-2023 base proof to derive from
 * or the derivation fails.
 *
 * @example
 * const derived = await deriveCredential(signedBase, {
 *   selectivePointers: ['/credentialSubject/id'],
 *   documentLoader,
 * });
 * derived.proof.proofValue; // 'u2V0B…' (a derived proof)
 */
export async function deriveCredential<T extends object>(
  signedBase: T,
  options: DeriveOptions,
): Promise<Partial<T> & { proof: any }> {
  if (!signedBase || typeof signedBase !== 'object') {
    throw new VcError('PROOF_TRANSFORMATION_ERROR', 'There is no credential to derive from.');
  }
  const proof = (signedBase as { proof?: unknown }).proof;
  const proofs = (Array.isArray(proof) ? proof : proof === undefined ? [] : [proof]) as any[];
  const sd = proofs.filter((p) => p?.type === 'DataIntegrityProof' && p?.cryptosuite === 'ecdsa-sd-2023');
  const bases = sd.filter((p) => sdProofMode(p.proofValue) === 'base');
  if (bases.length === 0) {
    const why =
      sd.length > 0
        ? 'its ecdsa-sd-2023 proof is already a derived proof (derive from the base credential the issuer sent)'
        : 'it has no ecdsa-sd-2023 base proof';
    throw new VcError('PROOF_TRANSFORMATION_ERROR', `The credential cannot be derived from: ${why}.`, {
      pointer: '/proof',
    });
  }
  if (bases.length > 1) {
    throw new VcError('PROOF_TRANSFORMATION_ERROR', 'The credential has more than one ecdsa-sd-2023 base proof.', {
      pointer: '/proof',
    });
  }
  const { proof: _proof, ...unsecured } = signedBase as Record<string, unknown>;
  checkPointers(unsecured, options.selectivePointers, 'selectivePointers');
  try {
    return await vc.derive({
      verifiableCredential: { ...structuredClone(unsecured), proof: structuredClone(bases[0]) },
      suite: derivingSuite(options.selectivePointers),
      documentLoader: options.documentLoader,
    });
  } catch (error) {
    const p = proofProblem(error, 'derive');
    throw new VcError(p.title, p.detail, { cause: error });
  }
}
