// Starts the issuer service with plain Node (`npm start` runs this): src/server.ts and the
// repository's TypeScript it imports are compiled into one module first (compile-module.mjs,
// ~1 s; reused at the next start while no file it was made from changed), then run. No TypeScript loader stays in the process: under `node --import tsx` its hook
// thread cost ~100 MB of RSS and a round trip per module load. The configuration is read from the
// environment exactly as `node --import tsx src/server.ts` reads it (README "Configuration").
import { fileURLToPath } from 'node:url';
import { setFlagsFromString } from 'node:v8';
import { compileModule } from './src/compile-module.mjs';

// V8 lets a heap grow to up to 4x what its last full collection kept before it collects again, and
// the factor it picks while the service loads (4x: much is allocated, little collected) then holds
// through a first batch, in the main thread's heap and in each signing worker's alike (V8 flags are
// per process). A fixed 1.5x, set before anything is loaded (V8 reads it at every full collection),
// keeps each heap near what it holds. 100,000-row batch (bench/batch-api.ts's upload, fresh server
// a round, 3 rounds interleaved with the default, load 2-4): peak RSS 406 -> 286 MB, CPU a
// credential the same (378 vs 379 µs, all threads), for about twice the full collections.
setFlagsFromString('--heap-growing-percent=50');

const entry = fileURLToPath(new URL('./src/server.ts', import.meta.url));
const outFile = fileURLToPath(new URL('./node_modules/.cache/issuer/server.mjs', import.meta.url));
let server;
try {
  server = await import((await compileModule(entry, outFile)).href);
} catch (error) {
  console.error(`The issuer did not start: src/server.ts did not compile: ${error.message}`);
  process.exit(1);
}
await server.main();
