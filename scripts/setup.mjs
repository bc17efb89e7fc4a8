#!/usr/bin/env node
// Set-up for a fresh machine that has only Node.js and npm.
// 1. installs the pinned pnpm (scripts/pnpm/package-lock.json) with plain npm, once;
// 2. installs the workspace from pnpm-lock.yaml (frozen: the lock is the truth).
// Usage: node scripts/setup.mjs            (install)
//        node scripts/setup.mjs -- <args>  (install, then run `pnpm <args>`)
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const pnpmDir = join(root, 'scripts', 'pnpm');
const pnpmBin = join(pnpmDir, 'node_modules', 'pnpm', 'bin', 'pnpm.cjs');
const wanted = JSON.parse(readFileSync(join(pnpmDir, 'package.json'), 'utf8')).dependencies.pnpm;

function run(cmd, args, cwd = root) {
  const r = spawnSync(cmd, args, { cwd, stdio: 'inherit', env: process.env });
  if (r.status !== 0) {
    console.error(`setup: \`${cmd} ${args.join(' ')}\` failed (exit ${r.status ?? r.signal})`);
    process.exit(r.status ?? 1);
  }
}

const installed = existsSync(pnpmBin)
  ? JSON.parse(readFileSync(join(pnpmDir, 'node_modules', 'pnpm', 'package.json'), 'utf8')).version
  : null;
if (installed !== wanted) {
  console.log(`setup: installing pinned pnpm ${wanted} with npm`);
  run('npm', ['ci', '--no-audit', '--no-fund', '--loglevel=error'], pnpmDir);
}
run(process.execPath, [pnpmBin, 'install', '--frozen-lockfile', '--reporter=append-only']);

const sep = process.argv.indexOf('--');
if (sep !== -1) run(process.execPath, [pnpmBin, ...process.argv.slice(sep + 1)]);
