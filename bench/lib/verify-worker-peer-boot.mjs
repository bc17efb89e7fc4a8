// Starts verify-worker-peer.ts in a worker thread with tsx registered in this thread (as
// verify-worker-boot.mjs does).
import { register } from 'tsx/esm/api';

register();
await import('./verify-worker-peer.ts');
