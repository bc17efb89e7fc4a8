/** Runs `certify` (packages/cli) as a real child process, as a user would. */
import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));
const MAIN = join(ROOT, 'packages', 'cli', 'src', 'main.ts');
/** The installed bin (loads tsx itself, so it runs from any folder). */
const BIN = join(ROOT, 'packages', 'cli', 'bin', 'certify.mjs');

/** How a run ended and what it printed. */
export interface Run {
  code: number | null;
  stdout: string;
  stderr: string;
}

/**
 * Runs `certify args…` in a child process with only PATH, HOME and `env` (ISSUER_URL, ISSUER_TOKEN):
 * from the repository as `npm run certify` does (`node --import tsx packages/cli/src/main.ts`), or,
 * in another folder `cwd`, through the bin (`packages/cli/bin/certify.mjs`).
 *
 * @example
 * const { code, stdout } = await runCertify(['achievements', 'list'], { ISSUER_URL: url, ISSUER_TOKEN: token });
 */
export function runCertify(args: string[], env: Record<string, string>, cwd?: string): Promise<Run> {
  return new Promise((resolve, reject) => {
    const command = cwd === undefined ? ['--import', 'tsx', MAIN] : [BIN];
    const child = spawn(process.execPath, [...command, ...args], {
      cwd: cwd ?? ROOT,
      env: { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '', ...env },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d) => (stdout += d));
    child.stderr.on('data', (d) => (stderr += d));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, stdout, stderr }));
  });
}
