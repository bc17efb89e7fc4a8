import { getAchievement, getAchievementEntry } from '../catalogue/achievements.ts';
import { getIssuerProfile } from '../catalogue/profile.ts';
import { recordingDocuments } from '../catalogue/recording-store.ts';
import type { AppDeps } from '../deps.ts';
import { ProblemError } from '../http/problem-error.ts';
import type { PreparedCredential } from '../issuance/prepare-credential.ts';
import { addStatusEntries, type DiSigner, isoSeconds, secureCredential } from '../issuance/sign-and-store.ts';
import type { BatchJob, BatchResult, BatchRow } from '../store/batch-types.ts';
import type { CredentialRecord, StatusAssignment } from '../store/types.ts';
import { likelyStatusPurposes, workerIssueConfig } from '../workers/issue-config.ts';
import type { IssuedRow, IssueRowsRequest } from '../workers/sign-messages.ts';
import type { SigningPool } from '../workers/signing-pool.ts';
import { batchRecord } from './batch-record.ts';
import { prepareRow } from './prepare-row.ts';
import { rowProblem } from './row-problem.ts';

/** A row on its way: prepared, then given indexes, then signed; or done (a result). */
interface Work {
  row: BatchRow;
  result?: BatchResult;
  /** The credential's id, once prepared (on this thread or in a worker). */
  id?: string;
  prepared?: PreparedCredential;
  slots?: StatusAssignment[];
  /** Signed: the credential, or its record's stored text as a worker wrote it (UTF-8 bytes, stored as they are). */
  signed?: { signed: Record<string, unknown>; jwt?: string } | { bytes: Uint8Array; jwt?: string };
}

/** Who issued a job's records, and in which job (`batchRecord`). */
const recordOf = (job: BatchJob) => ({ issuedBy: job.createdBy, batch: job.id });

/** Rows in one worker job: small enough that both workers share a chunk, large enough to be cheap. */
const ROWS_PER_WORKER_JOB = 50;

/**
 * The app's dependencies for one chunk: catalogue documents (achievements, versions, the issuer
 * profile) read once per chunk instead of once per row — the chunk is issued from one reading of
 * the catalogue, as one request is.
 */
function withCatalogueSnapshot(deps: AppDeps): AppDeps {
  const read = new Map<string, Promise<unknown>>();
  const store = {
    ...deps.store,
    getDocument(kind: string, id: string) {
      const key = `${kind}!${id}`;
      let doc = read.get(key);
      if (!doc) {
        doc = deps.store.getDocument(kind, id);
        read.set(key, doc);
      }
      // Each row gets its own copy: the credential built from it is changed while it is issued.
      return doc.then((d) => (d === undefined ? d : structuredClone(d)));
    },
  };
  return { ...deps, store };
}

/**
 * The catalogue documents the chunk's rows read (`kind!id` → document or `undefined`): the issuer
 * profile and each achievement (entry and version) the rows name, read once here for the workers
 * (`issueRows`). A row that needs a document not in it is issued on this thread.
 */
async function catalogueDocuments(deps: AppDeps, bodies: Array<Record<string, unknown>>) {
  const { deps: recording, documents } = recordingDocuments(deps);
  const seen = new Set<string>();
  for (const body of bodies) {
    if (typeof body.achievement !== 'string') continue;
    const version = typeof body.achievementVersion === 'number' ? body.achievementVersion : undefined;
    const key = `${body.achievement}\n${version}`;
    if (seen.has(key)) continue;
    if (seen.size === 0) await getIssuerProfile(recording);
    seen.add(key);
    if (await getAchievementEntry(recording, body.achievement)) {
      await getAchievement(recording, body.achievement, version);
    }
  }
  return documents;
}

/** A chunk prepared and signed, not written yet ({@link writeChunk}, or {@link abandonChunk}). */
export interface SignedChunk {
  now: Date;
  work: Work[];
}

