/**
 * The issuer's entry point: the only place that reads the environment, opens the database,
 * loads the key and listens. `node --import tsx packages/issuer/src/server.ts`
 */
import { mkdirSync, readFileSync } from 'node:fs';
import type { Server } from 'node:http';
import { join } from 'node:path';
import { loadExtraContexts, loadPinnedContexts } from '@repo/schemas';
import pino from 'pino';
import { createApp } from './app.ts';
import { batchRunner } from './batch/job-runner.ts';
import { buildDeps } from './build-deps.ts';
import { ConfigError, EXAMPLE_KEY_FILE, loadConfig, type ServerConfig } from './config.ts';
import { checkKeyHistory } from './keys/key-history.ts';
import { loadKeySet, type SerializedKeySet } from './keys/key-set.ts';
import { openLevelStore } from './store/level-store.ts';
import { lazySigningPool } from './workers/lazy-signing-pool.ts';
import { createSigningPool } from './workers/signing-pool.ts';
import { buildSignWorker } from './workers/worker-bundle.ts';

/** A running server, for tests and embedding. */
export interface RunningServer {
  url: string;
  port: number;
  close(): Promise<void>;
}

async function readKey(file: string): Promise<{ keys: Awaited<ReturnType<typeof loadKeySet>>; json: unknown }> {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (error) {
    throw new Error(
      `Cannot read the signing key file ${file} (${(error as NodeJS.ErrnoException).code ?? 'error'}). The issuer will not start without its key.`,
    );
  }
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    throw new Error(`The signing key file ${file} is not JSON.`);
  }
  try {
    return { keys: await loadKeySet(json), json };
  } catch (error) {
    // importSigningKey's messages never include key material (K1).
    throw new Error(`The signing key file ${file} is not usable: ${(error as Error).message}`);
  }
}

/** Public key of the example key in keys-example/, to refuse copies of it in production. */
function examplePublicKey(): string | undefined {
  try {
    return JSON.parse(readFileSync(EXAMPLE_KEY_FILE, 'utf8')).publicKeyMultibase;
  } catch {
    return undefined;
  }
}

/**
 * Starts the issuer with a validated configuration.
 *
 * @example
 * const server = await startServer(loadConfig(process.env));
 * console.log(server.url);
 */
