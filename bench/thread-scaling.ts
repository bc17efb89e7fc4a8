/**
 * What 1 → 2 threads can give on this machine at all, whatever our code does: three kernels run in
 * 1 worker thread, then in 2 at once (each doing the same work), rounds alternating — a CPU loop
 * (no allocation), Ed25519 signing through node's OpenSSL (a native call per signature), and an
 * allocation-heavy loop (short-lived objects: the young-generation garbage collections run on V8's
 * helper threads, which with 1 worker have the other core to themselves). Prints each rate and the
 * ratio: the ceiling of bench/cores.ts's 1 → 2 figures. No peer: it measures the machine.
 *
 * Usage: node --import tsx bench/thread-scaling.ts [rounds=2]
 */
import { Worker } from 'node:worker_threads';
import { numArg } from './lib/report.ts';

type Kind = 'loop' | 'ed25519' | 'alloc';
const WORK: Record<Kind, number> = { loop: 20_000, ed25519: 40_000, alloc: 20_000 };

/** The worker: plain JavaScript (a worker thread has no TypeScript loader), run with `eval`. */
const KERNEL = `
const { generateKeyPairSync, sign } = require('node:crypto');
const { parentPort, workerData } = require('node:worker_threads');
const { kind, n } = workerData;
const { privateKey } = generateKeyPairSync('ed25519');
const message = Buffer.alloc(64, 1);
let sink = 0;
const t0 = performance.now();
for (let i = 0; i < n; i++) {
  if (kind === 'ed25519') sink += sign(null, message, privateKey).length;
  else if (kind === 'alloc') {
    const objects = [];
    for (let j = 0; j < 200; j++) objects.push({ j, s: 'v' + j });
    sink += objects.length;
  } else {
    let s = 0;
    for (let j = 0; j < 20000; j++) s = (s + j * j) | 0;
    sink += s;
  }
}
parentPort.postMessage({ ms: performance.now() - t0, sink });
`;

const rounds = numArg(0, 2);
const run = (kind: Kind, threads: number) =>
  Promise.all(
    Array.from(
      { length: threads },
      () =>
        new Promise<number>((resolve, reject) => {
          const worker = new Worker(KERNEL, { eval: true, workerData: { kind, n: WORK[kind] } });
          worker.once('message', ({ ms }: { ms: number }) => {
            resolve(ms);
            void worker.terminate();
          });
          worker.once('error', reject);
        }),
    ),
  );
console.log(`1 → 2 threads on this machine (${rounds} rounds): rate per second, ratio`);
for (let r = 0; r < rounds; r++) {
  for (const kind of ['loop', 'ed25519', 'alloc'] as const) {
    const one = WORK[kind] / ((await run(kind, 1))[0]! / 1000);
    const two = (2 * WORK[kind]) / (Math.max(...(await run(kind, 2))) / 1000);
    console.log(
      `  ${kind.padEnd(8)} 1 thread ${one.toFixed(0).padStart(7)}/s  2 threads ${two.toFixed(0).padStart(7)}/s  ratio ${(two / one).toFixed(2)}`,
    );
  }
}
