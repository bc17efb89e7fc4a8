import {
  CORE_DEFAULT_VERIFIER_JWT_ALGORITHMS,
  checkJwtAlgorithms,
  createDidResolver,
  createDocumentLoader,
  createGuardedFetch,
  createJwtKeyResolver,
  type DocumentLoader,
  type GuardedFetch,
  type JwtKeyResolver,
  readOnlyDereferenceOf,
} from '@repo/core';
import { loadPinnedContexts, parseDuration, type RenewalPolicy } from '@repo/schemas';
import { createOb2Fetcher, type Ob2Fetcher } from '../ob2/ob2-fetcher.ts';
import { StatusListCache } from '../status-list-cache.ts';
import type { RefreshFetcher, StatusListFetcher, VerifierOptions } from '../types.ts';

/** JWS algorithms accepted for JWT credentials unless `jwtAlgorithms` says otherwise (J1). */
export const DEFAULT_VERIFIER_JWT_ALGORITHMS: readonly string[] = CORE_DEFAULT_VERIFIER_JWT_ALGORITHMS;

/** Everything a verifier is built from, resolved once: defaults applied, options checked. */
export interface VerifierContext {
  options: VerifierOptions;
  now: () => Date;
  skew: number;
  documentLoader: DocumentLoader;
  /** Issuers' JWT keys (assertionMethod) and holders' (authentication). */
  resolveJwtKey: JwtKeyResolver;
  resolveHolderKey: JwtKeyResolver;
  jwtAlgorithms: readonly string[];
  fetchStatusList: StatusListFetcher;
  refreshFetcher: () => RefreshFetcher;
  /** Open Badges 2.0 documents and credential URLs (built on first use). */
  ob2Fetcher: () => Ob2Fetcher;
  cache: StatusListCache;
  trustedStatusListIssuers: readonly string[];
  renewalPolicies: readonly RenewalPolicy[];
  checkSchemas: boolean;
  schemaChecking: 'report' | 'strict';
}

/** The default resolver's cache: did:key only (no answer changes), up to 1,000 DIDs. */
const DID_KEY_CACHE = { methods: ['key'], maxEntries: 1000 } as const;

let pinned: ReadonlyMap<string, unknown> | undefined;
/** The bundled contexts, read and hash-checked once per process. */
function pinnedContexts(): ReadonlyMap<string, unknown> {
  pinned ??= loadPinnedContexts();
  return pinned;
}

/**
 * The default status-list retrieval: the guarded fetch (https only, no redirects, no private
 * addresses, time and size limits), a 200 answer parsed as JSON.
 *
 * @example
 * const fetchStatusList = createStatusListFetcher(createGuardedFetch());
 */
export function createStatusListFetcher(fetch: GuardedFetch): StatusListFetcher {
  return async (url) => {
    const res = await fetch(url, { accept: 'application/vc+ld+json, application/ld+json, application/json' });
    if (res.status !== 200) throw new Error(`HTTP ${res.status}`);
    return res.json();
  };
}

/**
 * Resolves a verifier's options: checks them (a caller's mistake is a `TypeError`), applies the
 * offline-safe defaults and builds the plumbing once (document loader over the pinned contexts,
 * DID resolution, JWT key resolvers, status-list and refresh fetchers, the status-list cache).
 *
 * @example
 * const ctx = resolveVerifierOptions({ clockSkewSeconds: 30 });
 */
