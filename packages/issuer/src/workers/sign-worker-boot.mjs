// Starts sign-worker.ts in a worker thread: registers tsx (the repo's TypeScript loader) in this
// thread first, so the pool works the same under `node --import tsx` and under vitest.
import { register } from 'tsx/esm/api';

register();
await import('./sign-worker.ts');
