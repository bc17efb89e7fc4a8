import {
  createDidResolver,
  createDocumentLoader,
  createGuardedFetch,
  type DidResolver,
  JWT_ALGORITHMS,
  type SigningKey,
} from '@repo/core';
import type { Pathway, RenewalPolicy } from '@repo/schemas';
import { createStatusListFetcher, createVerifier } from '@repo/verifier';
import type { Logger } from 'pino';
import type { AppConfig, AppDeps } from './deps.ts';
import { currentVersion } from './issuance/current-version.ts';
import { currentForm } from './issuance/issue-response.ts';
import type { KeySet } from './keys/key-set.ts';
import { didDocumentOf } from './routes/did-document.ts';
import { Mutex } from './status/mutex.ts';
import { publishStatusList } from './status/publish-status-list.ts';
import { replayStore } from './status/replay-store.ts';
import { parseStatusListUrl } from './status/status-list-url.ts';
import { StatusRegistry } from './status/status-registry.ts';
import type { IssuerStore } from './store/types.ts';
import type { SigningPool } from './workers/signing-pool.ts';

/** Inputs of {@link buildDeps}. */
export interface BuildDepsInput {
  store: IssuerStore;
  /** One signing key, or a whole key set (rotation: old keys keep verifying). */
  key: SigningKey | KeySet;
  config: AppConfig;
  logger: Logger;
  contexts: ReadonlyMap<string, unknown>;
  clock?: () => Date;
  /** Entries per status list. Default 131072 (Bitstring Status List v1.0 minimum). */
  listSize?: number;
  /** DID resolution for other issuers' DIDs (default: did:key offline, did:web guarded). */
  didResolver?: DidResolver;
  /**
   * Reads other issuers' JSON documents (their status lists and refresh services). Default: the
   * guarded fetch (https only, no private addresses). Tests and demos map URLs to loopback here.
   */
  fetchForeignJson?: (url: string) => Promise<unknown>;
  /** Reads other parties' related resources as bytes (VC 2.0 §5.3). Default: the guarded fetch. */
  fetchRelatedResource?: (url: string) => Promise<Uint8Array | undefined>;
  /** Worker threads that sign batch jobs (`AppDeps.signingPool`); default none (in this thread). */
  signingPool?: SigningPool;
}

/**
 * Assembles what {@link createApp} needs: replays the stored records and status index entries
 * into the status registry (lists are rebuilt from them, F1; a damaged record is reported, never
 * fatal), purges expired idempotency answers, and builds one document loader and one verifier that
 * read the service's own DID document and status lists from memory, without a network round trip
 * (DESIGN-NOTES "The service verifies its own status lists without a round trip").
 *
 * @example
 * const deps = await buildDeps({ store, key, config, logger, contexts: loadPinnedContexts() });
 * const app = createApp(deps);
 */
export async function buildDeps(input: BuildDepsInput): Promise<AppDeps> {
  const foreign = input.fetchForeignJson ?? createStatusListFetcher(createGuardedFetch());
  let relatedFetch: ((url: string) => Promise<Uint8Array | undefined>) | undefined;
  const registry = new StatusRegistry({ listSize: input.listSize ?? 131_072 });
  // One damaged record never stops the start: it is reported, its indexes stay taken and its bits
  // are never cleared (issue 9, status/replay-store.ts).
  await replayStore(input.store, registry, input.logger);
  const clock = input.clock ?? (() => new Date());
  await input.store.purgeIdempotency(clock().getTime()).catch((error: Error) => {
    input.logger.warn({ err: { message: error.message } }, 'expired idempotency answers not purged; retried later');
  });
  const keys: KeySet =
    'signing' in input.key
      ? input.key
      : { signing: input.key, statusList: input.key, all: [input.key], retired: new Map() };
  const ownDid = keys.signing.controller;
  const ownDoc = didDocumentOf(keys);
  const others = input.didResolver ?? createDidResolver({ cache: { maxEntries: 500 }, now: () => clock().getTime() });
  const resolveDid = async (didUrl: string): Promise<unknown> => {
    const [did, fragment] = didUrl.split('#');
    if (did === ownDid) {
      if (fragment === undefined) return ownDoc;
      const own = keys.all.find((k) => k.id === `${ownDid}#${fragment}`);
      if (own) return { '@context': 'https://w3id.org/security/multikey/v1', ...own.publicMethod() };
      const rsa = keys.jwtOnly?.find((k) => k.id === `${ownDid}#${fragment}`);
      if (rsa) return { '@context': 'https://w3id.org/security/jwk/v1', ...rsa.publicMethod() };
    }
    return others.dereference(didUrl);
  };
  // Data Integrity §2.4.1: contexts with @vocab (W3C examples, undefined-terms) only when allowed.
  const documentLoader = createDocumentLoader({
    contexts: input.contexts,
    resolveDid,
    refuseVocab: input.config.allowTestingContexts !== true,
  });
  const deps = {
    store: input.store,
    registry,
    key: keys.signing,
    keys,
    clock,
    config: input.config,
    logger: input.logger,
    documentLoader,
    lock: new Mutex(),
    ...(input.signingPool && { signingPool: input.signingPool }),
  } as Omit<AppDeps, 'verifier'> as AppDeps;
  const verifierOptions: Parameters<typeof createVerifier>[0] = {
    now: clock,
    documentLoader,
    fetchStatusList: async (url) => {
      const own = parseStatusListUrl(input.config.publicBaseUrl, url);
      if (own && registry.has(own.purpose, own.list)) return publishStatusList(deps, own.purpose, own.list);
      if (own) throw new Error('No such status list on this service.');
      return foreign(url);
    },
    refresh: true,
    // VC 2.0 §5.3: the digests of related resources this service issued are compared with its
    // records (a renewal names its predecessor); others are fetched through the guarded fetch
    // (https only, no private addresses, 10 s, 1 MB), and left unchecked when that fails.
    fetchRelatedResource: async (url) => {
      const record = await input.store.getRecord(url);
      if (record) return Buffer.from(JSON.stringify(record.credential));
      if (!url.startsWith('https://')) return undefined;
      relatedFetch ??=
        input.fetchRelatedResource ?? (async (u) => (await createGuardedFetch()(u, { accept: '*/*' })).body);
      return relatedFetch(url);
    },
    ...(input.config.minimumStatusListEntries === undefined
      ? {}
      : { minimumStatusListEntries: input.config.minimumStatusListEntries }),
    // The service accepts RS256 for its own RSA keys (Open Badges 3.0 VC-JWT consumers need it).
    ...(keys.jwtOnly?.length ? { jwtAlgorithms: JWT_ALGORITHMS } : {}),
    fetchRefresh: async (url) => {
      const prefix = `${input.config.publicBaseUrl}/credentials/refresh/`;
      if (!url.startsWith(prefix)) return foreign(url);
      const current = await currentVersion(input.store, decodeURIComponent(url.slice(prefix.length)));
      if (!current) throw new Error('No such credential on this service.');
      return currentForm(current);
    },
  };
  // The verifier knows the renewal policies of the certifications this service publishes, so it
  // can tell "in grace period" from "lapsed"; publishing a renewal pathway rebuilds it.
  deps.useRenewalPolicies = (policies) => {
    deps.verifier = createVerifier({ ...verifierOptions, renewalPolicies: policies });
  };
  const policies: RenewalPolicy[] = [];
  for (const doc of await input.store.listDocuments('pathway')) {
    const renewal = (doc as Pathway).renewal;
    if (renewal) policies.push(renewal);
  }
  deps.useRenewalPolicies(policies);
  return deps;
}
