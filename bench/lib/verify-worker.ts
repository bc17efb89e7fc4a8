/**
 * A benchmark worker thread: builds one verifier (createVerifier: format, proof, issuer, validity,
 * status, schema) at start, then verifies every credential of each message it gets and answers
 * how many verified. The credentials are sent once (`load`) and verified by index, so that what
 * is timed is verification, not structured cloning.
 */
import { parentPort, workerData } from 'node:worker_threads';
import { createVerifier } from '@repo/verifier';

const now = new Date(workerData.now as string);
const verifier = createVerifier({ now: () => now });
let credentials: unknown[] = [];
parentPort!.on('message', async (message: { load?: unknown[]; verify?: number }) => {
  if (message.load) {
    credentials = message.load;
    parentPort!.postMessage({ loaded: credentials.length });
    return;
  }
  let verified = 0;
  for (let i = 0; i < (message.verify ?? 0); i++) {
    const r = await verifier.verifyCredential(credentials[i % credentials.length]);
    if (r.verified) verified++;
  }
  parentPort!.postMessage({ verified });
});
parentPort!.postMessage({ ready: true });
