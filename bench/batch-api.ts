/**
 * Batch issuance through the HTTP API (issue 12: "2 cores through the batch API: ≥ 10,000/s; a
 * 100,000-credential batch signed and stored in ≤ 10 s wall, under 300 MB RSS").
 *
 * Ours: a real issuer process (fresh data folder and key, signing pool of `SIGNING_THREADS`,
 * default the machine's cores), one catalogue achievement, then one CSV upload of N rows (the
 * documented template: rowKey, achievement, recipientEmail → hashed IdentityObject, validFrom,
 * creditsEarned) to `POST /credentials/issue/batch`. Wall time runs from the upload's first byte to
 * the job's `completed` (polled every 50 ms); credentials/s = issued / wall. Peak RSS is the server
 * process's VmHWM (/proc/<pid>/status) after the job; the highest resident set seen at each poll is
 * printed too, split into anonymous memory (V8 heaps, malloc: LevelDB's memtables and cache …) and
 * file pages (the node binary and libraries, LevelDB's memory-mapped tables as compaction reads
 * them). Every row must be issued (none failed).
 * The signing pool starts with the server: the upload waits until the server process is at rest
 * (its CPU use under 5% over half a second), as a running service would be. The server's CPU
 * (all its threads, /proc/<pid>/stat) from the upload to the job's end, per credential, is printed
 * too: on a shared, busy machine it moves less than the wall time.
 *
 * Peer: the DCC signing-service signing the same OB 3.0 credential one request at a time over 8
 * connections (autocannon) for `peerSeconds`, TIME-BOXED: its time for N credentials is
 * extrapolated from its rate, and printed as such (it has no batch API, stores nothing).
 *
 * Usage: node --import tsx bench/batch-api.ts [N=100000] [peerSeconds=10]
 */
import { loadavg } from 'node:os';
import autocannon from 'autocannon';
import { credential } from './fixture.ts';
import { emitFigures, numArg } from './lib/report.ts';
import { cpuSecondsOf, dccInstalled, dccVersion, memoryOf, startDcc, startOurIssuer } from './lib/servers.ts';

const N = Math.round(numArg(0, 100_000));
const peerSeconds = numArg(1, 10);

/** Resolves once process `pid` used under 5% of a CPU over half a second (at most 60 s). */
async function atRest(pid: number): Promise<void> {
  let before = cpuSecondsOf(pid);
  for (let i = 0; i < 120; i++) {
    await new Promise((r) => setTimeout(r, 500));
    const now = cpuSecondsOf(pid);
    if (now - before < 0.025) return;
    before = now;
  }
}

// --- ours
const issuer = await startOurIssuer();
const auth = { authorization: `Bearer ${issuer.token}` };
let ours: {
  rate: number;
  wall: number;
  peakMb: number;
  highest: ReturnType<typeof memoryOf>;
  issued: number;
  uploadS: number;
  cpuUs: number;
};
let sampler: ReturnType<typeof setInterval> | undefined;
try {
  const achievementId = 'https://skills-council.example/achievements/bench-cohort';
  const created = await fetch(`${issuer.url}/achievements`, {
    method: 'POST',
    headers: { ...auth, 'content-type': 'application/json' },
    body: JSON.stringify({
      id: achievementId,
      type: ['Achievement'],
      achievementType: 'Certification',
      name: 'Certified Industrial Maintenance Technician — Level 1',
      description: 'Holds the knowledge and hands-on skills to maintain industrial systems safely.',
      criteria: { narrative: 'Passed the written exam and a proctored practical assessment.' },
      creditsAvailable: 6,
    }),
  });
  if (created.status !== 201 && created.status !== 200)
    throw new Error(`POST /achievements: ${created.status} ${await created.text()}`);

  const lines = ['rowKey,achievement,recipientEmail,validFrom,creditsEarned'];
  for (let i = 0; i < N; i++)
    lines.push(`bench-${i},${achievementId},person${i}@cohort.example,2026-01-01T00:00:00Z,${1 + (i % 6)}`);
  const csv = Buffer.from(`${lines.join('\n')}\n`);
  await atRest(issuer.pid);
  const rssBefore = memoryOf(issuer.pid);
  console.log(
    `batch API: ${N} rows, ${(csv.length / 1e6).toFixed(1)} MB CSV; server RSS before ${rssBefore.rssMb.toFixed(0)} MB (anon ${rssBefore.anonMb.toFixed(0)} + file ${rssBefore.fileMb.toFixed(0)})`,
  );

  console.log(
    `  load average before the upload: ${loadavg()
      .map((l) => l.toFixed(2))
      .join(', ')}`,
  );
  const cpu0 = cpuSecondsOf(issuer.pid);
  // The highest resident set seen every 50 ms from the upload to the job's end, with its parts.
  let highest = memoryOf(issuer.pid);
  sampler = setInterval(() => {
    const now = memoryOf(issuer.pid);
    if (now.rssMb > highest.rssMb) highest = now;
  }, 50);
  const t0 = performance.now();
  const res = await fetch(`${issuer.url}/credentials/issue/batch`, {
    method: 'POST',
    headers: { ...auth, 'content-type': 'text/csv' },
    body: csv,
  });
  const uploadS = (performance.now() - t0) / 1000;
  const text = await res.text();
  if (res.status !== 202) throw new Error(`upload: ${res.status} ${text}`);
  const jobUrl = `${issuer.url}${res.headers.get('location')}`;
  let job: Record<string, any> = JSON.parse(text);
  let lastPrint = 0;
  while (job.state !== 'completed') {
    if (job.state === 'interrupted') throw new Error(`job interrupted: ${JSON.stringify(job)}`);
    if (performance.now() - t0 > 600_000) throw new Error(`not completed in 600 s: ${JSON.stringify(job)}`);
    await new Promise((r) => setTimeout(r, 50));
    job = (await (await fetch(jobUrl, { headers: auth })).json()) as Record<string, any>;
    if (performance.now() - lastPrint > 2000) {
      lastPrint = performance.now();
      console.log(`  ${((lastPrint - t0) / 1000).toFixed(1)} s: ${job.state}, issued ${job.issued}/${job.rows}`);
    }
  }
  const wall = (performance.now() - t0) / 1000;
  clearInterval(sampler);
  const cpuUs = ((cpuSecondsOf(issuer.pid) - cpu0) / N) * 1e6;
  const { peakMb } = memoryOf(issuer.pid);
  if (job.issued !== N || job.failed !== 0)
    throw new Error(`expected ${N} issued, got ${JSON.stringify({ ...job, links: undefined })}`);
  ours = { rate: job.issued / wall, wall, peakMb, highest, issued: job.issued, uploadS, cpuUs };
  // A look at one result and one credential, so a run shows what it made.
  const first = await (await fetch(`${jobUrl}/results`, { headers: auth })).text();
  if (!first.startsWith('{"row":1,')) throw new Error(`results: ${first.slice(0, 200)}`);
} finally {
  clearInterval(sampler);
  await issuer.stop();
}