/**
 * Issues one chunk of a job's rows ({@link signChunk} then {@link writeChunk}), as
 * `POST /credentials/issue` would issue each:
 * 1. each row gets exactly the issue route's checks (body schema, catalogue form, prepareCredential);
 *    a row whose key was already issued (any job) is `already-issued`, without being signed;
 * 2. under the issuer's lock, the status indexes of every row are allocated at once (S10);
 * 3. outside the lock, the rows are signed (by the signing pool when there is one, `signDi`);
 * 4. under the lock again, row keys and credential ids are checked free once more, then ONE atomic
 *    write stores the records with their index entries, row keys, every row's result and the
 *    job's counters. From that write on, its indexes are never handed out again, whatever its
 *    outcome; indexes of rows that are not written are given back.
 * A row's problem is its result and never stops the chunk; a failed write throws (the job stops,
 * its rows stay spooled, and it resumes from them). Resolves with the job as written.
 *
 * @example
 * job = await processChunk(deps, job, await deps.store.batchRows(job.id, 500), pool && poolSigner(pool));
 */
export async function processChunk(
  deps: AppDeps,
  job: BatchJob,
  rows: readonly BatchRow[],
  signDi?: DiSigner,
): Promise<BatchJob> {
  return writeChunk(deps, job, await signChunk(deps, job, rows, signDi));
}

/** A row's failed result (logged when the error has no code: it is ours, not the row's). */
function failRow(deps: AppDeps, job: BatchJob, w: Work, error: unknown): void {
  const problem = rowProblem(error, job.format);
  if (problem.code === 'INTERNAL_ERROR') {
    deps.logger.error({ job: job.id, row: w.row.row, err: { message: (error as Error)?.message } }, 'batch row failed');
  }
  w.result = { row: w.row.row, rowKey: w.row.rowKey, status: 'failed', problem };
}

/** A read's outcome, kept to be looked at (and its error thrown) only where it is needed. */
type Settled<T> = { value: T } | { error: unknown };
const settled = <T>(read: Promise<T>): Promise<Settled<T>> =>
  read.then(
    (value) => ({ value }),
    (error: unknown) => ({ error }),
  );
function outcomeOf<T>(outcome: Settled<T>): T {
  if ('error' in outcome) throw outcome.error;
  return outcome.value;
}

function release(deps: AppDeps, w: Work): void {
  for (const s of w.slots ?? []) deps.registry.release(s);
  w.slots = undefined;
}

/**
 * Steps 1–3 of {@link processChunk}: checks, bulk allocation under the lock, signing outside it.
 * Several chunks may be signed at once (the next one while this one is written); they must be
 * written in row order, and one that will not be written is given up with {@link abandonChunk}.
 *
 * @example
 * const signed = await signChunk(deps, job, rows, signDi);
 */
export async function signChunk(
  deps: AppDeps,
  job: BatchJob,
  rows: readonly BatchRow[],
  signDi?: DiSigner,
): Promise<SignedChunk> {
  const now = deps.clock();
  const work: Work[] = rows.map((row) => ({ row }));
  // The chunk's row keys looked up at once (reads; nothing of the chunk is written yet).
  const issued = await Promise.all(work.map((w) => (w.row.problem ? undefined : deps.store.getRowKey(w.row.rowKey))));
  for (const [i, w] of work.entries()) {
    if (w.row.problem) {
      w.result = { row: w.row.row, rowKey: w.row.rowKey, status: 'failed', problem: w.row.problem };
      continue;
    }
    const existing = issued[i];
    if (existing) w.result = { row: w.row.row, rowKey: w.row.rowKey, status: 'already-issued', id: existing };
  }
  const open = work.filter((w) => !w.result);
  const pool = deps.signingPool;
  const here = pool && signDi ? await issueInWorkers(deps, job, open, now, pool) : open;
  await issueHere(deps, job, here, now, signDi);
  return { now, work };
}

/**
 * Rows checked, given status entries and signed in the pool's workers (`issueRows`): each row's
 * likely status indexes are allocated here first, under the lock (S10), and those it does not use
 * are given back. Resolves with the rows to issue on this thread instead: those a worker gives
 * back (they read the store, or need other indexes) and those of a worker that stopped.
 */
