/**
 * Batch issuance survives kill -9 (issue 12, F1, S10), against the real server process: a job of
 * 3,000 rows is killed while it runs and the service restarted on the same folder; the job goes on
 * from its first row without a result, every row is issued exactly once, no status index is used
 * twice, and its results are complete. An upload killed before it was all received leaves an
 * `interrupted` job that issued nothing.
 */
import { join } from 'node:path';
import { openLevelStore } from '@repo/issuer';
import { afterAll, describe, expect, it } from 'vitest';
import { startIssuer, tempDataDir } from '../helpers/issuer-process.ts';
import { ACHIEVEMENT, lines, safety } from './batch-app.ts';

const TOKEN = 'dev-token-NOT-FOR-PRODUCTION';
const auth = { authorization: `Bearer ${TOKEN}` };
const ROWS = 3000;

const row = (i: number) =>
  `${JSON.stringify({ rowKey: `kill-${i}`, recipient: { email: `person${i}@example.org` }, fields: { creditsEarned: 2 } })}\n`;

async function getJson(base: string, path: string): Promise<any> {
  return (await fetch(base + path, { headers: auth })).json();
}

describe('F1 S10 batch issuance: kill -9 while a job runs, restart, the job completes', () => {
  const data = tempDataDir();
  const env = { DATA_DIR: data.dir, PUBLIC_BASE_URL: 'https://issuer.example.test', LOG_LEVEL: 'debug' };
  afterAll(() => data.cleanup());

  it('F1 S10 every row issued exactly once, no index used twice, results complete; a killed upload is interrupted with nothing issued', async () => {
    let job = '';
    let server = await startIssuer(env);
    let killed = false;
    let before: any;
    try {
      const post = (path: string, body: string | ReadableStream<Uint8Array>, type: string) =>
        fetch(server.url + path, {
          method: 'POST',
          headers: { ...auth, 'content-type': type },
          body,
          ...(body instanceof ReadableStream && { duplex: 'half' }),
        } as RequestInit);
      expect((await post('/achievements', JSON.stringify(safety()), 'application/json')).status).toBe(201);
      const query = `?achievement=${encodeURIComponent(ACHIEVEMENT)}`;

      // An upload that is never finished: 1,500 rows sent, then held open. Sent first, and the job
      // below only once one spool write of it is logged: the job must not finish before it spools.
      let held!: ReadableStreamDefaultController<Uint8Array>;
      const partial = post(
        `/credentials/issue/batch${query}`,
        new ReadableStream<Uint8Array>({
          start(controller) {
            held = controller;
            controller.enqueue(
              new TextEncoder().encode(Array.from({ length: 1500 }, (_, i) => row(10_000 + i)).join('')),
            );
          },
        }),
        'application/jsonl',
      ).catch(() => undefined);
      const spooled = () =>
        server
          .output()
          .split('\n')
          .some((l) => l.includes('"batch upload chunk spooled"'));
      for (let waited = 0; !spooled(); waited += 10) {
        if (waited > 30_000) throw new Error('the held-open upload never spooled a chunk');
        await new Promise((r) => setTimeout(r, 10));
      }

      const accepted = await post(
        `/credentials/issue/batch${query}`,
        Array.from({ length: ROWS }, (_, i) => row(i)).join(''),
        'application/jsonl',
      );
      expect(accepted.status).toBe(202);
      job = ((await accepted.json()) as { id: string }).id;
      // Killed while both run: the job has issued some chunks, not all; the other upload is spooling.
      for (;;) {
        before = await getJson(server.url, `/credentials/issue/batch/${job}`);
        if (before.issued > 0) break;
        expect(before.state).not.toBe('completed');
        await new Promise((r) => setTimeout(r, 10));
      }
      await server.kill9();
      killed = true;
      held.error(new Error('killed'));
      await partial;
    } finally {
      // A failed expectation above must not leave the server running (its data folder goes).
      if (!killed) await server.kill9();
    }
    expect(before.issued).toBeLessThan(ROWS);

    server = await startIssuer(env);
    try {
      let after: any;
      for (;;) {
        after = await getJson(server.url, `/credentials/issue/batch/${job}`);
        if (after.state !== 'running' && after.state !== 'queued') break;
        await new Promise((r) => setTimeout(r, 50));
      }
      expect(after).toMatchObject({
        state: 'completed',
        rows: ROWS,
        issued: ROWS,
        alreadyIssued: 0,
        failed: 0,
        pending: 0,
      });

      // Results: one per row, in row order, each issued once with its own credential.
      const results = lines(
        await (await fetch(`${server.url}/credentials/issue/batch/${job}/results`, { headers: auth })).text(),
      );
      expect(results.map((r) => r.row)).toEqual(Array.from({ length: ROWS }, (_, i) => i + 1));
      expect(results.every((r, i) => r.status === 'issued' && r.rowKey === `kill-${i}`)).toBe(true);
      const ids = new Set(results.map((r) => r.id));
      expect(ids.size).toBe(ROWS);
      // The records of the job (GET /credentials?batch=): exactly these, none twice.
      const exported = lines(
        await (await fetch(`${server.url}/credentials?batch=${job}&format=jsonl`, { headers: auth })).text(),
      );
      expect(exported.length).toBe(ROWS);
      expect(new Set(exported.map((c) => c.id))).toEqual(ids);

      // The upload killed mid-way: interrupted, nothing issued.
      const jobs = (await getJson(server.url, '/credentials/issue/batch')).jobs;
      const cut = jobs.find((j: any) => j.id !== job);
      expect(cut).toMatchObject({ state: 'interrupted', issued: 0, pending: 0 });
      expect((await getJson(server.url, `/credentials?batch=${cut.id}`)).items).toEqual([]);
    } finally {
      await server.stop();
    }

    // The store, read directly: no status index held by two credentials, the job's rows all done.
    const store = await openLevelStore(join(data.dir, 'db'));
    try {
      const seen = new Map<string, string>();
      let batchRecords = 0;
      for await (const record of store.records()) {
        if (record.batch === job) batchRecords++;
        for (const s of record.statuses) {
          const k = `${s.purpose}/${s.list}/${s.index}`;
          expect(seen.get(k), `index ${k} used by ${seen.get(k)} and ${record.id}`).toBeUndefined();
          seen.set(k, record.id);
        }
      }
      expect(batchRecords).toBe(ROWS);
      for await (const a of store.allocations())
        expect(a.id).toBe(seen.get(`${a.slot.purpose}/${a.slot.list}/${a.slot.index}`));
      expect(await store.batchRows(job, 1)).toEqual([]);
    } finally {
      await store.close();
    }
  }, 120_000);
});
