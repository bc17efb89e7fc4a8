/**
 * `certify` (packages/cli) run as a real child process — `node --import tsx packages/cli/src/main.ts`,
 * as `npm run certify` runs it — against an issuer listening on 127.0.0.1 (real LevelDB in a temp
 * folder, frozen clock): exit codes (0 done, 1 refused / failed rows, 2 unreachable / usage),
 * problems on stderr as "code: detail (pointer)", the catalogue, bulk status with reasons in the
 * history, CSV export, and keygen writing only where it is told (the batch commands:
 * certify-issue.test.ts).
 */
import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { issueCertification } from '../helpers/awards.ts';
import { type IssuerApp, startIssuerApp, TOKENS } from '../helpers/issuer-app.ts';
import { call } from '../helpers/issuer-process.ts';
import { readCsv as parseCsv } from '../records/csv-reader.ts';
import { type Run, runCertify } from './run-certify.ts';

let issuer: IssuerApp;
let dir: string;

beforeAll(async () => {
  issuer = await startIssuerApp();
  dir = mkdtempSync(join(tmpdir(), 'certify-test-'));
});
afterAll(async () => {
  await issuer?.close();
  if (dir) rmSync(dir, { recursive: true, force: true });
});

/** `certify args…` against the test issuer with the full-scope token (`env` overrides). */
const certify = (args: string[], env: Record<string, string> = {}, cwd?: string): Promise<Run> =>
  runCertify(args, { ISSUER_URL: issuer.url, ISSUER_TOKEN: TOKENS.full, ...env }, cwd);

const file = (name: string, content: string) => {
  const path = join(dir, name);
  writeFileSync(path, content);
  return path;
};

const issueOne = () => issueCertification(issuer.url);

const history = async (id: string) =>
  (await call(issuer.url, 'GET', `/credentials/${encodeURIComponent(id)}/history`, undefined, TOKENS.full)).json
    .entries;

const achievement = (change: Record<string, unknown> = {}) => ({
  id: 'https://college.example/achievements/welding-1',
  type: ['Achievement'],
  achievementType: 'Certificate',
  name: 'Welding I',
  description: 'Welds a butt joint to code.',
  criteria: { narrative: 'Pass the practical welding test.' },
  ...change,
});

describe('certify: usage, exit codes and problems', () => {
  it('--help lists the commands and the exit codes (0); misuse → 2; an unreachable service → 2', async () => {
    const help = await certify(['--help']);
    expect(help.code).toBe(0);
    for (const word of ['achievements', 'issue', 'batch', 'revoke', 'suspend', 'reinstate', 'export', 'keygen']) {
      expect(help.stdout).toContain(word);
    }
    expect(help.stdout).toMatch(/Exit codes:[\s\S]*0 {2}done[\s\S]*1 {2}[\s\S]*2 {2}/);

    const unknown = await certify(['frobnicate']);
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toContain("unknown command 'frobnicate'");
    const neither = await certify(['issue']);
    expect(neither.code).toBe(2);
    expect(neither.stderr).toContain('exactly one of --csv FILE or --jsonl FILE');

    const down = await certify(['achievements', 'list'], { ISSUER_URL: 'http://127.0.0.1:9' });
    expect(down.code).toBe(2);
    expect(down.stderr).toContain('Could not reach http://127.0.0.1:9');
  });

  it('A1/A5 refusals from the service → 1, printed as "code: detail (pointer)"', async () => {
    const bad = file('bad-achievement.json', JSON.stringify(achievement({ id: 'not a url' })));
    const refused = await certify(['achievements', 'add', bad]);
    expect(refused.code).toBe(1);
    expect(refused.stderr).toMatch(/MALFORMED_VALUE_ERROR: .+ \(\/id\)/);
    const forbidden = await certify(['revoke', 'urn:uuid:x'], { ISSUER_TOKEN: TOKENS.readOnly });
    expect(forbidden.code).toBe(1);
    expect(forbidden.stderr).toMatch(/certify: \S+: /);
  });
});

describe('certify achievements add|list', () => {
  it('adds an achievement, re-adding it changes nothing, a changed file becomes version 2; list shows the latest', async () => {
    const path = file('welding.json', JSON.stringify(achievement()));
    const added = await certify(['achievements', 'add', path]);
    expect(added.code).toBe(0);
    expect(added.stdout).toBe(`added: ${achievement().id} version 1 (Welding I)\n`);
    expect((await certify(['achievements', 'add', path])).stdout).toMatch(/^unchanged: .+ version 1 /);

    writeFileSync(path, JSON.stringify(achievement({ criteria: { narrative: 'Pass the practical test twice.' } })));
    const changed = await certify(['--json', 'achievements', 'add', path]);
    expect(changed.code).toBe(0);
    expect(JSON.parse(changed.stdout)).toMatchObject({ id: achievement().id, version: '2' });
    const listed = await call(issuer.url, 'GET', `/achievements/${encodeURIComponent(achievement().id)}/versions/1`);
    expect(listed.json.criteria.narrative).toBe('Pass the practical welding test.');

    const list = await certify(['--json', 'achievements', 'list']);
    expect(list.code).toBe(0);
    const { achievements } = JSON.parse(list.stdout);
    expect(achievements.find((a: { id: string }) => a.id === achievement().id).version).toBe('2');
    expect((await certify(['achievements', 'list'])).stdout).toContain(`${achievement().id}\tversion 2\tWelding I`);
  });
});

