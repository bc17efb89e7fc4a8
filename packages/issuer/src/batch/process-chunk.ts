import { inCatalogueTerms, issueBodyFor } from '../catalogue/issue-form.ts';
import type { AppDeps } from '../deps.ts';
import { ProblemError } from '../http/problem-error.ts';
import { bodyChecker } from '../http/request-body.ts';
import { ISSUE_BODY } from '../http/request-schemas.ts';
import { type PreparedCredential, prepareCredential } from '../issuance/prepare-credential.ts';
import { addStatusEntries, type DiSigner, isoSeconds, secureCredential } from '../issuance/sign-and-store.ts';
import type { BatchJob, BatchResult, BatchRow } from '../store/batch-types.ts';
import type { CredentialRecord, StatusAssignment } from '../store/types.ts';
import { rowProblem } from './row-problem.ts';

/** The issue route's body check (`requestBody(ISSUE_BODY)`), for each row. */
const checkIssueBody = bodyChecker(
  ISSUE_BODY,
  'Send { "credential": {…}, "options": {…} }, or from the catalogue { "achievement": "<id>", "recipient": { "id" or "email" }, "fields": {…} }.',
);

/** A row on its way: prepared, then given indexes, then signed; or done (a result). */
interface Work {
  row: BatchRow;
  result?: BatchResult;
  prepared?: PreparedCredential;
  slots?: StatusAssignment[];
  signed?: { signed: Record<string, unknown>; jwt?: string };
}

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

/** Everything `POST /credentials/issue` checks before signing, for one row (the same code). */
async function prepareRow(deps: AppDeps, body: Record<string, unknown>, now: Date): Promise<PreparedCredential> {
  const refused = checkIssueBody(body);
  if (refused) throw refused;
  const full = await issueBodyFor(deps, body);
  return prepareCredential(deps, full, now).catch((e: unknown) => {
    throw e instanceof ProblemError ? inCatalogueTerms(e, body) : e;
  });
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
  const fail = (w: Work, error: unknown) => {
    const problem = rowProblem(error, job.format);
    if (problem.code === 'INTERNAL_ERROR') {
      deps.logger.error(
        { job: job.id, row: w.row.row, err: { message: (error as Error)?.message } },
        'batch row failed',
      );
    }
    w.result = { row: w.row.row, rowKey: w.row.rowKey, status: 'failed', problem };
  };
  const work: Work[] = rows.map((row) => ({ row }));
  const catalogue = withCatalogueSnapshot(deps);
  // The chunk's row keys looked up at once (reads; nothing of the chunk is written yet).
  const issued = await Promise.all(work.map((w) => (w.row.problem ? undefined : deps.store.getRowKey(w.row.rowKey))));
  for (const [i, w] of work.entries()) {
    if (w.row.problem) {
      w.result = { row: w.row.row, rowKey: w.row.rowKey, status: 'failed', problem: w.row.problem };
      continue;
    }
    const existing = issued[i];
    if (existing) {
      w.result = { row: w.row.row, rowKey: w.row.rowKey, status: 'already-issued', id: existing };
      continue;
    }
    try {
      w.prepared = await prepareRow(catalogue, w.row.body ?? {}, now);
    } catch (error) {
      fail(w, error);
    }
  }
  const toSign = work.filter((w) => w.prepared);
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
  return { now, work };
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
    const rowKeys: Array<{ rowKey: string; id: string }> = [];
    const issuedNow = new Map<string, string>();
    const ids = new Set<string>();
    // Checked again under the lock: another job may have issued a key or id meanwhile. Read at
    // once for the chunk (nothing else writes them while the lock is held); this chunk's own
    // repeats are caught below.
    const signed = work.filter((w) => w.prepared && w.signed);
    const [keysIssued, idsIssued] = await Promise.all([
      Promise.all(signed.map((w) => settled(deps.store.getRowKey(w.row.rowKey)))),
      Promise.all(signed.map((w) => settled(deps.store.getRecord(w.prepared!.credential.id as string)))),
    ]);
    const stored = new Map(signed.map((w, i) => [w, { key: keysIssued[i]!, record: idsIssued[i]! }]));
    for (const w of work) {
      if (!w.prepared) continue;
      if (!w.signed) {
        release(deps, w);
        continue;
      }
      const id = w.prepared.credential.id as string;
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
      records.push({
        id,
        credential: w.signed.signed,
        statuses: w.slots!,
        issuedBy: job.createdBy,
        issuedAt: at,
        ...(w.signed.jwt === undefined ? {} : { jwt: w.signed.jwt }),
        revoked: false,
        suspended: false,
        updatedAt: at,
        batch: job.id,
      });
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
    await deps.store.putBatchChunk({ job: next, records, rowKeys, results });
    return next;
  });
}
