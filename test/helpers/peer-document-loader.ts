/**
 * A JSON-LD document loader as a peer (a Digital Bazaar stack verifier) would build one, without
 * our `createDocumentLoader`: the bundled contexts, `did:key` Ed25519 documents built by hand from
 * the did:key method spec (§3.1.1, Multikey form), and — when `http` is on — any
 * `http://127.0.0.1` URL fetched with `@digitalbazaar/http-client` (which parses only JSON media
 * types). Everything it loads over HTTP is recorded with the answer's media type.
 */

import { loadPinnedContexts } from '@repo/schemas';
import { httpClient } from './peer-libraries.ts';

/** What a peer loader returns (`jsonld.js` RemoteDocument). */
export interface RemoteDocument {
  contextUrl: null;
  documentUrl: string;
  document: any;
}

/** A peer document loader and what it fetched over HTTP. */
export interface PeerLoader {
  documentLoader: (url: string) => Promise<RemoteDocument>;
  /** Every HTTP GET: the URL and the `content-type` it was answered with. */
  fetched: Array<{ url: string; contentType: string | null }>;
}

/** Options of {@link peerDocumentLoader}. */
export interface PeerLoaderOptions {
  /** Extra contexts by URL (e.g. a signature suite's own context). */
  extraContexts?: ReadonlyMap<string, unknown>;
  /** Fetch `http://127.0.0.1:…` URLs with `@digitalbazaar/http-client`. Default false. */
  http?: boolean;
}

let pinned: ReadonlyMap<string, unknown> | undefined;

/** The did:key document of an Ed25519 `z6Mk…` key (did:key v0.7 §3.1.1, Multikey form). */
export function ed25519DidKeyDocument(did: string): Record<string, unknown> {
  const fingerprint = did.slice('did:key:'.length);
  if (!fingerprint.startsWith('z6Mk')) throw new Error(`Not an Ed25519 did:key: ${did}`);
  const id = `${did}#${fingerprint}`;
  return {
    '@context': ['https://www.w3.org/ns/did/v1', 'https://w3id.org/security/multikey/v1'],
    id: did,
    verificationMethod: [{ id, type: 'Multikey', controller: did, publicKeyMultibase: fingerprint }],
    authentication: [id],
    assertionMethod: [id],
    capabilityDelegation: [id],
    capabilityInvocation: [id],
  };
}

/**
 * A peer's document loader (see the file comment).
 *
 * @example
 * const { documentLoader, fetched } = peerDocumentLoader({ http: true });
 * await vc.verifyCredential({ credential, suite, documentLoader, checkStatus });
 */
export function peerDocumentLoader(options: PeerLoaderOptions = {}): PeerLoader {
  pinned ??= loadPinnedContexts();
  const fetched: PeerLoader['fetched'] = [];
  const contexts = new Map<string, unknown>([...pinned, ...(options.extraContexts ?? [])]);
  const documentLoader = async (url: string): Promise<RemoteDocument> => {
    if (contexts.has(url)) return { contextUrl: null, documentUrl: url, document: structuredClone(contexts.get(url)) };
    if (url.startsWith('did:key:')) {
      const [did, fragment] = url.split('#') as [string, string | undefined];
      const doc = ed25519DidKeyDocument(did);
      if (fragment === undefined) return { contextUrl: null, documentUrl: url, document: doc };
      const vm = (doc.verificationMethod as Array<{ id: string }>).find((m) => m.id === url);
      if (!vm) throw new Error(`No verification method ${url}.`);
      return {
        contextUrl: null,
        documentUrl: url,
        document: { '@context': 'https://w3id.org/security/multikey/v1', ...vm },
      };
    }
    if (options.http && url.startsWith('http://127.0.0.1:')) {
      const response = await httpClient.get(url);
      fetched.push({ url, contentType: response.headers.get('content-type') });
      return { contextUrl: null, documentUrl: url, document: response.data };
    }
    throw new Error(`The peer loader does not load ${url}.`);
  };
  return { documentLoader, fetched };
}
