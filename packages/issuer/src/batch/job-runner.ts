import type { AppDeps } from '../deps.ts';
import type { DiSigner } from '../issuance/sign-and-store.ts';
import type { BatchJob } from '../store/batch-types.ts';
import type { IssuerStore } from '../store/types.ts';
import type { SigningPool } from '../workers/signing-pool.ts';
import { abandonChunk, type SignedChunk, signChunk, writeChunk } from './process-chunk.ts';

/**
 * Rows per chunk unless configured (`AppConfig.batchChunkRows`): one atomic, synced write each.
 * 250 rather than 500 (with {@link CHUNKS_IN_FLIGHT} 3 rather than 2, so as many rows are signed
 * at once): each write's batch (LevelDB copies it whole, ~1.4 MB) and the memtable it fills are
 * half as large. Peak RSS, interleaved: 50,000 rows 296 -> 283 MB, 100,000 rows 314 -> 304 MB;
 * CPU a credential the same (484 vs 490 µs at load ~5.5).
 */
export const DEFAULT_CHUNK_ROWS = 250;
/** Chunks read and being signed at once (the next ones while the first is written). */
const CHUNKS_IN_FLIGHT = 3;

/** Signs with the pool's workers, as `signCredential` would in this thread. */
function poolSigner(pool: SigningPool): DiSigner {
  return (credential, o) =>
    pool.sign(credential, {
      created: o.now,
      ...(o.cryptosuite && { cryptosuite: o.cryptosuite }),
      ...(o.mandatoryPointers && { mandatoryPointers: o.mandatoryPointers }),
    });
}

/**
 * Runs batch jobs in the background, one at a time in the order they were queued, chunk after
 * chunk ({@link processChunk}), and tells watchers when a job has new results. One runner per
 * store ({@link batchRunner}). A job whose chunk cannot be written stops (state `running`, logged)
 * and resumes at the next start; its finished rows are kept.
 */
export class BatchRunner {
  #deps: AppDeps;
  readonly #queue: string[] = [];
  #active: string | undefined;
  #loop: Promise<void> | undefined;
  #stopping = false;
  /** Upload in progress in this process (their jobs are `uploading`, and not interrupted). */
  readonly uploading = new Set<string>();
  readonly #waiting = new Map<string, Array<() => void>>();

  constructor(deps: AppDeps) {
    this.#deps = deps;
  }

