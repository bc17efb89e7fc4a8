// Starts the issuer service with plain Node (`npm start` runs this): src/server.ts and the
// repository's TypeScript it imports are compiled into one module first (compile-module.mjs,
// ~0.5 s), then run. No TypeScript loader stays in the process: under `node --import tsx` its hook
// thread cost ~100 MB of RSS and a round trip per module load. The configuration is read from the
// environment exactly as `node --import tsx src/server.ts` reads it (README "Configuration").
import { fileURLToPath } from 'node:url';
import { compileModule } from './src/compile-module.mjs';

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
