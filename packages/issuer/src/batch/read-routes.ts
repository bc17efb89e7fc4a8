import type { Request, Response } from 'express';
import type { AppDeps } from '../deps.ts';
import { ProblemError } from '../http/problem-error.ts';
import type { BatchJob, BatchResult } from '../store/batch-types.ts';
import { BATCH_CSV_COLUMNS } from './csv-template.ts';
import { batchRunner } from './job-runner.ts';
import { jobView } from './job-view.ts';

const PAGE = 500;
/** Longest wait for a running job's next chunk before looking again (a safety net, not a timer the stream needs). */
const WAIT_MS = 5000;

const closedOf = new WeakMap<Response, Promise<void>>();

/**
 * Settles when the answer's connection closes: ONE listener per answer, however many waits race
 * with it (an `events.once(res, 'close')` per wait would leave a close and an error listener behind
 * each time another promise won — MaxListenersExceededWarning on long result streams).
 */
function whenClosed(res: Response): Promise<void> {
  let promise = closedOf.get(res);
  if (!promise) {
    promise = new Promise((resolve) => res.once('close', () => resolve()));
    closedOf.set(res, promise);
  }
  return promise;
}

/** Writes `chunk`, waiting for `drain` when the socket's buffer is full; false once the client left. */
async function send(res: Response, chunk: string): Promise<boolean> {
  if (res.destroyed) return false;
  if (!res.write(chunk)) await Promise.race([new Promise((resolve) => res.once('drain', resolve)), whenClosed(res)]);
  return !res.destroyed;
}

/** The job named by the path; 404 for an unknown one (and for an upload still being received). */
async function jobOf(deps: AppDeps, req: Request): Promise<BatchJob> {
  const id = String(req.params.jobId);
  const job = await deps.store.getBatchJob(id);
  if (!job || job.state === 'uploading') throw new ProblemError(404, 'NOT_FOUND', `No batch job ${id}.`);
  return job;
}

/**
 * Runs a JSON Lines answer's loop; an error once lines went out cannot become a problem answer,
 * so it is logged and the connection is cut: the client sees a broken answer, never a short one that looks whole.
 */
async function streaming(deps: AppDeps, res: Response, loop: () => Promise<void>): Promise<void> {
  try {
    await loop();
  } catch (error) {
    deps.logger.error({ err: { message: (error as Error)?.message } }, 'batch JSON Lines answer cut short');
    res.destroy();
  }
}

function jsonLines(res: Response, name: string): void {
  res.status(200);
  res.setHeader('Content-Type', 'application/jsonl; charset=utf-8');
  res.setHeader('Cache-Control', 'no-store');
  res.setHeader('Content-Disposition', `attachment; filename="${name}"`);
  // Lines go out as they are written (a proxy must not hold them back).
  res.setHeader('X-Accel-Buffering', 'no');
  res.flushHeaders();
}

/**
 * `GET /credentials/issue/batch` (scope `read:/credentials`): the jobs, newest first, at most
 * `limit` (default 100, at most 1000).
 *
 * @example
 * app.get('/credentials/issue/batch', read, wrap(listBatchJobs(deps)));
 */
export function listBatchJobs(deps: AppDeps) {
  return async (req: Request, res: Response): Promise<void> => {
    const extra = Object.keys(req.query).filter((k) => k !== 'limit');
    if (extra.length > 0) {
      throw new ProblemError(400, 'UNKNOWN_OPTION_PROVIDED', `Unknown query parameter ${extra[0]}; known: limit.`, {
        extra: { parameter: extra[0] },
      });
    }
    const raw = req.query.limit;
    const limit = raw === undefined ? 100 : typeof raw === 'string' && /^[1-9]\d{0,3}$/.test(raw) ? Number(raw) : 0;
    if (!(limit >= 1 && limit <= 1000)) {
      throw new ProblemError(400, 'MALFORMED_VALUE_ERROR', 'limit must be a whole number from 1 to 1000.', {
        extra: { parameter: 'limit' },
      });
    }
    const jobs: BatchJob[] = [];
    for await (const job of deps.store.batchJobs()) if (job.state !== 'uploading') jobs.push(job);
    jobs.sort((a, b) => b.createdAt.localeCompare(a.createdAt) || b.id.localeCompare(a.id));
    res.setHeader('Cache-Control', 'no-store');
    res.json({ jobs: jobs.slice(0, limit).map(jobView) });
  };
}

/**
 * `GET /credentials/issue/batch/{jobId}` (scope `read:/credentials`): the job's state and counters.
 *
 * @example
 * app.get('/credentials/issue/batch/:jobId', read, wrap(getBatchJob(deps)));
 */
export function getBatchJob(deps: AppDeps) {
  return async (req: Request, res: Response): Promise<void> => {
    res.setHeader('Cache-Control', 'no-store');
    res.json(jobView(await jobOf(deps, req)));
  };
}

