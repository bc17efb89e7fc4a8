/**
 * The servers the HTTP benchmarks load: our issuer as a real child process (as the README's `npm
 * start` runs it: `node packages/issuer/start.mjs`, plain Node) with a fresh data folder, a freshly
 * generated key and a random token; and the DCC signing-service (bench/peers/setup-dcc.sh installs
 * it into .tmp/peers/). Both listen on 127.0.0.1 only.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { generateSigningKey, importSigningKey } from '@repo/core';
import { SCOPES } from '../../packages/issuer/src/http/auth.ts';

export const ROOT = fileURLToPath(new URL('../..', import.meta.url));
export const DCC_DIR = join(ROOT, '.tmp', 'peers', 'signing-service');

export interface BenchServer {
  url: string;
  pid: number;
  /** SIGTERM, wait for exit, remove temporary files. */
  stop(): Promise<void>;
}

export interface OurIssuer extends BenchServer {
  token: string;
  /** The DID of the fresh key (the credential's issuer must be it). */
  issuerId: string;
}

function waitForLine(proc: ChildProcess, match: (line: string) => string | undefined, what: string): Promise<string> {
  let out = '';
  return new Promise<string>((resolve, reject) => {
    // A process that does not say it listens within the time is stopped, never left running.
    const timer = setTimeout(() => {
      proc.kill('SIGKILL');
      reject(new Error(`${what} did not start in 60 s:\n${out}`));
    }, 60_000);
    const onData = (chunk: Buffer) => {
      out += chunk.toString('utf8');
      for (const line of out.split('\n')) {
        const found = match(line);
        if (found !== undefined) {
          clearTimeout(timer);
          proc.stdout?.off('data', onData);
          proc.stdout?.resume();
          resolve(found);
          return;
        }
      }
      if (out.length > 100_000) out = out.slice(-50_000);
    };
    proc.stdout!.on('data', onData);
    proc.stderr!.on('data', (c: Buffer) => {
      out += c.toString('utf8');
    });
    proc.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`${what} exited with ${code} before listening:\n${out}`));
    });
  });
}

/** Servers started here and not stopped yet: killed if this process exits first (a bench that throws). */
const running = new Set<ChildProcess>();
process.once('exit', () => {
  for (const proc of running) proc.kill('SIGKILL');
});

function stopper(proc: ChildProcess, cleanup: () => void): () => Promise<void> {
  running.add(proc);
  const exited = new Promise<void>((resolve) => {
    if (proc.exitCode !== null || proc.signalCode !== null) resolve();
    else proc.once('exit', () => resolve());
  });
  return async () => {
    proc.kill('SIGTERM');
    const timer = setTimeout(() => proc.kill('SIGKILL'), 10_000);
    await exited;
    running.delete(proc);
    clearTimeout(timer);
    cleanup();
  };
}

/**
 * Our issuer in a child process: fresh temporary DATA_DIR, a new Ed25519 key written there, one
 * token with every scope, LOG_LEVEL info (the per-request log is at debug: off), any `env` added;
 * `nodeArgs` go before the script (e.g. `--cpu-prof`, which NODE_OPTIONS refuses).
 */
export async function startOurIssuer(env: Record<string, string> = {}, nodeArgs: string[] = []): Promise<OurIssuer> {
  const dir = mkdtempSync(join(tmpdir(), 'bench-issuer-'));
  const { serialized } = await generateSigningKey({ algorithm: 'Ed25519' });
  const keyFile = join(dir, 'issuer-key.json');
  writeFileSync(keyFile, JSON.stringify(serialized), { mode: 0o600 });
  const issuerId = (await importSigningKey(serialized)).controller;
  const token = randomBytes(24).toString('base64url');
  const scopes = Object.values(SCOPES);
  const proc = spawn(process.execPath, [...nodeArgs, join(ROOT, 'packages', 'issuer', 'start.mjs')], {
    cwd: ROOT,
    env: {
      PATH: process.env.PATH ?? '',
      HOME: process.env.HOME ?? '',
      HOST: '127.0.0.1',
      PORT: '0',
      DATA_DIR: join(dir, 'data'),
      ISSUER_KEY_FILE: keyFile,
      ISSUER_TOKENS: JSON.stringify([{ name: 'bench', token, scopes }]),
      PUBLIC_BASE_URL: 'https://issuer.bench.example',
      LOG_LEVEL: 'info',
      ...env,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const stop = stopper(proc, () => rmSync(dir, { recursive: true, force: true }));
  const url = await waitForLine(
    proc,
    (line) => {
      if (!line.includes('"issuer listening"')) return undefined;
      try {
        return JSON.parse(line).url as string;
      } catch {
        return undefined;
      }
    },
    'our issuer',
  ).catch(async (error: unknown) => {
    await stop();
    throw error;
  });
  return {
    url,
    pid: proc.pid!,
    token,
    issuerId,
    stop,
  };
}

/**
 * bench/lib/floor-server.ts in a child process (`sign`: bare node:http + the issuer's signing pool;
 * `store`: the same, each credential stored durably before the answer; `echo`: bare node:http
 * alone), with the start-up flag `npm start` sets and a fresh key.
 */
export async function startFloor(mode: 'sign' | 'store' | 'echo'): Promise<BenchServer> {
  const dir = mkdtempSync(join(tmpdir(), 'bench-floor-'));
  const { serialized } = await generateSigningKey({ algorithm: 'Ed25519' });
  const keyFile = join(dir, 'key.json');
  writeFileSync(keyFile, JSON.stringify(serialized), { mode: 0o600 });
  const proc = spawn(
    process.execPath,
    ['--heap-growing-percent=50', '--import', 'tsx', join(ROOT, 'bench', 'lib', 'floor-server.ts'), mode, keyFile, dir],
    {
      cwd: ROOT,
      env: { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '' },
      stdio: ['ignore', 'pipe', 'pipe'],
    },
  );
  const stop = stopper(proc, () => rmSync(dir, { recursive: true, force: true }));
  const url = await waitForLine(
    proc,
    (line) => (line.startsWith('floor listening ') ? line.slice('floor listening '.length).trim() : undefined),
    `floor server (${mode})`,
  ).catch(async (error: unknown) => {
    await stop();
    throw error;
  });
  return { url, pid: proc.pid!, stop };
}

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const s = createServer();
    s.once('error', reject);
    s.listen(0, '127.0.0.1', () => {
      const { port } = s.address() as { port: number };
      s.close(() => resolve(port));
    });
  });
}

