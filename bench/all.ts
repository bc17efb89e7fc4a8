/**
 * Runs every benchmark of issue 12 one after the other (each a child process, bounded in time),
 * shows their own output, then prints ONE table: target | ours | peer | ratio | met? for every
 * target of the issue. The peers are measured in the same run (same process or interleaved rounds
 * of the same bench). Installs the DCC signing-service first when it is missing
 * (bench/peers/setup-dcc.sh: git clone + npm ci into .tmp/peers/).
 *
 * Usage: node --import tsx bench/all.ts [--quick]      (npm run bench:all [-- --quick])
 *   --quick: shorter rounds and a 10,000-row batch (the 100,000-in-10-s row then says so).
 */
import { spawn, spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { FIGURES_PREFIX, type Figure } from './lib/report.ts';
import { dccInstalled, ROOT } from './lib/servers.ts';

const quick = process.argv.includes('--quick');
const BATCH_N = quick ? 10_000 : 100_000;

interface Bench {
  file: string;
  args: string[];
  timeoutS: number;
  /** Node options before the script (di-pipeline: --single-threaded, one core however busy the machine is). */
  node?: string[];
}
const benches: Bench[] = [
  {
    file: 'di-pipeline.ts',
    args: quick ? ['3', '300'] : ['10', '1000'],
    timeoutS: 900,
    node: ['--single-threaded'],
  },
  { file: 'verify-status.ts', args: quick ? ['2', '100', '16'] : ['6', '300', '50'], timeoutS: 600 },
  { file: 'jwt.ts', args: quick ? ['3', '300'] : ['10', '500'], timeoutS: 300 },
  { file: 'cores.ts', args: quick ? ['2', '1000'] : ['5', '4000'], timeoutS: 600 },
  { file: 'http-issue.ts', args: quick ? ['1', '3'] : ['3', '5'], timeoutS: 300 },
  { file: 'batch-api.ts', args: [String(BATCH_N), quick ? '3' : '10'], timeoutS: 900 },
];

if (!dccInstalled()) {
  console.log('DCC signing-service missing: bash bench/peers/setup-dcc.sh');
  const r = spawnSync('bash', [join(ROOT, 'bench', 'peers', 'setup-dcc.sh')], { stdio: 'inherit' });
  if (r.status !== 0) console.log('(setup-dcc.sh failed: the DCC peer figures will be missing)');
}

/** Runs one bench, echoing its output; resolves with everything it printed. */
function run(b: Bench): Promise<{ out: string; ok: boolean; seconds: number }> {
  const t0 = performance.now();
  const node = [...(b.node ?? []), '--import', 'tsx'];
  console.log(`\n=== node ${node.join(' ')} bench/${b.file} ${b.args.join(' ')}`);
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [...node, join(ROOT, 'bench', b.file), ...b.args], {
      cwd: ROOT,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let out = '';
    const echo = (chunk: Buffer) => {
      const text = chunk.toString('utf8');
      out += text;
      for (const line of text.split('\n'))
        if (line !== '' && !line.startsWith(FIGURES_PREFIX)) process.stdout.write(`${line}\n`);
    };
    child.stdout.on('data', echo);
    child.stderr.on('data', echo);
    const timer = setTimeout(() => {
      console.log(`(bench/${b.file} passed its ${b.timeoutS} s bound: stopped)`);
      child.kill('SIGTERM');
    }, b.timeoutS * 1000);
    child.on('exit', (code) => {
      clearTimeout(timer);
      resolve({ out, ok: code === 0, seconds: (performance.now() - t0) / 1000 });
    });
  });
}

const figures: Record<string, Figure> = {};
for (const b of benches) {
  const { out, ok, seconds } = await run(b);
  console.log(`(${ok ? 'done' : 'FAILED'} in ${seconds.toFixed(0)} s)`);
  for (const line of out.split('\n')) {
    if (line.startsWith(FIGURES_PREFIX)) Object.assign(figures, JSON.parse(line.slice(FIGURES_PREFIX.length)));
  }
  if (b.file === 'di-pipeline.ts') Object.assign(figures, diPipelineFigures(out));
}

/**
 * bench/di-pipeline.ts belongs to another helper and prints text, read here: blocks that start
 * with an unindented label ("sign …", "verify: proof …" or "verify (…", "verify: full verifier …",
 * "verify + status …"), each with "ours : N /s" and "stock: N /s" lines.
 */
function diPipelineFigures(out: string): Record<string, Figure> {
  const found: Record<string, Figure> = {};
  const blocks = out.split(/\n(?=\S)/);
  const keyOf = (label: string): string | undefined => {
    if (label.startsWith('sign')) return 'di.sign';
    if (label.startsWith('verify + status')) return 'di.verify.status';
    if (label.startsWith('verify: full')) return 'di.verify.full';
    if (label.startsWith('verify: proof') || label.startsWith('verify (')) return 'di.verify';
    return undefined;
  };
  for (const block of blocks) {
    const key = keyOf(block);
    const ours = Number(/ours\s*:\s*([\d.]+)/.exec(block)?.[1]);
    const stock = Number(/stock\s*:\s*([\d.]+)/.exec(block)?.[1]);
    if (key && Number.isFinite(ours))
      found[key] = { ours, peer: stock, peerName: '@digitalbazaar/vc stock pipeline', unit: '/s' };
  }
  return found;
}

