// Issue 11, "an installable library and CLI": `pnpm pack` of @repo/schemas, @repo/core and
// @repo/verifier gives tarballs that npm installs into a plain project outside this repository,
// where plain `node` (no tsx, no TypeScript) verifies a credential from a running issuer, with the
// library and with the `verify` command. Offline: the third-party dependencies come from a registry
// this test serves on 127.0.0.1, holding exactly the package directories pnpm installed here
// (loopback-registry.ts), and npm is pointed at it with an empty user config and a fresh cache.
import { execFile } from 'node:child_process';
import {
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  renameSync,
  rmSync,
  symlinkSync,
  writeFileSync,
} from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gunzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { awardTemplate } from '../helpers/awards.ts';
import { handMadePng, pngChunk } from '../helpers/hand-made-png.ts';
import { type IssuerApp, startIssuerApp, TOKENS } from '../helpers/issuer-app.ts';
import { call } from '../helpers/issuer-process.ts';
import { type LoopbackRegistry, runtimeClosure, startLoopbackRegistry } from './loopback-registry.ts';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));
const PACKAGES = ['schemas', 'core', 'verifier'] as const;
const NOW = '2026-03-01T12:00:00Z';

interface Run {
  code: number | null;
  stdout: string;
  stderr: string;
}

/** Runs a command without blocking this process (the registry and the issuer answer from here). */
function run(cmd: string, args: string[], options: { cwd: string; env: NodeJS.ProcessEnv }): Promise<Run> {
  return new Promise((resolve) => {
    execFile(cmd, args, { ...options, maxBuffer: 16 * 1024 * 1024, timeout: 120_000 }, (err, stdout, stderr) => {
      const code = err ? (typeof err.code === 'number' ? err.code : null) : 0;
      resolve({ code, stdout, stderr });
    });
  });
}

/** The files of a gzipped tarball: path → contents (ustar: 512-byte headers, name + prefix). */
function untar(tgz: Buffer): Map<string, Buffer> {
  const tar = gunzipSync(tgz);
  const files = new Map<string, Buffer>();
  for (let at = 0; at + 512 <= tar.length; ) {
    const field = (start: number, length: number) =>
      tar
        .subarray(at + start, at + start + length)
        .toString('utf8')
        .replace(/\0.*$/s, '');
    const name = field(0, 100);
    if (name === '') break;
    const prefix = field(345, 155);
    const size = Number.parseInt(field(124, 12).trim() || '0', 8);
    files.set(prefix ? `${prefix}/${name}` : name, tar.subarray(at + 512, at + 512 + size));
    at += 512 + Math.ceil(size / 512) * 512;
  }
  return files;
}

function filesUnder(dir: string): string[] {
  return readdirSync(dir, { recursive: true, withFileTypes: true })
    .filter((e) => e.isFile())
    .map((e) => relative(dir, join(e.parentPath, e.name)));
}

let work: string;
let app: string;
let registry: LoopbackRegistry;
let issuer: IssuerApp;
let tarballs: string[];
let installed: Run;
let issuerStopped = false;
/** What the app's processes see: no NODE_OPTIONS (no tsx loader), no NODE_PATH, no npm_config_* of the runner. */
let appEnv: NodeJS.ProcessEnv;
const files = { credential: '', tampered: '', png: '' };

