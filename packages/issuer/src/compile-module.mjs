// Plain JavaScript on purpose: `start.mjs` runs it with plain Node, before any TypeScript loader.
import { mkdir, readFile, rename, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { pathToFileURL } from 'node:url';

/**
 * Compiles a TypeScript entry module (and the repository's TypeScript it imports) into one
 * JavaScript module at `outFile`, so that it runs with plain Node — no TypeScript loader in the
 * process or its worker threads (the loader's hook thread costs tens of MB and a message per
 * module load). Only the repository's own sources are compiled in: every installed package stays
 * an import of the very file Node would load (its absolute URL), so the module runs the same
 * third-party modules, with their own state, as under tsx. `import.meta.url` in a compiled source
 * keeps the URL of the file it came from (paths computed from it still point at the repository's
 * files). Written atomically (a temporary file, then renamed). Resolves with the module's URL.
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
  const result = await esbuild.build({
    entryPoints: [entry],
    bundle: true,
    platform: 'node',
    format: 'esm',
    target: 'node20',
    write: false,
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
            if (resolved.path.split(/[\\/]/).includes('node_modules'))
              return { path: pathToFileURL(resolved.path).href, external: true };
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
  await mkdir(dirname(outFile), { recursive: true });
  const temporary = join(dirname(outFile), `.${process.pid}-${Date.now()}.tmp`);
  await writeFile(temporary, code);
  await rename(temporary, outFile);
  return pathToFileURL(outFile);
}
