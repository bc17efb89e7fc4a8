#!/usr/bin/env node
// Builds the installable packages — @repo/schemas, @repo/core, @repo/verifier (with its `verify`
// command) — into each package's dist/ (git-ignored), and with --pack DIR also packs them with
// `pnpm pack` into DIR. The workspace keeps using the sources (`exports` → src/*.ts); the packed
// manifests point at dist/ through pnpm's `publishConfig` (exports, main, types, bin), and pnpm
// rewrites `workspace:*` / `catalog:` to the versions.
//
// Usage: node scripts/build-packages.mjs [--pack DIR]
//
// Layout of dist/:
//   core, verifier: dist/ mirrors src/ (dist/index.js, dist/index.d.ts, dist/cli/verify.js).
//   schemas: dist/packages/schemas/src/ and dist/schemas/{contexts,json}/ — the repository's own
//   layout, so the built code finds the bundled JSON-LD contexts and JSON Schemas by the same
//   relative path as the sources do (`<src>/../../../schemas/…`, see packages/schemas/src/contexts.ts
//   and validate-credential.ts), and the tarball carries them.
import { execFile, spawnSync } from 'node:child_process';
import { cpSync, mkdirSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const outTmp = join(root, '.tmp', 'build-packages');
const PACKAGES = ['schemas', 'core', 'verifier'];
/** Runtime assets of @repo/schemas: the pinned contexts (with manifest.json) and the JSON Schemas. */
const SCHEMA_ASSETS = ['contexts', 'json'];

function run(cmd, args, cwd = root) {
  const r = spawnSync(cmd, args, { cwd, stdio: ['ignore', 'inherit', 'inherit'], env: process.env });
  if (r.status !== 0) {
    console.error(`build-packages: \`${[cmd, ...args].join(' ')}\` failed (exit ${r.status ?? r.signal})`);
    process.exit(r.status ?? 1);
  }
}

function parseArgs(argv) {
  const i = argv.indexOf('--pack');
  if (i === -1) return {};
  if (!argv[i + 1]) {
    console.error('build-packages: --pack needs a directory');
    process.exit(2);
  }
  return { packDir: resolve(argv[i + 1]) };
}

const { packDir } = parseArgs(process.argv.slice(2));

rmSync(outTmp, { recursive: true, force: true });
const tsc = createRequire(join(root, 'package.json')).resolve('typescript/bin/tsc');
run(process.execPath, [tsc, '-p', join(root, 'tsconfig.build.json'), '--outDir', outTmp]);

for (const name of PACKAGES) {
  const pkg = join(root, 'packages', name);
  const dist = join(pkg, 'dist');
  const built = join(outTmp, 'packages', name, 'src');
  rmSync(dist, { recursive: true, force: true });
  if (name === 'schemas') {
    cpSync(built, join(dist, 'packages', name, 'src'), { recursive: true });
    for (const folder of SCHEMA_ASSETS) {
      cpSync(join(root, 'schemas', folder), join(dist, 'schemas', folder), {
        recursive: true,
        filter: (src) => !src.endsWith('.md'),
      });
    }
  } else {
    cpSync(built, dist, { recursive: true });
  }
}
rmSync(outTmp, { recursive: true, force: true });
console.log(`build-packages: built ${PACKAGES.map((n) => `packages/${n}/dist`).join(', ')}`);

/** `pnpm pack` of one package into `dir` (the three run side by side); answers the tarball's path. */
function pack(name, dir) {
  const pnpm = join(root, 'scripts', 'pnpm', 'node_modules', 'pnpm', 'bin', 'pnpm.cjs');
  const args = [pnpm, 'pack', '--pack-destination', dir, '--json'];
  return new Promise((resolvePack) => {
    execFile(process.execPath, args, { cwd: join(root, 'packages', name) }, (err, stdout, stderr) => {
      if (err) {
        console.error(`build-packages: pnpm pack of @repo/${name} failed\n${stderr}${stdout}`);
        process.exit(1);
      }
      resolvePack(JSON.parse(stdout).filename);
    });
  });
}

if (packDir) {
  mkdirSync(packDir, { recursive: true });
  for (const file of await Promise.all(PACKAGES.map((name) => pack(name, packDir)))) console.log(file);
}
