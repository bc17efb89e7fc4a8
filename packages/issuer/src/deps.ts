import type { DocumentLoader, GuardedFetch, SigningKey } from '@repo/core';
import type { RenewalPolicy } from '@repo/schemas';
import type { TrustRegistry, Verifier } from '@repo/verifier';
import type { Logger } from 'pino';
import type { TokenEntry } from './http/auth.ts';
import type { KeySet } from './keys/key-set.ts';
import type { Mutex } from './status/mutex.ts';
import type { StatusPurpose, StatusRegistry } from './status/status-registry.ts';
import type { IssuerStore } from './store/types.ts';
import type { SigningPool } from './workers/signing-pool.ts';

/** Settings the app needs; `server.ts` reads them from the environment or a file. */
export interface AppConfig {
  /** Every URL the service mints starts with this (no trailing slash). */
  publicBaseUrl: string;
  tokens: readonly TokenEntry[];
  /** Status list `ttl` and `Cache-Control: max-age` (ms). Default 300000. */
  statusListTtlMs: number;
  /** Status entries every credential gets unless the request asks otherwise. */
  defaultStatusPurposes: readonly StatusPurpose[];
  /** Also give certifications and licences a lifecycle entry and a refresh service. Default true. */
  renewableLifecycle: boolean;
  /** Request body limit in bytes [512 KB]. */
  bodyLimit: number;
  /** JSON nesting limit [32]. */
  maxDepth: number;
  /**
   * Bitstring Status List v1.0 §3.2 minimum number of entries the service's verifier asks of
   * other issuers' lists. Default 131,072.
   */
  minimumStatusListEntries?: number;
  /**
   * Accept contexts that define `@vocab` (the W3C examples and undefined-terms contexts, when
   * configured) for signing and verifying. Default false: refused with `CONTEXT_NOT_ALLOWED`.
   */
  allowTestingContexts?: boolean;
  /** How long the answer to a request with an `Idempotency-Key` is remembered (ms). Default 24 h. */
  idempotencyTtlMs?: number;
  /** How long a challenge from `POST /challenges` stays usable (ms). Default 300000. */
  challengeLifetimeMs?: number;
  /**
   * The operator's trust registry: the verify page (`/verify`) names these issuers as registered.
   * Default none: every issuer is shown as not in the registry, with its self-asserted name.
   */
  trustRegistry?: TrustRegistry;
  /** Largest batch upload (`POST /credentials/issue/batch`) in bytes. Default 256 MiB. */
  batchMaxBytes?: number;
  /** Rows a batch job issues per chunk (one atomic write each). Default 500. */
  batchChunkRows?: number;
  /**
   * Show the reason of the latest revocation or suspension (from the status history) on the public
   * credential page. Default false: reasons stay internal (`GET /credentials/:id/history`).
   */
  publishStatusReasons?: boolean;
}

/** Everything `createApp` is built from; nothing here is created by the app itself. */
export interface AppDeps {
  store: IssuerStore;
  registry: StatusRegistry;
  /** The key that signs new credentials (`keys.signing`). */
  key: SigningKey;
  /** Every key of the issuer: current, status-list and retired ones. */
  keys: KeySet;
  clock: () => Date;
  config: AppConfig;
  logger: Logger;
  documentLoader: DocumentLoader;
  verifier: Verifier;
  /** Serialises index allocation and status updates. */
  lock: Mutex;
  /** Rebuilds `verifier` with these renewal policies (after a renewal pathway is published). */
  useRenewalPolicies(policies: RenewalPolicy[]): void;
  /**
   * The verify page's outbound GETs (another service's credential page, a hosted badge). Default:
   * the guarded fetch — https, public addresses only, no redirects, 10 s, 1 MB (N1–N5).
   */
  fetchPublic?: GuardedFetch;
  /**
   * Worker threads that check and sign `POST /credentials/issue` requests and batch rows
   * (`server.ts` starts it, sized by `SIGNING_THREADS`). Without one, both sign in this thread.
   */
  signingPool?: SigningPool;
}