// --- the table
type Dir = 'min' | 'max';
interface Row {
  target: string;
  key: string;
  threshold: number;
  dir: Dir;
  /** ratio = ours/peer (throughput) or peer/ours (latency, time); or the figure itself (x). */
  ratio?: 'higher' | 'lower';
}
const rows: Row[] = [
  {
    target: 'DI issue (eddsa-rdfc-2022), 1 core ≥ 4,000/s',
    key: 'di.sign',
    threshold: 4000,
    dir: 'min',
    ratio: 'higher',
  },
  { target: 'DI verify (proof), 1 core ≥ 4,000/s', key: 'di.verify', threshold: 4000, dir: 'min', ratio: 'higher' },
  {
    target: 'DI verify (full verifier), 1 core ≥ 4,000/s',
    key: 'di.verify.full',
    threshold: 4000,
    dir: 'min',
    ratio: 'higher',
  },
  {
    target: 'verify + status, cached list (di-pipeline), ≥ 3,500/s',
    key: 'di.verify.status',
    threshold: 3500,
    dir: 'min',
    ratio: 'higher',
  },
  {
    target: 'verify + status, cached lists, issued by our server, ≥ 3,500/s',
    key: 'verify.status',
    threshold: 3500,
    dir: 'min',
    ratio: 'higher',
  },
  { target: 'batch API, 2 cores ≥ 10,000/s', key: 'batch.rate', threshold: 10_000, dir: 'min', ratio: 'higher' },
  {
    target: `batch of ${BATCH_N.toLocaleString('en')} signed+stored ≤ 10 s wall${quick ? ' (QUICK: target is 100,000)' : ''}`,
    key: 'batch.wall',
    threshold: 10,
    dir: 'max',
    ratio: 'lower',
  },
  { target: 'batch server peak RSS < 300 MB', key: 'batch.rss', threshold: 300, dir: 'max' },
  { target: 'HTTP single issue, 8 conns ≥ 2,500/s', key: 'http.rps', threshold: 2500, dir: 'min', ratio: 'higher' },
  { target: 'HTTP single issue p50 ≤ 3 ms', key: 'http.p50', threshold: 3, dir: 'max', ratio: 'lower' },
  { target: 'HTTP single issue p99 ≤ 10 ms', key: 'http.p99', threshold: 10, dir: 'max', ratio: 'lower' },
  { target: 'HTTP single issue ≥ 10× DCC signing-service', key: 'http.vsPeer', threshold: 10, dir: 'min' },
  { target: 'VC-JWT EdDSA sign, 1 core ≥ 12,000/s', key: 'jwt.sign', threshold: 12_000, dir: 'min', ratio: 'higher' },
  { target: 'VC-JWT EdDSA verify, 1 core ≥ 7,000/s', key: 'jwt.verify', threshold: 7000, dir: 'min', ratio: 'higher' },
  { target: '1 → 2 cores, issue ≥ 1.7×', key: 'cores.issue', threshold: 1.7, dir: 'min' },
  { target: '1 → 2 cores, verify ≥ 1.7×', key: 'cores.verify', threshold: 1.7, dir: 'min' },
];
const http = figures['http.rps'];
if (http?.peer !== undefined)
  figures['http.vsPeer'] = {
    ours: http.ours / http.peer,
    unit: 'x',
    note: `${http.ours.toFixed(0)} vs ${http.peer.toFixed(0)} req/s`,
  };

const fmt = (v: number | undefined, unit: string): string => {
  if (v === undefined || !Number.isFinite(v)) return '—';
  if (unit === 'x') return `${v.toFixed(2)}×`;
  if (unit === 'ms' || unit === 's') return `${v.toFixed(2)} ${unit}`;
  if (unit === 'MB') return `${v.toFixed(0)} MB`;
  return `${Math.round(v).toLocaleString('en')}${unit.startsWith('/') ? '' : ' '}${unit}`;
};
const table: string[][] = [['target', 'ours', 'peer', 'ratio', 'met?']];
for (const row of rows) {
  const f = figures[row.key];
  if (!f) {
    table.push([row.target, 'not measured', '—', '—', 'NO']);
    continue;
  }
  const met = row.dir === 'min' ? f.ours >= row.threshold : f.ours <= row.threshold;
  const ratio =
    f.peer === undefined || row.ratio === undefined
      ? '—'
      : row.ratio === 'higher'
        ? `${(f.ours / f.peer).toFixed(2)}×`
        : `${(f.peer / f.ours).toFixed(2)}× lower`;
  const peer = f.peer === undefined ? (f.note ?? '—') : `${fmt(f.peer, f.unit)} (${f.peerName ?? 'peer'})`;
  table.push([row.target, fmt(f.ours, f.unit), peer, ratio, met ? 'yes' : 'NO']);
}
const widths = table[0]!.map((_, c) => Math.max(...table.map((r) => r[c]!.length)));
const line = (r: string[]) => `| ${r.map((cell, c) => cell.padEnd(widths[c]!)).join(' | ')} |`;
console.log(
  `\nIssue 12 targets (${quick ? 'QUICK run' : 'full run'}; 2 shared cores: noisy, read with the per-bench output above)`,
);
console.log(line(table[0]!));
console.log(`|${widths.map((w) => '-'.repeat(w + 2)).join('|')}|`);
for (const r of table.slice(1)) console.log(line(r));
const extra = ['jwt.sign.vc-jose-cose', 'jwt.verify.vc-jose-cose'].filter((k) => figures[k]);
for (const k of extra) {
  const f = figures[k]!;
  console.log(
    `  (${k}: ours ${fmt(f.ours, f.unit)}, ${f.peerName} ${fmt(f.peer, f.unit)}, ${(f.ours / f.peer!).toFixed(2)}×)`,
  );
}
