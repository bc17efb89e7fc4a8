// Starts di-pipeline-stock.ts in a worker thread with tsx registered in this thread (as
// verify-worker-peer-boot.mjs does).
import { register } from 'tsx/esm/api';

register();
await import('./di-pipeline-stock.ts');
