import { type Cryptosuite, type ProblemCode, VcError } from '@repo/core';
import { ProblemError } from '../http/problem-error.ts';
import type { StatusPurpose } from '../status/status-registry.ts';
import type { BatchRowProblem } from '../store/batch-types.ts';
import type { StatusAssignment } from '../store/types.ts';

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

/**
 * Batch rows for a worker to check, give their status entries and sign exactly as the issue route
 * would (`issueRows`): the main thread keeps the store, so it sends what the rows read from it.
 */
export interface IssueRowsRequest {
  /** The chunk's time (proofs, filled dates). */
  now: Date;
  /** How a row's problem says where: a CSV column or a JSON pointer. */
  format: 'csv' | 'jsonl';
  /** The service's DID (`deps.key.controller`). */
  controller: string;
  /** The configuration the checks read. */
  config: { publicBaseUrl: string; defaultStatusPurposes: readonly StatusPurpose[]; renewableLifecycle: boolean };
  /**
   * Catalogue documents read once for the chunk on the main thread, by `kind!id` (`undefined`:
   * read, and absent). A row that reads anything else from the store is given back (`main`).
   */
  documents: Map<string, unknown>;
  /** Each row's body and the status indexes allocated for it (it uses those its purposes need). */
  rows: Array<{ body: Record<string, unknown>; slots: StatusAssignment[] }>;
  /**
   * Answer each signed row's credential as the UTF-8 bytes of its JSON text (`signed-bytes`)
   * instead of an object (`signed`): a caller that stores it keeps the bytes as they are (no copy
   * into objects and back, nothing of it on the caller's heap; the bytes' buffers are transferred,
   * and may come back to the worker with `SigningPool.recycle` once stored).
   */
  bytes?: boolean;
  /**
   * With `bytes`: each signed row's bytes are its whole batch record's stored text (`batchRecord`
   * issued by `issuedBy` at the request's time in job `batch`, with the credential in it, as
   * `recordText` writes it) instead of the credential's JSON text alone.
   */
  record?: { issuedBy: string; batch: string };
}

/** One row's outcome of an {@link IssueRowsRequest}, in the order of its rows. */
export type IssuedRow =
  /** Signed; `used` are the indexes into its `slots` that its status entries hold, in order. */
  | { type: 'signed'; id: string; used: number[]; signed: Record<string, unknown>; jwt?: string }
  /**
   * Signed, for a request with `bytes`: `bytes` is the UTF-8 encoding of `JSON.stringify` of the
   * signed credential (with `record`: of its record's stored text), from the start of its own buffer.
   */
  | { type: 'signed-bytes'; id: string; used: number[]; bytes: Uint8Array; jwt?: string }
  /** Refused, as the issue route would; `internal` is the message of an unexpected error (logged). */
  | { type: 'failed'; problem: BatchRowProblem; internal?: string }
  /** Needs the main thread (the store, or indexes it was not given): issue it there. */
  | { type: 'main' };

/**
 * One `POST /credentials/issue` request for a worker (`issueOne`): its body's bytes, parsed,
 * checked, given status entries from `slots` and signed as the route would.
 */
export interface IssueOneRequest {
  /** The request body as received. */
  body: Uint8Array;
  /** JSON nesting limit (`config.maxDepth`). */
  maxDepth: number;
  /** The request's time (proof, filled dates, the record's `issuedAt`). */
  now: Date;
  /** The service's DID (`deps.key.controller`). */
  controller: string;
  /** The configuration the checks read. */
  config: IssueRowsRequest['config'];
  /** Status indexes allocated for it; it uses those its purposes need. */
  slots: StatusAssignment[];
  /** The caller's token name (the record's `issuedBy`). */
  issuedBy: string;
  /**
   * Catalogue documents read on the main thread for a catalogue-form body, by `kind!id` as in
   * {@link IssueRowsRequest.documents}; without them a body that reads one is issued there.
   */
  documents?: Map<string, unknown>;
  /**
   * Whether to return the body's `Idempotency-Key` fingerprint (`requestFingerprint` of
   * `POST /credentials/issue` and the parsed body) with a signed credential.
   */
  fingerprint?: boolean;
}

/** The outcome of an {@link IssueOneRequest}. */
export type IssuedOne =
  /**
   * Signed: `used` are the indexes into its `slots` its status entries hold; `json` is
   * `JSON.stringify` of the signed credential and `response` of the route's 201 body.
   */
  | { type: 'signed'; id: string; used: number[]; json: string; response: string; jwt?: string; fingerprint?: string }
  /** Anything else (refused, needs the store or other indexes): the route's own chain answers it. */
  | { type: 'main' };

/** One job, pool → worker: sign one credential, or issue batch rows (`issue`). */
export interface SignJob {
  id: number;
  /** The credential to sign (absent for an `issue` job). */
  credential?: Record<string, unknown>;
  /** Batch rows to issue instead of one credential. */
  issue?: IssueRowsRequest;
  /** One issue request's body to issue instead (`SigningPool.issueOne`). */
  one?: IssueOneRequest;
  created: Date;
  cryptosuite?: Cryptosuite;
  mandatoryPointers?: string[];
  /** TESTS ONLY (with `testHooks`): the worker exits instead of signing. */
  testCrash?: boolean;
  /**
   * Answer the whole signed credential, never `changedMembers`: the caller's credential is not
   * plain JSON data (`isPlainJson`), so its members are not what the worker was sent.
   */
  whole?: boolean;
}

/**
 * Pool → worker besides jobs: buffers of `signed-bytes` rows already stored, for the worker to
 * write its next rows' bytes in (`SigningPool.recycle`).
 */
export interface RecycleMessage {
  recycle: ArrayBuffer[];
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
  /**
   * Signed, answered as the members the signature added or changed (`changedMembers`): the
   * others are the job's credential's own, unchanged (the pool answers `withMembers`).
   */
  | { type: 'kept'; id: number; members: Record<string, unknown> }
  | { type: 'issued'; id: number; rows: IssuedRow[] }
  | { type: 'one'; id: number; one: IssuedOne }
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
