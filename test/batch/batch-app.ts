/**
 * The in-process issuer for batch tests: `startIssuerApp` (real LevelDB, 127.0.0.1, frozen clock),
 * served once more on its own port with batch settings (upload limit, rows per chunk), and small
 * helpers to upload, wait for a job and read JSON Lines answers.
 */
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createApp } from '@repo/issuer';
import { type IssuerApp, type IssuerAppOptions, startIssuerApp, TOKENS } from '../helpers/issuer-app.ts';
import { readAnswer } from '../helpers/issuer-process.ts';

export const ACHIEVEMENT = 'https://college.example/achievements/safety-basics';
export const WORKER = 'did:key:z6MkhaXgBZDvotDkL5257faiztiGiC2QtKLGpbnnEGta2doK';

/** The safety achievement of the catalogue tests. */
export const safety = (change: Record<string, unknown> = {}) => ({
  id: ACHIEVEMENT,
  type: ['Achievement'],
  achievementType: 'Certificate',
  name: 'Safety basics',
  description: 'Completed the safety courses.',
  criteria: { narrative: 'Pass the OSHA 10-hour course.' },
  ...change,
});

/** The issuer app with batch settings; `url` is the port with those settings. */
export async function startBatchApp(
  options: IssuerAppOptions & { batchMaxBytes?: number; batchChunkRows?: number } = {},
): Promise<IssuerApp> {
  const { batchMaxBytes, batchChunkRows, ...rest } = options;
  const issuer = await startIssuerApp({ loopbackPublicBaseUrl: true, ...rest });
  const deps = {
    ...issuer.deps,
    config: {
      ...issuer.deps.config,
      ...(batchMaxBytes !== undefined && { batchMaxBytes }),
      ...(batchChunkRows !== undefined && { batchChunkRows }),
    },
  };
  const app = createApp(deps);
  const server: Server = createServer(app);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return {
    ...issuer,
    url,
    deps,
    app,
    async close() {
      await new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      });
      await issuer.close();
    },
  };
}

/** An HTTP answer: status, headers, text and JSON (when it is). */
export type Answer = Awaited<ReturnType<typeof readAnswer>>;

/** `POST /credentials/issue/batch` with `body` as `type`. */
export async function upload(
  base: string,
  body: string | Buffer | ReadableStream,
  type: string,
  options: { query?: string; key?: string; token?: string; signal?: AbortSignal } = {},
): Promise<Answer> {
  const headers: Record<string, string> = {
    'content-type': type,
    authorization: `Bearer ${options.token ?? TOKENS.full}`,
  };
  if (options.key) headers['idempotency-key'] = options.key;
  const res = await fetch(`${base}/credentials/issue/batch${options.query ?? ''}`, {
    method: 'POST',
    headers,
    body,
    ...(options.signal && { signal: options.signal }),
    ...(body instanceof ReadableStream && { duplex: 'half' }),
  } as RequestInit);
  return readAnswer(res);
}

/** GET with the full token. */
export async function get(base: string, path: string): Promise<Answer> {
  return readAnswer(await fetch(base + path, { headers: { authorization: `Bearer ${TOKENS.full}` } }));
}

/** The JSON values of a JSON Lines text. */
export const lines = (text: string): any[] =>
  text
    .split('\n')
    .filter((l) => l !== '')
    .map((l) => JSON.parse(l));

/** Polls the job until it is no longer queued or running (the test's own time limit bounds it). */
export async function finished(base: string, id: string): Promise<any> {
  for (;;) {
    const job = (await get(base, `/credentials/issue/batch/${id}`)).json;
    if (job.state !== 'queued' && job.state !== 'running') return job;
    await new Promise((r) => setTimeout(r, 25));
  }
}

/** A CSV text from a header and rows (cells joined as they are; quote them yourself). */
export const csv = (header: string[], rows: string[][]) =>
  `${[header, ...rows].map((r) => r.join(',')).join('\r\n')}\r\n`;
