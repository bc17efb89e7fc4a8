/**
 * `certify issue --csv` and the batch commands (packages/cli), run as a real child process against
 * an issuer on 127.0.0.1 (real LevelDB in a temp folder, frozen clock, status lists served on the
 * loopback URL): a cohort with good and bad rows → exit 1, progress as plain lines when not on a
 * terminal, the per-row error report, signed credentials a peer (`@digitalbazaar/vc` with
 * vc-bitstring-status-list) verifies, the same file again → the same job (Idempotency-Key = the
 * file's SHA-256), `batch status|results`, and revoking the whole job with a reason.
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type IssuerApp, startIssuerApp, TOKENS } from '../helpers/issuer-app.ts';
import { call } from '../helpers/issuer-process.ts';
import { peerVerify } from '../helpers/peer-verify.ts';
import { readCsv as parseCsv } from '../records/csv-reader.ts';
import { type Run, runCertify } from './run-certify.ts';

let issuer: IssuerApp;
let dir: string;

beforeAll(async () => {
  issuer = await startIssuerApp({ loopbackPublicBaseUrl: true });
  dir = mkdtempSync(join(tmpdir(), 'certify-issue-test-'));
});
afterAll(async () => {
  await issuer?.close();
  if (dir) rmSync(dir, { recursive: true, force: true });
});

const certify = (args: string[], env: Record<string, string> = {}): Promise<Run> =>
  runCertify(args, { ISSUER_URL: issuer.url, ISSUER_TOKEN: TOKENS.full, ...env });

const file = (name: string, content: string) => {
  const path = join(dir, name);
  writeFileSync(path, content);
  return path;
};

const history = async (id: string) =>
  (await call(issuer.url, 'GET', `/credentials/${encodeURIComponent(id)}/history`, undefined, TOKENS.full)).json
    .entries;

const achievement = () => ({
  id: 'https://college.example/achievements/welding-1',
  type: ['Achievement'],
  achievementType: 'Certificate',
  name: 'Welding I',
  description: 'Welds a butt joint to code.',
  criteria: { narrative: 'Pass the practical welding test.' },
});

describe('certify issue --csv (batch issuance)', () => {
  it('good and bad rows: exit 1, progress lines (not a TTY), an error report naming row, key, column and code; the credentials verify with a peer; a re-run gets the same job', async () => {
    const cohort = file(
      'cohort.csv',
      [
        'rowKey,recipientId,recipientEmail,creditsEarned,validFrom',
        'fall-0001,did:key:z6MkhaXgBZDvotDkL5257faiztiGiC2QtKLGpbnnEGta2doK,,3,2026-03-01T00:00:00Z',
        'fall-0002,,ada@college.example,2,2026-03-01T00:00:00Z',
        'fall-0003,,not-an-email,2,2026-03-01T00:00:00Z',
        'fall-0004,did:key:z6MkhaXgBZDvotDkL5257faiztiGiC2QtKLGpbnnEGta2doK,,3,yesterday',
        'fall-0005,,grace@college.example,1.5,2026-03-01T00:00:00Z',
        '',
      ].join('\n'),
    );
    const path = file('welding.json', JSON.stringify(achievement()));
    expect((await certify(['achievements', 'add', path])).code).toBe(0);
    const out = join(dir, 'credentials.jsonl');
    const run = await certify([
      'issue',
      '--csv',
      cohort,
      '--achievement',
      achievement().id,
      '--out',
      out,
      '--poll-interval',
      '50',
    ]);
    expect(run.code, run.stderr + run.stdout).toBe(1);
    expect(run.stderr).toMatch(/^progress: 5\/5 rows \(3 issued, 0 already issued, 2 failed\) completed$/m);
    expect(run.stderr).not.toContain('\u001b[');
    expect(run.stdout).toMatch(/job \S+: completed — 5 rows: 3 issued, 0 already issued, 2 failed/);
    expect(run.stdout).toContain(`error report (failed rows): ${cohort}.errors.csv`);

    const report = parseCsv(readFileSync(`${cohort}.errors.csv`, 'utf8'));
    expect(report[0]).toEqual(['row', 'rowKey', 'column', 'pointer', 'code', 'message']);
    expect(report.slice(1).map((r) => [r[0], r[1], r[2], r[4]])).toEqual([
      ['3', 'fall-0003', 'recipientEmail', 'MALFORMED_VALUE_ERROR'],
      ['4', 'fall-0004', 'validFrom', 'MALFORMED_VALUE_ERROR'],
    ]);
    expect(report.slice(1).every((r) => r[5]!.length > 0)).toBe(true);

    const lines = readFileSync(out, 'utf8')
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l));
    expect(lines.map((l) => l.row)).toEqual([1, 2, 5]);
    for (const { verifiableCredential } of lines) {
      const result = await peerVerify(verifiableCredential);
      expect(result.verified, JSON.stringify(result.error ?? result.results?.[0]?.error)).toBe(true);
    }

    const job = run.stdout.match(/job (\S+):/)![1]!;
    const again = await certify(['--json', 'issue', '--csv', cohort, '--achievement', achievement().id, '--no-wait']);
    expect(again.code).toBe(0);
    expect(JSON.parse(again.stdout).id).toBe(job);
    const status = await certify(['--json', 'batch', 'status', job]);
    expect(JSON.parse(status.stdout)).toMatchObject({ id: job, rows: 5, issued: 3, failed: 2 });
    const failed = await certify(['batch', 'results', job, '--failed']);
    expect(failed.stdout.trim().split('\n')).toHaveLength(2);
    expect(failed.stdout).toContain('row 3\tfall-0003\tfailed\tMALFORMED_VALUE_ERROR: ');

    const revoked = await certify(['revoke', '--batch', job, '--reason', 'Session annulled']);
    expect(revoked.code).toBe(0);
    expect(revoked.stdout).toBe('revoked: 3 changed, 0 unchanged, 0 failed\n');
    expect((await history(lines[0].id))[0]).toMatchObject({ action: 'revoked', reason: 'Session annulled' });
  });
});
