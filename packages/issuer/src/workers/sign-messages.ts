import { type Cryptosuite, type ProblemCode, VcError } from '@repo/core';
import { ProblemError } from '../http/problem-error.ts';

/** What the pool tells a worker at start (`workerData`): plain structured-clone data. */
export interface SignWorkerData {
  /** A key file's JSON: one key or a key set (see `loadKeySet`). */
  keys: unknown;
  /** Pinned contexts by URL. */
  contexts: ReadonlyMap<string, unknown>;
  /** Refuse contexts that define `@vocab` (Data Integrity 1.0 §2.4.1). */
  refuseVocab: boolean;
  /** TESTS ONLY: honour `testCrash` in a job. */
  testHooks: boolean;
}

/** One signing job, pool → worker. */
export interface SignJob {
  id: number;
  credential: Record<string, unknown>;
  created: Date;
  cryptosuite?: Cryptosuite;
  mandatoryPointers?: string[];
  /** TESTS ONLY (with `testHooks`): the worker exits instead of signing. */
  testCrash?: boolean;
}

/** An error as plain data: name, message and, for coded errors, code, pointer and HTTP status. */
export interface SerializedError {
  name: string;
  message: string;
  code?: ProblemCode;
  pointer?: string;
  status?: number;
}

/** The outcome of one {@link SignJob}. */
export type SignOutcome =
  | { type: 'done'; id: number; signed: Record<string, unknown> }
  | { type: 'failed'; id: number; error: SerializedError };

/**
 * A worker's message, worker → pool: `ready` once, then one `results` per message of jobs it was
 * sent (pool → worker messages are lists of {@link SignJob}s: one message per group of jobs, not
 * one per credential), with the outcome of each, in order.
 */
export type SignResult = { type: 'ready' } | { type: 'results'; results: SignOutcome[] };

/**
 * An error as plain data for `postMessage`. Only the message, name and problem code travel: no
 * stack, no cause (K1: nothing from the key's closure can ride along).
 *
 * @example
 * serializeError(new VcError('MALFORMED_VALUE_ERROR', 'bad')); // { name: 'VcError', message: 'bad', code: … }
 */
export function serializeError(error: unknown): SerializedError {
  if (error instanceof ProblemError) {
    return {
      name: 'ProblemError',
      message: error.message,
      code: error.problem.title,
      status: error.status,
      ...(error.problem.pointer !== undefined && { pointer: error.problem.pointer }),
    };
  }
  if (error instanceof VcError) {
    return {
      name: 'VcError',
      message: error.message,
      code: error.code,
      ...(error.pointer && { pointer: error.pointer }),
    };
  }
  if (error instanceof TypeError) return { name: 'TypeError', message: error.message };
  return { name: 'Error', message: error instanceof Error ? error.message : 'The signing worker failed.' };
}

/**
 * The error {@link serializeError} described, rebuilt with its class (`VcError`, `ProblemError`,
 * `TypeError` or `Error`) so callers handle pool errors as they handle in-process ones.
 *
 * @example
 * deserializeError({ name: 'TypeError', message: 'bad option' }) instanceof TypeError; // true
 */
export function deserializeError(error: SerializedError): Error {
  const pointer = error.pointer === undefined ? {} : { pointer: error.pointer };
  if (error.name === 'ProblemError' && error.code && error.status) {
    return new ProblemError(error.status, error.code, error.message, pointer);
  }
  if (error.name === 'VcError' && error.code) return new VcError(error.code, error.message, pointer);
  if (error.name === 'TypeError') return new TypeError(error.message);
  return new Error(error.message);
}
