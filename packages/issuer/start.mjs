// Starts the issuer service with plain Node (`npm start` runs this): src/server.ts and the
// repository's TypeScript it imports are compiled into one module first (compile-module.mjs,
// ~0.5 s), then run. No TypeScript loader stays in the process: under `node --import tsx` its hook
// thread cost ~100 MB of RSS and a round trip per module load. The configuration is read from the
// environment exactly as `node --import tsx src/server.ts` reads it (README "Configuration").
import { fileURLToPath } from 'node:url';
import { setFlagsFromString } from 'node:v8';
import { compileModule } from './src/compile-module.mjs';

// V8 lets a heap grow to up to 4x what its last full collection kept before it collects again, and
// the factor it picks while the service loads (4x: much is allocated, little collected) then holds
// through a first batch, in the main thread's heap and in each signing worker's alike (V8 flags are
// per process). A fixed 1.5x, set before anything is loaded (V8 reads it at every full collection),
// keeps each heap near what it holds. 100,000-row batch, interleaved with the 4x default: peak RSS
// 421 -> 308 MB (median of 2); CPU a credential within the noise (598 vs 625 µs at load 9-19, 568 vs
// 577 at load ~12), for about twice the full collections (16 -> 33 in a 50,000-row run).
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
