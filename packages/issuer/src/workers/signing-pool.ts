import { availableParallelism } from 'node:os';
import { Worker } from 'node:worker_threads';
import type { Cryptosuite, SerializedSigningKey } from '@repo/core';
import { loadKeySet, type SerializedKeySet } from '../keys/key-set.ts';
import {
  deserializeError,
  type IssuedOne,
  type IssuedRow,
  type IssueOneRequest,
  type IssueRowsRequest,
  type RecycleMessage,
  type SignJob,
  type SignResult,
  type SignWorkerData,
} from './sign-messages.ts';
import { isPlainJson, withMembers } from './signed-members.ts';
import { warmUpJob } from './warm-up-job.ts';

/** Options of {@link createSigningPool}. */
export interface SigningPoolOptions {
  /** A key file's JSON: one key or a key set; the workers import it once each. */
  keys: SerializedKeySet | SerializedSigningKey;
  /** Pinned contexts by URL (`loadPinnedContexts()` plus any operator allow-list). */
  contexts: ReadonlyMap<string, unknown>;
  /** Worker threads; default `os.availableParallelism()`, at least 1. */
  size?: number;
  /**
   * Jobs handed to workers at once; more wait in the pool's queue. Default 64 per worker. Each
   * worker holds at most its even share, sent in groups of up to half of it (at most 32 jobs).
   */
  maxInFlight?: number;
  /** Jobs that may wait; `sign` rejects beyond it (backpressure). Default 10,000. */
  maxQueued?: number;
  /** Refuse contexts that define `@vocab` (Data Integrity 1.0 §2.4.1). Default true. */
  refuseVocab?: boolean;
  /** TESTS ONLY: lets `sign(…, { testCrash: true })` make its worker exit. */
  testHooks?: boolean;
  /**
   * The worker module: `buildSignWorker`'s compiled one; default `sign-worker-boot.mjs`, which
   * loads the TypeScript sources through tsx in each worker.
   */
  script?: URL;
}

/** Options of one {@link SigningPool.sign}. */
export interface PoolSignOptions {
  /** The proof's `created` time (the caller's clock). */
  created: Date;
  /** Default by the signing key: Ed25519 → `eddsa-rdfc-2022`, P-256 / P-384 → `ecdsa-rdfc-2019`. */
  cryptosuite?: Cryptosuite;
  /** ecdsa-sd-2023 only. */
  mandatoryPointers?: string[];
  /** TESTS ONLY (pool made with `testHooks`): the worker holding this job exits. */
  testCrash?: boolean;
}

/** A pool of signing worker threads. */
export interface SigningPool {
  /**
   * Signs like core's `signCredential`, in a worker; rejects with the same error classes. The
   * answer is a new object, but for plain JSON data the members the signature left as they were
   * are `credential`'s own values, not copies (only the proof, and a VC 1.1 `@context`, come back
   * from the worker): change neither the credential nor the answer's members afterwards.
   */
  sign<T extends object>(credential: T, options: PoolSignOptions): Promise<T & { proof: any }>;
  /**
   * Checks, gives status entries to and signs batch rows in a worker, as the issue route would
   * (`issueRows`); resolves with each row's outcome in order. Rejects (all rows) when the worker
   * stops or the pool is closed or busy, as `sign` does.
   */
  issueRows(request: IssueRowsRequest, options?: { testCrash?: boolean }): Promise<IssuedRow[]>;
  /**
   * Parses, checks, gives status entries to and signs one issue request's body in a worker
   * (`issueOne`); rejects when the worker stops or the pool is closed or busy, as `sign` does.
   */
  issueOne(request: IssueOneRequest): Promise<IssuedOne>;
  /**
   * Gives the workers back the buffers of `signed-bytes` rows once their bytes are stored: they
   * write the next rows' bytes in them (the buffers are transferred; any view of them is emptied).
   * Nothing happens to them when no worker runs.
   */
  recycle(buffers: ArrayBuffer[]): void;
  /** Waits for every accepted job, then stops the workers; `sign` rejects afterwards. */
  close(): Promise<void>;
  /** Jobs accepted and not yet answered (in workers plus queued). */
  readonly pending: number;
  /** Worker threads. */
  readonly size: number;
  /** Starts the workers now if they are not (a pool that starts them on first use); else nothing. */
  warm(): void;
  /**
   * Whether a worker has loaded and takes jobs at once (a lazy pool's are started by its first use
   * or `warm`): a caller in a hurry signs in its own thread until then.
   */
  readonly ready: boolean;
}

interface Job {
  message: SignJob;
  resolve: (signed: any) => void;
  reject: (error: Error) => void;
}

