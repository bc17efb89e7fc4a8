import { readFileSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { dirname, isAbsolute, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { readTrustRegistry, type TrustRegistry, TrustRegistryError } from '@repo/verifier';
import { hashToken, SCOPES, type TokenEntry } from './http/auth.ts';
import type { StatusPurpose } from './status/status-registry.ts';

/** Repository root (for the development defaults). */
export const REPO_ROOT = join(dirname(fileURLToPath(import.meta.url)), '..', '..', '..');
/** The development key shipped in `keys-example/` (NOT FOR PRODUCTION). */
export const EXAMPLE_KEY_FILE = join(REPO_ROOT, 'keys-example', 'issuer-key.json');
/** The documented development token (NOT FOR PRODUCTION). */
export const DEV_TOKEN = 'dev-token-NOT-FOR-PRODUCTION';

/** Everything the server reads at start-up. */
export interface ServerConfig {
  host: string;
  port: number;
  dataDir: string;
  publicBaseUrl: string;
  keyFile: string;
  tokens: TokenEntry[];
  production: boolean;
  statusListTtlMs: number;
  defaultStatusPurposes: StatusPurpose[];
  renewableLifecycle: boolean;
  bodyLimit: number;
  maxDepth: number;
  logLevel: string;
  contextsFile: string | undefined;
  /** Minimum entries of other issuers' status lists (Bitstring Status List §3.2); default 131072. */
  minimumStatusListEntries: number;
  /** How long answers to requests with an `Idempotency-Key` are remembered (ms); default 24 h. */
  idempotencyTtlMs: number;
  /** How long a challenge from `POST /challenges` is accepted (ms); default 300000 (5 min). */
  challengeLifetimeMs: number;
  /**
   * Sign and verify with contexts that define `@vocab` — the W3C examples contexts and the
   * undefined-terms context — when they are configured (`CONTEXTS_FILE`). Default false: they are
   * refused (`CONTEXT_NOT_ALLOWED`), so a typo or a made-up term is never signed. For test suites.
   */
  allowTestingContexts: boolean;
  /**
   * The operator's trust registry (`TRUST_REGISTRY_FILE`): the issuers the verify page names as
   * registered. Read and checked at start-up; none by default (every issuer is "not in your
   * registry").
   */
  trustRegistry: TrustRegistry | undefined;
  /** Largest batch upload in bytes (`BATCH_MAX_BYTES`); default 256 MiB. */
  batchMaxBytes: number;
  /** Signing worker threads (`SIGNING_THREADS`); default `os.availableParallelism()`, 0 = sign in this thread. */
  signingThreads: number;
  /** Show the latest revocation / suspension reason on public credential pages (`PUBLISH_STATUS_REASONS`); default false. */
  publishStatusReasons: boolean;
  /** Development material in use (example key, dev token), to announce loudly. */
  development: string[];
}

/** Start-up configuration problems, all of them at once. */
export class ConfigError extends Error {
  readonly problems: string[];
  constructor(problems: string[]) {
    super(`Invalid configuration:\n  - ${problems.join('\n  - ')}`);
    this.name = 'ConfigError';
    this.problems = problems;
  }
}

const KNOWN_FILE_KEYS = new Set([
  'host',
  'port',
  'dataDir',
  'publicBaseUrl',
  'keyFile',
  'tokens',
  'production',
  'statusListTtlMs',
  'defaultStatusPurposes',
  'renewableLifecycle',
  'bodyLimit',
  'maxDepth',
  'logLevel',
  'contextsFile',
  'minimumStatusListEntries',
  'allowTestingContexts',
  'idempotencyTtlMs',
  'challengeLifetimeMs',
  'trustRegistryFile',
  'batchMaxBytes',
  'signingThreads',
  'publishStatusReasons',
]);

/**
 * Reads the configuration from environment variables (which win) and an optional JSON file
 * named by `ISSUER_CONFIG`, applies development defaults, and validates everything, throwing a
 * {@link ConfigError} that lists every problem. Token values are hashed here and dropped.
 *
 * | variable | file key | default |
 * |---|---|---|
 * | `PORT` | `port` | 8080 |
 * | `HOST` | `host` | 127.0.0.1 |
 * | `DATA_DIR` | `dataDir` | `./data` |
 * | `PUBLIC_BASE_URL` | `publicBaseUrl` | `http://localhost:<port>` |
 * | `ISSUER_KEY_FILE` | `keyFile` | `keys-example/issuer-key.json` (development only) |
 * | `ISSUER_TOKENS` (JSON) | `tokens` | the development token (development only) |
 * | `NODE_ENV=production` / `ISSUER_PRODUCTION=true` | `production` | false |
 * | `STATUS_LIST_TTL_MS` | `statusListTtlMs` | 300000 |
 * | `STATUS_PURPOSES` (comma list) | `defaultStatusPurposes` | revocation,suspension |
 * | `RENEWABLE_LIFECYCLE` | `renewableLifecycle` | true (certifications/licences also get a lifecycle entry) |
 * | `BODY_LIMIT_BYTES` | `bodyLimit` | 524288 |
 * | `MAX_JSON_DEPTH` | `maxDepth` | 32 |
 * | `LOG_LEVEL` | `logLevel` | info |
 * | `CONTEXTS_FILE` | `contextsFile` | none |
 * | `MIN_STATUS_LIST_ENTRIES` | `minimumStatusListEntries` | 131072 |
 * | `ALLOW_TESTING_CONTEXTS` | `allowTestingContexts` | false (the W3C examples / undefined-terms contexts, `@vocab`) |
 * | `IDEMPOTENCY_TTL_MS` | `idempotencyTtlMs` | 86400000 (24 h) |
 * | `CHALLENGE_LIFETIME_MS` | `challengeLifetimeMs` | 300000 (5 min; challenges from `POST /challenges`, 1 s … 1 day) |
 * | `TRUST_REGISTRY_FILE` | `trustRegistryFile` | none (the verify page's registry of known issuers, `keys-example/trust-registry.json` shows the format) |
 * | `BATCH_MAX_BYTES` | `batchMaxBytes` | 268435456 (256 MiB; a larger batch upload is 413) |
 * | `SIGNING_THREADS` | `signingThreads` | `os.availableParallelism()` (worker threads checking and signing single issues and batches; 0 = in the main thread) |
 * | `PUBLISH_STATUS_REASONS` | `publishStatusReasons` | false (true: credential pages show the latest revocation / suspension reason) |
 *
 * @example
 * const config = loadConfig(process.env);
 */
export function loadConfig(env: Record<string, string | undefined>, cwd: string = process.cwd()): ServerConfig {
  const problems: string[] = [];
  let file: Record<string, unknown> = {};
  if (env.ISSUER_CONFIG) {
    try {
      const parsed = JSON.parse(readFileSync(resolve(cwd, env.ISSUER_CONFIG), 'utf8'));
      if (!parsed || typeof parsed !== 'object' || Array.isArray(parsed)) throw new Error('not an object');
      file = parsed;
      for (const k of Object.keys(file))
        if (!KNOWN_FILE_KEYS.has(k)) problems.push(`ISSUER_CONFIG: unknown setting "${k}".`);
    } catch (error) {
      problems.push(
        `ISSUER_CONFIG=${env.ISSUER_CONFIG}: cannot read it as a JSON object (${(error as Error).message}).`,
      );
    }
  }
  const pick = (envName: string, fileKey: string): unknown =>
    env[envName] !== undefined && env[envName] !== '' ? env[envName] : file[fileKey];
  const int = (envName: string, fileKey: string, fallback: number, min: number, max: number): number => {
    const v = pick(envName, fileKey);
    if (v === undefined) return fallback;
    const n = typeof v === 'number' ? v : /^\d+$/.test(String(v)) ? Number(v) : Number.NaN;
    if (!Number.isInteger(n) || n < min || n > max) {
      problems.push(`${envName} must be an integer from ${min} to ${max} (got ${JSON.stringify(v)}).`);
      return fallback;
    }
    return n;
  };
  const production =
    env.NODE_ENV === 'production' ||
    pick('ISSUER_PRODUCTION', 'production') === true ||
    pick('ISSUER_PRODUCTION', 'production') === 'true';
  const port = int('PORT', 'port', 8080, 0, 65535);
  const host = String(pick('HOST', 'host') ?? '127.0.0.1');
  const dataDir = resolve(cwd, String(pick('DATA_DIR', 'dataDir') ?? 'data'));
  const development: string[] = [];

  let publicBaseUrl = String(pick('PUBLIC_BASE_URL', 'publicBaseUrl') ?? `http://localhost:${port}`);
  try {
    const u = new URL(publicBaseUrl);
    if (u.protocol !== 'https:' && u.protocol !== 'http:') problems.push('PUBLIC_BASE_URL must be an http(s) URL.');
    if (u.search || u.hash) problems.push('PUBLIC_BASE_URL must not have a query or fragment.');
    if (production && u.protocol !== 'https:') problems.push('PUBLIC_BASE_URL must use https in production.');
    publicBaseUrl = publicBaseUrl.replace(/\/+$/, '');
  } catch {
    problems.push(`PUBLIC_BASE_URL is not a URL: ${JSON.stringify(publicBaseUrl)}.`);
  }

  const keyFileRaw = pick('ISSUER_KEY_FILE', 'keyFile');
  const keyFile =
    keyFileRaw === undefined
      ? EXAMPLE_KEY_FILE
      : isAbsolute(String(keyFileRaw))
        ? String(keyFileRaw)
        : resolve(cwd, String(keyFileRaw));
  if (keyFile === EXAMPLE_KEY_FILE) {
    if (production)
      problems.push(
        'The example key in keys-example/ is refused in production; set ISSUER_KEY_FILE to your own key (scripts/gen-key.ts makes one).',
      );
    development.push('the example signing key from keys-example/ (published in the repository)');
  }

  const tokens: TokenEntry[] = [];
  const rawTokens = pick('ISSUER_TOKENS', 'tokens');
  if (rawTokens === undefined) {
    if (production) problems.push('ISSUER_TOKENS is required in production.');
    tokens.push({ name: 'development', sha256: hashToken(DEV_TOKEN), scopes: Object.values(SCOPES) });
    // The token itself is never logged (K1), not even this published one: the README names it.
    development.push('the development bearer token documented in the README');
  } else {
    let list: unknown = rawTokens;
    if (typeof rawTokens === 'string') {
      try {
        list = JSON.parse(rawTokens);
      } catch {
        problems.push('ISSUER_TOKENS must be a JSON list of { "name", "token" or "sha256", "scopes" }.');
        list = [];
      }
    }
    if (!Array.isArray(list)) problems.push('ISSUER_TOKENS must be a JSON list.');
    else {
      const known = new Set<string>(Object.values(SCOPES));
      for (const [i, t] of list.entries()) {
        const where = `ISSUER_TOKENS[${i}]`;
        if (!t || typeof t !== 'object') {
          problems.push(`${where} must be an object.`);
          continue;
        }
        const { name, token, sha256, scopes } = t as Record<string, unknown>;
        if (typeof name !== 'string' || name === '') problems.push(`${where}.name must be a non-empty string.`);
        if ((token === undefined) === (sha256 === undefined))
          problems.push(`${where} needs exactly one of "token" or "sha256".`);
        if (token !== undefined && (typeof token !== 'string' || token.length < 16))
          problems.push(`${where}.token must be a string of at least 16 characters.`);
        if (sha256 !== undefined && (typeof sha256 !== 'string' || !/^[0-9a-f]{64}$/.test(sha256)))
          problems.push(`${where}.sha256 must be 64 lowercase hex digits.`);
        if (production && (token === DEV_TOKEN || sha256 === hashToken(DEV_TOKEN)))
          problems.push(`${where} is the development token, refused in production.`);
        if (!Array.isArray(scopes) || scopes.length === 0 || scopes.some((s) => !known.has(s))) {
          problems.push(`${where}.scopes must be a non-empty list of: ${[...known].join(', ')}.`);
        }
        if (typeof name === 'string' && Array.isArray(scopes)) {
          const digest = typeof token === 'string' ? hashToken(token) : typeof sha256 === 'string' ? sha256 : '';
          tokens.push({ name, sha256: digest, scopes: scopes as string[] });
        }
      }
    }
  }

  const purposesRaw = pick('STATUS_PURPOSES', 'defaultStatusPurposes') ?? 'revocation,suspension';
  const purposes = (Array.isArray(purposesRaw) ? purposesRaw : String(purposesRaw).split(','))
    .map((p) => String(p).trim())
    .filter(Boolean);
  for (const p of purposes)
    if (p !== 'revocation' && p !== 'suspension')
      problems.push(`STATUS_PURPOSES: unknown purpose "${p}" (revocation, suspension).`);

  const contextsFile = pick('CONTEXTS_FILE', 'contextsFile');
  const allowRaw = pick('ALLOW_TESTING_CONTEXTS', 'allowTestingContexts') ?? false;
  if (![true, false, 'true', 'false'].includes(allowRaw as string | boolean))
    problems.push(`ALLOW_TESTING_CONTEXTS must be true or false (got ${JSON.stringify(allowRaw)}).`);
  const allowTestingContexts = allowRaw === true || allowRaw === 'true';
  if (allowTestingContexts)
    development.push('the W3C testing contexts (examples, undefined-terms: @vocab), allowed by ALLOW_TESTING_CONTEXTS');
  const publishRaw = pick('PUBLISH_STATUS_REASONS', 'publishStatusReasons') ?? false;
  if (![true, false, 'true', 'false'].includes(publishRaw as string | boolean))
    problems.push(`PUBLISH_STATUS_REASONS must be true or false (got ${JSON.stringify(publishRaw)}).`);
  const trustRegistry = readTrustRegistryFile(pick('TRUST_REGISTRY_FILE', 'trustRegistryFile'), cwd, problems);
  const config: ServerConfig = {
    host,
    port,
    dataDir,
    publicBaseUrl,
    keyFile,
    tokens,
    production,
    statusListTtlMs: int('STATUS_LIST_TTL_MS', 'statusListTtlMs', 300_000, 1000, 86_400_000),
    defaultStatusPurposes: [...new Set(purposes)] as StatusPurpose[],
    renewableLifecycle: String(pick('RENEWABLE_LIFECYCLE', 'renewableLifecycle') ?? 'true') !== 'false',
    bodyLimit: int('BODY_LIMIT_BYTES', 'bodyLimit', 512 * 1024, 1024, 16 * 1024 * 1024),
    maxDepth: int('MAX_JSON_DEPTH', 'maxDepth', 32, 4, 256),
    logLevel: String(pick('LOG_LEVEL', 'logLevel') ?? 'info'),
    contextsFile: contextsFile === undefined ? undefined : resolve(cwd, String(contextsFile)),
    minimumStatusListEntries: int('MIN_STATUS_LIST_ENTRIES', 'minimumStatusListEntries', 131_072, 1, 16_777_216),
    allowTestingContexts,
    idempotencyTtlMs: int('IDEMPOTENCY_TTL_MS', 'idempotencyTtlMs', 86_400_000, 60_000, 2_592_000_000),
    challengeLifetimeMs: int('CHALLENGE_LIFETIME_MS', 'challengeLifetimeMs', 300_000, 1000, 86_400_000),
    trustRegistry,
    batchMaxBytes: int('BATCH_MAX_BYTES', 'batchMaxBytes', 256 * 1024 * 1024, 1024, 2 ** 40),
    signingThreads: int('SIGNING_THREADS', 'signingThreads', availableParallelism(), 0, 256),
    publishStatusReasons: publishRaw === true || publishRaw === 'true',
    development,
  };
  if (!['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'].includes(config.logLevel))
    problems.push('LOG_LEVEL must be one of fatal, error, warn, info, debug, trace, silent.');
  if (problems.length > 0) throw new ConfigError(problems);
  return config;
}

/**
 * The trust registry named by `TRUST_REGISTRY_FILE` (relative to `cwd`), or undefined when none is
 * named; a file that cannot be read or is not a valid registry adds one problem per finding
 * (`TRUST_REGISTRY_FILE=…: /issuers/0/ids/1: …`).
 */
function readTrustRegistryFile(raw: unknown, cwd: string, problems: string[]): TrustRegistry | undefined {
  if (raw === undefined) return undefined;
  const where = `TRUST_REGISTRY_FILE=${String(raw)}`;
  let text: string;
  try {
    text = readFileSync(resolve(cwd, String(raw)), 'utf8');
  } catch (error) {
    problems.push(`${where}: cannot read it (${(error as NodeJS.ErrnoException).code ?? 'error'}).`);
    return undefined;
  }
  try {
    return readTrustRegistry(text);
  } catch (error) {
    if (!(error instanceof TrustRegistryError)) throw error;
    for (const p of error.problems) problems.push(`${where}: ${p.pointer || '(root)'}: ${p.message}`);
    return undefined;
  }
}
