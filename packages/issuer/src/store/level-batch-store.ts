import type { Level } from 'level';
import type { BatchJob, BatchResult, BatchRow, BatchStore } from './batch-types.ts';
import type { Op } from './group-commit.ts';
import type { CredentialRecord } from './types.ts';

/**
 * Key prefixes of batch issuance (issue 12): `bjob!<job>` (the job), `brow!<job>!<row>` (a spooled
 * row, until its result is written), `bres!<job>!<row>` (a row's result; rows are 10 digits, so
 * keys sort in row order), `browkey!<row key>` (the credential issued under it), `bidem!<digest>`
 * (the job an `Idempotency-Key` names).
 */
const JOB = 'bjob!';
const ROW = 'brow!';
const RESULT = 'bres!';
/** Prefix of the row keys' entries. */
export const ROW_KEY = 'browkey!';
const IDEM = 'bidem!';
const rowKey = (prefix: string, job: string, row: number) => `${prefix}${job}!${String(row).padStart(10, '0')}`;

/**
 * The {@link BatchStore} half of the LevelDB store, on its database, its write function (one
 * atomic, synced batch per call, group-committed), its read of one key (which waits for a queued
 * write of that key) and its record ops (so that a batch record is written exactly as any other:
 * record — its stored text given as bytes stored as they are —, index entries, `issued!` entry).
 *
 * @example
 * const batches = levelBatchStore(db, write, get, recordOps);
 */
export function levelBatchStore(
  db: Level<string, string>,
  write: (ops: Op[]) => Promise<void>,
  get: (key: string) => Promise<string | undefined>,
  recordOps: (record: CredentialRecord, stored?: string | Uint8Array) => Op[],
): BatchStore<CredentialRecord> {
  const jobOp = (job: BatchJob): Op => ({ type: 'put', key: JOB + job.id, value: JSON.stringify(job) });
  async function deleteRange(prefix: string): Promise<void> {
    let ops: Op[] = [];
    for await (const key of db.keys({ gte: prefix, lt: `${prefix}\xff` })) {
      ops.push({ type: 'del', key });
      if (ops.length >= 1000) {
        await write(ops);
        ops = [];
      }
    }
    if (ops.length > 0) await write(ops);
  }
  const store: BatchStore<CredentialRecord> = {
    async putBatchUpload(job, rows, idempotency, rowJson) {
      const ops: Op[] = rows.map((r, i) => ({
        type: 'put',
        key: rowKey(ROW, job.id, r.row),
        value: rowJson?.[i] ?? JSON.stringify(r),
      }));
      ops.push(jobOp(job));
      if (idempotency) ops.push({ type: 'put', key: IDEM + idempotency.key, value: idempotency.jobId });
      await write(ops);
    },
    async putBatchJob(job) {
      await write([jobOp(job)]);
    },
    async deleteBatchJob(id) {
      await deleteRange(`${ROW}${id}!`);
      await deleteRange(`${RESULT}${id}!`);
      await write([{ type: 'del', key: JOB + id }]);
    },
    async deleteBatchRows(id) {
      await deleteRange(`${ROW}${id}!`);
    },
    async getBatchJob(id) {
      const v = await get(JOB + id);
      return v === undefined ? undefined : (JSON.parse(v) as BatchJob);
    },
    async *batchJobs() {
      for await (const v of db.values({ gte: JOB, lt: `${JOB}\xff` })) yield JSON.parse(v) as BatchJob;
    },
    async batchRows(id, limit, after = 0) {
      const out: BatchRow[] = [];
      for await (const v of db.values({ gt: rowKey(ROW, id, after), lt: `${ROW}${id}!\xff`, limit }))
        out.push(JSON.parse(v) as BatchRow);
      return out;
    },
    async batchResults(id, after, limit) {
      const out: BatchResult[] = [];
      const range = { gt: rowKey(RESULT, id, after), lt: `${RESULT}${id}!\xff`, limit };
      for await (const v of db.values(range)) out.push(JSON.parse(v) as BatchResult);
      return out;
    },
    async getRowKey(key) {
      return get(ROW_KEY + key);
    },
    async getBatchIdempotency(key) {
      return get(IDEM + key);
    },
    async putBatchChunk({ job, records, recordBytes, rowKeys, results }) {
      const ops: Op[] = records.flatMap((record, i) => recordOps(record, recordBytes?.[i]));
      for (const k of rowKeys) ops.push({ type: 'put', key: ROW_KEY + k.rowKey, value: k.id });
      for (const r of results) {
        ops.push({ type: 'put', key: rowKey(RESULT, job.id, r.row), value: JSON.stringify(r) });
        ops.push({ type: 'del', key: rowKey(ROW, job.id, r.row) });
      }
      ops.push(jobOp(job));
      await write(ops);
    },
  };
  return store;
}
