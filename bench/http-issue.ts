/**
 * HTTP single issue, 8 connections, load generator (autocannon) in this process on the same
 * machine, against two real server processes started here:
 *  - ours: the issuer as `npm start` runs it (packages/issuer/start.mjs), fresh data folder and key, `POST /credentials/issue`
 *    `{ "credential": … }` with a bearer token (signs eddsa-rdfc-2022, allocates status entries,
 *    stores the credential durably in LevelDB before answering 201);
 *  - peer: the DCC signing-service (bench/peers/setup-dcc.sh), `POST
 *    /instance/testing/credentials/sign?suite=eddsa2022` with the same credential (signs
 *    eddsa-rdfc-2022 with @digitalbazaar/vc and answers 200; stores nothing).
 * The credential is the bench fixture (OB 3.0 certification) without an `id` (ours assigns one;
 * DCC signs it as sent), its issuer set to each service's own DID. Rounds alternate ours / peer,
 * each `seconds` long after a warm-up (1 s slices until a side's rate stops rising); req/s counts
 * 2xx answers only (any other status fails the run); latencies are every 2xx answer's, in ms. Prints medians over rounds and the ratios, with
 * each server's CPU (user + system, /proc) per answer — all its threads (ours: the signing workers,
 * LevelDB's and V8's threads too) and its main thread — which a busy machine changes less than
 * req/s, and the load average before and after.
 *
 * With `floor` as the 4th argument, two more servers join the same interleaved rounds: the
 * machine's floor (bench/lib/floor-server.ts: bare node:http + the same signing pool, nothing
 * else; the same storing each credential durably; and bare node:http answering without signing) — how far the issuer is from what this
 * machine can do at all with this signature, the load generator sharing its 2 cores.
 *
 * Usage: node --import tsx bench/http-issue.ts [rounds=3] [seconds=5] [connections=8] [floor]
 *   (run `bash bench/peers/setup-dcc.sh` once first; without it the peer is skipped and said so)
 */
import { loadavg } from 'node:os';
import autocannon from 'autocannon';
import { credential } from './fixture.ts';
import { emitFigures, median, numArg, quantile } from './lib/report.ts';
import {
  type BenchServer,
  cpuSecondsOf,
  dccInstalled,
  dccVersion,
  type OurIssuer,
  startDcc,
  startFloor,
  startOurIssuer,
} from './lib/servers.ts';

const rounds = numArg(0, 3);
const seconds = numArg(1, 5);
const connections = numArg(2, 8);
const withFloor = process.argv[5] === 'floor';

const { id: _id, ...unsigned } = credential;
const ours: OurIssuer = await startOurIssuer();
const peer: BenchServer | undefined = dccInstalled() ? await startDcc() : undefined;
if (!peer) console.log('DCC signing-service not installed (bash bench/peers/setup-dcc.sh): peer skipped');
const floors: Record<'sign' | 'store' | 'echo', BenchServer> | undefined = withFloor
  ? { sign: await startFloor('sign'), store: await startFloor('store'), echo: await startFloor('echo') }
  : undefined;

interface Target {
  name: string;
  pid: number;
  url: string;
  headers: Record<string, string>;
  body: string;
  status: number;
}
const targets: Target[] = [
  {
    name: 'ours',
    pid: ours.pid,
    url: `${ours.url}/credentials/issue`,
    headers: { 'content-type': 'application/json', authorization: `Bearer ${ours.token}` },
    body: JSON.stringify({
      credential: { ...unsigned, issuer: { ...(unsigned.issuer as object), id: ours.issuerId } },
    }),
    status: 201,
  },
];
if (peer)
  targets.push({
    name: 'peer',
    pid: peer.pid,
    url: `${peer.url}/instance/testing/credentials/sign?suite=eddsa2022`,
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(unsigned),
    status: 200,
  });

if (floors) {
  const body = JSON.stringify({ credential: unsigned });
  for (const mode of ['sign', 'store', 'echo'] as const) {
    const f = floors[mode];
    targets.push({
      name: `floor-${mode}`,
      pid: f.pid,
      url: `${f.url}/credentials/issue`,
      headers: { 'content-type': 'application/json' },
      body,
      status: 201,
    });
  }
}

// Each answers with a signed credential before any load.
for (const t of targets) {
  const res = await fetch(t.url, { method: 'POST', headers: t.headers, body: t.body });
  const text = await res.text();
  if (res.status !== t.status) throw new Error(`${t.name}: ${res.status} ${text}`);
  const signed = JSON.parse(text);
  const vc = t.name === 'peer' ? signed : signed.verifiableCredential;
  if (vc?.proof?.cryptosuite !== 'eddsa-rdfc-2022') throw new Error(`${t.name}: no eddsa-rdfc-2022 proof: ${text}`);
}