// --- peer: DCC, one credential per request, 8 connections, time-boxed and extrapolated
let peer: { rate: number; extrapolatedS: number } | undefined;
if (dccInstalled()) {
  const dcc = await startDcc();
  try {
    const { id: _id, ...unsigned } = credential;
    let ok = 0;
    let bad = 0;
    await new Promise<void>((resolve, reject) => {
      const instance = autocannon(
        {
          url: `${dcc.url}/instance/testing/credentials/sign?suite=eddsa2022`,
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify(unsigned),
          connections: 8,
          duration: peerSeconds,
        },
        (error) => (error ? reject(error) : resolve()),
      );
      instance.on('response', (_c, status) => {
        if (status === 200) ok++;
        else bad++;
      });
    });
    if (bad > 0) throw new Error(`DCC answered ${bad} requests with a status other than 200`);
    const rate = ok / peerSeconds;
    peer = { rate, extrapolatedS: N / rate };
  } finally {
    await dcc.stop();
  }
} else console.log('DCC signing-service not installed (bash bench/peers/setup-dcc.sh): peer skipped');

console.log(`batch API, ${N} credentials (CSV upload → job completed), server process:`);
console.log(
  `  ours: ${ours.rate.toFixed(0)} credentials/s, ${ours.wall.toFixed(2)} s wall (upload answered 202 after ${ours.uploadS.toFixed(2)} s), peak RSS ${ours.peakMb.toFixed(0)} MB (highest seen polling: ${ours.highest.rssMb.toFixed(0)} = anon ${ours.highest.anonMb.toFixed(0)} + file ${ours.highest.fileMb.toFixed(0)}); server CPU ${ours.cpuUs.toFixed(0)} µs a credential (all threads; ${((ours.cpuUs * N) / 1e6 / ours.wall).toFixed(2)} cores busy); load average now ${loadavg()
    .map((l) => l.toFixed(2))
    .join(', ')}`,
);
if (peer) {
  console.log(
    `  peer: DCC ${dccVersion()} one request per credential, 8 connections, ${peerSeconds} s time-box: ${peer.rate.toFixed(0)}/s → ${N} would take ~${peer.extrapolatedS.toFixed(0)} s (EXTRAPOLATED)`,
  );
  console.log(`  ratio ours/peer: ${(ours.rate / peer.rate).toFixed(1)}x`);
}
const peerName = peer ? `DCC ${dccVersion()}, per request, extrapolated` : undefined;
emitFigures({
  'batch.rate': { ours: ours.rate, peer: peer?.rate, peerName, unit: '/s' },
  'batch.wall': {
    ours: ours.wall,
    peer: peer?.extrapolatedS,
    peerName,
    unit: 's',
    note: `${N} credentials`,
  },
  'batch.rss': { ours: ours.peakMb, unit: 'MB', note: 'server VmHWM' },
  'batch.cpu': { ours: ours.cpuUs, unit: 'µs', note: 'server CPU a credential, all threads' },
});