  /** Queues a job (its rows are spooled; state `queued` or `running`); runs it when its turn comes. */
  enqueue(id: string, deps: AppDeps = this.#deps): void {
    this.#deps = deps;
    if (this.#active !== id && !this.#queue.includes(id)) this.#queue.push(id);
    this.#kick();
  }

  /** Whether the job is queued or running in this process (results may still come). */
  isRunning(id: string): boolean {
    return !this.#stopping && (this.#active === id || this.#queue.includes(id));
  }

  /** Resolves at the job's next chunk (or its end). */
  changed(id: string): Promise<void> {
    return new Promise((resolve) => {
      const list = this.#waiting.get(id) ?? [];
      list.push(resolve);
      this.#waiting.set(id, list);
    });
  }

  /**
   * At start: jobs whose upload never finished become `interrupted` (nothing of them was issued;
   * their spooled rows are deleted), and every `queued` or `running` job is queued again, to go on
   * from its first row without a result.
   */
  async resume(): Promise<void> {
    const { store, clock, logger } = this.#deps;
    const jobs: BatchJob[] = [];
    for await (const job of store.batchJobs()) jobs.push(job);
    for (const job of jobs) {
      if (job.state === 'uploading' && !this.uploading.has(job.id)) {
        const at = clock().toISOString();
        await store.deleteBatchRows(job.id);
        await store.putBatchJob({ ...job, state: 'interrupted', updatedAt: at, finishedAt: at });
        logger.warn({ job: job.id }, 'batch upload never finished: job interrupted, nothing issued');
      }
    }
    const resumable = jobs.filter((j) => j.state === 'queued' || j.state === 'running');
    resumable.sort((a, b) => a.createdAt.localeCompare(b.createdAt));
    for (const job of resumable) {
      logger.info(
        { job: job.id, done: job.issued + job.alreadyIssued + job.failed, rows: job.rows },
        'batch job resumed',
      );
      this.enqueue(job.id);
    }
  }

  /** Stops after the chunk in progress (its write completes); queued jobs stay queued in the store. */
  async stop(): Promise<void> {
    this.#stopping = true;
    await this.#loop;
    for (const id of [...this.#waiting.keys()]) this.#notify(id);
  }

  #kick(): void {
    if (this.#loop || this.#stopping) return;
    this.#loop = this.#drain().finally(() => {
      this.#loop = undefined;
      if (this.#queue.length > 0) this.#kick();
    });
  }

  #notify(id: string): void {
    const list = this.#waiting.get(id);
    this.#waiting.delete(id);
    for (const resolve of list ?? []) resolve();
  }

  async #drain(): Promise<void> {
    while (this.#queue.length > 0 && !this.#stopping) {
      const id = this.#queue.shift()!;
      this.#active = id;
      try {
        await this.#run(id);
      } catch (error) {
        this.#deps.logger.error(
          { job: id, err: { message: (error as Error)?.message } },
          'batch job stopped: a chunk could not be written; it resumes at the next start',
        );
      } finally {
        this.#active = undefined;
        this.#notify(id);
      }
    }
  }

  async #run(id: string): Promise<void> {
    const deps = this.#deps;
    let job = await deps.store.getBatchJob(id);
    if (!job || (job.state !== 'queued' && job.state !== 'running')) return;
    const signDi = deps.signingPool && poolSigner(deps.signingPool);
    const size = deps.config.batchChunkRows ?? DEFAULT_CHUNK_ROWS;
    if (job.state === 'queued') {
      job = { ...job, state: 'running', updatedAt: deps.clock().toISOString() };
      await deps.store.putBatchJob(job);
    }
    // CHUNKS_IN_FLIGHT chunks: the next ones are checked and signed while the first is written.
    const inFlight: Array<Promise<SignedChunk>> = [];
    let queuedUpTo = 0;
    let more = true;
    const fill = async () => {
      while (more && inFlight.length < CHUNKS_IN_FLIGHT && !this.#stopping) {
        const rows = await deps.store.batchRows(id, size, queuedUpTo);
        if (rows.length === 0) {
          more = false;
          break;
        }
        queuedUpTo = rows.at(-1)!.row;
        const signing = signChunk(deps, job!, rows, signDi);
        signing.catch(() => undefined);
        inFlight.push(signing);
      }
    };
    try {
      await fill();
      while (inFlight.length > 0) {
        const chunk = await inFlight.shift()!;
        await fill();
        job = await writeChunk(deps, job, chunk);
        this.#notify(id);
      }
    } finally {
      // Chunks signed but not written (a failed write, a stop): their indexes go back.
      for (const rest of inFlight.splice(0)) abandonChunk(deps, await rest);
    }
    if (this.#stopping) return;
    const at = deps.clock().toISOString();
    await deps.store.putBatchJob({ ...job, state: 'completed', updatedAt: at, finishedAt: at });
    deps.logger.info(
      { job: id, rows: job.rows, issued: job.issued, alreadyIssued: job.alreadyIssued, failed: job.failed },
      'batch job completed',
    );
  }
}

const runners = new WeakMap<IssuerStore, BatchRunner>();

/**
 * The batch runner of the app's store (made on first use): the routes queue jobs on it,
 * `server.ts` resumes jobs with it at start and stops it on shutdown.
 *
 * @example
 * await batchRunner(deps).resume();
 */
export function batchRunner(deps: AppDeps): BatchRunner {
  let runner = runners.get(deps.store);
  if (!runner) {
    runner = new BatchRunner(deps);
    runners.set(deps.store, runner);
  }
  return runner;
}