interface Round {
  rps: number;
  p50: number;
  p99: number;
  /** Server CPU (all its threads, and its main thread) per 2xx answer, µs. */
  cpuUs: number;
  mainUs: number;
}
async function load(t: Target, duration: number): Promise<Round> {
  const latencies: number[] = [];
  let bad = 0;
  let badSample = '';
  let instance!: autocannon.Instance;
  const cpu0 = cpuSecondsOf(t.pid);
  const main0 = cpuSecondsOf(t.pid, 'main');
  const result = await new Promise<autocannon.Result>((resolve, reject) => {
    instance = autocannon(
      { url: t.url, method: 'POST', headers: t.headers, body: t.body, connections, duration },
      (error, r) => (error ? reject(error) : resolve(r)),
    );
    instance.on('response', (_client, statusCode, _bytes, responseTime) => {
      if (statusCode === t.status) latencies.push(responseTime);
      else {
        bad++;
        badSample ||= String(statusCode);
      }
    });
  });
  if (bad > 0 || result.errors > 0 || result.timeouts > 0)
    throw new Error(`${t.name}: ${bad} answers not ${t.status} (e.g. ${badSample}), ${result.errors} errors`);
  const per = (s: number) => (s * 1e6) / latencies.length;
  return {
    rps: latencies.length / duration,
    p50: quantile(latencies, 0.5),
    p99: quantile(latencies, 0.99),
    cpuUs: per(cpuSecondsOf(t.pid) - cpu0),
    mainUs: per(cpuSecondsOf(t.pid, 'main') - main0),
  };
}

/**
 * Loads a server in 1 s slices until its rate stops rising (two slices in a row no more than 5 %
 * above the best before them; at least 5 slices, at most 20): a service just started is still
 * loading its workers and optimising its code, and rounds timed then measure that, not the
 * service. Returns each slice's req/s.
 */
async function warmUp(t: Target): Promise<string[]> {
  const rates: number[] = [];
  let flat = 0;
  for (let i = 0; i < 20; i++) {
    const { rps } = await load(t, 1);
    flat = rps <= Math.max(0, ...rates) * 1.05 ? flat + 1 : 0;
    rates.push(rps);
    if (i >= 4 && flat >= 2) break;
  }
  return rates.map((r) => r.toFixed(0));
}

const loadAverage = () =>
  loadavg()
    .map((x) => x.toFixed(2))
    .join(' ');
const loadBefore = loadAverage();
try {
  for (const t of targets) console.log(`  ${t.name} warm-up: ${(await warmUp(t)).join(' ')} req/s`);
  const got: Record<string, Round[]> = Object.fromEntries(targets.map((t) => [t.name, []]));
  for (let r = 0; r < rounds; r++) {
    const order = r % 2 === 0 ? targets : [...targets].reverse();
    for (const t of order) got[t.name]!.push(await load(t, seconds));
  }
  const summary = (name: string) => {
    const rs = got[name]!;
    return {
      rps: median(rs.map((x) => x.rps)),
      p50: median(rs.map((x) => x.p50)),
      p99: median(rs.map((x) => x.p99)),
      cpuUs: median(rs.map((x) => x.cpuUs)),
      mainUs: median(rs.map((x) => x.mainUs)),
    };
  };
  const o = summary('ours');
  console.log(
    `HTTP single issue, ${connections} connections, autocannon in-process, ${rounds} interleaved rounds of ${seconds} s (medians)`,
  );
  const line = (label: string, name: string) => {
    const s = summary(name);
    const rounds = got[name]!.map((x) => x.rps.toFixed(0)).join(' ');
    console.log(
      `  ${label}: ${s.rps.toFixed(0).padStart(6)} req/s  p50 ${s.p50.toFixed(2)} ms  p99 ${s.p99.toFixed(2)} ms  (rounds: ${rounds})`,
    );
    console.log(
      `        server CPU ${s.cpuUs.toFixed(0)} µs a request (all threads; main thread ${s.mainUs.toFixed(0)} µs)`,
    );
  };
  line('ours', 'ours');
  if (peer) {
    line('peer', 'peer');
    const p = summary('peer');
    console.log(`  peer = DCC ${dccVersion()}, suite eddsa2022, stores nothing`);
    console.log(
      `  ratio ours/peer: ${(o.rps / p.rps).toFixed(2)}x req/s, p50 ${(p.p50 / o.p50).toFixed(2)}x lower, p99 ${(p.p99 / o.p99).toFixed(2)}x lower, ${(p.cpuUs / o.cpuUs).toFixed(2)}x less server CPU a request`,
    );
  }
  if (floors) {
    line('floor, bare node:http + signing pool', 'floor-sign');
    line('floor, bare node:http + signing pool + durable LevelDB write', 'floor-store');
    line('floor, bare node:http, no signature', 'floor-echo');
    for (const [name, what] of [
      ['floor-sign', 'signature'],
      ['floor-store', 'signature and durable write'],
    ] as const) {
      const f = summary(name);
      console.log(
        `  ours / floor with ${what}: ${(o.rps / f.rps).toFixed(2)}x req/s (the rest of the issuer's work costs ${(o.cpuUs - f.cpuUs).toFixed(0)} µs CPU a request)`,
      );
    }
  }
  console.log(`  load average before ${loadBefore}, after ${loadAverage()}`);
  const p = peer ? summary('peer') : undefined;
  const peerName = peer ? `DCC ${dccVersion()}` : undefined;
  emitFigures({
    'http.rps': { ours: o.rps, peer: p?.rps, peerName, unit: 'req/s' },
    'http.p50': { ours: o.p50, peer: p?.p50, peerName, unit: 'ms' },
    'http.p99': { ours: o.p99, peer: p?.p99, peerName, unit: 'ms' },
  });
} finally {
  await ours.stop();
  await peer?.stop();
  for (const f of Object.values(floors ?? {})) await f.stop();
}
