import { VcError } from '@repo/core';
import type { IssuerStore } from '@repo/issuer';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { batchRunner } from '../../packages/issuer/src/batch/job-runner.ts';
import { type IssuerApp, storedState, TOKENS } from '../helpers/issuer-app.ts';
import { call } from '../helpers/issuer-process.ts';
import { peerVerify } from '../helpers/peer-verify.ts';
import { ACHIEVEMENT, csv, finished, get, lines, safety, startBatchApp, upload, WORKER } from './batch-app.ts';

const QUERY = `?achievement=${encodeURIComponent(ACHIEVEMENT)}`;
const jsonl = (rows: unknown[]) => rows.map((r) => `${JSON.stringify(r)}\n`).join('');

async function results(issuer: IssuerApp, id: string, query = ''): Promise<any[]> {
  return lines((await get(issuer.url, `/credentials/issue/batch/${id}/results${query}`)).text);
}

let issuer: IssuerApp;
beforeAll(async () => {
  issuer = await startBatchApp({ batchChunkRows: 4 });
  expect((await call(issuer.url, 'POST', '/achievements', safety(), TOKENS.full)).status).toBe(201);
});
afterAll(async () => {
  await issuer?.close();
});

describe('POST /credentials/issue/batch: CSV and JSON Lines become credentials', () => {
  it('CSV (the served template): 202 with the job, every row issued, credentials a peer verifies, listed by ?batch=', async () => {
    const template = await call(issuer.url, 'GET', '/credentials/issue/batch/template.csv');
    expect(template.status).toBe(200);
    const header = template.text.trim().split(',');
    expect(header).toContain('recipientEmail');
    const cells = (values: Record<string, string>) => header.map((h) => values[h] ?? '');
    const body = csv(header, [
      cells({ rowKey: 'csv-1', recipientId: WORKER, creditsEarned: '3', validUntil: '2029-03-01T00:00:00Z' }),
      cells({
        rowKey: 'csv-2',
        recipientEmail: 'ada@example.org',
        resultValue: 'Pass',
        narrative: '"Said ""hi"", twice"',
      }),
      cells({ rowKey: 'csv-3', recipientId: WORKER, evidenceUrl: 'https://college.example/e/3', evidenceName: 'Log' }),
      cells({ rowKey: 'csv-4', recipientEmail: 'grace@example.org', achievementVersion: '1' }),
      cells({ rowKey: 'csv-5', recipientId: WORKER, licenseNumber: 'L-5' }),
    ]);
    const res = await upload(issuer.url, body, 'text/csv', { query: QUERY });
    expect(res.status).toBe(202);
    expect(res.json).toMatchObject({ state: 'queued', rows: 5, format: 'csv' });
    expect(res.headers.get('location')).toBe(`/credentials/issue/batch/${res.json.id}`);
    const job = await finished(issuer.url, res.json.id);
    expect(job).toMatchObject({ state: 'completed', rows: 5, issued: 5, failed: 0, alreadyIssued: 0, pending: 0 });

    const rows = await results(issuer, job.id);
    expect(rows.map((r) => [r.row, r.rowKey, r.status])).toEqual([1, 2, 3, 4, 5].map((n) => [n, `csv-${n}`, 'issued']));
    const creds = lines((await get(issuer.url, `/credentials/issue/batch/${job.id}/credentials`)).text);
    expect(creds.map((c) => [c.row, c.id])).toEqual(rows.map((r) => [r.row, r.id]));
    const subject = (n: number) => creds[n - 1].verifiableCredential.credentialSubject;
    expect(subject(1)).toMatchObject({ id: WORKER, creditsEarned: 3, achievement: { id: ACHIEVEMENT, version: '1' } });
    expect(creds[0].verifiableCredential.validUntil).toBe('2029-03-01T00:00:00Z');
    expect(subject(2).result).toEqual([{ type: ['Result'], value: 'Pass' }]);
    expect(subject(2).narrative).toBe('Said "hi", twice');
    expect(subject(2).identifier[0]).toMatchObject({ type: 'IdentityObject', identityType: 'emailAddress' });
    expect(creds[2].verifiableCredential.evidence).toEqual([
      { id: 'https://college.example/e/3', type: ['Evidence'], name: 'Log' },
    ]);
    for (const { verifiableCredential } of creds) {
      const peer = await peerVerify(verifiableCredential);
      expect(peer.error).toBeUndefined();
      expect(peer.verified).toBe(true);
    }
    const listed = await get(issuer.url, `/credentials?batch=${job.id}`);
    expect(listed.json.items.map((i: any) => i.id).sort()).toEqual(rows.map((r) => r.id).sort());
  });

  it('JSON Lines: catalogue and full forms, results in row order, the service verifies each credential', async () => {
    const full = (await call(issuer.url, 'GET', `/achievements/${encodeURIComponent(ACHIEVEMENT)}`)).json;
    const body = jsonl([
      { rowKey: 'jl-1', recipient: { id: WORKER }, fields: { creditsEarned: 1.5 } },
      { rowKey: 'jl-2', achievement: ACHIEVEMENT, recipient: { email: 'lin@example.org' } },
      {
        rowKey: 'jl-3',
        credential: {
          '@context': [
            'https://www.w3.org/ns/credentials/v2',
            'https://purl.imsglobal.org/spec/ob/v3p0/context-3.0.3.json',
          ],
          type: ['VerifiableCredential', 'OpenBadgeCredential'],
          issuer: { id: issuer.deps.key.controller, type: ['Profile'] },
          name: 'Safety basics',
          credentialSubject: { id: WORKER, type: ['AchievementSubject'], achievement: full },
        },
      },
    ]);
    const res = await upload(issuer.url, body, 'application/x-ndjson', { query: QUERY });
    expect(res.status).toBe(202);
    const job = await finished(issuer.url, res.json.id);
    expect(job).toMatchObject({ state: 'completed', format: 'jsonl', rows: 3, issued: 3 });
    const creds = lines((await get(issuer.url, `/credentials/issue/batch/${job.id}/credentials`)).text);
    expect(creds.map((c) => c.row)).toEqual([1, 2, 3]);
    for (const { verifiableCredential } of creds) {
      const ours = await call(issuer.url, 'POST', '/credentials/verify', { verifiableCredential });
      expect(ours.json.verified).toBe(true);
    }
  });
});

