/**
 * `POST /credentials/status/bulk` with `batch` after real batch jobs (issue 12: "Bulk revoke /
 * suspend by list of ids or by job"): every credential the job issued changes, with its history
 * entry; a row the job found already issued under its row key (by another job) is that job's, not
 * this one's; an unknown job is 404 and changes nothing.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type IssuerApp, TOKENS } from '../helpers/issuer-app.ts';
import { call } from '../helpers/issuer-process.ts';
import { ACHIEVEMENT, csv, finished, get, lines, safety, startBatchApp, upload } from './batch-app.ts';

let issuer: IssuerApp;
beforeAll(async () => {
  issuer = await startBatchApp({ batchChunkRows: 2 });
  expect((await call(issuer.url, 'POST', '/achievements', safety(), TOKENS.full)).status).toBe(201);
});
afterAll(async () => {
  await issuer?.close();
});

const HEADER = ['rowKey', 'achievement', 'recipientEmail'];
async function job(
  rowKeys: string[],
): Promise<{ id: string; rows: Array<{ rowKey: string; status: string; id: string }> }> {
  const body = csv(
    HEADER,
    rowKeys.map((k) => [k, ACHIEVEMENT, `${k}@example.org`]),
  );
  const res = await upload(issuer.url, body, 'text/csv');
  expect(res.status).toBe(202);
  const done = await finished(issuer.url, res.json.id);
  expect(done.state).toBe('completed');
  return { id: done.id, rows: lines((await get(issuer.url, `/credentials/issue/batch/${done.id}/results`)).text) };
}
const bulk = (body: unknown) => call(issuer.url, 'POST', '/credentials/status/bulk', body, TOKENS.full);
const state = async (id: string) => {
  const { record } = (await call(issuer.url, 'GET', `/credentials/${encodeURIComponent(id)}`, undefined, TOKENS.full))
    .json;
  return { revoked: record.revoked as boolean, suspended: record.suspended as boolean };
};

describe('bulk status change by batch job, after real batch uploads', () => {
  it('changes exactly the credentials the job issued (5 rows over 3 chunks), not one another job issued first', async () => {
    const first = await job(['a-1', 'a-2', 'a-3', 'a-4', 'a-5']);
    expect(first.rows.map((r) => r.status)).toEqual(['issued', 'issued', 'issued', 'issued', 'issued']);
    const second = await job(['b-1', 'a-2', 'b-2']);
    expect(second.rows.map((r) => r.status)).toEqual(['issued', 'already-issued', 'issued']);
    const a2 = second.rows[1]!.id;
    expect(a2).toBe(first.rows[1]!.id);

    const missing = await bulk({ batch: 'job-never-ran', status: 'suspended' });
    expect(missing.status).toBe(404);
    expect(missing.json).toMatchObject({ title: 'NOT_FOUND', pointer: '/batch' });

    const res = await bulk({ batch: second.id, status: 'revoked', reason: 'Exam session annulled' });
    expect(res.status).toBe(200);
    expect(res.json).toEqual({ changed: 2, unchanged: 0, failed: [] });
    for (const r of [second.rows[0]!, second.rows[2]!]) {
      expect(await state(r.id)).toMatchObject({ revoked: true });
      const { entries } = (
        await call(issuer.url, 'GET', `/credentials/${encodeURIComponent(r.id)}/history`, undefined, TOKENS.full)
      ).json;
      expect(entries).toEqual([expect.objectContaining({ action: 'revoked', reason: 'Exam session annulled' })]);
    }
    for (const r of first.rows) expect(await state(r.id)).toMatchObject({ revoked: false, suspended: false });

    const again = await bulk({ batch: first.id, status: 'suspended' });
    expect(again.json).toEqual({ changed: 5, unchanged: 0, failed: [] });
    for (const r of first.rows) expect(await state(r.id)).toMatchObject({ revoked: false, suspended: true });
    // the already-issued row of the second job stays the first job's: revoking the second again changes nothing
    expect((await bulk({ batch: second.id, status: 'revoked' })).json).toEqual({
      changed: 0,
      unchanged: 2,
      failed: [],
    });
    expect(await state(a2)).toMatchObject({ revoked: false, suspended: true });
  });
});
