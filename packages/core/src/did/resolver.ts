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
  /**
   * Cache only DIDs of these methods (`['key']`: documents that are a function of the DID alone,
   * so caching them changes no answer). Default: every method.
   */
  methods?: readonly string[];
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

/** The cache of {@link createDidResolver}: the `DIDCache` handed to `did-resolver`, and a look-up without a copy. */
interface LruTtlCache {
  /** The `DIDCache`: stores only successful results, and hands out copies. */
  cache: DIDCache;
  /**
   * The stored result of a DID when there is one that has not expired (it becomes the most
   * recently used), else undefined (an expired one is dropped). Never to be handed out: the
   * cache's own object.
   */
  stored(did: string): DIDResolutionResult | undefined;
  /** Most DIDs kept. */
  maxEntries: number;
}

/** An LRU/TTL cache keyed by DID that stores only successful results and hands out copies. */
function lruTtlCache(options: DidCacheOptions, now: () => number): LruTtlCache {
  const maxEntries = positiveInteger('cache.maxEntries', options.maxEntries, 100);
  const ttlMs = positiveInteger('cache.ttlMs', options.ttlMs, 300_000);
  const entries = new Map<string, { expires: number; result: DIDResolutionResult }>();
  const stored = (did: string): DIDResolutionResult | undefined => {
    const hit = entries.get(did);
    if (hit === undefined) return undefined;
    entries.delete(did);
    if (hit.expires <= now()) return undefined;
    entries.set(did, hit);
    return hit.result;
  };
  const methods = options.methods;
  if (methods !== undefined && (!Array.isArray(methods) || !methods.every((m) => typeof m === 'string'))) {
    throw new TypeError('cache.methods must be a list of DID method names');
  }
  const cache: DIDCache = async (parsed: ParsedDID, resolve: WrappedResolver) => {
    if (methods !== undefined && !methods.includes(parsed.method)) return resolve();
    const key = parsed.did;
    const hit = stored(key);
    if (hit !== undefined) return structuredClone(hit);
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
  return { cache, stored, maxEntries };
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
  const cache = options.cache === undefined ? undefined : lruTtlCache(options.cache, now);
  const resolver = new Resolver(registry, { cache: cache === undefined ? false : cache.cache });

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

  /**
   * The document of a parsed DID, to read and never hand out: the cache's own object when it holds
   * one (no copy, no second parse: what `resolve` would copy), else what `resolve` gives. Only for
   * drivers without a method-specific parser, which could store a document under another DID.
   */
  const documentToRead = async (parsed: ParsedDID): Promise<DIDDocument> => {
    if (cache !== undefined && registry[parsed.method]?.parser === undefined) {
      const doc = cache.stored(parsed.did)?.didDocument;
      if (doc?.id === parsed.did) return doc;
    }
    return resolve(parsed.did);
  };

  /**
   * What {@link dereferenceToRead} last gave for a DID URL from a cached document, and that
   * document: while the cache still holds that very document (not expired, not replaced), the
   * answer is the same, so it is given again without parsing the URL or searching the document.
   */
  const readBefore = new Map<
    string,
    { did: string; doc: DIDDocument; found: DIDDocument | DereferencedVerificationMethod }
  >();
  const remembered = (didUrl: string): DIDDocument | DereferencedVerificationMethod | undefined => {
    const before = readBefore.get(didUrl);
    if (before === undefined || cache === undefined) return undefined;
    return cache.stored(before.did)?.didDocument === before.doc ? before.found : undefined;
  };
  const remember = (
    didUrl: string,
    parsed: ParsedDID,
    doc: DIDDocument,
    found: DIDDocument | DereferencedVerificationMethod,
  ) => {
    if (cache === undefined || cache.stored(parsed.did)?.didDocument !== doc) return found;
    readBefore.delete(didUrl);
    readBefore.set(didUrl, { did: parsed.did, doc, found });
    // a few DID URLs per cached DID: bounded by the cache's own size, the least recently kept first
    while (readBefore.size > 4 * cache.maxEntries) readBefore.delete(readBefore.keys().next().value!);
    return found;
  };

  /** What `dereference` gives, not copied: to read and never hand out. */
  const dereferenceToRead = async (didUrl: string): Promise<DIDDocument | DereferencedVerificationMethod> => {
    const again = remembered(didUrl);
    if (again !== undefined) return again;
    const parsed = parse(didUrl);
    if (parsed === null) throw new VcError('DID_RESOLUTION_ERROR', 'Not a DID URL.');
    if (parsed.path !== undefined || parsed.query !== undefined) {
      throw new VcError('DID_RESOLUTION_ERROR', 'DID URLs with a path or query are not supported.');
    }
    const doc = await documentToRead(parsed);
    if (parsed.fragment === undefined) return remember(didUrl, parsed, doc, doc);

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
        if (matches(vm)) return remember(didUrl, parsed, doc, withContext({ ...vm, id: wanted }, doc));
      }
    }
    throw new VcError('DID_RESOLUTION_ERROR', `${wanted} is not a verification method of ${parsed.did}.`);
  };

  // A document is handed out as `resolve` gives it (a copy of what the cache holds); a
  // verification method is copied whole, the document it came from being the cache's own.
  const dereference = async (didUrl: string): Promise<DIDDocument | DereferencedVerificationMethod> => {
    const parsed = parse(didUrl);
    if (parsed !== null && parsed.path === undefined && parsed.query === undefined && parsed.fragment === undefined) {
      return resolve(parsed.did);
    }
    const found = await dereferenceToRead(didUrl);
    return cache === undefined ? found : structuredClone(found);
  };

  const dids: DidResolver = { resolve, dereference };
  readers.set(dids, { dereference, dereferenceToRead });
  return dids;
}

/** The uncopied `dereference` of each resolver {@link createDidResolver} made, next to its own. */
const readers = new WeakMap<
  object,
  { dereference: DidResolver['dereference']; dereferenceToRead: DidResolver['dereference'] }
>();

/**
 * `dereference` of a resolver {@link createDidResolver} made (and whose `dereference` was not
 * replaced since), giving its cached documents and verification methods without copying them: for
 * callers in this package that only read what they get and keep none of it (the JWT key
 * resolver). Undefined for any other resolver.
 *
 * @example
 * const read = readOnlyDereferenceOf(dids) ?? ((u: string) => dids.dereference(u));
 */
export function readOnlyDereferenceOf(resolver: {
  dereference(didUrl: string): Promise<unknown>;
}): DidResolver['dereference'] | undefined {
  const reader = readers.get(resolver);
  return reader !== undefined && reader.dereference === resolver.dereference ? reader.dereferenceToRead : undefined;
}