describe('row problems are row results, never the job’s end', () => {
  it('I3 JSON Lines rows fail with the JSON pointer the issue route gives; the good rows are issued', async () => {
    const body = [
      JSON.stringify({ rowKey: 'bad-1', recipient: { email: 'nobody' } }),
      '{"rowKey": "bad-2", "recipient": ',
      JSON.stringify({
        rowKey: 'bad-3',
        achievement: 'https://college.example/achievements/none',
        recipient: { id: WORKER },
      }),
      JSON.stringify({ rowKey: 'bad-4', recipient: { id: WORKER }, fields: { creditsEarned: 'many' } }),
      JSON.stringify({ rowKey: 'bad-5', recipient: { id: WORKER }, fields: { colour: 'red' } }),
      JSON.stringify({ rowKey: 'good-6', recipient: { id: WORKER } }),
      JSON.stringify({ rowKey: 7, recipient: { id: WORKER } }),
    ].join('\n');
    const res = await upload(issuer.url, body, 'application/jsonl', { query: QUERY });
    const job = await finished(issuer.url, res.json.id);
    expect(job).toMatchObject({ state: 'completed', rows: 7, issued: 1, failed: 6 });
    const failed = await results(issuer, job.id, '?only=failed');
    expect(failed.map((r) => [r.row, r.problem.code, r.problem.status, r.problem.pointer])).toEqual([
      [1, 'MALFORMED_VALUE_ERROR', 400, '/recipient/email'],
      [2, 'PARSING_ERROR', 400, undefined],
      [3, 'MALFORMED_VALUE_ERROR', 422, '/achievement'],
      [4, 'SCHEMA_VALIDATION_ERROR', 422, '/fields/creditsEarned'],
      [5, 'MALFORMED_VALUE_ERROR', 400, '/fields/colour'],
      [7, 'MALFORMED_VALUE_ERROR', 400, '/rowKey'],
    ]);
    expect(failed.every((r) => r.status === 'failed' && r.id === undefined && r.problem.column === undefined)).toBe(
      true,
    );
    expect((await results(issuer, job.id, '?after=5')).map((r) => [r.row, r.status])).toEqual([
      [6, 'issued'],
      [7, 'failed'],
    ]);
  });

  it('I3 CSV rows fail naming the column; a row with the wrong number of cells is a PARSING_ERROR', async () => {
    const body = csv(
      ['rowKey', 'recipientId', 'recipientEmail', 'creditsEarned', 'validUntil'],
      [
        ['c-1', '', 'nobody', '', ''],
        ['c-2', WORKER, '', 'many', ''],
        ['c-3', WORKER, '', '', 'soon'],
        ['c-4', '', '', '', ''],
        ['c-5', WORKER],
        ['c-6', WORKER, '', '2', ''],
      ],
    );
    const job = await finished(issuer.url, (await upload(issuer.url, body, 'text/csv', { query: QUERY })).json.id);
    expect(job).toMatchObject({ rows: 6, issued: 1, failed: 5 });
    const failed = await results(issuer, job.id, '?only=failed');
    expect(failed.map((r) => [r.rowKey, r.problem.code, r.problem.column ?? null])).toEqual([
      ['c-1', 'MALFORMED_VALUE_ERROR', 'recipientEmail'],
      ['c-2', 'SCHEMA_VALIDATION_ERROR', 'creditsEarned'],
      ['c-3', 'MALFORMED_VALUE_ERROR', 'validUntil'],
      ['c-4', 'MALFORMED_VALUE_ERROR', 'recipientId'],
      [expect.stringMatching(/^sha256:/), 'PARSING_ERROR', null],
    ]);
    expect(failed.every((r) => r.problem.pointer === undefined)).toBe(true);
  });
});

