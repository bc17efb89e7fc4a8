/**
 * did:web (https://w3c-ccg.github.io/did-method-web/) as a `did-resolver` driver. Documents are
 * fetched only through the guarded fetch (SECURITY-CHECKLIST N1–N5) and then checked (N6): the
 * document `id` must be the DID, every verification method must belong to and be controlled by it.
 */

import { isObject } from '@repo/schemas';
import type { DIDDocument, DIDResolutionResult, DIDResolver, ParsedDID, VerificationMethod } from 'did-resolver';
import { parse } from 'did-resolver';
import { type GuardedFetch, type GuardedResponse, guardedFetch } from '../net/guarded-fetch.ts';
import { NetError } from '../net/net-error.ts';
import { DID_RELATIONSHIPS } from './did-key.ts';

const DID_WEB_ACCEPT = 'application/did+json, application/did+ld+json;q=0.9, application/json;q=0.8';

/**
 * Maps a did:web DID to the URL of its document, or `undefined` when it is not a well-formed
 * did:web DID (no path, query or fragment). `:` separates path segments; a port is written `%3A`.
 *
 * @example
 * didWebUrl('did:web:example.com'); // 'https://example.com/.well-known/did.json'
 * didWebUrl('did:web:example.com%3A3000:user:alice'); // 'https://example.com:3000/user/alice/did.json'
 */
export function didWebUrl(did: string): string | undefined {
  const parsed = parse(did);
  if (parsed === null || parsed.method !== 'web' || parsed.didUrl !== parsed.did) return undefined;
  const [hostPart = '', ...segments] = parsed.id.split(':');

  const host = hostPart.replace(/%3A/gi, ':');
  const hostMatch = /^([A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)*)(?::([0-9]{1,5}))?$/.exec(host);
  if (hostMatch === null) return undefined;
  const port = hostMatch[2];
  if (port !== undefined && (Number(port) < 1 || Number(port) > 65_535)) return undefined;

  for (const segment of segments) {
    let decoded: string;
    try {
      decoded = decodeURIComponent(segment);
    } catch {
      return undefined;
    }
    if (decoded === '' || decoded === '.' || decoded === '..' || /[/\\?#]/.test(decoded)) return undefined;
  }

  const path = segments.length === 0 ? '/.well-known' : `/${segments.join('/')}`;
  let url: URL;
  try {
    url = new URL(`https://${host}${path}/did.json`);
  } catch {
    return undefined;
  }
  return url.href;
}

type Checked = { ok: true; document: DIDDocument } | { ok: false; message: string };

/**
 * Checks a fetched did:web document (N6) and returns a copy with relative `#fragment` ids made
 * absolute: `id` must equal the DID; every verification method (listed or embedded in a
 * relationship) must have an id under the DID and `controller` equal to the DID; references in
 * relationships must point under the DID.
 */
function checkDocument(input: unknown, did: string): Checked {
  if (!isObject(input)) return { ok: false, message: 'The DID document is not a JSON object.' };
  if (input.id !== did) return { ok: false, message: 'The DID document id does not match the DID.' };
  const doc = structuredClone(input) as Record<string, unknown>;
  const absolute = (id: string): string => (id.startsWith('#') ? `${did}${id}` : id);
  const ownsId = (id: string): boolean => id.startsWith(`${did}#`) && id.length > did.length + 1;

  const checkMethod = (vm: unknown): VerificationMethod | string => {
    if (!isObject(vm) || typeof vm.id !== 'string' || typeof vm.type !== 'string') {
      return 'A verification method lacks an id or a type.';
    }
    const id = absolute(vm.id);
    if (!ownsId(id)) return 'A verification method id is not under the DID.';
    if (vm.controller !== did) return 'A verification method is controlled by someone other than the DID.';
    return { ...vm, id } as VerificationMethod;
  };

  for (const key of ['verificationMethod', 'publicKey'] as const) {
    const list = doc[key];
    if (list === undefined) continue;
    if (!Array.isArray(list)) return { ok: false, message: `The DID document's ${key} is not a list.` };
    const checked: VerificationMethod[] = [];
    for (const vm of list) {
      const result = checkMethod(vm);
      if (typeof result === 'string') return { ok: false, message: result };
      checked.push(result);
    }
    doc[key] = checked;
  }

  for (const key of DID_RELATIONSHIPS) {
    const list = doc[key];
    if (list === undefined) continue;
    if (!Array.isArray(list)) return { ok: false, message: `The DID document's ${key} is not a list.` };
    const checked: Array<string | VerificationMethod> = [];
    for (const entry of list) {
      if (typeof entry === 'string') {
        const ref = absolute(entry);
        if (!ownsId(ref)) return { ok: false, message: `A ${key} reference is not under the DID.` };
        checked.push(ref);
        continue;
      }
      const result = checkMethod(entry);
      if (typeof result === 'string') return { ok: false, message: result };
      checked.push(result);
    }
    doc[key] = checked;
  }
  return { ok: true, document: doc as DIDDocument };
}

function failure(error: string, message: string): DIDResolutionResult {
  return { didResolutionMetadata: { error, message }, didDocument: null, didDocumentMetadata: {} };
}

/** Options of {@link createDidWebResolver}. */
export interface DidWebResolverOptions {
  /** The guarded fetch to use; default the production {@link guardedFetch}. */
  fetch?: GuardedFetch;
}

/**
 * Creates the `did-resolver` driver for did:web. Network refusals and failures give `notFound`,
 * documents that fail N6 or are not JSON give `invalidDidDocument`, malformed DIDs `invalidDid`.
 *
 * @example
 * const resolver = new Resolver({ web: createDidWebResolver() });
 * const { didDocument } = await resolver.resolve('did:web:example.com');
 */
export function createDidWebResolver(options: DidWebResolverOptions = {}): DIDResolver {
  const fetchDocument = options.fetch ?? guardedFetch;
  return async (_did: string, parsed: ParsedDID) => {
    const did = parsed.did;
    const url = didWebUrl(did);
    if (url === undefined) return failure('invalidDid', 'Not a well-formed did:web DID.');

    let response: GuardedResponse;
    try {
      response = await fetchDocument(url, { accept: DID_WEB_ACCEPT });
    } catch (e) {
      const why = e instanceof NetError ? ` (${e.reason}): ${e.message}` : '.';
      return failure('notFound', `The did:web document could not be fetched${why}`);
    }
    let body: unknown;
    try {
      body = response.json();
    } catch {
      return failure('invalidDidDocument', 'The did:web document is not JSON.');
    }

    const checked = checkDocument(body, did);
    if (!checked.ok) return failure('invalidDidDocument', checked.message);
    return {
      didResolutionMetadata: { contentType: 'application/did+json' },
      didDocument: checked.document,
      didDocumentMetadata: {},
    };
  };
}