beforeAll(async () => {
  work = mkdtempSync(join(tmpdir(), 'vc-pack-install-'));
  expect(relative(ROOT, work).startsWith('..'), 'the npm project is outside the repository').toBe(true);
  const packDir = join(work, 'tarballs');
  const built = await run(process.execPath, [join(ROOT, 'scripts', 'build-packages.mjs'), '--pack', packDir], {
    cwd: ROOT,
    env: process.env,
  });
  expect(built.code, built.stderr + built.stdout).toBe(0);
  tarballs = readdirSync(packDir).map((f) => join(packDir, f));

  // A decoy @repo/schemas@0.1.0 in the registry, as anyone could publish under a scope we do not own
  // (dependency confusion): npm must keep the one from our tarball.
  const decoy = join(work, 'decoy');
  mkdirSync(decoy);
  writeFileSync(
    join(decoy, 'package.json'),
    JSON.stringify({ name: '@repo/schemas', version: '0.1.0', main: 'decoy.js' }),
  );
  writeFileSync(join(decoy, 'decoy.js'), "throw new Error('decoy');\n");
  const served = runtimeClosure(PACKAGES.map((p) => join(ROOT, 'packages', p)));
  served.set('@repo/schemas@0.1.0', {
    manifest: JSON.parse(readFileSync(join(decoy, 'package.json'), 'utf8')),
    dir: decoy,
  });
  registry = await startLoopbackRegistry(served);
  const home = join(work, 'home');
  mkdirSync(home);
  writeFileSync(join(work, 'npmrc'), '');
  appEnv = { PATH: process.env.PATH, HOME: home, NO_PROXY: '127.0.0.1', no_proxy: '127.0.0.1' };
  app = join(work, 'employer-app');
  mkdirSync(app);
  writeFileSync(join(app, 'package.json'), JSON.stringify({ name: 'employer-app', private: true, type: 'module' }));
  installed = await run(
    'npm',
    [
      'install',
      ...tarballs,
      '--registry',
      registry.url,
      '--cache',
      join(work, 'npm-cache'),
      '--userconfig',
      join(work, 'npmrc'),
      '--no-audit',
      '--no-fund',
      '--no-update-notifier',
      '--loglevel=error',
    ],
    { cwd: app, env: appEnv },
  );
  expect(installed.code, installed.stderr).toBe(0);

  issuer = await startIssuerApp({ loopbackPublicBaseUrl: true });
  const made = awardTemplate((c) => (c.credentialSubject.id = 'did:example:worker-4f1c'));
  const res = await call(issuer.url, 'POST', '/credentials/issue', { credential: made }, TOKENS.full);
  expect(res.status, res.text).toBe(201);
  const credential = res.json.verifiableCredential;
  files.credential = join(work, 'credential.json');
  writeFileSync(files.credential, JSON.stringify(credential, null, 2));
  const tampered = structuredClone(credential);
  tampered.credentialSubject.achievement.name = 'Chief Engineer';
  files.tampered = join(work, 'tampered.json');
  writeFileSync(files.tampered, JSON.stringify(tampered));
  // OB 3.0 §5.3.1: an iTXt chunk, keyword "openbadgecredential", uncompressed, the credential as JSON.
  const itxt = Buffer.concat([Buffer.from('openbadgecredential\0\0\0\0\0'), Buffer.from(JSON.stringify(credential))]);
  files.png = join(work, 'badge.png');
  writeFileSync(files.png, handMadePng([pngChunk('iTXt', itxt)]));
}, 240_000);

afterAll(async () => {
  if (!issuerStopped) await issuer?.close();
  await registry?.close();
  if (work) rmSync(work, { recursive: true, force: true });
});

const verifyBin = (...args: string[]) =>
  run(join(app, 'node_modules', '.bin', 'verify'), [...args, '--now', NOW], { cwd: app, env: appEnv });

