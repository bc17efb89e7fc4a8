import { checkVerificationMethodUse, parseProofDateTime } from '../did/check-verification-method-use.ts';
import type { DocumentLoader, RemoteDocument } from '../loader/document-loader.ts';
import type { Problem } from '../problems.ts';

/**
 * A document loader that answers each DID URL from its first load, for the span of one
 * verification: the key state is read from the very verification method the suite then verifies
 * with, and a `did:web` document is not fetched twice for it. Contexts go straight through.
 *
 * @example
 * const documentLoader = loadingOnce(options.documentLoader);
 */
export function loadingOnce(loader: DocumentLoader): DocumentLoader {
  const seen = new Map<string, Promise<RemoteDocument>>();
  return (url) => {
    if (!url.startsWith('did:')) return loader(url);
    let hit = seen.get(url);
    if (hit === undefined) {
      hit = loader(url);
      seen.set(url, hit);
    }
    return hit;
  };
}

/**
 * Whether the key of one proof may still vouch for it: its verification method, as its controller
 * publishes it, is not `revoked` (Controlled Identifiers 1.0 §2.2.4), and when it is retired
 * (`retiredAt`) the proof's `created` is no later than the retirement
 * ({@link checkVerificationMethodUse}). Checked before any cryptography: a revoked key is taken
 * out of `assertionMethod`, and this names the reason rather than "not an assertion method". A
 * method that cannot be loaded is left to the suite, which reports it.
 *
 * @example
 * await checkProofKey(credential.proof, documentLoader); // undefined, or INVALID_VERIFICATION_METHOD
 */
export async function checkProofKey(proof: any, documentLoader: DocumentLoader): Promise<Problem | undefined> {
  const ref = proof?.verificationMethod;
  const id = typeof ref === 'object' && ref !== null ? ref.id : ref;
  if (typeof id !== 'string' || !id.startsWith('did:')) return undefined;
  let vm: unknown;
  try {
    const { document } = await documentLoader(id);
    vm = typeof document === 'string' ? JSON.parse(document) : document;
  } catch {
    return undefined;
  }
  return checkVerificationMethodUse(vm, { at: parseProofDateTime(proof?.created), pointer: '/proof/created' });
}