export async function startServer(config: ServerConfig): Promise<RunningServer> {
  const logger = pino({
    level: config.logLevel,
    base: { service: 'issuer' },
    redact: {
      paths: ['*.authorization', '*.headers.authorization', '*.secretKeyMultibase', '*.token', '*.d'],
      censor: '[redacted]',
    },
  });
  const contexts = new Map<string, unknown>(loadPinnedContexts());
  if (config.contextsFile) {
    for (const [url, doc] of loadExtraContexts(JSON.parse(readFileSync(config.contextsFile, 'utf8'))))
      contexts.set(url, doc);
  }
  const { keys: key, json: keyJson } = await readKey(config.keyFile);
  if (config.production && key.all.some((k) => k.publicKeyMultibase === examplePublicKey())) {
    throw new Error(
      `The signing key file ${config.keyFile} holds the example key from keys-example/, refused in production.`,
    );
  }
  for (const what of config.development) {
    logger.warn(`DEVELOPMENT MODE: using ${what}. Never use it in production (set NODE_ENV=production to refuse it).`);
  }
  mkdirSync(config.dataDir, { recursive: true });
  const store = await openLevelStore(join(config.dataDir, 'db'), {
    onUnreadable: ({ key, id, reason }) =>
      logger.error({ key, credentialId: id, reason }, 'stored record unreadable (answered 500 RECORD_UNREADABLE)'),
  });
  // An old copy of the key file must not bring back a retired or revoked signing key.
  try {
    await checkKeyHistory(store, key);
  } catch (error) {
    await store.close();
    throw error;
  }
  if (key.staleSecrets) {
    logger.warn(
      { keys: key.staleSecrets },
      'the key file still holds the secret of retired or revoked keys; it is never used: remove it (rotate-key does)',
    );
  }
  // Worker threads that sign batch jobs, each with the key file and the contexts loaded once;
  // started in the background as the service starts (warm below), so that the first batch does
  // not wait for them. Their module is compiled once then (plain JavaScript: no TypeScript loader
  // in each worker); if it cannot be, the workers load the sources through tsx, as before.
  const signWorkerScript = async () => {
    try {
      return await buildSignWorker(join(config.dataDir, 'workers', 'sign-worker.mjs'));
    } catch (error) {
      logger.warn(
        { err: { message: (error as Error)?.message } },
        'the signing worker could not be compiled: the workers load it through tsx (slower to start)',
      );
      return undefined;
    }
  };
  const signingPool =
    config.signingThreads > 0
      ? lazySigningPool(async () => {
          const script = await signWorkerScript();
          return createSigningPool({
            keys: keyJson as SerializedKeySet,
            contexts,
            size: config.signingThreads,
            refuseVocab: !config.allowTestingContexts,
            ...(script && { script }),
          });
        }, config.signingThreads)
      : undefined;
  signingPool?.warm();
  const deps = await buildDeps({
    store,
    key,
    contexts,
    logger,
    ...(signingPool && { signingPool }),
    config: {
      publicBaseUrl: config.publicBaseUrl,
      tokens: config.tokens,
      statusListTtlMs: config.statusListTtlMs,
      defaultStatusPurposes: config.defaultStatusPurposes,
      renewableLifecycle: config.renewableLifecycle,
      bodyLimit: config.bodyLimit,
      maxDepth: config.maxDepth,
      minimumStatusListEntries: config.minimumStatusListEntries,
      challengeLifetimeMs: config.challengeLifetimeMs,
      allowTestingContexts: config.allowTestingContexts,
      idempotencyTtlMs: config.idempotencyTtlMs,
      ...(config.trustRegistry && { trustRegistry: config.trustRegistry }),
      batchMaxBytes: config.batchMaxBytes,
      publishStatusReasons: config.publishStatusReasons,
    },
  });
  // Batch jobs that were queued or running when the service stopped (even by kill -9) go on from
  // their first row without a result; uploads cut short are marked interrupted.
  const batches = batchRunner(deps);
  await batches.resume();
  // Expired idempotency answers are deleted hourly (and at every start).
  const purge = setInterval(
    () => {
      store.purgeIdempotency(deps.clock().getTime()).catch((error: Error) => {
        logger.warn({ err: { message: error.message } }, 'expired idempotency answers not purged; retried later');
      });
    },
    Math.min(config.idempotencyTtlMs, 3_600_000),
  );
  purge.unref();
  const app = createApp(deps);
  const server: Server = await new Promise((resolve, reject) => {
    const s = app.listen(config.port, config.host, (error?: Error) => (error ? reject(error) : resolve(s)));
  });
  server.requestTimeout = 30_000;
  server.headersTimeout = 10_000;
  const address = server.address();
  const port = typeof address === 'object' && address ? address.port : config.port;
  const url = `http://${config.host.includes(':') ? `[${config.host}]` : config.host}:${port}`;
  logger.info(
    {
      url,
      port,
      publicBaseUrl: config.publicBaseUrl,
      issuer: key.signing.controller,
      signingKey: key.signing.id,
      dataDir: config.dataDir,
      usage: deps.registry.usage(),
      signingThreads: signingPool?.size ?? 0,
    },
    'issuer listening',
  );
  return {
    url,
    port,
    async close() {
      clearInterval(purge);
      // The chunk in progress is written (or not) first; the job resumes at the next start, and
      // open result streams end.
      await batches.stop();
      await new Promise<void>((resolve) => server.close(() => resolve()));
      server.closeAllConnections();
      await signingPool?.close();
      await store.close();
    },
  };
}

/**
 * Runs the service as configured by the environment (`loadConfig`) until SIGINT or SIGTERM; exits 1
 * with a message when the configuration is wrong or the service cannot start. Run by `start.mjs`
 * (`npm start`) and when this file is run directly.
 */
export async function main(): Promise<void> {
  let config: ServerConfig;
  try {
    // Relative paths are relative to where the user ran the command (pnpm sets INIT_CWD).
    config = loadConfig(process.env, process.env.INIT_CWD ?? process.cwd());
  } catch (error) {
    if (error instanceof ConfigError) {
      console.error(error.message);
      process.exit(1);
    }
    throw error;
  }
  let running: RunningServer;
  try {
    running = await startServer(config);
  } catch (error) {
    console.error(`The issuer did not start: ${(error as Error).message}`);
    process.exit(1);
  }
  const stop = () => {
    running.close().then(
      () => process.exit(0),
      () => process.exit(1),
    );
  };
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
}

if (process.argv[1] && import.meta.url === new URL(`file://${process.argv[1]}`).href) {
  await main();
}