describe('installable verifier: pnpm pack → npm install in a plain project (issue 11)', () => {
  it('packed manifests name versions, not workspace:/catalog:, and point exports, main, types and bin at built JavaScript', () => {
    expect(tarballs.map((t) => t.split('/').pop()).sort()).toEqual([
      'repo-core-0.1.0.tgz',
      'repo-schemas-0.1.0.tgz',
      'repo-verifier-0.1.0.tgz',
    ]);
    for (const tarball of tarballs) {
      const content = untar(readFileSync(tarball));
      const text = content.get('package/package.json')!.toString('utf8');
      expect(text).not.toMatch(/workspace:|catalog:/);
      const manifest = JSON.parse(text);
      expect(manifest.engines).toEqual({ node: '>=20.12' });
      const deps = manifest.dependencies as Record<string, string>;
      for (const [name, version] of Object.entries(deps)) expect(version, name).toMatch(/^\d+\.\d+\.\d+$/);
      const entries = [manifest.main, manifest.types, manifest.exports['.'].default, manifest.exports['.'].types];
      if (manifest.bin) entries.push(...Object.values(manifest.bin));
      for (const entry of entries) {
        expect(entry).toMatch(/^\.\/dist\/.*\.(js|d\.ts)$/);
        expect(content.has(`package/${entry.slice(2)}`), `${manifest.name}: ${entry} is in the tarball`).toBe(true);
      }
      const sources = [...content.keys()].filter((f) => f.endsWith('.ts') && !f.endsWith('.d.ts'));
      expect(sources, `${manifest.name} ships no .ts sources`).toEqual([]);
    }
    const verifier = untar(readFileSync(tarballs.find((t) => t.includes('verifier'))!));
    expect(JSON.parse(verifier.get('package/package.json')!.toString()).bin).toEqual({
      verify: './dist/cli/verify.js',
    });
    expect(verifier.get('package/dist/cli/verify.js')!.toString().startsWith('#!/usr/bin/env node\n')).toBe(true);
  });

  it('the runtime assets (pinned JSON-LD contexts with their manifest, JSON Schemas) are in the schemas tarball', () => {
    const schemas = untar(readFileSync(tarballs.find((t) => t.includes('schemas'))!));
    const manifest = JSON.parse(schemas.get('package/dist/schemas/contexts/manifest.json')!.toString());
    expect(manifest.contexts.length).toBeGreaterThan(5);
    for (const entry of manifest.contexts) {
      expect(schemas.has(`package/dist/schemas/contexts/${entry.file}`), entry.file).toBe(true);
    }
    expect(schemas.has('package/dist/schemas/json/ob_v3p0_achievementcredential_schema.json')).toBe(true);
  });

  it('npm installed @repo/* from the tarballs, never the registry decoy, and the rest from the loopback registry', () => {
    expect(registry.requests.filter((p) => p.startsWith('/-/')).length).toBeGreaterThan(40);
    expect(registry.requests.filter((p) => p.startsWith('/-/@repo'))).toEqual([]);
    for (const name of PACKAGES) {
      const dir = join(app, 'node_modules', '@repo', name);
      const runtime = filesUnder(dir).filter((f) => f.endsWith('.ts') && !f.endsWith('.d.ts'));
      expect(runtime, `@repo/${name} has no .ts sources`).toEqual([]);
      expect(filesUnder(dir).some((f) => f.endsWith('index.d.ts'))).toBe(true);
      expect(filesUnder(dir)).not.toContain('decoy.js');
    }
  });

  it('the .d.ts serve a TypeScript consumer (strict, NodeNext; skipLibCheck as tsc --init sets it): types resolve through exports', async () => {
    const typed = join(work, 'typed-app');
    mkdirSync(typed);
    writeFileSync(join(typed, 'package.json'), JSON.stringify({ name: 'typed-app', private: true, type: 'module' }));
    writeFileSync(
      join(typed, 'tsconfig.json'),
      JSON.stringify({
        compilerOptions: { module: 'NodeNext', strict: true, noEmit: true, skipLibCheck: true, types: [] },
        files: ['main.ts'],
      }),
    );
    writeFileSync(
      join(typed, 'main.ts'),
      [
        "import { type CredentialVerification, createVerifier, readCredentialInput } from '@repo/verifier';",
        'const input = readCredentialInput(\'{"a":1}\');',
        'const result: CredentialVerification = await createVerifier({ allowLocalhost: true }).verifyCredential(input.ok ? input.value : {});',
        "const statuses: Array<'passed' | 'failed' | 'could-not-check' | 'skipped' | 'warning'> = result.checks.map((c) => c.status);",
        '// @ts-expect-error allowLocalhost is a boolean',
        "createVerifier({ allowLocalhost: 'yes' });",
        'export { statuses };',
      ].join('\n'),
    );
    // The app's node_modules, not the repository's: a symlink to the installed packages.
    symlinkSync(join(app, 'node_modules'), join(typed, 'node_modules'), 'dir');
    const tsc = createRequire(join(ROOT, 'package.json')).resolve('typescript/bin/tsc');
    const out = await run(process.execPath, [tsc, '-p', typed], { cwd: typed, env: appEnv });
    expect(out.code, out.stdout + out.stderr).toBe(0);
  });

  it('plain node (no tsx) imports the library and verifies a credential from a running issuer (allowLocalhost for its status list)', async () => {
    writeFileSync(
      join(app, 'check.mjs'),
      [
        "import { readFile } from 'node:fs/promises';",
        "import { CONTEXTS_DIR } from '@repo/schemas';",
        "import { createVerifier } from '@repo/verifier';",
        "const credential = JSON.parse(await readFile(process.argv[2], 'utf8'));",
        `const verifier = createVerifier({ allowLocalhost: true, now: () => new Date('${NOW}') });`,
        'const result = await verifier.verifyCredential(credential);',
        "console.log(JSON.stringify({ resolved: import.meta.resolve('@repo/verifier'), contexts: CONTEXTS_DIR, result }));",
      ].join('\n'),
    );
    const out = await run(process.execPath, ['check.mjs', files.credential], { cwd: app, env: appEnv });
    expect(out.code, out.stderr).toBe(0);
    const { resolved, contexts, result } = JSON.parse(out.stdout);
    expect(fileURLToPath(resolved)).toBe(join(app, 'node_modules', '@repo', 'verifier', 'dist', 'index.js'));
    expect(contexts).toBe(join(app, 'node_modules', '@repo', 'schemas', 'dist', 'schemas', 'contexts'));
    expect(result.verified, JSON.stringify(result.problems)).toBe(true);
    const status = Object.fromEntries(result.checks.map((c: { id: string; status: string }) => [c.id, c.status]));
    expect(status).toMatchObject({ format: 'passed', proof: 'passed', validity: 'passed', status: 'passed' });
  });

  it('verify FILE: exit 0, a VERIFIED verdict and each check in plain words', async () => {
    const out = await verifyBin(files.credential, '--allow-localhost');
    expect(out.code, out.stderr).toBe(0);
    expect(out.stdout.split('\n')[0]).toMatch(/^VERIFIED — /);
    expect(out.stdout).toMatch(/Passed +Issuer’s signature/);
    expect(out.stdout).toMatch(/Passed +Revocation and suspension/);
    expect(out.stdout).toContain('(self-asserted name)');
  });

  it('verify on a tampered copy (T1): exit 1, NOT VERIFIED, the signature check failed', async () => {
    const out = await verifyBin(files.tampered, '--allow-localhost');
    expect(out.code, out.stderr).toBe(1);
    expect(out.stdout.split('\n')[0]).toMatch(/^NOT VERIFIED — /);
    expect(out.stdout).toMatch(/Failed +Issuer’s signature/);
  });

  it('verify on a baked PNG (OB 3.0 §5.3.1) with --json: exit 0 and the machine result', async () => {
    const out = await verifyBin(files.png, '--allow-localhost', '--json');
    expect(out.code, out.stderr).toBe(0);
    const result = JSON.parse(out.stdout);
    expect(result.verified).toBe(true);
    expect(result.checks.find((c: { id: string }) => c.id === 'proof').status).toBe('passed');
  });

  it('without --allow-localhost the local status list is not fetched: exit 2, could not check (never "not revoked")', async () => {
    const out = await verifyBin(files.credential);
    expect(out.code, out.stderr).toBe(2);
    expect(out.stdout.split('\n')[0]).toMatch(/^COULD NOT CHECK — /);
    expect(out.stdout).toMatch(/Could not check +Revocation and suspension/);
  });

  it('S7 with the issuer stopped (status list unreachable): exit 2, could not check', async () => {
    issuerStopped = true;
    await issuer.close();
    const out = await verifyBin(files.credential, '--allow-localhost');
    expect(out.code, out.stderr).toBe(2);
    expect(out.stdout.split('\n')[0]).toMatch(/^COULD NOT CHECK — /);
    expect(out.stdout).toMatch(/Could not check +Revocation and suspension/);
    expect(out.stdout).toMatch(/Passed +Issuer’s signature/);
  });

  it('a broken install (jsonld missing) is 3, no verdict — never 1, which would read as "not verified"', async () => {
    renameSync(join(app, 'node_modules', 'jsonld'), join(app, 'node_modules', 'jsonld-moved'));
    const out = await verifyBin(files.credential, '--allow-localhost');
    expect(out.code).toBe(3);
    expect(out.stderr).toMatch(/^verify: unexpected error: .*jsonld/);
    expect(out.stdout).toBe('');
  });
});
