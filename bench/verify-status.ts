/**
 * Verify with a status check against a cached list, 1 core, same process, interleaved rounds.
 * Setup: our issuer (real server process, fresh key and data folder) issues `count` OB 3.0
 * credentials over HTTP, each with BitstringStatusListEntry revocation + suspension (+ lifecycle)
 * entries; their status list credentials are fetched once over HTTP, then the server stops.
 *  - ours: `createVerifier({ fetchStatusList })` (format, proof, issuer, validity, status with its
 *    verified-list cache, schema); `fetchStatusList` answers from memory (the lists fetched above),
 *    and after the first call per list the verifier's own cache serves them;
 *  - peer: `@digitalbazaar/vc` `verifyCredential` + `@digitalbazaar/vc-bitstring-status-list`
 *    `checkStatus`, its document loader serving the same contexts, did:key documents and lists
 *    from memory (it verifies each list credential on every call: it has no list cache).
 * Both must say verified (and not revoked) before timing, then both are warmed up (ten rounds of
 * the credentials for ours, one for the peer: the code optimised, the lists cached; without it
 * the first rounds of ours ran at about half speed). Figures: medians of the per-round rates, per
 * wall-clock second and per CPU second of the process; with `node --single-threaded` the CPU rate
 * is what one core gives (GC and compilation on the measured thread too). Rounds interleave, so
 * ours pays for part of the peer's garbage (~20% at 300 per round: the peer leaves far more per
 * verification); a forced full collection between sides is no cure (it shrinks the young
 * generation, and ours then ran at half speed).
 *
 * Usage: node --single-threaded --import tsx bench/verify-status.ts [rounds=6] [perRound=300] [count=50]
 */
import { availableParallelism, loadavg } from 'node:os';
import { DataIntegrityProof } from '@digitalbazaar/data-integrity';
import { cryptosuite } from '@digitalbazaar/eddsa-rdfc-2022-cryptosuite';
import * as vc from '@digitalbazaar/vc';
import { loadPinnedContexts } from '@repo/schemas';
import { createVerifier } from '@repo/verifier';
import { ed25519DidKeyDocument } from '../test/helpers/peer-document-loader.ts';
import { bitstringStatusList } from '../test/helpers/peer-libraries.ts';
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

// --- peer
const contexts = loadPinnedContexts();
const documentLoader = async (url: string) => {
  const context = contexts.get(url);
  if (context !== undefined) return { contextUrl: null, documentUrl: url, document: context };
  const list = lists.get(url);
  if (list !== undefined) return { contextUrl: null, documentUrl: url, document: list };
  if (url.startsWith('did:key:')) {
    const [did, fragment] = url.split('#') as [string, string | undefined];
    const doc = ed25519DidKeyDocument(did);
    if (fragment === undefined) return { contextUrl: null, documentUrl: url, document: doc };
    const vm = (doc.verificationMethod as { id: string }[]).find((m) => m.id === url);
    return {
      contextUrl: null,
      documentUrl: url,
      document: { '@context': 'https://w3id.org/security/multikey/v1', ...vm },
    };
  }
  throw new Error(`not found: ${url}`);
};
const suite = new DataIntegrityProof({ cryptosuite });
async function peer(c: unknown): Promise<void> {
  const r = await vc.verifyCredential({
    credential: c,
    suite,
    documentLoader,
    checkStatus: bitstringStatusList.checkStatus,
    now: statusNow,
  });
  if (!r.verified) throw new Error(`peer: ${r.error ?? JSON.stringify(r.statusResult)}`);
  if (r.statusResult?.results?.some((x: { status: boolean }) => x.status)) throw new Error('peer: a status bit is set');
}

for (const c of issued) {
  await ours(c);
  await peer(c);
}
// warm-up: each side's code optimised before the first timed round
for (let i = 0; i < 10 * count; i++) await ours(issued[i % issued.length]);
for (let i = 0; i < count; i++) await peer(issued[i % issued.length]);

const rate = { ours: [] as number[], peer: [] as number[] };
const cpuRate = { ours: [] as number[], peer: [] as number[] };
for (let r = 0; r < rounds; r++) {
  const order = r % 2 === 0 ? (['ours', 'peer'] as const) : (['peer', 'ours'] as const);
  for (const who of order) {
    const fn = who === 'ours' ? ours : peer;
    const n = who === 'ours' ? perRound : Math.max(10, Math.round(perRound / 10)); // the peer is ~10-30x slower
    const c0 = process.cpuUsage();
    const t0 = performance.now();
    for (let i = 0; i < n; i++) await fn(issued[i % issued.length]);
    const ms = performance.now() - t0;
    const c = process.cpuUsage(c0);
    rate[who].push(n / (ms / 1000));
    cpuRate[who].push((n * 1e6) / (c.user + c.system));
  }
}
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
