import { readFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import { createServer as createTlsServer } from 'node:https';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { SerializedSigningKey } from '@repo/core';
import {
  type AppDeps,
  buildDeps,
  createApp,
  hashToken,
  type IssuerStore,
  loadKeySet,
  openLevelStore,
  SCOPES,
  type SerializedKeySet,
  type StatusPurpose,
  type TokenEntry,
} from '@repo/issuer';
import { loadPinnedContexts } from '@repo/schemas';
import type { TrustRegistry } from '@repo/verifier';
import { tempDataDir } from './issuer-process.ts';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));

/** The development key in `keys-example/` (a did:key issuer), as its key file holds it. */
export const EXAMPLE_KEY: SerializedSigningKey = JSON.parse(
  readFileSync(join(ROOT, 'keys-example', 'issuer-key.json'), 'utf8'),
);

/** The frozen "now" of every in-process issuer (the fixture is valid until 2029). */
export const FROZEN_NOW = new Date('2026-03-01T12:00:00Z');

/** The public base URL the in-process issuer mints its URLs under. */
export const PUBLIC_BASE_URL = 'https://issuer.example.test';

/** Bearer tokens of the in-process issuer, by what they may do (A5). */
export const TOKENS = {
  /** Every scope. */
  full: 'test-full-scope-token-7f3a9c2e5b1d',
  /** Only `write:/credentials/issue`. */
  issueOnly: 'test-issue-only-token-0c8e4a6b2d9f',
  /** Only `write:/credentials/status`. */
  statusOnly: 'test-status-only-token-5d1b7e3f9a2c',
  /** Only `read:/credentials`. */
  readOnly: 'test-read-only-token-8a2f6c0e4b7d',
} as const;

/** The configured form of {@link TOKENS}: names, digests and scopes, never the token itself. */
export const TOKEN_ENTRIES: TokenEntry[] = [
  { name: 'full', sha256: hashToken(TOKENS.full), scopes: Object.values(SCOPES) },
  { name: 'issue-only', sha256: hashToken(TOKENS.issueOnly), scopes: [SCOPES.issue] },
  { name: 'status-only', sha256: hashToken(TOKENS.statusOnly), scopes: [SCOPES.status] },
  { name: 'read-only', sha256: hashToken(TOKENS.readOnly), scopes: [SCOPES.read] },
];

type Logger = AppDeps['logger'];
type PinoFactory = (options: Record<string, unknown>, destination?: { write(line: string): void }) => Logger;

// pino is the issuer's dependency, not the repository root's: load it the way the issuer does.
const pino = createRequire(join(ROOT, 'packages', 'issuer', 'package.json'))('pino') as PinoFactory;

/** A pino logger that writes nothing. */
export function silentLogger(): Logger {
  return pino({ level: 'silent' });
}

/** A pino logger at `trace` that keeps every line it writes, for K1/K2 assertions. */
export function capturingLogger(): { logger: Logger; lines: string[] } {
  const lines: string[] = [];
  const logger = pino({ level: 'trace' }, { write: (line: string) => void lines.push(line) });
  return { logger, lines };
}

/** Options of {@link startIssuerApp}. */
export interface IssuerAppOptions {
  /** The signing key file contents. Default: the example did:key key. */
  key?: SerializedSigningKey | SerializedKeySet;
  /** Default: a capturing-free silent logger. */
  logger?: Logger;
  /** Default: frozen at {@link FROZEN_NOW}. */
  clock?: () => Date;
  /** Use this data folder (kept on close) instead of a fresh temporary one (removed on close). */
  dataDir?: string;
  /** Wraps the real LevelDB store, e.g. to inject failures (K2). */
  wrapStore?: (store: IssuerStore) => IssuerStore;
  /** Default 300000 ms. */
  statusListTtlMs?: number;
  /** Default revocation and suspension. */
  defaultStatusPurposes?: StatusPurpose[];
  /** Default 512 KB. */
  bodyLimit?: number;
  /** Default 32. */
  maxDepth?: number;
  /** Entries per status list. Default 131072. */
  listSize?: number;
  /**
   * Mint URLs (status lists, refresh service) under the loopback URL the app listens on instead of
   * {@link PUBLIC_BASE_URL}, so that an outside client can fetch them over HTTP. Default false.
   */
  loopbackPublicBaseUrl?: boolean;
  /** Other parties' related resources as bytes (VC 2.0 §5.3). Default: the guarded fetch. */
  fetchRelatedResource?: (url: string) => Promise<Uint8Array | undefined>;
  /**
   * Serve HTTPS with this key and certificate (PEM) instead of HTTP: `url` (and, with
   * {@link loopbackPublicBaseUrl}, the public base URL) is then `https://127.0.0.1:<port>`, for
   * clients that refuse plain-HTTP issuers (OID4VCI 1.0 §12.2.1: the issuer identifier is https).
   */
  tls?: { key: string; cert: string };
  /** The operator's trust registry (the verify page's registered issuers). Default none. */
  trustRegistry?: TrustRegistry;
  /** Show revocation / suspension reasons on credential pages (`PUBLISH_STATUS_REASONS`). Default false. */
  publishStatusReasons?: boolean;
}

