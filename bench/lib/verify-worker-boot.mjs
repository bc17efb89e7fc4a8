// Starts verify-worker.ts in a worker thread with tsx registered in this thread (as the issuer's
// sign-worker-boot.mjs does).
import { register } from 'tsx/esm/api';

register();
await import('./verify-worker.ts');