describe('certify revoke|suspend|reinstate (POST /credentials/status/bulk)', () => {
  it('suspends and revokes with a reason kept in each history (who, when, why); S11 reinstating a revoked one → 1, others still changed', async () => {
    const [a, b] = [await issueOne(), await issueOne()];
    const suspended = await certify(['suspend', a, b, '--reason', 'Exam under review'], {
      ISSUER_TOKEN: TOKENS.statusOnly,
    });
    expect(suspended.code).toBe(0);
    expect(suspended.stdout).toBe('suspended: 2 changed, 0 unchanged, 0 failed\n');
    const revoked = await certify(['revoke', a, '--reason', 'Exam fraud confirmed']);
    expect(revoked.code).toBe(0);
    expect(await history(a)).toEqual([
      { seq: 1, at: '2026-03-01T12:00:00Z', by: 'status-only', action: 'suspended', reason: 'Exam under review' },
      { seq: 2, at: '2026-03-01T12:00:00Z', by: 'full', action: 'revoked', reason: 'Exam fraud confirmed' },
    ]);

    const reinstated = await certify(['reinstate', a, b, 'urn:uuid:00000000-0000-4000-8000-000000000000']);
    expect(reinstated.code).toBe(1);
    expect(reinstated.stdout).toBe('unsuspended: 1 changed, 0 unchanged, 2 failed\n');
    expect(reinstated.stderr).toContain(`${a}: CONFLICT: `);
    expect(reinstated.stderr).toContain('urn:uuid:00000000-0000-4000-8000-000000000000: NOT_FOUND: ');
    expect((await history(b)).map((e: { action: string }) => e.action)).toEqual(['suspended', 'unsuspended']);
    expect((await certify(['revoke'])).code).toBe(2);
  });
});

describe('certify export', () => {
  it('exports CSV (header + one row a credential) to a file, filtered by status', async () => {
    const id = await issueOne();
    expect((await certify(['revoke', id, '--reason', 'exported as revoked'])).code).toBe(0);
    const out = join(dir, 'revoked.csv');
    const run = await certify(['export', '--format', 'csv', '--status', 'revoked', '-o', out]);
    expect(run.code).toBe(0);
    const rows = parseCsv(readFileSync(out, 'utf8'));
    expect(rows[0]).toEqual([
      'id',
      'achievementId',
      'achievementName',
      'recipient',
      'issuedAt',
      'validUntil',
      'status',
      'issuedBy',
    ]);
    const ids = rows.slice(1).map((r) => r[0]);
    expect(ids).toContain(id);
    expect(rows.slice(1).every((r) => r[6] === 'revoked')).toBe(true);
    const all = await certify(['export', '--format', 'jsonl']);
    expect(all.code).toBe(0);
    expect(
      all.stdout
        .trim()
        .split('\n')
        .map((l) => JSON.parse(l).id),
    ).toContain(id);
    expect((await certify(['export', '--status', 'bogus'])).stderr).toMatch(/MALFORMED_VALUE_ERROR: .+\(status\)/);
  });
});

describe('certify keygen', () => {
  it('writes a key file (0600) and a DID document where told, inside the temp folder only; refuses to overwrite (2)', async () => {
    const keys = mkdtempSync(join(dir, 'keys-'));
    const run = await certify(
      ['keygen', '--out', 'issuer-key.json', '--did-web', 'did:web:college.example', '--did-document', 'did.json'],
      {},
      keys,
    );
    expect(run.code).toBe(0);
    expect(readdirSync(keys).sort()).toEqual(['did.json', 'issuer-key.json']);
    expect(statSync(join(keys, 'issuer-key.json')).mode & 0o777).toBe(0o600);
    const key = JSON.parse(readFileSync(join(keys, 'issuer-key.json'), 'utf8'));
    expect(key).toMatchObject({ controller: 'did:web:college.example', id: 'did:web:college.example#key-1' });
    const doc = JSON.parse(readFileSync(join(keys, 'did.json'), 'utf8'));
    expect(doc.assertionMethod).toEqual([key.id]);
    expect(JSON.stringify(doc)).not.toContain(key.secretKeyMultibase);
    expect(run.stdout).toContain('issuer DID: did:web:college.example');
    const again = await certify(['keygen', '--out', 'issuer-key.json'], {}, keys);
    expect(readdirSync(keys)).toHaveLength(2);
    expect(again.code).toBe(2);
    expect(again.stderr).toContain('exists; pass --force');
  });
});