async function issueInWorkers(
  deps: AppDeps,
  job: BatchJob,
  open: Work[],
  now: Date,
  pool: SigningPool,
): Promise<Work[]> {
  if (open.length === 0) return [];
  const documents = await catalogueDocuments(
    deps,
    open.map((w) => w.row.body ?? {}),
  );
  const purposes = likelyStatusPurposes(deps.config);
  const allocated = new Map<Work, StatusAssignment[]>();
  await deps.lock.run(async () => {
    for (const w of open)
      allocated.set(
        w,
        purposes.map((p) => deps.registry.allocate(p)),
      );
  });
  const base: Omit<IssueRowsRequest, 'rows'> = {
    now,
    format: job.format,
    controller: deps.key.controller,
    config: workerIssueConfig(deps.config),
    documents,
    bytes: true,
    record: recordOf(job),
  };
  const groups: Work[][] = [];
  for (let i = 0; i < open.length; i += ROWS_PER_WORKER_JOB) groups.push(open.slice(i, i + ROWS_PER_WORKER_JOB));
  const here: Work[] = [];
  await Promise.all(
    groups.map(async (group) => {
      let outcomes: IssuedRow[] | undefined;
      try {
        outcomes = await pool.issueRows({
          ...base,
          rows: group.map((w) => ({ body: w.row.body ?? {}, slots: allocated.get(w)! })),
        });
      } catch {
        // A worker that stopped, or a busy or closed pool (not the rows' fault): issued here instead.
      }
      for (const [i, w] of group.entries()) {
        const slots = allocated.get(w)!;
        const outcome = outcomes?.[i];
        if (outcome?.type === 'signed' || outcome?.type === 'signed-bytes') {
          w.slots = outcome.used.map((j) => slots[j]!);
          for (const [j, s] of slots.entries()) if (!outcome.used.includes(j)) deps.registry.release(s);
          w.id = outcome.id;
          const signed = outcome.type === 'signed' ? { signed: outcome.signed } : { bytes: outcome.bytes };
          w.signed = outcome.jwt === undefined ? signed : { ...signed, jwt: outcome.jwt };
          continue;
        }
        for (const s of slots) deps.registry.release(s);
        if (outcome?.type === 'failed') {
          if (outcome.internal !== undefined) {
            deps.logger.error({ job: job.id, row: w.row.row, err: { message: outcome.internal } }, 'batch row failed');
          }
          w.result = { row: w.row.row, rowKey: w.row.rowKey, status: 'failed', problem: outcome.problem };
        } else here.push(w);
      }
    }),
  );
  return here.sort((a, b) => a.row.row - b.row.row);
}

/** Rows checked, given indexes (under the lock) and signed (by `signDi`, else here) on this thread. */
async function issueHere(deps: AppDeps, job: BatchJob, open: Work[], now: Date, signDi?: DiSigner): Promise<void> {
  if (open.length === 0) return;
  const fail = (w: Work, error: unknown) => failRow(deps, job, w, error);
  const catalogue = withCatalogueSnapshot(deps);
  for (const w of open) {
    try {
      w.prepared = await prepareRow(catalogue, w.row.body ?? {}, now);
      w.id = w.prepared.credential.id as string;
    } catch (error) {
      fail(w, error);
    }
  }
  const toSign = open.filter((w) => w.prepared);
  await deps.lock.run(async () => {
    for (const w of toSign) w.slots = w.prepared!.purposes.map((p) => deps.registry.allocate(p));
  });
  await Promise.all(
    toSign.map(async (w) => {
      const { credential, securing } = w.prepared!;
      addStatusEntries(deps, credential, w.slots!);
      try {
        w.signed = await secureCredential(deps, credential, securing, now, '/credential', signDi).catch((error) => {
          // A worker that stopped (not the row's fault): sign this one in this thread instead.
          if (!signDi || error instanceof ProblemError || !(error instanceof Error) || error instanceof TypeError)
            throw error;
          return secureCredential(deps, credential, securing, now, '/credential');
        });
      } catch (error) {
        fail(w, error);
      }
    }),
  );
}

