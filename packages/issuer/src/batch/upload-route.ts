import { randomUUID } from 'node:crypto';
import type { Request, Response } from 'express';
import type { AppDeps } from '../deps.ts';
import type { Caller } from '../http/auth.ts';
import { idempotencyStorageKey, requestIdempotencyKey } from '../http/idempotency.ts';
import { ProblemError } from '../http/problem-error.ts';
import type { BatchJob } from '../store/batch-types.ts';
import { batchRunner } from './job-runner.ts';
import { jobPath, jobView } from './job-view.ts';
import { fingerprintUpload, spoolUpload, uploadTooLarge } from './spool-upload.ts';
import type { UploadOptions } from './upload-rows.ts';

/** Largest upload unless configured (`BATCH_MAX_BYTES`): 256 MiB. */
export const DEFAULT_BATCH_MAX_BYTES = 256 * 1024 * 1024;

const FORMATS: Record<string, 'csv' | 'jsonl'> = {
  'text/csv': 'csv',
  'application/jsonl': 'jsonl',
  'application/x-ndjson': 'jsonl',
};
const QUERY = ['achievement', 'achievementVersion'];

/** Keys (digests of caller and key) of uploads being received now in this process (409 while in flight). */
const inFlight = new Set<string>();

function formatOf(req: Request): 'csv' | 'jsonl' {
  const [type, ...params] = (req.headers['content-type'] ?? '').split(';').map((p) => p.trim().toLowerCase());
  const format = FORMATS[type ?? ''];
  const charset = params
    .find((p) => p.startsWith('charset='))
    ?.slice(8)
    .replace(/"/g, '');
  if (!format || (charset !== undefined && charset !== 'utf-8' && charset !== 'utf8')) {
    throw new ProblemError(
      415,
      'UNSUPPORTED_MEDIA_TYPE',
      'Send the rows as CSV ("Content-Type: text/csv", the template at GET /credentials/issue/batch/template.csv) or as JSON Lines ("Content-Type: application/jsonl"), in UTF-8.',
    );
  }
  return format;
}

function defaultsOf(query: Record<string, unknown>): UploadOptions['defaults'] {
  const one: Record<string, string> = {};
  for (const [name, value] of Object.entries(query)) {
    if (!QUERY.includes(name)) {
      throw new ProblemError(
        400,
        'UNKNOWN_OPTION_PROVIDED',
        `Unknown query parameter ${name}; known: ${QUERY.join(', ')}.`,
        { extra: { parameter: name } },
      );
    }
    if (typeof value !== 'string' || value === '')
      throw new ProblemError(400, 'MALFORMED_VALUE_ERROR', `${name} must be given once, not empty.`, {
        extra: { parameter: name },
      });
    one[name] = value;
  }
  const version = one.achievementVersion;
  if (version !== undefined && !/^[1-9]\d{0,8}$/.test(version)) {
    throw new ProblemError(400, 'MALFORMED_VALUE_ERROR', 'achievementVersion must be a version number (1, 2, …).', {
      extra: { parameter: 'achievementVersion' },
    });
  }
  return {
    ...(one.achievement !== undefined && { achievement: one.achievement }),
    ...(version !== undefined && { achievementVersion: Number(version) }),
  };
}

/** The 202 answer: where the job is, and what it is now. */
function accepted(res: Response, job: BatchJob): void {
  res.status(202).setHeader('Location', jobPath(job.id)).json(jobView(job));
}

/**
 * `POST /credentials/issue/batch` (scope `write:/credentials/issue`): a CSV file (the documented
 * template) or JSON Lines (one issue body a line, in the catalogue form or the full form, each
 * with an optional `rowKey`) is read as it streams in and spooled to the store in chunks (never
 * held whole); once it is all stored durably the answer is 202 with the job, which then runs in
 * the background (`job-runner.ts`). Refusals keep nothing of the upload: 415 (another type), 413
 * (over `BATCH_MAX_BYTES`), 400 (unknown CSV columns, an empty upload, bad query). An
 * `Idempotency-Key` names the job: the same key with the same bytes gives that job again
 * (`Idempotent-Replayed: true`), with other bytes 422, while the first upload runs 409. A client
 * that goes away mid-upload leaves an `interrupted` job with nothing issued.
 *
 * @example
 * app.post('/credentials/issue/batch', requireScope(tokens, SCOPES.issue), wrap(uploadBatch(deps)));
 */
export function uploadBatch(deps: AppDeps) {
  return async (req: Request, res: Response): Promise<void> => {
    const format = formatOf(req);
    const options: UploadOptions = {
      format,
      defaults: defaultsOf(req.query as Record<string, unknown>),
      maxRow: deps.config.bodyLimit,
      maxDepth: deps.config.maxDepth,
    };
    const maxBytes = deps.config.batchMaxBytes ?? DEFAULT_BATCH_MAX_BYTES;
    const length = Number(req.headers['content-length']);
    if (length > maxBytes) throw uploadTooLarge(maxBytes, { headers: { Connection: 'close' } });
    const caller = res.locals.caller as Caller;
    const key = requestIdempotencyKey(req);
    let idemKey: string | undefined;
    if (key !== undefined) {
      idemKey = idempotencyStorageKey(caller, key);
      if (inFlight.has(idemKey)) {
        throw new ProblemError(
          409,
          'IDEMPOTENCY_KEY_IN_USE',
          'An upload with this Idempotency-Key is still being received; retry once it has been answered.',
        );
      }
    }
    const runner = batchRunner(deps);
    if (idemKey) inFlight.add(idemKey);
    try {
      const known = idemKey && (await deps.store.getBatchIdempotency(idemKey));
      const first = known ? await deps.store.getBatchJob(known) : undefined;
      if (first) {
        const fingerprint = await fingerprintUpload(bodyOf(req), options, maxBytes).catch((e) => refuse(req, res, e));
        if (fingerprint !== first.idempotency?.fingerprint) {
          throw new ProblemError(
            422,
            'IDEMPOTENCY_KEY_REUSED',
            'This Idempotency-Key was already used for another upload (other bytes or query); nothing was done. Use a new key for a new upload.',
          );
        }
        deps.logger.info({ job: first.id, by: caller.name }, 'idempotent batch upload replayed');
        res.setHeader('Idempotent-Replayed', 'true');
        accepted(res, first);
        return;
      }
      const now = deps.clock().toISOString();
      const job: BatchJob = {
        id: randomUUID(),
        state: 'uploading',
        format,
        createdAt: now,
        updatedAt: now,
        createdBy: caller.name,
        rows: 0,
        issued: 0,
        alreadyIssued: 0,
        failed: 0,
      };
      runner.uploading.add(job.id);
      // The signing workers load (seconds) while the rows come in, not after.
      deps.signingPool?.warm();
      try {
        const { rows, fingerprint } = await spoolUpload(deps, job, bodyOf(req), options, maxBytes);
        const queued: BatchJob = {
          ...job,
          state: 'queued',
          rows,
          updatedAt: deps.clock().toISOString(),
          ...(idemKey && { idempotency: { key: idemKey, fingerprint } }),
        };
        await deps.store.putBatchUpload(queued, [], idemKey ? { key: idemKey, jobId: job.id } : undefined);
        deps.logger.info({ job: job.id, rows, format, by: caller.name }, 'batch upload spooled');
        accepted(res, queued);
        runner.enqueue(job.id, deps);
      } catch (error) {
        await forget(deps, job, error instanceof ProblemError);
        await refuse(req, res, error);
      } finally {
        runner.uploading.delete(job.id);
      }
    } finally {
      if (idemKey) inFlight.delete(idemKey);
    }
  };
}

/** The request body as it streams in; leaving the loop early does not destroy the request. */
function bodyOf(req: Request): AsyncIterable<Buffer> {
  return req.iterator({ destroyOnReturn: false });
}

/** Bytes of a refused upload read (and dropped) so that the client can read the answer. */
const DISCARD_MAX = 16 * 1024 * 1024;

/**
 * Refuses an upload with `error`: the rest of the body is read and dropped first (up to 16 MiB;
 * beyond that the connection is closed), so that the client gets the answer rather than a reset.
 */
async function refuse(req: Request, res: Response, error: unknown): Promise<never> {
  if (error instanceof ProblemError && !req.destroyed && !req.readableEnded) {
    res.setHeader('Connection', 'close');
    let dropped = 0;
    try {
      for await (const chunk of bodyOf(req)) {
        dropped += (chunk as Buffer).length;
        if (dropped > DISCARD_MAX) {
          req.socket.destroy();
          break;
        }
      }
    } catch {}
  }
  throw error;
}

/**
 * After a failed upload: a refused one (413, 400) leaves nothing; one the client (or the network)
 * cut short leaves its job `interrupted`, its rows deleted, nothing issued.
 */
async function forget(deps: AppDeps, job: BatchJob, refused: boolean): Promise<void> {
  try {
    if (refused || job.rows === 0) await deps.store.deleteBatchJob(job.id);
    else {
      const at = deps.clock().toISOString();
      // Rows first: a job marked interrupted never keeps rows, whenever the service stops.
      await deps.store.deleteBatchRows(job.id);
      await deps.store.putBatchJob({ ...job, state: 'interrupted', updatedAt: at, finishedAt: at });
    }
  } catch (error) {
    deps.logger.error({ job: job.id, err: { message: (error as Error).message } }, 'batch upload not cleaned up');
  }
}
