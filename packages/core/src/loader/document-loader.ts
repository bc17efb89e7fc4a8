import { VcError } from '../problems.ts';
import { definesVocab, TESTING_CONTEXTS } from './context-policy.ts';

/** What a JSON-LD document loader returns (jsonld.js `RemoteDocument`). */
export interface RemoteDocument {
  contextUrl: null;
  documentUrl: string;
  document: unknown;
}

/** A jsonld.js / jsonld-signatures document loader. */
export type DocumentLoader = (url: string) => Promise<RemoteDocument>;

/** Options of {@link createDocumentLoader}. */
export interface DocumentLoaderOptions {
  /** Pinned contexts by URL (from `loadPinnedContexts()`, plus any operator allow-list). */
  contexts: ReadonlyMap<string, unknown>;
  /**
   * Dereferences a DID or DID URL (`did:key:…#…`) to a DID document or verification method.
   * Without it, DID URLs are refused.
   */
  resolveDid?: (didUrl: string) => Promise<unknown>;
  /**
   * Refuse (`CONTEXT_NOT_ALLOWED`) the W3C testing contexts — undefined-terms v2, examples v1 and
   * v2 — and any context that defines `@vocab`, even when `contexts` holds them: they give every
   * undefined term a meaning, so a typo or a made-up term is signed and verified instead of
   * refused (Data Integrity 1.0 §2.4.1). Default false: `contexts` is taken as given. The issuer
   * service sets it unless its operator allows testing contexts.
   */
  refuseVocab?: boolean;
}

/**
 * Builds the only document loader the project uses: contexts come from memory (the pinned
 * bundle), DIDs from the injected resolver, and anything else is refused without a network
 * request (SECURITY-CHECKLIST T8). With `refuseVocab`, contexts that define `@vocab` are refused
 * too (Data Integrity 1.0 §2.4.1 context validation).
 *
 * @example
 * const documentLoader = createDocumentLoader({ contexts: loadPinnedContexts(), resolveDid: resolver.dereference });
 * await documentLoader('https://www.w3.org/ns/credentials/v2');
 */
export function createDocumentLoader(options: DocumentLoaderOptions): DocumentLoader {
  const { contexts, resolveDid, refuseVocab = false } = options;
  // Each URL's answer object is built once: jsonld caches processed contexts by identity-free
  // URL, and the loader is on every sign/verify path, so it must be a map lookup and no more.
  const cache = new Map<string, RemoteDocument>();
  return async function documentLoader(url: string): Promise<RemoteDocument> {
    const hit = cache.get(url);
    if (hit) return hit;
    if (contexts.has(url)) {
      if (refuseVocab && (TESTING_CONTEXTS.includes(url) || definesVocab(contexts.get(url)))) {
        throw new VcError(
          'CONTEXT_NOT_ALLOWED',
          `${url} gives every undefined term a meaning through @vocab, so a typo or a made-up term would be signed or accepted instead of refused; this service allows it only when testing contexts are allowed.`,
        );
      }
      const doc: RemoteDocument = { contextUrl: null, documentUrl: url, document: contexts.get(url) };
      cache.set(url, doc);
      return doc;
    }
    if (url.startsWith('did:')) {
      if (!resolveDid) throw new VcError('DID_RESOLUTION_ERROR', `No DID resolver is configured to resolve ${url}.`);
      return { contextUrl: null, documentUrl: url, document: await resolveDid(url) };
    }
    throw new VcError(
      'CONTEXT_NOT_ALLOWED',
      `${url} is not one of the pinned JSON-LD contexts; it was not fetched. Operators can add a context through the context allow-list.`,
    );
  };
}
