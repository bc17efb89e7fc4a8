// Plain JavaScript on purpose: `start.mjs` runs it with plain Node, before any TypeScript loader.
import { existsSync } from 'node:fs';
import { mkdir, readFile, rename, stat, writeFile } from 'node:fs/promises';
import { dirname, join, sep } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

/**
 * What a compiled module was made from: the entry, node's and esbuild's versions, and every file
 * it depends on — each repository source compiled in, and each installed package file it imports
 * — with its size and modification time.
 *
 * @param {string} entry
 * @param {string} esbuildVersion
 * @param {Iterable<string>} files absolute paths
 */
async function manifestOf(entry, esbuildVersion, files) {
  const inputs = {};
  for (const file of [...files].sort()) {
    const s = await stat(file);
    inputs[file] = [s.size, s.mtimeMs];
  }
  return JSON.stringify({ entry, node: process.version, esbuild: esbuildVersion, inputs });
}

/**
 * The `package.json` of the installed package a file belongs to (`…/node_modules/<name>/` or
 * `…/node_modules/@scope/<name>/`): its `exports` decide which file an import resolves to.
 *
 * @param {string} file
 */
function packageJsonOf(file) {
  const parts = file.split(sep);
  const at = parts.lastIndexOf('node_modules');
  if (at < 0 || at + 1 >= parts.length) return undefined;
  const end = parts[at + 1].startsWith('@') ? at + 3 : at + 2;
  const manifest = join(parts.slice(0, end).join(sep), 'package.json');
  return existsSync(manifest) ? manifest : undefined;
}

/**
 * Whether `outFile` was compiled from exactly the files its manifest (`<outFile>.inputs.json`)
 * names, each still of the same size and modification time (any missing or changed file, or no
 * manifest: no).
 */
async function upToDate(entry, outFile, esbuildVersion) {
  try {
    const saved = await readFile(`${outFile}.inputs.json`, 'utf8');
    const { inputs } = JSON.parse(saved);
    await stat(outFile);
    return (await manifestOf(entry, esbuildVersion, Object.keys(inputs))) === saved;
  } catch {
    return false;
  }
}

/**
 * Compiles a TypeScript entry module (and the repository's TypeScript it imports) into one
 * JavaScript module at `outFile`, so that it runs with plain Node — no TypeScript loader in the
 * process or its worker threads (the loader's hook thread costs tens of MB and a message per
 * module load). Only the repository's own sources are compiled in: every installed package stays
 * an import of the very file Node would load (its absolute URL), so the module runs the same
 * third-party modules, with their own state, as under tsx. `import.meta.url` in a compiled source
 * keeps the URL of the file it came from (paths computed from it still point at the repository's
 * files). Written atomically (a temporary file, then renamed), with a manifest of what it was
 * made from (`<outFile>.inputs.json`): the next call finds every one of those files unchanged
 * (size and modification time; the same node and esbuild) and returns the module as it is, which
 * saves the build (~1 s for the service, ~0.4 s for the signing worker, at every start). Resolves
 * with the module's URL.
 *
 * @param {string} entry absolute path of the entry `.ts` file
 * @param {string} outFile where the compiled module goes
 * @returns {Promise<URL>}
 * @example
 * const url = await compileModule('/repo/packages/issuer/src/server.ts', '/tmp/server.mjs');
 * const { main } = await import(url.href);
 */
export async function compileModule(entry, outFile) {
  const esbuild = await import('esbuild');
  if (await upToDate(entry, outFile, esbuild.version)) return pathToFileURL(outFile);
  /** Installed package files the module imports (by absolute URL). */
  const packageFiles = new Set();
  const result = await esbuild.build({
    entryPoints: [entry],
    bundle: true,
    platform: 'node',
    format: 'esm',
    target: 'node20',
    write: false,
    metafile: true,
    logLevel: 'silent',
    plugins: [
      {
        name: 'repository-sources-only',
        setup(build) {
          build.onResolve({ filter: /.*/ }, async (args) => {
            if (args.kind === 'entry-point' || args.pluginData === 'inner') return undefined;
            const resolved = await build.resolve(args.path, {
              kind: args.kind,
              resolveDir: args.resolveDir,
              importer: args.importer,
              pluginData: 'inner',
            });
            if (resolved.errors.length > 0) return { errors: resolved.errors };
            if (resolved.external) return { path: resolved.path, external: true };
            if (resolved.path.split(/[\\/]/).includes('node_modules')) {
              packageFiles.add(resolved.path);
              const manifest = packageJsonOf(resolved.path);
              if (manifest) packageFiles.add(manifest);
              return { path: pathToFileURL(resolved.path).href, external: true };
            }
            return { path: resolved.path };
          });
          build.onLoad({ filter: /\.[cm]?ts$/ }, async (args) => {
            const source = await readFile(args.path, 'utf8');
            return {
              contents: source.replaceAll('import.meta.url', JSON.stringify(pathToFileURL(args.path).href)),
              loader: 'ts',
            };
          });
        },
      },
    ],
  });
  const code = result.outputFiles[0].text;
  // The repository sources compiled in (esbuild names them relative to the working directory).
  const sources = Object.keys(result.metafile.inputs).map((input) =>
    input.startsWith('file:') ? fileURLToPath(input) : join(process.cwd(), input),
  );
  const manifest = await manifestOf(entry, esbuild.version, [...sources, ...packageFiles]);
  await mkdir(dirname(outFile), { recursive: true });
  const temporary = join(dirname(outFile), `.${process.pid}-${Date.now()}.tmp`);
  await writeFile(temporary, code);
  await rename(temporary, outFile);
  // The manifest last: a module without its manifest (or with an older one) is compiled again.
  await writeFile(temporary, manifest);
  await rename(temporary, `${outFile}.inputs.json`);
  return pathToFileURL(outFile);
}
