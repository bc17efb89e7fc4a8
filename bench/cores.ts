/**
 * 1 → 2 cores (issue 12, "Use both cores"): the same work done by 1 worker thread and by 2, in
 * interleaved rounds, medians.
 *  - issue: the issuer's signing pool (packages/issuer/src/workers/signing-pool.ts) of size 1 vs
 *    size 2, each round `perRound` OB 3.0 credentials (distinct ids) signed eddsa-rdfc-2022;
 *  - verify: 1 vs 2 worker threads each with a verifier built once (bench/lib/verify-worker.ts,
 *    createVerifier: format, proof, issuer, validity, status, schema), `perRound` verifications
 *    split evenly between them.
 * The machine is shared and noisy: read the medians and the per-round figures.
 *
 * Usage: node --import tsx bench/cores.ts [rounds=5] [perRound=4000]
 */
import { readFileSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { Worker } from 'node:worker_threads';
import { createDocumentLoader, signCredential } from '@repo/core';
import { loadPinnedContexts } from '@repo/schemas';
import { createSigningPool, type SigningPool } from '../packages/issuer/src/workers/signing-pool.ts';
import { benchArgs, credential, key, now } from './fixture.ts';
import { emitFigures, median } from './lib/report.ts';

const [rounds, perRound] = benchArgs(4000);
const contexts = loadPinnedContexts();
const serialized = JSON.parse(readFileSync(new URL('../keys-example/issuer-key.json', import.meta.url), 'utf8'));
const withId = (i: number) => ({
  ...credential,
  id: `urn:uuid:7d2f3a64-8a7e-4d1c-9a51-${String(i).padStart(12, '0')}`,
});

// --- issue: signing pool of 1 vs 2
const pools: Record<1 | 2, SigningPool> = {
  1: await createSigningPool({ keys: serialized, contexts, size: 1 }),
  2: await createSigningPool({ keys: serialized, contexts, size: 2 }),
};
/**
 * This thread's CPU time in µs (Linux: /proc schedstat, ns resolution), else `undefined`: the
 * main thread's share of a signature (postMessage, answers, promises, GC) is what keeps 2 workers
 * from 2× (ratio ≈ 2w / (w + main + others), w a worker's CPU per signature).
 */
function mainThreadCpuUs(): number | undefined {
  try {
    return Number(readFileSync(`/proc/self/task/${process.pid}/schedstat`, 'utf8').split(' ')[0]) / 1000;
  } catch {
    return undefined;
  }
}
/** CPU per signature of each round by pool size: the whole process, and the main thread. */
const issueCpu = { 1: [] as number[], 2: [] as number[] };
const issueMain = { 1: [] as number[], 2: [] as number[] };
async function issue(size: 1 | 2, n: number): Promise<number> {
  const c0 = process.cpuUsage();
  const m0 = mainThreadCpuUs();
  const t0 = performance.now();
  await Promise.all(Array.from({ length: n }, (_, i) => pools[size].sign(withId(i), { created: now })));
  const ms = performance.now() - t0;
  const c = process.cpuUsage(c0);
  const m1 = mainThreadCpuUs();
  issueCpu[size].push((c.user + c.system) / n);
  if (m0 !== undefined && m1 !== undefined) issueMain[size].push((m1 - m0) / n);
  return n / (ms / 1000);
}

// --- verify: 1 vs 2 verifier threads over the same signed credentials
const documentLoader = createDocumentLoader({ contexts, refuseVocab: true });
const signed = await Promise.all(
  Array.from({ length: 64 }, (_, i) => signCredential(withId(i), { key, documentLoader, now })),
);
type Reply = { ready?: boolean; loaded?: number; verified?: number };
function startWorker(): Promise<{ worker: Worker; ask: (m: object) => Promise<Reply> }> {
  const worker = new Worker(new URL('./lib/verify-worker-boot.mjs', import.meta.url), {
    workerData: { now: now.toISOString() },
  });
  const replies: ((r: Reply) => void)[] = [];
  worker.on('message', (r: Reply) => replies.shift()?.(r));
  worker.on('error', (e) => {
    throw e;
  });
  const ask = (m: object) =>
    new Promise<Reply>((resolve) => {
      replies.push(resolve);
      worker.postMessage(m);
    });
  return new Promise((resolve) => {
    replies.push(() => resolve({ worker, ask }));
  });
}
const verifiers = [await startWorker(), await startWorker()];
for (const v of verifiers) await v.ask({ load: signed });
/** CPU of the whole process per round of each size: µs per verification, and cores in use. */
const verifyCpu = { 1: [] as number[], 2: [] as number[] };
const verifyCores = { 1: [] as number[], 2: [] as number[] };
async function verify(size: 1 | 2, n: number): Promise<number> {
  const c0 = process.cpuUsage();
  const t0 = performance.now();
  const share = Math.ceil(n / size);
  const replies = await Promise.all(verifiers.slice(0, size).map((v) => v.ask({ verify: share })));
  const ms = performance.now() - t0;
  const c = process.cpuUsage(c0);
  const done = replies.reduce((a, r) => a + (r.verified ?? 0), 0);
  if (done !== share * size) throw new Error(`only ${done} of ${share * size} verified`);
  verifyCpu[size].push((c.user + c.system) / done);
  verifyCores[size].push((c.user + c.system) / 1000 / ms);
  return done / (ms / 1000);
}

// warm-up: workers start, contexts processed once in each, and each thread's code optimised (a
// verifier thread that had only done a hundred verifications ran its first round at ~60%, and
// one that had done 500 still ran at two thirds of its speed after 2,500: 3,000 each)
await issue(1, 1000);
await issue(2, 2000);
await verify(1, 3000);
await verify(2, 6000);
verifyCpu[1].length = verifyCpu[2].length = verifyCores[1].length = verifyCores[2].length = 0;
issueCpu[1].length = issueCpu[2].length = issueMain[1].length = issueMain[2].length = 0;

const got = { issue1: [] as number[], issue2: [] as number[], verify1: [] as number[], verify2: [] as number[] };
for (let r = 0; r < rounds; r++) {
  const order: (1 | 2)[] = r % 2 === 0 ? [1, 2] : [2, 1];
  for (const size of order) got[`issue${size}`].push(await issue(size, perRound));
  for (const size of order) got[`verify${size}`].push(await verify(size, Math.round(perRound / 4)));
}
await pools[1].close();
await pools[2].close();
for (const v of verifiers) await v.worker.terminate();

const show = (xs: number[]) => xs.map((x) => x.toFixed(0)).join(' ');
const issueRatio = median(got.issue2) / median(got.issue1);
const verifyRatio = median(got.verify2) / median(got.verify1);
console.log(
  `1 → 2 worker threads (${availableParallelism()} cores, shared machine), ${rounds} interleaved rounds, medians`,
);
console.log(`  issue  (signing pool, eddsa-rdfc-2022), ${perRound}/round`);
console.log(`    1 thread : ${median(got.issue1).toFixed(0)}/s  (rounds: ${show(got.issue1)})`);
console.log(`    2 threads: ${median(got.issue2).toFixed(0)}/s  (rounds: ${show(got.issue2)})`);
console.log(`    ratio 2/1: ${issueRatio.toFixed(2)}x`);
const issueCpuLine = (size: 1 | 2) =>
  `${median(issueCpu[size]).toFixed(0)} µs CPU a signature (main thread ${issueMain[size].length > 0 ? median(issueMain[size]).toFixed(1) : 'n/a'})`;
console.log(`    process CPU: 1 thread ${issueCpuLine(1)}; 2 threads ${issueCpuLine(2)}`);
console.log(`  verify (createVerifier().verifyCredential, full checks), ${Math.round(perRound / 4)}/round`);
console.log(`    1 thread : ${median(got.verify1).toFixed(0)}/s  (rounds: ${show(got.verify1)})`);
console.log(`    2 threads: ${median(got.verify2).toFixed(0)}/s  (rounds: ${show(got.verify2)})`);
console.log(`    ratio 2/1: ${verifyRatio.toFixed(2)}x`);
// Where the time goes: the same CPU per verification with 2 threads means the verifier shares
// nothing that slows it down; then a ratio under 2 is cores the machine did not give (its load,
// or V8's GC threads, which borrow the idle second core while 1 thread verifies).
const cpuLine = (size: 1 | 2) =>
  `${median(verifyCpu[size]).toFixed(0)} µs CPU per verification, ${median(verifyCores[size]).toFixed(2)} cores busy`;
console.log(`    process CPU: 1 thread ${cpuLine(1)}; 2 threads ${cpuLine(2)}`);
emitFigures({
  'cores.issue': {
    ours: issueRatio,
    unit: 'x',
    note: `${median(got.issue1).toFixed(0)}/s → ${median(got.issue2).toFixed(0)}/s`,
  },
  'cores.verify': {
    ours: verifyRatio,
    unit: 'x',
    note: `${median(got.verify1).toFixed(0)}/s → ${median(got.verify2).toFixed(0)}/s`,
  },
});
