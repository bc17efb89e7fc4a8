import { createHash } from 'node:crypto';
import type { AppDeps } from '../deps.ts';
import { ProblemError } from '../http/problem-error.ts';
import type { BatchJob, BatchRow } from '../store/batch-types.ts';
import { type UploadOptions, uploadRows } from './upload-rows.ts';

/** Rows per spool write (one atomic write each). */
const SPOOL_ROWS = 1000;
/** …or fewer, once their JSON passes this many characters. */
const SPOOL_CHARS = 8 * 1024 * 1024;

/**
 * The 413 of an upload over `maxBytes` (`BATCH_MAX_BYTES`), whether its `Content-Length` says so
 * or its bytes pass the limit as they stream in.
 *
 * @example
 * throw uploadTooLarge(maxBytes, { headers: { Connection: 'close' } });
 */
export function uploadTooLarge(maxBytes: number, options: { headers?: Record<string, string> } = {}): ProblemError {
  return new ProblemError(
    413,
    'PAYLOAD_TOO_LARGE',
    `The upload is larger than ${maxBytes} bytes (BATCH_MAX_BYTES); nothing of it was kept. Split it into several uploads.`,
    options,
  );
}

/**
 * Counts and hashes the bytes as they pass; past `maxBytes` it throws 413 (nothing more is read).
 */
async function* counted(input: AsyncIterable<Buffer>, maxBytes: number, hash: ReturnType<typeof createHash>) {
  let total = 0;
  for await (const chunk of input) {
    total += chunk.length;
    if (total > maxBytes) throw uploadTooLarge(maxBytes);
    hash.update(chunk);
    yield chunk;
  }
}

/** The fingerprint of an upload: SHA-256 of its format, its defaults and its bytes. */
function startFingerprint(options: UploadOptions): ReturnType<typeof createHash> {
  const hash = createHash('sha256');
  hash.update(
    `${options.format}\n${options.defaults.achievement ?? ''}\n${options.defaults.achievementVersion ?? ''}\n`,
  );
  return hash;
}

/**
 * Reads an upload only to compute its fingerprint (as {@link spoolUpload} does), storing nothing:
 * a retry with a known `Idempotency-Key` is compared with the first upload.
 *
 * @example
 * const same = (await fingerprintUpload(req, options, maxBytes)) === job.idempotency.fingerprint;
 */
export async function fingerprintUpload(
  input: AsyncIterable<Buffer>,
  options: UploadOptions,
  maxBytes: number,
): Promise<string> {
  const hash = startFingerprint(options);
  for await (const _ of counted(input, maxBytes, hash));
  return hash.digest('hex');
}

/**
 * Streams an upload into the store: rows are read as the bytes arrive (never the whole body in
 * memory) and written with the job (state `uploading`) in atomic writes of up to 1000 rows, one
 * in flight while the next rows are read.
 * Resolves with the number of rows and the upload's fingerprint (SHA-256 of its format, defaults
 * and bytes, for its `Idempotency-Key`). Throws what {@link uploadRows} throws, and 413 past
 * `maxBytes`; the caller then deletes the job ({@link BatchStore.deleteBatchJob}).
 *
 * @example
 * const { rows, fingerprint } = await spoolUpload(deps, job, req, options, 256 * 1024 * 1024);
 */
export async function spoolUpload(
  deps: AppDeps,
  job: BatchJob,
  input: AsyncIterable<Buffer>,
  options: UploadOptions,
  maxBytes: number,
): Promise<{ rows: number; fingerprint: string }> {
  const hash = startFingerprint(options);
  let pending: BatchRow[] = [];
  let pendingJson: string[] = [];
  let chars = 0;
  let rows = 0;
  // One write in flight while the next rows are read (its sync overlaps the parsing); never more.
  let writing: Promise<void> | undefined;
  const flush = async () => {
    if (writing) await writing;
    writing = undefined;
    if (pending.length === 0) return;
    job.rows = rows;
    job.updatedAt = deps.clock().toISOString();
    const spooled = rows;
    writing = deps.store.putBatchUpload({ ...job }, pending, undefined, pendingJson).then(() => {
      deps.logger.debug({ job: job.id, rows: spooled }, 'batch upload chunk spooled');
    });
    writing.catch(() => undefined); // awaited by the next flush, or below
    pending = [];
    pendingJson = [];
    chars = 0;
  };
  try {
    for await (const read of uploadRows(counted(input, maxBytes, hash), options)) {
      for (const row of read) {
        // Each row's JSON once: what the store writes, and what the memory bound counts.
        const json = JSON.stringify(row);
        pending.push(row);
        pendingJson.push(json);
        rows = row.row;
        chars += json.length;
        if (pending.length >= SPOOL_ROWS || chars >= SPOOL_CHARS) await flush();
      }
    }
    await flush();
    await writing;
  } finally {
    // Whatever stopped the upload, no write of it is still under way when the caller cleans up.
    await writing?.catch(() => undefined);
  }
  return { rows, fingerprint: hash.digest('hex') };
}