describe('row keys: nothing is issued twice', () => {
  it('uploading the same CSV again issues nothing: every row already-issued with the first credential', async () => {
    const body = csv(
      ['recipientEmail', 'creditsEarned'],
      [
        ['twice-1@example.org', '1'],
        ['twice-2@example.org', '2'],
        ['twice-3@example.org', '3'],
      ],
    );
    const first = await finished(issuer.url, (await upload(issuer.url, body, 'text/csv', { query: QUERY })).json.id);
    expect(first.issued).toBe(3);
    const before = await storedState(issuer.deps);
    const second = await finished(issuer.url, (await upload(issuer.url, body, 'text/csv', { query: QUERY })).json.id);
    expect(second.id).not.toBe(first.id);
    expect(second).toMatchObject({ issued: 0, alreadyIssued: 3, failed: 0 });
    expect((await results(issuer, second.id)).map((r) => [r.status, r.id])).toEqual(
      (await results(issuer, first.id)).map((r) => ['already-issued', r.id]),
    );
    expect(await storedState(issuer.deps)).toEqual(before);
  });

  it('a rowKey issued by another job (or earlier in the same file) is already-issued, not issued again', async () => {
    const row = { rowKey: 'shared-key', recipient: { id: WORKER } };
    const first = await finished(
      issuer.url,
      (await upload(issuer.url, jsonl([row]), 'application/jsonl', { query: QUERY })).json.id,
    );
    const [issued] = await results(issuer, first.id);
    const other = jsonl([
      { ...row, fields: { creditsEarned: 9 } },
      { rowKey: 'fresh-key', recipient: { id: WORKER } },
      { rowKey: 'fresh-key', recipient: { id: WORKER }, fields: { narrative: 'again' } },
    ]);
    const second = await finished(
      issuer.url,
      (await upload(issuer.url, other, 'application/jsonl', { query: QUERY })).json.id,
    );
    const rows = await results(issuer, second.id);
    expect(rows.map((r) => r.status)).toEqual(['already-issued', 'issued', 'already-issued']);
    expect(rows[0].id).toBe(issued.id);
    expect(rows[2].id).toBe(rows[1].id);
    expect((await get(issuer.url, `/credentials?batch=${second.id}`)).json.items).toHaveLength(1);
  });
});

