import { mkdir, readFile, rename, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const ENTRY = fileURLToPath(new URL('./sign-worker.ts', import.meta.url));

/**
 * Compiles the signing worker (`sign-worker.ts` and the repository's TypeScript it imports) into
 * one JavaScript module at `outFile`, so that each worker starts with plain Node — no TypeScript
 * loader in every worker thread (seconds and tens of MB each). Only the repository's own sources
 * are compiled in: every installed package stays an import of the very file Node would load (its
 * absolute URL), so the worker runs the same third-party modules, with their own state, as under
 * tsx. `import.meta.url` in a compiled source keeps the URL of the file it came from (paths
 * computed from it still point at the repository's files). Written atomically (a temporary file,
 * then renamed). Resolves with the module's URL.
 *
 * @example
 * const script = await buildSignWorker(join(config.dataDir, 'workers', 'sign-worker.mjs'));
 * const pool = await createSigningPool({ keys, contexts, script });
 */
export async function buildSignWorker(outFile: string): Promise<URL> {
  const esbuild = await import('esbuild');
  const result = await esbuild.build({
    entryPoints: [ENTRY],
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
  const code = result.outputFiles[0]!.text;
  await mkdir(dirname(outFile), { recursive: true });
  const temporary = join(dirname(outFile), `.${process.pid}-${Date.now()}.tmp`);
  await writeFile(temporary, code);
  await rename(temporary, outFile);
  return pathToFileURL(outFile);
}
