/**
 * Where a batch job is: `uploading` (its rows are being spooled; never shown), `queued`,
 * `running`, `completed`, or `interrupted` (its upload never finished: nothing issued).
 */
export type BatchJobState = 'uploading' | 'queued' | 'running' | 'completed' | 'interrupted';

/** A batch issuance job as stored (`bjob!<id>`). */
export interface BatchJob {
  id: string;
  state: BatchJobState;
  /** How the rows were uploaded: problems name a CSV column, or a JSON pointer into a line. */
  format: 'csv' | 'jsonl';
  createdAt: string;
  updatedAt: string;
  finishedAt?: string;
  /** The name of the token that uploaded it. */
  createdBy: string;
  /** Data rows spooled. */
  rows: number;
  issued: number;
  alreadyIssued: number;
  failed: number;
  /** The job's `Idempotency-Key` (the digest of caller and key) and the upload's fingerprint. */
  idempotency?: { key: string; fingerprint: string };
}

/** A row's problem, as its result carries it (an RFC 9457 problem's code, words and place). */
export interface BatchRowProblem {
  /** The problem code (`MALFORMED_VALUE_ERROR` …), also the problem's `title`. */
  code: string;
  title: string;
  detail: string;
  /** The HTTP status `POST /credentials/issue` would have answered. */
  status: number;
  /** Where, in the row's JSON (JSON Lines). */
  pointer?: string;
  /** Where, as the CSV column. */
  column?: string;
}

/** One spooled row (`brow!<job>!<row>`), deleted in the write that stores its result. */
export interface BatchRow {
  /** 1-based data row. */
  row: number;
  rowKey: string;
  /** The `POST /credentials/issue` body the row stands for. */
  body?: Record<string, unknown>;
  /** Why the row could not even be read (bad JSON, a line too long, cells that do not match). */
  problem?: BatchRowProblem;
}

/** A row's outcome (`bres!<job>!<row>`): it exists iff the row is done. */
export interface BatchResult {
  row: number;
  rowKey: string;
  status: 'issued' | 'already-issued' | 'failed';
  /** The credential (issued, or issued before under the same row key). */
  id?: string;
  problem?: BatchRowProblem;
}

/** One atomic write of a processed chunk of a job (`R`: the store's credential record). */
export interface BatchChunkWrite<R> {
  /** The job with its counters after the chunk. */
  job: BatchJob;
  /** Issued records (each with `batch` = the job id), with their index entries. */
  records: R[];
  /**
   * By position in `records`: a record's whole stored text as UTF-8 bytes (`recordText` of the
   * record with its credential in it, as a signing worker wrote it; the record object then holds
   * `{}` as its credential), stored as they are; `undefined`, or no list: `recordText(record)`.
   */
  recordBytes?: ReadonlyArray<Uint8Array | undefined>;
  /** Row key → credential id, for the rows issued. */
  rowKeys: ReadonlyArray<{ rowKey: string; id: string }>;
  /** A result for every row of the chunk; their spooled rows are deleted. */
  results: BatchResult[];
}

/**
 * The store's batch jobs (issue 12), `R` its credential record. Each write is one atomic, synced
 * LevelDB batch.
 */
export interface BatchStore<R> {
  /**
   * Writes the job and a chunk of its spooled rows in one atomic write; with `idempotency`, the
   * job's `Idempotency-Key` now names it. `rowJson`, by position in `rows`: each row's
   * `JSON.stringify`, when the caller has it (written as it is).
   */
  putBatchUpload(
    job: BatchJob,
    rows: readonly BatchRow[],
    idempotency?: { key: string; jobId: string },
    rowJson?: readonly string[],
  ): Promise<void>;
  /** Writes the job alone (state changes). */
  putBatchJob(job: BatchJob): Promise<void>;
  /** Deletes a job with its spooled rows and results (a refused upload: nothing of it is kept). */
  deleteBatchJob(id: string): Promise<void>;
  /** Deletes the spooled rows of a job (an interrupted upload), in writes of at most 1000. */
  deleteBatchRows(id: string): Promise<void>;
  getBatchJob(id: string): Promise<BatchJob | undefined>;
  /** Every job, in id order. */
  batchJobs(): AsyncIterable<BatchJob>;
  /** The first `limit` spooled rows of a job not done yet (after row `after`, default 0), in row order. */
  batchRows(id: string, limit: number, after?: number): Promise<BatchRow[]>;
  /** Results of a job after row `after`, in row order, at most `limit`. */
  batchResults(id: string, after: number, limit: number): Promise<BatchResult[]>;
  /** The credential issued under a row key, if one was. */
  getRowKey(rowKey: string): Promise<string | undefined>;
  /** The job an `Idempotency-Key` digest names, if any. */
  getBatchIdempotency(key: string): Promise<string | undefined>;
  /** A processed chunk: records, index entries, row keys, results, job counters; its rows deleted. */
  putBatchChunk(write: BatchChunkWrite<R>): Promise<void>;
}