/**
 * Gives back the indexes of a signed chunk that will not be written (nothing of it was stored).
 *
 * @example
 * abandonChunk(deps, await next);
 */
export function abandonChunk(deps: AppDeps, chunk: SignedChunk): void {
  for (const w of chunk.work) release(deps, w);
}

/**
 * Step 4 of {@link processChunk}: under the lock, row keys and ids checked free again, then one
 * atomic write of the chunk. Resolves with the job as written; throws when the write fails.
 *
 * @example
 * job = await writeChunk(deps, job, signed);
 */
export async function writeChunk(deps: AppDeps, job: BatchJob, chunk: SignedChunk): Promise<BatchJob> {
  const { now, work } = chunk;
  const fail = (w: Work, error: unknown) => failRow(deps, job, w, error);
  return deps.lock.run(async () => {
    const at = isoSeconds(now);
    const records: CredentialRecord[] = [];
    const recordBytes: Array<Uint8Array | undefined> = [];
    const rowKeys: Array<{ rowKey: string; id: string }> = [];
    const issuedNow = new Map<string, string>();
    const ids = new Set<string>();
    // Checked again under the lock: another job may have issued a key or id meanwhile. Read at
    // once for the chunk (nothing else writes them while the lock is held); this chunk's own
    // repeats are caught below.
    const signed = work.filter((w) => w.id !== undefined && w.signed);
    const [keysIssued, idsIssued] = await Promise.all([
      Promise.all(signed.map((w) => settled(deps.store.getRowKey(w.row.rowKey)))),
      Promise.all(signed.map((w) => settled(deps.store.getRecord(w.id!)))),
    ]);
    const stored = new Map(signed.map((w, i) => [w, { key: keysIssued[i]!, record: idsIssued[i]! }]));
    for (const w of work) {
      if (w.id === undefined) continue;
      if (!w.signed) {
        release(deps, w);
        continue;
      }
      const id = w.id;
      const existing = issuedNow.get(w.row.rowKey) ?? outcomeOf(stored.get(w)!.key);
      if (existing) {
        release(deps, w);
        w.result = { row: w.row.row, rowKey: w.row.rowKey, status: 'already-issued', id: existing };
        continue;
      }
      if (ids.has(id) || outcomeOf(stored.get(w)!.record)) {
        release(deps, w);
        fail(
          w,
          new ProblemError(409, 'CONFLICT', `A credential with id ${id} was already issued.`, {
            pointer: '/credential/id',
          }),
        );
        continue;
      }
      ids.add(id);
      issuedNow.set(w.row.rowKey, id);
      rowKeys.push({ rowKey: w.row.rowKey, id });
      // A worker's bytes are this record's stored text (putBatchChunk's recordBytes), stored as they are.
      recordBytes.push('bytes' in w.signed ? w.signed.bytes : undefined);
      const credential = 'signed' in w.signed ? w.signed.signed : {};
      records.push(batchRecord(id, credential, w.slots!, recordOf(job), at, w.signed.jwt));
      w.result = { row: w.row.row, rowKey: w.row.rowKey, status: 'issued', id };
    }
    const results = work.map((w) => w.result!);
    const count = (s: BatchResult['status']) => results.filter((r) => r.status === s).length;
    const next: BatchJob = {
      ...job,
      state: 'running',
      issued: job.issued + count('issued'),
      alreadyIssued: job.alreadyIssued + count('already-issued'),
      failed: job.failed + count('failed'),
      updatedAt: now.toISOString(),
    };
    // From here the write's outcome is unknown on failure: its indexes are never reused (S10).
    await deps.store.putBatchChunk({ job: next, records, recordBytes, rowKeys, results });
    // Stored: the workers' buffers go back to them for the next rows' bytes.
    const spent = work.flatMap((w) => (w.signed && 'bytes' in w.signed ? [w.signed.bytes.buffer as ArrayBuffer] : []));
    if (spent.length > 0) deps.signingPool?.recycle(spent);
    return next;
  });
}