/** An issuer app listening on 127.0.0.1 in this process. */
export interface IssuerApp {
  /** `http://127.0.0.1:<port>` */
  url: string;
  deps: AppDeps;
  /** The Express app answering the requests (its `router.stack` lists the routes). */
  app: ReturnType<typeof createApp>;
  /** The data folder; the LevelDB database is its `db` subfolder, as in `server.ts`. */
  dataDir: string;
  /** Stops listening, closes the database and removes a temporary data folder. */
  close(): Promise<void>;
}

/**
 * Builds the real issuer app in-process: a real LevelDB database (`openLevelStore`) in a data
 * folder laid out as `server.ts` lays it out, the example key (or the given one), a frozen clock,
 * {@link TOKEN_ENTRIES}, listening on an ephemeral 127.0.0.1 port.
 *
 * @example
 * const issuer = await startIssuerApp();
 * const res = await fetch(`${issuer.url}/status/revocation/0`);
 * await issuer.close();
 */
export async function startIssuerApp(options: IssuerAppOptions = {}): Promise<IssuerApp> {
  const temp = options.dataDir === undefined ? tempDataDir() : undefined;
  const dataDir = options.dataDir ?? temp!.dir;
  const key = await loadKeySet(options.key ?? EXAMPLE_KEY);
  let opened: IssuerStore;
  try {
    opened = await openLevelStore(join(dataDir, 'db'));
  } catch (error) {
    temp?.cleanup();
    throw error;
  }
  const store = options.wrapStore ? options.wrapStore(opened) : opened;
  // Listen before the app exists, so that its public base URL can be the port it got.
  const server: Server = options.tls ? (createTlsServer(options.tls) as unknown as Server) : createServer();
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => resolve());
  });
  const address = server.address();
  if (!address || typeof address !== 'object') throw new Error('The test issuer has no TCP address.');
  const url = `${options.tls ? 'https' : 'http'}://127.0.0.1:${address.port}`;
  const deps = await buildDeps({
    store,
    key,
    logger: options.logger ?? silentLogger(),
    contexts: loadPinnedContexts(),
    clock: options.clock ?? (() => new Date(FROZEN_NOW)),
    ...(options.listSize === undefined ? {} : { listSize: options.listSize }),
    ...(options.fetchRelatedResource === undefined ? {} : { fetchRelatedResource: options.fetchRelatedResource }),
    config: {
      publicBaseUrl: options.loopbackPublicBaseUrl ? url : PUBLIC_BASE_URL,
      tokens: TOKEN_ENTRIES,
      statusListTtlMs: options.statusListTtlMs ?? 300_000,
      defaultStatusPurposes: options.defaultStatusPurposes ?? ['revocation', 'suspension'],
      // Tests that choose their status purposes get exactly those.
      renewableLifecycle: options.defaultStatusPurposes === undefined,
      bodyLimit: options.bodyLimit ?? 512 * 1024,
      maxDepth: options.maxDepth ?? 32,
      ...(options.trustRegistry && { trustRegistry: options.trustRegistry }),
      ...(options.publishStatusReasons !== undefined && { publishStatusReasons: options.publishStatusReasons }),
    },
  });
  const app = createApp(deps);
  server.on('request', app);
  return {
    url,
    deps,
    app,
    dataDir,
    async close() {
      await new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      });
      await opened.close();
      temp?.cleanup();
    },
  };
}

/** What the issuer has stored and handed out: record count and index usage per list. */
export async function storedState(deps: AppDeps): Promise<{ records: number; usage: Record<string, number[]> }> {
  let records = 0;
  for await (const _ of deps.store.records()) records++;
  return { records, usage: deps.registry.usage() };
}
