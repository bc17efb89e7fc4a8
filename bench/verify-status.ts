/**
 * Verify with a status check against a cached list, 1 core, interleaved rounds.
 * Setup: our issuer (real server process, fresh key and data folder) issues `count` OB 3.0
 * credentials over HTTP, each with BitstringStatusListEntry revocation + suspension (+ lifecycle)
 * entries; their status list credentials are fetched once over HTTP, then the server stops.
 *  - ours: `createVerifier({ fetchStatusList })` (format, proof, issuer, validity, status with its
 *    verified-list cache, schema); `fetchStatusList` answers from memory (the lists fetched above),
 *    and after the first call per list the verifier's own cache serves them;
 *  - peer: `@digitalbazaar/vc` `verifyCredential` + `@digitalbazaar/vc-bitstring-status-list`
 *    `checkStatus`, its document loader serving the same contexts, did:key documents and lists
 *    from memory (it verifies each list credential on every call: it has no list cache), in a
 *    worker thread of its own (bench/lib/verify-worker-peer.ts).
 * Both must say verified (and not revoked) before timing, then both are warmed up (3,000
 * verifications for ours, one round of the credentials for the peer: with 50 ours' first rounds
 * ran at half speed, with 500 at two thirds). Rounds interleave (one side runs while the other waits), each side in its own
 * thread: run in one thread, the peer's garbage (far more per verification) was collected in
 * ours' rounds and the library code both use (jsonld, rdf-canonize) was compiled for both, which
 * cost ours 20-45%; a forced full collection between sides was no cure (it shrinks the young
 * generation, and ours then ran at half speed). Figures: medians of the per-round rates, per
 * wall-clock second and per CPU second of the process (only the running side's thread is busy);
 * with `node --single-threaded` the CPU rate is what one core gives (GC and compilation on the
 * measured thread too).
 *
 * Usage: node --single-threaded --import tsx bench/verify-status.ts [rounds=6] [perRound=300] [count=50]
 */
import { availableParallelism, loadavg } from 'node:os';
import { Worker } from 'node:worker_threads';
import { createVerifier } from '@repo/verifier';
import { credential } from './fixture.ts';
import { emitFigures, median, numArg } from './lib/report.ts';
import { startOurIssuer } from './lib/servers.ts';

const rounds = numArg(0, 6);
const perRound = numArg(1, 300);
const count = numArg(2, 50);

// --- setup: issue `count` credentials with status entries, fetch their lists once
const issuer = await startOurIssuer();
const issued: Record<string, any>[] = [];
const lists = new Map<string, unknown>();
try {
  const { id: _id, ...unsigned } = credential;
  const body = JSON.stringify({
    credential: { ...unsigned, issuer: { ...(unsigned.issuer as object), id: issuer.issuerId } },
  });
  const headers = { 'content-type': 'application/json', authorization: `Bearer ${issuer.token}` };
  for (let i = 0; i < count; i += 8) {
    const batch = await Promise.all(
      Array.from({ length: Math.min(8, count - i) }, async () => {
        const res = await fetch(`${issuer.url}/credentials/issue`, { method: 'POST', headers, body });
        if (res.status !== 201) throw new Error(`issue: ${res.status} ${await res.text()}`);
        return ((await res.json()) as { verifiableCredential: Record<string, any> }).verifiableCredential;
      }),
    );
    issued.push(...batch);
  }
  for (const c of issued) {
    for (const entry of [c.credentialStatus].flat()) {
      const url: string = entry.statusListCredential;
      if (lists.has(url)) continue;
      const local = `${issuer.url}${new URL(url).pathname}`;
      const res = await fetch(local, { headers: { accept: 'application/vc+ld+json, application/json' } });
      if (res.status !== 200) throw new Error(`status list ${local}: ${res.status}`);
      lists.set(url, await res.json());
    }
  }
} finally {
  await issuer.stop();
}
const statusNow = new Date(Math.max(...issued.map((c) => Date.parse(c.proof.created))) + 60_000);

// --- ours
const verifier = createVerifier({
  now: () => statusNow,
  fetchStatusList: async (url) => {
    const list = lists.get(url);
    if (list === undefined) throw new Error(`no list ${url}`);
    return structuredClone(list);
  },
});
async function ours(c: unknown): Promise<void> {
  const r = await verifier.verifyCredential(c);
  if (!r.verified) throw new Error(`ours: ${JSON.stringify(r.problems)}`);
}

