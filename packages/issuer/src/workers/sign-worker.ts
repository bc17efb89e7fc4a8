/**
 * The signing worker's body: started by {@link createSigningPool} (through `sign-worker-boot.mjs`),
 * never imported by the service. It imports the key set and builds the document loader once, then
 * signs each job with core's `signCredential` (or issues a job's batch rows, `issueRows`), one at a
 * time, in arrival order; jobs come in groups (one message each) and their outcomes go back in one
 * message per group.
 */
import { parentPort, workerData } from 'node:worker_threads';
import { createDocumentLoader, type SigningKey, signCredential } from '@repo/core';
import { chooseKey } from '../keys/choose-key.ts';
import { loadKeySet } from '../keys/key-set.ts';
import { issueOne } from './issue-one.ts';
import { issueRows, recycleBuffers } from './issue-rows.ts';
import {
  type RecycleMessage,
  type SignJob,
  type SignOutcome,
  type SignResult,
  type SignWorkerData,
  serializeError,
} from './sign-messages.ts';
import { changedMembers } from './signed-members.ts';

const data = workerData as SignWorkerData;
const port = parentPort;
if (!port) throw new Error('sign-worker.ts runs only as a worker thread (createSigningPool starts it).');

const keys = await loadKeySet(data.keys);
const documentLoader = createDocumentLoader({ contexts: data.contexts, refuseVocab: data.refuseVocab });

async function sign(job: SignJob): Promise<SignOutcome> {
  try {
    if (job.issue) return { type: 'issued', id: job.id, rows: await issueRows({ keys, documentLoader }, job.issue) };
    if (job.one) return { type: 'one', id: job.id, one: await issueOne({ keys, documentLoader }, job.one) };
    const key = chooseKey(keys, job.cryptosuite ? { cryptosuite: job.cryptosuite } : {}) as SigningKey;
    const options: Parameters<typeof signCredential>[1] = { key, documentLoader, now: job.created };
    if (job.cryptosuite) options.cryptosuite = job.cryptosuite;
    if (job.mandatoryPointers) options.mandatoryPointers = job.mandatoryPointers;
    const signed = await signCredential(job.credential ?? {}, options);
    // The proof (and a VC 1.1 @context) travels back, not the credential the caller still has.
    const members = job.whole ? undefined : changedMembers(job.credential, signed);
    return members ? { type: 'kept', id: job.id, members } : { type: 'done', id: job.id, signed };
  } catch (error) {
    return { type: 'failed', id: job.id, error: serializeError(error) };
  }
}

// Each message is a group of jobs: signed one at a time, in order, answered in one message.
let chain: Promise<void> = Promise.resolve();
port.on('message', (jobs: SignJob[] | RecycleMessage) => {
  if (!Array.isArray(jobs)) {
    recycleBuffers(jobs.recycle);
    return;
  }
  if (data.testHooks && jobs.some((job) => job.testCrash)) process.exit(70);
  chain = chain.then(async () => {
    const results: SignOutcome[] = [];
    const transfer: ArrayBuffer[] = [];
    for (const job of jobs) {
      const outcome = await sign(job);
      results.push(outcome);
      // Signed rows' bytes (`signed-bytes`) move to the main thread, not copied.
      if (outcome.type === 'issued')
        for (const row of outcome.rows) if (row.type === 'signed-bytes') transfer.push(row.bytes.buffer as ArrayBuffer);
    }
    port.postMessage({ type: 'results', results } satisfies SignResult, transfer);
  });
});
port.postMessage({ type: 'ready' } satisfies SignResult);