describe('the job’s Idempotency-Key', () => {
  it('the same key and bytes give the same job (Idempotent-Replayed); other bytes are 422; neither creates a job', async () => {
    const body = jsonl([{ rowKey: 'idem-1', recipient: { id: WORKER } }]);
    const first = await upload(issuer.url, body, 'application/jsonl', { query: QUERY, key: '"cohort-1"' });
    expect(first.status).toBe(202);
    await finished(issuer.url, first.json.id);
    const count = async () => (await get(issuer.url, '/credentials/issue/batch')).json.jobs.length;
    const jobs = await count();
    const again = await upload(issuer.url, body, 'application/jsonl', { query: QUERY, key: '"cohort-1"' });
    expect(again.status).toBe(202);
    expect(again.headers.get('idempotent-replayed')).toBe('true');
    expect(again.json).toMatchObject({ id: first.json.id, state: 'completed', issued: 1 });
    const other = await upload(issuer.url, `${body}${body}`, 'application/jsonl', { query: QUERY, key: '"cohort-1"' });
    expect(other.status).toBe(422);
    expect(other.json.title).toBe('IDEMPOTENCY_KEY_REUSED');
    expect(await count()).toBe(jobs);
    // Another caller's key of the same name is another key.
    const theirs = await upload(issuer.url, body, 'application/jsonl', {
      query: QUERY,
      key: '"cohort-1"',
      token: TOKENS.issueOnly,
    });
    expect(theirs.status).toBe(202);
    expect(theirs.json.id).not.toBe(first.json.id);
  });
});

describe('refused uploads keep nothing (413, 415, 400)', () => {
  it('I1 I6 413 past BATCH_MAX_BYTES mid-stream (after rows were spooled), 415, unknown columns, empty: no job, no rows', async () => {
    const spooledJobs = new Set<string>();
    const small = await startBatchApp({
      batchMaxBytes: 120_000,
      wrapStore: (store): IssuerStore => ({
        ...store,
        async putBatchUpload(job, rows, idem) {
          spooledJobs.add(job.id);
          return store.putBatchUpload(job, rows, idem);
        },
      }),
    });
    try {
      const big = jsonl(Array.from({ length: 3000 }, (_, i) => ({ rowKey: `big-${i}`, recipient: { id: WORKER } })));
      // Streamed without a Content-Length: refused once the count passes the limit, not before.
      const chunks = [...Array(Math.ceil(big.length / 16384)).keys()].map((i) => big.slice(i * 16384, (i + 1) * 16384));
      const stream = new ReadableStream<Uint8Array>({
        pull(controller) {
          const next = chunks.shift();
          if (next === undefined) controller.close();
          else controller.enqueue(new TextEncoder().encode(next));
        },
      });
      const tooLarge = await upload(small.url, stream, 'application/jsonl', { query: QUERY });
      expect(tooLarge.status).toBe(413);
      expect(tooLarge.json.title).toBe('PAYLOAD_TOO_LARGE');
      const refusals = [
        await upload(small.url, jsonl([{ recipient: { id: WORKER } }]), 'application/json'),
        await upload(small.url, 'recipientId,colour,size\r\ndid:key:z6Mk,red,9\r\n', 'text/csv'),
        await upload(small.url, '', 'text/csv'),
        await upload(small.url, 'recipientId\r\n', 'text/csv'),
        await upload(small.url, '\n\n', 'application/jsonl'),
        await upload(small.url, jsonl([{ recipient: { id: WORKER } }]), 'application/jsonl', { query: '?limit=3' }),
      ];
      expect(refusals.map((r) => [r.status, r.json.title])).toEqual([
        [415, 'UNSUPPORTED_MEDIA_TYPE'],
        [400, 'MALFORMED_VALUE_ERROR'],
        [400, 'PARSING_ERROR'],
        [400, 'PARSING_ERROR'],
        [400, 'PARSING_ERROR'],
        [400, 'UNKNOWN_OPTION_PROVIDED'],
      ]);
      expect(refusals[1]!.json.columns).toEqual(['colour', 'size']);
      expect(refusals[1]!.json.detail).toContain('"colour", "size"');
      // The 413 upload had spooled rows before the limit; all of it is gone.
      expect(spooledJobs.size).toBeGreaterThan(0);
      for (const id of spooledJobs) {
        expect(await small.deps.store.getBatchJob(id)).toBeUndefined();
        expect(await small.deps.store.batchRows(id, 1)).toEqual([]);
      }
      expect((await get(small.url, '/credentials/issue/batch')).json.jobs).toEqual([]);
      expect((await storedState(small.deps)).records).toBe(0);
    } finally {
      await small.close();
    }
  });
});

