import { createHash } from 'node:crypto';
import { existsSync, readFileSync, realpathSync } from 'node:fs';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { dirname, join } from 'node:path';
import { packDirectory } from './tarball.ts';

/** One package version the registry serves: its manifest and where it is installed. */
export interface ServedPackage {
  manifest: Record<string, any>;
  dir: string;
  tgz?: Buffer;
}

/** Node's lookup (`node_modules` in this folder, then each parent) of a package installed by pnpm, by its real path. */
function installedDir(name: string, from: string): string | undefined {
  for (let dir = from; ; dir = dirname(dir)) {
    const candidate = join(dir, 'node_modules', name);
    if (existsSync(join(candidate, 'package.json'))) return realpathSync(candidate);
    if (dirname(dir) === dir) return undefined;
  }
}

/**
 * Every third-party package the given workspace packages need at run time, as pnpm installed
 * them: `dependencies`, `optionalDependencies` and required `peerDependencies`, transitively,
 * each resolved the way Node resolves it from the package that needs it. Workspace packages
 * (`@repo/*`) are not followed: they are installed from their own tarballs.
 *
 * @example
 * const versions = runtimeClosure(['packages/verifier']);
 */
export function runtimeClosure(packageDirs: readonly string[]): Map<string, ServedPackage> {
  const found = new Map<string, ServedPackage>();
  const queue: Array<{ name: string; from: string; optional: boolean }> = [];
  const follow = (manifest: Record<string, any>, from: string) => {
    for (const name of Object.keys(manifest.dependencies ?? {})) queue.push({ name, from, optional: false });
    for (const name of Object.keys(manifest.optionalDependencies ?? {})) queue.push({ name, from, optional: true });
    for (const name of Object.keys(manifest.peerDependencies ?? {})) {
      if (!manifest.peerDependenciesMeta?.[name]?.optional) queue.push({ name, from, optional: false });
    }
  };
  for (const dir of packageDirs) follow(JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8')), dir);
  while (queue.length > 0) {
    const { name, from, optional } = queue.shift()!;
    if (name.startsWith('@repo/')) continue;
    const dir = installedDir(name, from);
    if (!dir) {
      if (optional) continue;
      throw new Error(`${name}, needed by ${from}, is not installed`);
    }
    const manifest = JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8'));
    const key = `${manifest.name}@${manifest.version}`;
    if (found.has(key)) continue;
    found.set(key, { manifest, dir });
    follow(manifest, dir);
  }
  return found;
}

/** A running loopback npm registry and what was asked of it. */
export interface LoopbackRegistry {
  url: string;
  /** Every request path, in order. */
  requests: string[];
  close(): Promise<void>;
}

/**
 * Serves packages as an npm registry on 127.0.0.1: `GET /<name>` answers the packument (every
 * version held, `latest` the highest), `GET /-/<name>-<version>.tgz` the tarball, packed on first
 * request from the installed directory ({@link packDirectory}) with its sha512 `integrity`.
 * Anything else is a 404.
 *
 * @example
 * const registry = await startLoopbackRegistry(runtimeClosure(['packages/verifier']));
 * // npm install --registry ${registry.url} …
 */
export async function startLoopbackRegistry(packages: Map<string, ServedPackage>): Promise<LoopbackRegistry> {
  const byName = new Map<string, ServedPackage[]>();
  for (const served of packages.values()) {
    byName.set(served.manifest.name, [...(byName.get(served.manifest.name) ?? []), served]);
  }
  const tarballOf = (served: ServedPackage) => {
    served.tgz ??= packDirectory(served.dir);
    return served.tgz;
  };
  const fileName = (m: Record<string, any>) => `${m.name.replace('/', '-')}-${m.version}.tgz`;
  const requests: string[] = [];
  let base = '';
  const server = createServer((req, res) => {
    const path = decodeURIComponent(new URL(req.url ?? '/', 'http://x').pathname);
    requests.push(path);
    const tarball = path.startsWith('/-/') ? path.slice(3) : undefined;
    if (tarball !== undefined) {
      const served = [...packages.values()].find((s) => fileName(s.manifest) === tarball);
      if (!served) return void res.writeHead(404).end();
      res.writeHead(200, { 'content-type': 'application/octet-stream' }).end(tarballOf(served));
      return;
    }
    const versions = byName.get(path.slice(1));
    if (!versions) return void res.writeHead(404, { 'content-type': 'application/json' }).end('{"error":"not found"}');
    const packument = {
      name: versions[0]!.manifest.name,
      'dist-tags': { latest: highest(versions.map((v) => v.manifest.version)) },
      versions: Object.fromEntries(
        versions.map((served) => {
          const tgz = tarballOf(served);
          const dist = {
            tarball: `${base}/-/${fileName(served.manifest)}`,
            integrity: `sha512-${createHash('sha512').update(tgz).digest('base64')}`,
            shasum: createHash('sha1').update(tgz).digest('hex'),
          };
          return [
            served.manifest.version,
            { ...served.manifest, _id: `${served.manifest.name}@${served.manifest.version}`, dist },
          ];
        }),
      ),
    };
    res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify(packument));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return {
    url: base,
    requests,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

/** The highest of plain `x.y.z` versions (what pnpm installed; prereleases sort below their release). */
function highest(versions: string[]): string {
  const key = (v: string) => v.split(/[.+-]/).slice(0, 3).map(Number);
  return versions.reduce((a, b) => {
    const [ka, kb] = [key(a), key(b)];
    for (let i = 0; i < 3; i++) if (ka[i] !== kb[i]) return ka[i]! > kb[i]! ? a : b;
    return a;
  });
}