interface Slot {
  worker: Worker;
  jobs: Map<number, Job>;
}

const BOOT = new URL('./sign-worker-boot.mjs', import.meta.url);

/**
 * A worker's young generation: 12 MB instead of V8's default (up to 48 MB, 16 MB semi-spaces). A
 * signing job's garbage dies young either way; the smaller nursery keeps each worker's heap ~30 MB
 * smaller while it signs (100,000-row batch: peak RSS 450 -> 370 MB, CPU a credential the same).
 */
const WORKER_LIMITS = { maxYoungGenerationSizeMb: 12 };

/** Most jobs in one message to a worker. */
const MAX_GROUP = 32;

/**
 * The error every job gets once its pool is closed (a queued one, or one sent afterwards).
 *
 * @example
 * if (closed) return Promise.reject(poolClosedError());
 */
export function poolClosedError(): Error {
  return new Error('The signing pool is closed: it signs nothing more.');
}

/**
 * Starts `size` worker threads that each import the keys and build the document loader once, and
 * sign credentials with core's `signCredential`: the same bytes as signing in-process. A worker
 * that dies is replaced, and the jobs it held reject with a clear error (never hang). Throws
 * `TypeError` for a bad key file before any worker starts (messages never hold key material, K1).
 *
 * @example
 * const pool = await createSigningPool({ keys: JSON.parse(keyFile), contexts: loadPinnedContexts() });
 * const signed = await pool.sign(credential, { created: new Date() });
 * await pool.close();
 */
