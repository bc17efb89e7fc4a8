import jsonld from 'jsonld';
import { VcError } from '../problems.ts';
import { proofProblem } from '../proofs/proof-errors.ts';
import type { DocumentLoader } from './document-loader.ts';

/**
 * Expands a JSON-LD document in safe mode and throws a coded {@link VcError}
 * (`DATA_LOSS_DETECTION_ERROR`, `CONTEXT_NOT_ALLOWED`) when a term or type is undefined or a
 * context is not pinned — the check signing makes, for credentials secured without an embedded
 * proof (VC-JWT), so they are held to the same rule.
 *
 * @example
 * await assertJsonLdSafe(credential, documentLoader);
 */
export async function assertJsonLdSafe(doc: unknown, documentLoader: DocumentLoader): Promise<void> {
  try {
    await jsonld.expand(doc, { documentLoader, safe: true });
  } catch (error) {
    const p = proofProblem(error, 'sign');
    throw new VcError(p.title, p.detail, { cause: error });
  }
}