function resultsQuery(query: Record<string, unknown>): { after: number; failedOnly: boolean } {
  for (const [name, value] of Object.entries(query)) {
    if (name !== 'after' && name !== 'only') {
      throw new ProblemError(400, 'UNKNOWN_OPTION_PROVIDED', `Unknown query parameter ${name}; known: after, only.`, {
        extra: { parameter: name },
      });
    }
    if (typeof value !== 'string') {
      throw new ProblemError(400, 'MALFORMED_VALUE_ERROR', `${name} must be given once.`, {
        extra: { parameter: name },
      });
    }
  }
  const after = query.after as string | undefined;
  if (after !== undefined && !/^(0|[1-9]\d{0,9})$/.test(after)) {
    throw new ProblemError(400, 'MALFORMED_VALUE_ERROR', 'after must be a row number (0, 1, 2 …).', {
      extra: { parameter: 'after' },
    });
  }
  if (query.only !== undefined && query.only !== 'failed') {
    throw new ProblemError(400, 'MALFORMED_VALUE_ERROR', 'only must be "failed".', { extra: { parameter: 'only' } });
  }
  return { after: after === undefined ? 0 : Number(after), failedOnly: query.only === 'failed' };
}

/**
 * `GET /credentials/issue/batch/{jobId}/results?after=&only=failed` (scope `read:/credentials`):
 * one JSON line per finished row after row `after`, in row order; while the job runs, the answer
 * stays open and each chunk's rows are sent as soon as they are stored, until the job ends.
 * Written with backpressure (a slow reader holds the reading, not memory).
 *
 * @example
 * // curl -N -H 'authorization: Bearer …' https://issuer.example/credentials/issue/batch/<id>/results?only=failed
 */
export function getBatchResults(deps: AppDeps) {
  return async (req: Request, res: Response): Promise<void> => {
    const job = await jobOf(deps, req);
    const { after: start, failedOnly } = resultsQuery(req.query as Record<string, unknown>);
    const runner = batchRunner(deps);
    let closed = false;
    res.once('close', () => {
      closed = true;
    });
    jsonLines(res, `batch-${job.id}-results.jsonl`);
    await streaming(deps, res, async () => {
      let after = start;
      while (!closed) {
        // Asked before reading: a chunk stored after the read wakes the wait below.
        const next = runner.changed(job.id);
        const running = runner.isRunning(job.id);
        const page: BatchResult[] = await deps.store.batchResults(job.id, after, PAGE);
        // A page's lines leave in one write (one per line cost a write call each).
        let lines = '';
        for (const r of page) {
          after = r.row;
          if (failedOnly && r.status !== 'failed') continue;
          lines += `${JSON.stringify(r)}\n`;
        }
        if (lines !== '' && !(await send(res, lines))) return;
        if (page.length === PAGE) continue;
        if (!running) break;
        let timer: NodeJS.Timeout | undefined;
        await Promise.race([
          next,
          whenClosed(res),
          new Promise((resolve) => {
            timer = setTimeout(resolve, WAIT_MS);
          }),
        ]);
        clearTimeout(timer);
      }
      res.end();
    });
  };
}

/**
 * `GET /credentials/issue/batch/{jobId}/credentials` (scope `read:/credentials`): the signed
 * credentials of the job's rows issued so far, in row order, one JSON line each:
 * `{ row, id, verifiableCredential, jwt? }`.
 *
 * @example
 * // curl -H 'authorization: Bearer …' https://issuer.example/credentials/issue/batch/<id>/credentials > cohort.jsonl
 */
export function getBatchCredentials(deps: AppDeps) {
  return async (req: Request, res: Response): Promise<void> => {
    const job = await jobOf(deps, req);
    if (Object.keys(req.query).length > 0) {
      const name = Object.keys(req.query)[0];
      throw new ProblemError(
        400,
        'UNKNOWN_OPTION_PROVIDED',
        `Unknown query parameter ${name}; this route takes none.`,
        {
          extra: { parameter: name },
        },
      );
    }
    jsonLines(res, `batch-${job.id}-credentials.jsonl`);
    await streaming(deps, res, async () => {
      let after = 0;
      for (;;) {
        const page = await deps.store.batchResults(job.id, after, PAGE);
        const issued = page.filter((r) => r.status === 'issued' && r.id);
        // The page's records read at once, and its lines sent in one write (the lines before a
        // record that cannot be read are sent, then the answer is cut short, as line by line).
        const records = await Promise.all(
          issued.map((r) =>
            deps.store.getRecord(r.id!).then(
              (record) => ({ record }),
              (error: unknown) => ({ error }),
            ),
          ),
        );
        let lines = '';
        for (const [i, r] of issued.entries()) {
          const read = records[i]!;
          if ('error' in read) {
            if (lines !== '') await send(res, lines);
            throw read.error;
          }
          const { record } = read;
          if (!record) continue;
          const line = {
            row: r.row,
            id: r.id,
            verifiableCredential: record.credential,
            ...(record.jwt && { jwt: record.jwt }),
          };
          lines += `${JSON.stringify(line)}\n`;
        }
        after = page.at(-1)?.row ?? after;
        if (lines !== '' && !(await send(res, lines))) return;
        if (page.length < PAGE) break;
      }
      res.end();
    });
  };
}

/**
 * `GET /credentials/issue/batch/template.csv` (public): the header row of the documented CSV
 * template, to fill in one row a person.
 *
 * @example
 * app.get('/credentials/issue/batch/template.csv', batchTemplate);
 */
export function batchTemplate(_req: Request, res: Response): void {
  res.status(200);
  res.setHeader('Content-Type', 'text/csv; charset=utf-8; header=present');
  res.setHeader('Content-Disposition', 'attachment; filename="batch-template.csv"');
  res.send(`${BATCH_CSV_COLUMNS.join(',')}\r\n`);
}
