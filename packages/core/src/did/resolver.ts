/**
 * One DID resolver for the project: did:key and did:web (plus any extra `did-resolver` drivers)
 * behind `did-resolver`'s `Resolver`, with an optional LRU/TTL cache keyed by DID. Failures throw
 * `VcError('DID_RESOLUTION_ERROR')`.
 */
import type {
  DIDCache,
  DIDDocument,
  DIDResolutionResult,
  DIDResolver,
  ParsedDID,
  VerificationMethod,
  WrappedResolver,
} from 'did-resolver';
import { parse, Resolver } from 'did-resolver';
import type { GuardedFetch } from '../net/guarded-fetch.ts';
import { VcError } from '../problems.ts';
import { DID_RELATIONSHIPS, didKeyResolver, MULTIKEY_CONTEXT_V1 } from './did-key.ts';
import { createDidWebResolver } from './did-web.ts';

/** The JSON-LD context a verification method of each type needs when loaded on its own. */
const METHOD_CONTEXTS: Readonly<Record<string, string>> = {
  Multikey: MULTIKEY_CONTEXT_V1,
  JsonWebKey: 'https://w3id.org/security/jwk/v1',
  Ed25519VerificationKey2020: 'https://w3id.org/security/suites/ed25519-2020/v1',
};

/** A verification method as {@link DidResolver.dereference} returns it: with its own `@context`. */
export type DereferencedVerificationMethod = VerificationMethod & { '@context': unknown };

/** Cache settings of {@link createDidResolver}. */
export interface DidCacheOptions {
  /** Most DIDs kept; the least recently used goes first. Default 100. */
  maxEntries?: number;
  /** How long a resolved document is reused, in ms. Default 300 000 (5 min). */
  ttlMs?: number;
}

/**
 * Options of {@link createDidResolver}.
 *
 * @example
 * const options: DidResolverOptions = { cache: { maxEntries: 500, ttlMs: 60_000 }, now: clock.now };
 */
export interface DidResolverOptions {
  /** Guarded fetch used by did:web; default the production one. */
  fetch?: GuardedFetch;
  /** More `did-resolver` drivers by method name (`{ example: … }`); they replace built-ins of the same name. */
  extra?: Record<string, DIDResolver>;
  /** Cache resolved documents by DID. Default: no cache. Failures are never cached. */
  cache?: DidCacheOptions;
  /** Clock for the cache TTL, ms since the epoch. */
  now?: () => number;
}

/** Resolves DIDs and dereferences DID URLs. */
export interface DidResolver {
  /** Resolves a DID (no path, query or fragment) to its document. */
  resolve(did: string): Promise<DIDDocument>;
  /** A DID → its document; `DID#fragment` → that verification method, with `@context` added. */
  dereference(didUrl: string): Promise<DIDDocument | DereferencedVerificationMethod>;
}

function positiveInteger(name: string, value: number | undefined, fallback: number): number {
  if (value === undefined) return fallback;
  if (!Number.isSafeInteger(value) || value <= 0) throw new TypeError(`${name} must be a positive integer`);
  return value;
}

/** An LRU/TTL `DIDCache` keyed by DID that stores only successful results and hands out copies. */
function lruTtlCache(options: DidCacheOptions, now: () => number): DIDCache {
  const maxEntries = positiveInteger('cache.maxEntries', options.maxEntries, 100);
  const ttlMs = positiveInteger('cache.ttlMs', options.ttlMs, 300_000);
  const entries = new Map<string, { expires: number; result: DIDResolutionResult }>();
  return async (parsed: ParsedDID, resolve: WrappedResolver) => {
    const key = parsed.did;
    const hit = entries.get(key);
    if (hit !== undefined) {
      entries.delete(key);
      if (hit.expires > now()) {
        entries.set(key, hit);
        return structuredClone(hit.result);
      }
    }
    const result = await resolve();
    if (result.didResolutionMetadata.error === undefined && result.didDocument !== null) {
      entries.set(key, { expires: now() + ttlMs, result: structuredClone(result) });
      while (entries.size > maxEntries) {
        const oldest = entries.keys().next().value;
        if (oldest === undefined) break;
        entries.delete(oldest);
      }
    }
    return result;
  };
}