// --- peer, in a worker thread of its own (bench/lib/verify-worker-peer.ts)
const peerWorker = new Worker(new URL('./lib/verify-worker-peer-boot.mjs', import.meta.url), {
  workerData: { issued, lists: [...lists], now: statusNow.toISOString() },
});
const peerReplies: ((r: { verified?: number }) => void)[] = [];
const peerFailed = new Promise<never>((_, reject) => peerWorker.once('error', reject));
peerWorker.on('message', (r: { verified?: number }) => peerReplies.shift()?.(r));
const peerReady = new Promise<unknown>((resolve) => peerReplies.push(resolve));
await Promise.race([peerReady, peerFailed]);
/** `n` peer verifications, in turn over the credentials (each must verify, not revoked). */
async function peer(n: number): Promise<void> {
  const done = new Promise<{ verified?: number }>((resolve) => {
    peerReplies.push(resolve);
    peerWorker.postMessage({ verify: n });
  });
  const r = await Promise.race([done, peerFailed]);
  if (r.verified !== n) throw new Error(`peer: ${r.verified} of ${n}`);
}

for (const c of issued) await ours(c);
await peer(issued.length);
// warm-up: each side's code optimised before the first timed round
// (ours: 3,000 verifications; after 500 its rounds of 300 still ran at 1,700-2,400/s per CPU
// second, climbing to ~3,000-3,400/s by 2,500: V8 was still optimising the pipeline)
for (let i = 0; i < 3000; i++) await ours(issued[i % issued.length]);
await peer(count);

const rate = { ours: [] as number[], peer: [] as number[] };
const cpuRate = { ours: [] as number[], peer: [] as number[] };
for (let r = 0; r < rounds; r++) {
  const order = r % 2 === 0 ? (['ours', 'peer'] as const) : (['peer', 'ours'] as const);
  for (const who of order) {
    const n = who === 'ours' ? perRound : Math.max(10, Math.round(perRound / 10)); // the peer is ~10-30x slower
    const c0 = process.cpuUsage();
    const t0 = performance.now();
    if (who === 'ours') for (let i = 0; i < n; i++) await ours(issued[i % issued.length]);
    else await peer(n);
    const ms = performance.now() - t0;
    const c = process.cpuUsage(c0);
    rate[who].push(n / (ms / 1000));
    cpuRate[who].push((n * 1e6) / (c.user + c.system));
  }
}
await peerWorker.terminate();
const o = median(rate.ours);
const p = median(rate.peer);
const show = (xs: number[]) => xs.map((x) => x.toFixed(0)).join(' ');
const singleThreaded = process.execArgv.includes('--single-threaded');
console.log(
  `verify with status (BitstringStatusList, lists cached / in memory), ${count} issued OB 3.0 credentials, 1 core, ${rounds} interleaved rounds (medians)`,
);
console.log(
  `load average at start of timing: ${loadavg()
    .map((l) => l.toFixed(2))
    .join(' ')} on ${availableParallelism()} cores; V8 ${
    singleThreaded ? 'single-threaded (the CPU rate is one core)' : 'with helper threads (run with --single-threaded)'
  }`,
);
console.log(
  `  ours: ${o.toFixed(0)}/s wall, ${median(cpuRate.ours).toFixed(0)}/s per CPU second  (wall rounds: ${show(rate.ours)}; createVerifier: format, proof, issuer, validity, status, schema)`,
);
console.log(
  `  peer: ${p.toFixed(0)}/s wall, ${median(cpuRate.peer).toFixed(0)}/s per CPU second  (wall rounds: ${show(rate.peer)}; @digitalbazaar/vc verifyCredential + vc-bitstring-status-list checkStatus)`,
);
console.log(
  `  ratio ours/peer: ${(o / p).toFixed(2)}x wall, ${(median(cpuRate.ours) / median(cpuRate.peer)).toFixed(2)}x CPU`,
);
emitFigures({
  'verify.status': {
    ours: o,
    peer: p,
    peerName: '@digitalbazaar/vc + vc-bitstring-status-list',
    unit: '/s',
    note: `per CPU second: ours ${median(cpuRate.ours).toFixed(0)}/s, peer ${median(cpuRate.peer).toFixed(0)}/s`,
  },
});