describe('jobs run in the background, chunk by chunk', () => {
  it('GET …/results streams each chunk’s rows as it is stored, while the job runs, and ends with the job', async () => {
    let writes = 0;
    let release!: () => void;
    const gate = new Promise<void>((r) => {
      release = r;
    });
    const gated = await startBatchApp({
      batchChunkRows: 5,
      wrapStore: (store): IssuerStore => ({
        ...store,
        async putBatchChunk(write) {
          // The second chunk waits until the test has seen the first one's rows on the open stream.
          if (++writes === 2) await gate;
          return store.putBatchChunk(write);
        },
      }),
    });
    try {
      await call(gated.url, 'POST', '/achievements', safety(), TOKENS.full);
      const body = jsonl(Array.from({ length: 12 }, (_, i) => ({ rowKey: `live-${i}`, recipient: { id: WORKER } })));
      const id = (await upload(gated.url, body, 'application/jsonl', { query: QUERY })).json.id;
      const res = await fetch(`${gated.url}/credentials/issue/batch/${id}/results`, {
        headers: { authorization: `Bearer ${TOKENS.full}` },
      });
      expect(res.headers.get('content-type')).toMatch(/^application\/jsonl/);
      const reader = res.body!.getReader();
      const decoder = new TextDecoder();
      let text = '';
      while (text.split('\n').length <= 5) text += decoder.decode((await reader.read()).value, { stream: true });
      // Five rows arrived while the job is still running (its second chunk not written yet).
      expect(lines(text).map((r) => r.row)).toEqual([1, 2, 3, 4, 5]);
      expect((await get(gated.url, `/credentials/issue/batch/${id}`)).json).toMatchObject({
        state: 'running',
        issued: 5,
      });
      release();
      for (;;) {
        const { value, done } = await reader.read();
        if (done) break;
        text += decoder.decode(value, { stream: true });
      }
      expect(lines(text).map((r) => r.row)).toEqual(Array.from({ length: 12 }, (_, i) => i + 1));
      expect((await get(gated.url, `/credentials/issue/batch/${id}`)).json.state).toBe('completed');
    } finally {
      release();
      await gated.close();
    }
  });

  it('a client that leaves: mid-upload the job is interrupted with nothing issued; after the 202 the job goes on', async () => {
    let spooled!: (id: string) => void;
    const firstSpool = new Promise<string>((r) => {
      spooled = r;
    });
    const app = await startBatchApp({
      batchChunkRows: 3,
      wrapStore: (store): IssuerStore => ({
        ...store,
        async putBatchUpload(job, rows, idem) {
          await store.putBatchUpload(job, rows, idem);
          if (rows.length > 0) spooled(job.id);
        },
      }),
    });
    try {
      await call(app.url, 'POST', '/achievements', safety(), TOKENS.full);
      const row = (i: number) => `${JSON.stringify({ rowKey: `gone-${i}`, recipient: { id: WORKER } })}\n`;
      // 1,200 rows (one spool write of 1,000), then the client goes away without finishing.
      const abort = new AbortController();
      const cut = upload(
        app.url,
        new ReadableStream<Uint8Array>({
          start(controller) {
            controller.enqueue(new TextEncoder().encode(Array.from({ length: 1200 }, (_, i) => row(i)).join('')));
          },
        }),
        'application/jsonl',
        { query: QUERY, signal: abort.signal },
      ).catch(() => undefined);
      const cutId = await firstSpool;
      abort.abort();
      await cut;
      let job: any;
      do job = (await get(app.url, `/credentials/issue/batch/${cutId}`)).json;
      while (job.state !== 'interrupted');
      expect(job).toMatchObject({ issued: 0, pending: 0 });
      expect(await app.deps.store.batchRows(cutId, 1)).toEqual([]);
      expect((await storedState(app.deps)).records).toBe(0);

      // Accepted, then the results reader leaves after its first line: the job still completes.
      const id = (
        await upload(app.url, Array.from({ length: 9 }, (_, i) => row(100 + i)).join(''), 'application/jsonl', {
          query: QUERY,
        })
      ).json.id;
      const reading = new AbortController();
      const res = await fetch(`${app.url}/credentials/issue/batch/${id}/results`, {
        headers: { authorization: `Bearer ${TOKENS.full}` },
        signal: reading.signal,
      });
      await res.body!.getReader().read();
      reading.abort();
      expect(await finished(app.url, id)).toMatchObject({ state: 'completed', issued: 9 });
    } finally {
      await app.close();
    }
  });

  it('F3 a chunk that cannot be stored stops the job (running, nothing of the chunk kept); resumed, each row is issued once', async () => {
    let writes = 0;
    const faulty = await startBatchApp({
      batchChunkRows: 3,
      wrapStore: (store): IssuerStore => ({
        ...store,
        async putBatchChunk(write) {
          // The second chunk's write fails (a full disk), once.
          if (++writes === 2)
            throw new VcError('INSUFFICIENT_STORAGE', 'The issuer has run out of disk space; nothing was stored.');
          return store.putBatchChunk(write);
        },
      }),
    });
    try {
      await call(faulty.url, 'POST', '/achievements', safety(), TOKENS.full);
      const body = jsonl(Array.from({ length: 8 }, (_, i) => ({ rowKey: `disk-${i}`, recipient: { id: WORKER } })));
      const id = (await upload(faulty.url, body, 'application/jsonl', { query: QUERY })).json.id;
      while (batchRunner(faulty.deps).isRunning(id)) await new Promise((r) => setTimeout(r, 10));
      let job = (await get(faulty.url, `/credentials/issue/batch/${id}`)).json;
      expect(job).toMatchObject({ state: 'running', issued: 3, pending: 5 });
      expect((await storedState(faulty.deps)).records).toBe(3);
      await batchRunner(faulty.deps).resume();
      job = await finished(faulty.url, id);
      expect(job).toMatchObject({ state: 'completed', issued: 8, failed: 0 });
      const rows = await results(faulty, id);
      expect(rows.map((r) => r.row)).toEqual([1, 2, 3, 4, 5, 6, 7, 8]);
      expect(new Set(rows.map((r) => r.id)).size).toBe(8);
      expect((await storedState(faulty.deps)).records).toBe(8);
    } finally {
      await faulty.close();
    }
  });
});
