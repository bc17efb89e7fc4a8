import { fileURLToPath } from 'node:url';
import { compileModule } from '../compile-module.mjs';

const ENTRY = fileURLToPath(new URL('./sign-worker.ts', import.meta.url));

/**
 * Compiles the signing worker (`sign-worker.ts` and the repository's TypeScript it imports) into
 * one JavaScript module at `outFile` ({@link compileModule}), so that each worker starts with
 * plain Node — no TypeScript loader in every worker thread (seconds and tens of MB each).
 * Resolves with the module's URL.
 *
 * @example
 * const script = await buildSignWorker(join(config.dataDir, 'workers', 'sign-worker.mjs'));
 * const pool = await createSigningPool({ keys, contexts, script });
 */
export function buildSignWorker(outFile: string): Promise<URL> {
  return compileModule(ENTRY, outFile);
}
