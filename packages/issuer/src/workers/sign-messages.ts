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
   * Answer the whole signed credential, never {@link changedMembers}: the caller's credential is
   * not plain JSON data ({@link isPlainJson}), so its members are not what the worker was sent.
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
   * Signed, answered as the members the signature added or changed ({@link changedMembers}): the
   * others are the job's credential's own, unchanged (the pool answers {@link withMembers}).
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

/** Deeper than any credential: a value nested deeper is answered whole. */
const MAX_DEPTH = 64;

/**
 * Whether `a` and `b` are the same JSON data: strings, numbers (`Object.is`: -0 is not 0),
 * booleans and `null`, dense arrays and plain objects with the same keys in the same order. Any
 * other value (`undefined`, a `Date`, a holey array…) is never the same: it is answered whole.
 */
function sameJson(a: unknown, b: unknown, depth: number): boolean {
  if (a === null || typeof a !== 'object') {
    return (a === null || typeof a === 'string' || typeof a === 'number' || typeof a === 'boolean') && Object.is(a, b);
  }
  if (b === null || typeof b !== 'object' || depth > MAX_DEPTH) return false;
  if (Array.isArray(a)) {
    if (!Array.isArray(b) || a.length !== b.length || Object.keys(a).length !== a.length) return false;
    if (Object.getPrototypeOf(a) !== Array.prototype || Object.getPrototypeOf(b) !== Array.prototype) return false;
    for (let i = 0; i < a.length; i++) if (!(i in b) || !sameJson(a[i], b[i], depth + 1)) return false;
    return Object.keys(b).length === b.length;
  }
  if (
    Array.isArray(b) ||
    Object.getPrototypeOf(a) !== Object.prototype ||
    Object.getPrototypeOf(b) !== Object.prototype
  )
    return false;
  const keys = Object.keys(a);
  const other = Object.keys(b);
  if (keys.length !== other.length) return false;
  for (let i = 0; i < keys.length; i++) {
    const key = keys[i] as string;
    if (
      other[i] !== key ||
      !sameJson((a as Record<string, unknown>)[key], (b as Record<string, unknown>)[key], depth + 1)
    )
      return false;
  }
  return true;
}

/**
 * What a worker answers for a credential it signed, instead of the whole signed credential:
 * the members `signed` added (the proof) or changed (a VC 1.1 `@context`), when it has every
 * member of `credential` first, in the same order, and the others are the same JSON data as
 * `credential`'s ({@link withMembers} then rebuilds `signed` from the caller's own credential).
 * `undefined` when it cannot be told that way: the whole credential is answered.
 *
 * @example
 * changedMembers(credential, signed); // { proof: { type: 'DataIntegrityProof', … } }
 */
export function changedMembers(credential: unknown, signed: unknown): Record<string, unknown> | undefined {
  if (!isPlainObject(credential) || !isPlainObject(signed)) return undefined;
  const keys = Object.keys(credential);
  const signedKeys = Object.keys(signed);
  if (signedKeys.length < keys.length) return undefined;
  const members: Record<string, unknown> = {};
  for (let i = 0; i < signedKeys.length; i++) {
    const key = signedKeys[i] as string;
    // set on a plain object, it would be its prototype, not a member
    if (key === '__proto__') return undefined;
    if (i < keys.length) {
      if (keys[i] !== key) return undefined;
      if (sameJson(credential[key], signed[key], 0)) continue;
    }
    members[key] = signed[key];
  }
  return members;
}

/**
 * The signed credential a {@link changedMembers} answer stands for: `credential`'s members in
 * order, each replaced by its signed value when `members` has one, then the members it added.
 * Unchanged members are `credential`'s own values, not copies.
 *
 * @example
 * const signed = withMembers(credential, { proof }); // { ...credential, proof }
 */
export function withMembers(
  credential: Record<string, unknown>,
  members: Record<string, unknown>,
): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const key of Object.keys(credential)) out[key] = Object.hasOwn(members, key) ? members[key] : credential[key];
  for (const key of Object.keys(members)) if (!Object.hasOwn(credential, key)) out[key] = members[key];
  return out;
}

/**
 * Whether `value` is data a structured clone copies as it is: its objects and arrays (and theirs)
 * are plain ones (`Object.prototype` / `Array.prototype`), so a copy of it is the same, prototypes
 * included. Only then is a credential answered by {@link changedMembers} (its unchanged members
 * are the caller's own): a class instance, a null-prototype object, a `Date` get a whole answer.
 *
 * @example
 * isPlainJson({ a: [1, { b: 'x' }] }); // true
 * isPlainJson({ a: Object.create(null) }); // false
 */
export function isPlainJson(value: unknown, depth = 0): boolean {
  if (value === null || typeof value !== 'object') return typeof value !== 'function';
  if (depth > MAX_DEPTH) return false;
  if (Array.isArray(value)) {
    if (Object.getPrototypeOf(value) !== Array.prototype) return false;
    for (let i = 0; i < value.length; i++) if (!isPlainJson(value[i], depth + 1)) return false;
    return true;
  }
  if (Object.getPrototypeOf(value) !== Object.prototype) return false;
  for (const key in value) if (!isPlainJson((value as Record<string, unknown>)[key], depth + 1)) return false;
  return true;
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return value !== null && typeof value === 'object' && Object.getPrototypeOf(value) === Object.prototype;
}