function resolutionError(did: string, result: DIDResolutionResult): VcError {
  const { error, message } = result.didResolutionMetadata;
  const detail = typeof message === 'string' ? ` ${message}` : '';
  return new VcError('DID_RESOLUTION_ERROR', `Could not resolve ${did}: ${error ?? 'no document'}.${detail}`);
}

function withContext(vm: VerificationMethod, doc: DIDDocument): DereferencedVerificationMethod {
  const context = (vm as { '@context'?: unknown })['@context'] ?? METHOD_CONTEXTS[vm.type] ?? doc['@context'];
  return { '@context': context, ...vm };
}

/**
 * Creates the DID resolver: did:key (Ed25519, P-256, P-384 Multikey) and did:web, plus `extra` drivers.
 *
 * @example
 * const dids = createDidResolver({ cache: { ttlMs: 60_000 } });
 * const doc = await dids.resolve('did:web:example.com');
 * const vm = await dids.dereference('did:key:z6MkiTBz1ymuepAQ4HEHYSF1H8quG5GLVVQR3djdX3mDooWp#z6MkiTBz1ymuepAQ4HEHYSF1H8quG5GLVVQR3djdX3mDooWp');
 */
export function createDidResolver(options: DidResolverOptions = {}): DidResolver {
  const now = options.now ?? (() => Date.now());
  const registry: Record<string, DIDResolver> = {
    key: didKeyResolver,
    web: createDidWebResolver(options.fetch === undefined ? {} : { fetch: options.fetch }),
    ...options.extra,
  };
  const resolver = new Resolver(registry, {
    cache: options.cache === undefined ? false : lruTtlCache(options.cache, now),
  });

  const resolve = async (did: string): Promise<DIDDocument> => {
    const parsed = parse(did);
    if (parsed === null || parsed.didUrl !== parsed.did) {
      throw new VcError('DID_RESOLUTION_ERROR', 'Not a DID (a DID has no path, query or fragment).');
    }
    let result: DIDResolutionResult;
    try {
      result = await resolver.resolve(did);
    } catch (cause) {
      throw new VcError('DID_RESOLUTION_ERROR', `Could not resolve ${did}.`, { cause });
    }
    if (result.didResolutionMetadata.error !== undefined || result.didDocument === null) {
      throw resolutionError(did, result);
    }
    if (result.didDocument.id !== did) {
      throw new VcError('DID_RESOLUTION_ERROR', `Could not resolve ${did}: the document id does not match.`);
    }
    return result.didDocument;
  };

  const dereference = async (didUrl: string): Promise<DIDDocument | DereferencedVerificationMethod> => {
    const parsed = parse(didUrl);
    if (parsed === null) throw new VcError('DID_RESOLUTION_ERROR', 'Not a DID URL.');
    if (parsed.path !== undefined || parsed.query !== undefined) {
      throw new VcError('DID_RESOLUTION_ERROR', 'DID URLs with a path or query are not supported.');
    }
    const doc = await resolve(parsed.did);
    if (parsed.fragment === undefined) return doc;

    const wanted = `${parsed.did}#${parsed.fragment}`;
    const matches = (vm: VerificationMethod): boolean =>
      vm.id === wanted || (vm.id.startsWith('#') && `${parsed.did}${vm.id}` === wanted);
    const candidates: unknown[] = [...(doc.verificationMethod ?? [])];
    for (const key of DID_RELATIONSHIPS) candidates.push(...(doc[key] ?? []));
    for (const candidate of candidates) {
      if (
        typeof candidate === 'object' &&
        candidate !== null &&
        typeof (candidate as VerificationMethod).id === 'string'
      ) {
        const vm = candidate as VerificationMethod;
        if (matches(vm)) return withContext({ ...vm, id: wanted }, doc);
      }
    }
    throw new VcError('DID_RESOLUTION_ERROR', `${wanted} is not a verification method of ${parsed.did}.`);
  };

  return { resolve, dereference };
}