export async function createSigningPool(options: SigningPoolOptions): Promise<SigningPool> {
  const keySet = await loadKeySet(options.keys); // a bad key file fails here, once, not in every worker
  const size = Math.max(1, Math.floor(options.size ?? availableParallelism()));
  const maxInFlight = Math.max(1, options.maxInFlight ?? 64 * size);
  /** Jobs one worker holds at most; it is sent a group when half of them fit. */
  const perWorker = Math.ceil(maxInFlight / size);
  const halfPerWorker = Math.ceil(perWorker / 2);
  const maxQueued = Math.max(0, options.maxQueued ?? 10_000);
  const workerData: SignWorkerData = {
    keys: options.keys,
    contexts: options.contexts,
    refuseVocab: options.refuseVocab ?? true,
    testHooks: options.testHooks === true,
  };
  const slots: Slot[] = [];
  const queue: Job[] = [];
  let inFlight = 0;
  let nextId = 1;
  let closed = false;
  /** A worker said it is ready (its module and keys loaded). */
  let ready = false;
  let drained: (() => void) | undefined;
  let closing: Promise<void> | undefined;

  const settle = (slot: Slot, id: number): Job | undefined => {
    const job = slot.jobs.get(id);
    if (!job) return undefined;
    slot.jobs.delete(id);
    inFlight -= 1;
    return job;
  };

  /** Hands queued jobs to the least busy workers, a group (one message) at a time. */
  const pump = (): void => {
    while (inFlight < maxInFlight && queue.length > 0 && slots.length > 0) {
      const slot = slots.reduce((a, b) => (b.jobs.size < a.jobs.size ? b : a));
      // A group is an even share of what waits (half of it, so that each worker holds two groups
      // and never waits for its next message), at most MAX_GROUP and half a worker's jobs.
      const want = Math.max(1, Math.min(MAX_GROUP, halfPerWorker, Math.ceil(queue.length / (2 * slots.length))));
      const room = Math.min(maxInFlight - inFlight, perWorker - slot.jobs.size);
      // A worker that has work waits until a whole group fits: what it answers frees room for one,
      // instead of a message per job it answered (each a wake-up of both threads).
      if (room < want && slot.jobs.size > 0) break;
      const group = queue.splice(0, Math.max(1, Math.min(want, room)));
      for (const job of group) slot.jobs.set(job.message.id, job);
      inFlight += group.length;
      try {
        slot.worker.postMessage(group.map((job) => job.message));
      } catch {
        // One credential that cannot be copied refuses only itself: the group goes one by one.
        for (const job of group) {
          try {
            slot.worker.postMessage([job.message]);
          } catch {
            settle(slot, job.message.id);
            job.reject(new TypeError('The credential cannot be sent to a signing worker: it must be plain JSON data.'));
          }
        }
      }
    }
    if (closed && slots.length === 0) {
      for (const job of queue.splice(0)) job.reject(poolClosedError());
    }
    if (closed && inFlight === 0 && queue.length === 0) drained?.();
  };
  // Jobs asked for in one go (a batch chunk signs hundreds in one tick) leave in groups: the
  // pump runs once after them, not once each.
  let pumpQueued = false;
  const pumpSoon = (): void => {
    if (pumpQueued) return;
    pumpQueued = true;
    queueMicrotask(() => {
      pumpQueued = false;
      pump();
    });
  };

  const start = (): void => {
    const worker = new Worker(options.script ?? BOOT, { workerData, resourceLimits: WORKER_LIMITS });
    // First of all, a made-up row whose outcome is ignored (no job has its id): the worker's
    // schemas, contexts and signing code are ready before the first real job.
    worker.postMessage([warmUpJob(keySet.signing.controller)]);
    const slot: Slot = { worker, jobs: new Map() };
    slots.push(slot);
    worker.on('message', (message: SignResult) => {
      if (message.type === 'ready') {
        ready = true;
        return;
      }
      for (const result of message.results) {
        const job = settle(slot, result.id);
        if (!job) continue;
        if (result.type === 'kept') job.resolve(withMembers(job.message.credential ?? {}, result.members));
        else if (result.type === 'done') job.resolve(result.signed);
        else if (result.type === 'issued') job.resolve(result.rows);
        else if (result.type === 'one') job.resolve(result.one);
        else job.reject(deserializeError(result.error));
      }
      pump();
    });
    // 'error' is followed by 'exit'; the exit handler does the work. Only the error's class is
    // kept: a message from inside the worker is not copied into what callers see (K1).
    let cause = '';
    worker.on('error', (error) => {
      cause = ` (${error.name})`;
    });
    worker.on('exit', (code) => {
      slots.splice(slots.indexOf(slot), 1);
      const lost = [...slot.jobs.keys()].map((id) => settle(slot, id) as Job);
      for (const job of lost) {
        job.reject(
          new Error(
            `A signing worker stopped (exit code ${code}${cause}) while signing this credential; it was not signed. Sign it again.`,
          ),
        );
      }
      if (!closed) start();
      pump();
    });
  };
  for (let i = 0; i < size; i += 1) start();

  /** Queues one job (a credential, or batch rows); the pump hands it to a worker. */
  const submit = <R>(message: SignJob): Promise<R> => {
    if (closed) return Promise.reject(poolClosedError());
    if (inFlight + queue.length >= maxInFlight + maxQueued) {
      return Promise.reject(
        new Error(`The signing pool is busy: ${maxInFlight + maxQueued} credentials are waiting. Try again shortly.`),
      );
    }
    message.id = nextId++;
    return new Promise<R>((resolve, reject) => {
      queue.push({ message, resolve, reject });
      pumpSoon();
    });
  };

  return {
    get pending() {
      return inFlight + queue.length;
    },
    size,
    get ready() {
      return ready;
    },
    warm() {},
    sign<T extends object>(credential: T, signOptions: PoolSignOptions): Promise<T & { proof: any }> {
      if (!(signOptions?.created instanceof Date) || Number.isNaN(signOptions.created.getTime())) {
        if (closed) return Promise.reject(poolClosedError());
        return Promise.reject(new TypeError('options.created must be a valid Date (the proof time).'));
      }
      const message: SignJob = {
        id: 0,
        credential: credential as Record<string, unknown>,
        created: signOptions.created,
      };
      if (signOptions.cryptosuite) message.cryptosuite = signOptions.cryptosuite;
      if (signOptions.mandatoryPointers) message.mandatoryPointers = signOptions.mandatoryPointers;
      if (signOptions.testCrash) message.testCrash = true;
      if (!isPlainJson(credential)) message.whole = true;
      return submit(message);
    },
    issueRows(request: IssueRowsRequest, options?: { testCrash?: boolean }): Promise<IssuedRow[]> {
      const message: SignJob = { id: 0, issue: request, created: request.now };
      if (options?.testCrash) message.testCrash = true;
      return submit(message);
    },
    issueOne(request: IssueOneRequest): Promise<IssuedOne> {
      return submit({ id: 0, one: request, created: request.now });
    },
    recycle(buffers: ArrayBuffer[]): void {
      const share = Math.ceil(buffers.length / Math.max(1, slots.length));
      for (const [i, slot] of slots.entries()) {
        const part = buffers.slice(i * share, (i + 1) * share);
        try {
          if (part.length > 0) slot.worker.postMessage({ recycle: part } satisfies RecycleMessage, part);
        } catch {
          // A worker on its way out: its part is simply not reused.
        }
      }
    },
    close(): Promise<void> {
      closing ??= (async () => {
        closed = true;
        if (inFlight > 0 || queue.length > 0) await new Promise<void>((resolve) => (drained = resolve));
        await Promise.all(slots.map((s) => s.worker.terminate()));
      })();
      return closing;
    },
  };
}