/** Whether bench/peers/setup-dcc.sh has installed the DCC signing-service. */
export function dccInstalled(): boolean {
  return existsSync(join(DCC_DIR, 'server.js')) && existsSync(join(DCC_DIR, 'node_modules', '@digitalbazaar', 'vc'));
}

/** The DCC signing-service's commit, for the report. */
export function dccVersion(): string {
  try {
    const pkg = JSON.parse(readFileSync(join(DCC_DIR, 'package.json'), 'utf8'));
    return `signing-service ${pkg.version}`;
  } catch {
    return 'signing-service';
  }
}

/**
 * The DCC signing-service (its own `node server.js`), with its access log off and its console
 * log at "error"; it signs with its built-in "testing" tenant seed (did:key). The signing URL is
 * `${url}/instance/testing/credentials/sign?suite=eddsa2022` (DataIntegrityProof eddsa-rdfc-2022,
 * the same suite ours uses).
 */
export async function startDcc(): Promise<BenchServer> {
  if (!dccInstalled()) throw new Error('DCC signing-service not installed: run bash bench/peers/setup-dcc.sh');
  const port = await freePort();
  const proc = spawn(process.execPath, ['server.js'], {
    cwd: DCC_DIR,
    env: {
      PATH: process.env.PATH ?? '',
      HOME: process.env.HOME ?? '',
      PORT: String(port),
      ENABLE_ACCESS_LOGGING: 'false',
      CONSOLE_LOG_LEVEL: 'error',
      LOG_LEVEL: 'error',
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const stop = stopper(proc, () => {});
  await waitForLine(
    proc,
    (line) => (line.includes('Server running on port') ? line : undefined),
    'DCC signing-service',
  ).catch(async (error: unknown) => {
    await stop();
    throw error;
  });
  return { url: `http://127.0.0.1:${port}`, pid: proc.pid!, stop };
}

/**
 * Peak resident set (VmHWM) and current resident set (VmRSS) of a process, and the current one's
 * parts: anonymous memory (heaps, malloc) and file pages mapped in (the node binary and libraries,
 * LevelDB's memory-mapped tables), in MB (Linux /proc).
 */
export function memoryOf(pid: number): { peakMb: number; rssMb: number; anonMb: number; fileMb: number } {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  const kb = (name: string) => Number(new RegExp(`^${name}:\\s+(\\d+) kB`, 'm').exec(status)?.[1] ?? Number.NaN);
  return {
    peakMb: kb('VmHWM') / 1024,
    rssMb: kb('VmRSS') / 1024,
    anonMb: kb('RssAnon') / 1024,
    fileMb: kb('RssFile') / 1024,
  };
}

/** CPU seconds (user + system) a process has used: all its threads, or only its main thread (Linux /proc). */
export function cpuSecondsOf(pid: number, thread: 'all' | 'main' = 'all'): number {
  const stat = readFileSync(thread === 'all' ? `/proc/${pid}/stat` : `/proc/${pid}/task/${pid}/stat`, 'utf8');
  // Fields after the command's closing parenthesis: utime and stime are the 12th and 13th, in clock ticks.
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  return (Number(fields[11]) + Number(fields[12])) / 100;
}
