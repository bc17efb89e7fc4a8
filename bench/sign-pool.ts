/**
 * Single-thread `signCredential` against the worker_threads signing pool (issue 12, "Use both
 * cores"), interleaved by round, on the same credential, key and time. The machine is shared and
 * noisy: read the medians, not one round. Timings are never asserted in tests.
 *
 * Usage: node --import tsx bench/sign-pool.ts [rounds=6] [perRound=4000] [size=os.availableParallelism()]
 */
import { readFileSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { createDocumentLoader, signCredential } from '@repo/core';
import { loadPinnedContexts } from '@repo/schemas';
import { createSigningPool } from '../packages/issuer/src/workers/signing-pool.ts';
import { benchArgs, credential, key, now } from './fixture.ts';

const [rounds, perRound] = benchArgs(4000);
const size = Number(process.argv[4] ?? availableParallelism());
const contexts = loadPinnedContexts();
const documentLoader = createDocumentLoader({ contexts, refuseVocab: true });
const serialized = JSON.parse(readFileSync(new URL('../keys-example/issuer-key.json', import.meta.url), 'utf8'));
const pool = await createSigningPool({ keys: serialized, contexts, size });
const withId = (i: number) => ({
  ...credential,
  id: `urn:uuid:7d2f3a64-8a7e-4d1c-9a51-${String(i).padStart(12, '0')}`,
});

async function single(): Promise<number> {
  const t0 = performance.now();
  for (let i = 0; i < perRound; i++) await signCredential(withId(i), { key, documentLoader, now });
  return perRound / ((performance.now() - t0) / 1000);
}
async function pooled(): Promise<number> {
  const t0 = performance.now();
  await Promise.all(Array.from({ length: perRound }, (_, i) => pool.sign(withId(i), { created: now })));
  return perRound / ((performance.now() - t0) / 1000);
}

await pooled(); // warm-up: workers start, contexts processed once in each
await single();
const a: number[] = [];
const b: number[] = [];
for (let r = 0; r < rounds; r++) {
  a.push(await single());
  b.push(await pooled());
}
await pool.close();
const median = (xs: number[]) => [...xs].sort((x, y) => x - y)[Math.floor(xs.length / 2)] as number;
console.log(`signCredential, 1 thread:  ${median(a).toFixed(0)}/s (rounds: ${a.map((x) => x.toFixed(0)).join(' ')})`);
console.log(
  `signing pool, ${size} workers: ${median(b).toFixed(0)}/s (rounds: ${b.map((x) => x.toFixed(0)).join(' ')})`,
);
console.log(
  `ratio pool / 1 thread: ${(median(b) / median(a)).toFixed(2)}× (noisy shared machine; ${availableParallelism()} cores)`,
);
