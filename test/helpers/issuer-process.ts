import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));
const START = join(ROOT, 'packages', 'issuer', 'start.mjs');

/** A real issuer server in a child process, on an ephemeral 127.0.0.1 port. */
export interface IssuerProcess {
  url: string;
  proc: ChildProcess;
  output: () => string;
  /** SIGTERM and wait for exit. */
  stop(): Promise<void>;
  /** SIGKILL (kill -9) and wait for exit. */
  kill9(): Promise<void>;
}

/** `node packages/issuer/start.mjs`, as the README's `npm start` runs it, with only `env` (+ PATH, HOME). */
function spawnServer(env: Record<string, string>): ChildProcess {
  return spawn(process.execPath, [START], {
    cwd: ROOT,
    env: { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '', PORT: '0', HOST: '127.0.0.1', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
}

/** A fresh data folder; `cleanup()` removes it. */
export function tempDataDir(): { dir: string; cleanup: () => void } {
  const dir = mkdtempSync(join(tmpdir(), 'issuer-test-'));
  return { dir, cleanup: () => rmSync(dir, { recursive: true, force: true }) };
}

/**
 * Starts the issuer exactly as the README's `npm start` does (`node packages/issuer/start.mjs`), with
 * the given environment, and resolves once it logs "issuer listening".
 */
export async function startIssuer(env: Record<string, string>): Promise<IssuerProcess> {
  const proc = spawnServer({ LOG_LEVEL: 'info', ...env });
  let out = '';
  const exited = new Promise<void>((resolve) => proc.once('exit', () => resolve()));
  const url = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`issuer did not start in 30 s:\n${out}`)), 30_000);
    const onData = (chunk: Buffer) => {
      out += chunk.toString('utf8');
      for (const line of out.split('\n')) {
        if (!line.includes('"issuer listening"')) continue;
        try {
          clearTimeout(timer);
          resolve(JSON.parse(line).url);
        } catch {}
      }
    };
    proc.stdout!.on('data', onData);
    proc.stderr!.on('data', (c: Buffer) => {
      out += c.toString('utf8');
    });
    proc.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`issuer exited with ${code} before listening:\n${out}`));
    });
  });
  return {
    url,
    proc,
    output: () => out,
    async stop() {
      proc.kill('SIGTERM');
      await exited;
    },
    async kill9() {
      proc.kill('SIGKILL');
      await exited;
    },
  };
}

/**
 * Runs the server entry and waits for it to exit (for refuse-to-start tests).
 * Resolves with the exit code and everything it printed.
 */
export async function runIssuerExpectingExit(
  env: Record<string, string>,
): Promise<{ code: number | null; output: string }> {
  const proc = spawnServer(env);
  let output = '';
  proc.stdout!.on('data', (c: Buffer) => {
    output += c.toString('utf8');
  });
  proc.stderr!.on('data', (c: Buffer) => {
    output += c.toString('utf8');
  });
  const timer = setTimeout(() => proc.kill('SIGKILL'), 30_000);
  const code = await new Promise<number | null>((resolve) => proc.once('exit', (c) => resolve(c)));
  clearTimeout(timer);
  return { code, output };
}

/** JSON over HTTP to a test server. */
export async function call(
  base: string,
  method: string,
  path: string,
  body?: unknown,
  token?: string,
): Promise<{ status: number; headers: Headers; json: any; text: string }> {
  const headers: Record<string, string> = {};
  if (body !== undefined) headers['content-type'] = 'application/json';
  if (token) headers.authorization = `Bearer ${token}`;
  const res = await fetch(base + path, {
    method,
    headers,
    body: body === undefined ? undefined : typeof body === 'string' ? body : JSON.stringify(body),
  });
  return readAnswer(res);
}

/** An HTTP answer as the tests read it: status, headers, the body as text, and as JSON when it is. */
export async function readAnswer(
  res: Response,
): Promise<{ status: number; headers: Headers; json: any; text: string }> {
  const text = await res.text();
  let json: any;
  try {
    json = JSON.parse(text);
  } catch {}
  return { status: res.status, headers: res.headers, json, text };
}