export function resolveVerifierOptions(options: VerifierOptions): VerifierContext {
  const now = options.now ?? (() => new Date());
  const skew = options.clockSkewSeconds ?? 60;
  if (!Number.isFinite(skew) || skew < 0) throw new TypeError('clockSkewSeconds must be a non-negative number.');
  const minEntries = options.minimumStatusListEntries;
  if (minEntries !== undefined && (!Number.isInteger(minEntries) || minEntries < 1))
    throw new TypeError('minimumStatusListEntries must be a positive integer.');
  let documentLoader: DocumentLoader;
  let dereference: (didUrl: string) => Promise<unknown>;
  // What JWT keys are resolved through: the resolver itself when there is one, so that a resolver
  // made by createDidResolver lends its cached documents without a copy (readOnlyDereferenceOf).
  let keySource: { dereference: (didUrl: string) => Promise<unknown> };
  const renewalPolicies = checkRenewalPolicies(options.renewalPolicies);
  const jwtAlgorithms = checkJwtAlgorithms(options.jwtAlgorithms ?? DEFAULT_VERIFIER_JWT_ALGORITHMS);
  const needsFetch =
    !options.fetchStatusList ||
    (!options.documentLoader && !options.didResolver) ||
    (options.refresh === true && !options.fetchRefresh);
  if (options.allowLocalhost !== undefined && typeof options.allowLocalhost !== 'boolean')
    throw new TypeError('allowLocalhost must be true or false.');
  const guard = { allowLocalhost: options.allowLocalhost === true };
  const fetch = needsFetch ? createGuardedFetch(guard) : undefined;
  if (options.documentLoader) {
    const loader = options.documentLoader;
    const given = options.didResolver;
    documentLoader = loader;
    dereference = given ? (u) => given.dereference(u) : async (u) => (await loader(u)).document;
    keySource = given ?? { dereference };
  } else {
    const contexts = options.contexts ?? pinnedContexts();
    // did:key documents are a function of the DID alone: cached (read without a copy below), they
    // are not derived again for every proof; did:web documents are fetched each time, as before.
    const resolver = options.didResolver ?? createDidResolver({ fetch: fetch!, cache: DID_KEY_CACHE });
    dereference = (u) => resolver.dereference(u);
    keySource = resolver;
    // Proof checks only read the DID documents and verification methods they load, and hand none
    // of them out: a resolver made by createDidResolver lends its cached ones without a copy.
    documentLoader = createDocumentLoader({ contexts, resolveDid: readOnlyDereferenceOf(resolver) ?? dereference });
  }
  // JWT keys come from the same DID resolution as Data Integrity verification methods.
  const resolveJwtKey = createJwtKeyResolver(keySource);
  // A holder's presentation JWT is signed with one of its `authentication` keys.
  const resolveHolderKey = createJwtKeyResolver(keySource, { relationship: 'authentication' });
  const fetchStatusList = options.fetchStatusList ?? createStatusListFetcher(fetch!);
  // Same rules as status lists: https only, no redirects, no private addresses, time and size limits.
  let fetchRefresh = options.fetchRefresh ?? (fetch ? createStatusListFetcher(fetch) : undefined);
  const refreshFetcher = () => {
    fetchRefresh ??= createStatusListFetcher(createGuardedFetch(guard));
    return fetchRefresh;
  };
  let fetchOb2 = options.fetchOb2;
  const ob2Fetcher = () => {
    fetchOb2 ??= createOb2Fetcher(fetch ?? createGuardedFetch(guard));
    return fetchOb2;
  };
  const cache = new StatusListCache();
  const trustedStatusListIssuers = options.trustedStatusListIssuers ?? [];
  const checkSchemas = options.checkSchema ?? true;
  const schemaChecking = options.schemaChecking ?? 'report';
  if (schemaChecking !== 'report' && schemaChecking !== 'strict')
    throw new TypeError("schemaChecking must be 'report' or 'strict'.");

  return {
    options,
    now,
    skew,
    documentLoader,
    resolveJwtKey,
    resolveHolderKey,
    jwtAlgorithms,
    fetchStatusList,
    refreshFetcher,
    ob2Fetcher,
    cache,
    trustedStatusListIssuers,
    renewalPolicies,
    checkSchemas,
    schemaChecking,
  };
}

/** Bad renewal policies are a caller's mistake: `TypeError` when the verifier is built. */
function checkRenewalPolicies(policies: unknown): readonly RenewalPolicy[] {
  if (policies === undefined) return [];
  if (!Array.isArray(policies)) throw new TypeError('renewalPolicies must be an array of RenewalPolicy.');
  for (const [i, p] of policies.entries()) {
    const policy = p as Partial<Record<keyof RenewalPolicy, unknown>> | null;
    if (!policy || typeof policy !== 'object' || typeof policy.achievementId !== 'string') {
      throw new TypeError(`renewalPolicies[${i}].achievementId must be a string.`);
    }
    for (const field of ['validityPeriod', 'renewalWindow', 'gracePeriod'] as const) {
      if (!parseDuration(policy[field])) {
        throw new TypeError(`renewalPolicies[${i}].${field} must be an ISO 8601 duration such as "P90D".`);
      }
    }
  }
  return policies as readonly RenewalPolicy[];
}
