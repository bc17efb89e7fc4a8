/** Requests that make the app answer each documented status of the batch operations (issue 12). */

import { randomUUID } from 'node:crypto';
import { request } from 'node:http';
import { TOKENS } from '../helpers/issuer-app.ts';
import { type ProbeTable, tokenRefusals } from './probes-core.ts';
import type { Answer } from './world.ts';
import { certification, send, type World } from './world.ts';

const BATCH = '/credentials/issue/batch';
const JSONL = 'application/jsonl';

/** Sends headers claiming a body larger than the upload limit (256 MiB) and no body: refused before reading. */
function oversized(base: string): Promise<Answer> {
  return new Promise((resolve, reject) => {
    const req = request(`${base}${BATCH}`, {
      method: 'POST',
      headers: {
        'content-type': JSONL,
        'content-length': String(300 * 1024 * 1024),
        authorization: `Bearer ${TOKENS.full}`,
      },
    });
    req.on('response', (res) => {
      let text = '';
      res.on('data', (c: Buffer) => {
        text += c.toString('utf8');
      });
      res.on('end', () => {
        req.destroy();
        const headers = new Headers();
        for (const [k, v] of Object.entries(res.headers)) if (typeof v === 'string') headers.set(k, v);
        resolve({ url: base + BATCH, status: res.statusCode ?? 0, headers, text, json: JSON.parse(text) });
      });
    });
    req.on('error', reject);
    req.flushHeaders();
  });
}

/** Probes of the batch issuance operations. */
export function batchProbes(w: World): ProbeTable {
  const u = w.main.url;
  const full = { token: TOKENS.full };
  // A fresh row key each time: a row key is issued once (by any job).
  const row = () => `${JSON.stringify({ rowKey: randomUUID(), credential: certification() })}\n`;
  const upload = (body: string, headers: Record<string, string> = {}) =>
    send(u, 'POST', BATCH, { body, type: JSONL, headers, ...full });
  let job: Promise<string> | undefined;
  /** A finished job of one issued row (so its results and credentials are one line each). */
  const finishedJob = () =>
    (job ??= (async () => {
      const id = (await upload(row())).json.id as string;
      for (;;) {
        const state = (await send(u, 'GET', `${BATCH}/${id}`, full)).json.state;
        if (state === 'completed') return id;
        await new Promise((r) => setTimeout(r, 20));
      }
    })());
  const inUse = async () => {
    const key = `"probe-${randomUUID()}"`;
    let finish!: () => void;
    const held = new ReadableStream({
      start(controller) {
        controller.enqueue(new TextEncoder().encode(row()));
        finish = () => controller.close();
      },
    });
    const first = fetch(u + BATCH, {
      method: 'POST',
      headers: { 'content-type': JSONL, authorization: `Bearer ${TOKENS.full}`, 'idempotency-key': key },
      body: held,
      duplex: 'half',
    } as RequestInit);
    // The first upload's headers are in: its key is held until its body ends.
    let answer: Answer;
    for (;;) {
      answer = await upload(row(), { 'idempotency-key': key });
      if (answer.status === 409) break;
      await new Promise((r) => setTimeout(r, 10));
    }
    finish();
    await (await first).text();
    return answer;
  };
  const reused = async () => {
    const key = `"probe-${randomUUID()}"`;
    await upload(row(), { 'idempotency-key': key });
    return upload(`${row()}${row()}`, { 'idempotency-key': key });
  };
  return {
    [`POST ${BATCH}`]: {
      '202': () => upload(row()),
      '400': () => send(u, 'POST', BATCH, { body: 'colour\r\nred\r\n', type: 'text/csv', ...full }),
      ...tokenRefusals(u, 'POST', BATCH, TOKENS.readOnly),
      '409': inUse,
      '413': () => oversized(u),
      '415': () => send(u, 'POST', BATCH, { body: '{}', type: 'application/json', ...full }),
      '422': reused,
    },
    [`GET ${BATCH}`]: {
      '200': () => send(u, 'GET', `${BATCH}?limit=2`, full),
      '400': () => send(u, 'GET', `${BATCH}?limit=0`, full),
      ...tokenRefusals(u, 'GET', BATCH, TOKENS.issueOnly),
    },
    [`GET ${BATCH}/template.csv`]: {
      '200': () => send(u, 'GET', `${BATCH}/template.csv`),
    },
    [`GET ${BATCH}/{jobId}`]: {
      '200': async () => send(u, 'GET', `${BATCH}/${await finishedJob()}`, full),
      '401': async () => send(u, 'GET', `${BATCH}/${await finishedJob()}`),
      '403': async () => send(u, 'GET', `${BATCH}/${await finishedJob()}`, { token: TOKENS.issueOnly }),
      '404': () => send(u, 'GET', `${BATCH}/${randomUUID()}`, full),
    },
    [`GET ${BATCH}/{jobId}/results`]: {
      '200': async () => send(u, 'GET', `${BATCH}/${await finishedJob()}/results`, full),
      '400': async () => send(u, 'GET', `${BATCH}/${await finishedJob()}/results?only=issued`, full),
      '401': async () => send(u, 'GET', `${BATCH}/${await finishedJob()}/results`),
      '403': async () => send(u, 'GET', `${BATCH}/${await finishedJob()}/results`, { token: TOKENS.issueOnly }),
      '404': () => send(u, 'GET', `${BATCH}/${randomUUID()}/results`, full),
    },
    [`GET ${BATCH}/{jobId}/credentials`]: {
      '200': async () => send(u, 'GET', `${BATCH}/${await finishedJob()}/credentials`, full),
      '400': async () => send(u, 'GET', `${BATCH}/${await finishedJob()}/credentials?after=1`, full),
      '401': async () => send(u, 'GET', `${BATCH}/${await finishedJob()}/credentials`),
      '403': async () => send(u, 'GET', `${BATCH}/${await finishedJob()}/credentials`, { token: TOKENS.issueOnly }),
      '404': () => send(u, 'GET', `${BATCH}/${randomUUID()}/credentials`, full),
    },
  };
}
