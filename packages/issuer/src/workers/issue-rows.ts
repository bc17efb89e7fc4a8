/**
 * Batch rows issued in a signing worker (`SigningPool.issueRows`): each row gets exactly the
 * issue route's checks (`prepareRow`), its status entries from the indexes the main thread
 * allocated, and its signature, here. The store stays on the main thread: the catalogue documents
 * come in the request, and a row that would read anything else (a related resource's record) is
 * given back to be issued there.
 */
import type { DocumentLoader } from '@repo/core';
import { batchRecord } from '../batch/batch-record.ts';
import { prepareRow } from '../batch/prepare-row.ts';
import { rowProblem } from '../batch/row-problem.ts';
import type { AppDeps } from '../deps.ts';
import { addStatusEntries, isoSeconds, secureCredential } from '../issuance/sign-and-store.ts';
import type { KeySet } from '../keys/key-set.ts';
import { recordText } from '../store/record-codec.ts';
import type { StatusAssignment } from '../store/types.ts';
import type { IssuedRow, IssueRowsRequest } from './sign-messages.ts';

/** A read the worker cannot answer: the row goes back to the main thread. */
class NeedsMainThread extends Error {}

const utf8 = new TextEncoder();
/** Room for a typical row's record (~4.6 KB of UTF-8): spare buffers are this big. */
const SPARE_BYTES = 8192;
/** Most spare buffers a worker keeps. */
const MAX_SPARES = 1024;
/** Buffers whose bytes were stored, given back by the main thread ({@link recycleBuffers}). */
const spares: ArrayBuffer[] = [];

/**
 * Keeps buffers of rows already stored (`SigningPool.recycle`) to write the next rows' bytes in:
 * the bytes of rows in flight are all the memory they take, whenever the main thread collects.
 *
 * @example
 * recycleBuffers(message.recycle);
 */
export function recycleBuffers(buffers: readonly ArrayBuffer[]): void {
  for (const b of buffers) if (spares.length < MAX_SPARES && b.byteLength >= SPARE_BYTES) spares.push(b);
}

/**
 * `text` in UTF-8, from the start of an ArrayBuffer of its own (a spare one when it fits; never
 * Buffer's shared pool): it is transferred to the main thread.
 */
function utf8Bytes(text: string): Uint8Array {
  const spare = spares.pop() ?? new ArrayBuffer(SPARE_BYTES);
  const { read, written } = utf8.encodeInto(text, new Uint8Array(spare));
  if (read === text.length) return new Uint8Array(spare, 0, written);
  // Too long for a spare buffer: kept for the next row, and this text in a buffer of its own.
  spares.push(spare);
  return utf8.encode(text);
}

const noop = () => undefined;
const quietLogger = { info: noop, warn: noop, error: noop, debug: noop, trace: noop, fatal: noop };

/** Freezes a JSON value and everything in it. */
function deepFreeze(value: unknown): void {
  if (value === null || typeof value !== 'object' || Object.isFrozen(value)) return;
  Object.freeze(value);
  for (const v of Object.values(value)) deepFreeze(v);
}

/**
 * Issues the request's rows one at a time, in order. Never throws for a row: its outcome says.
 *
 * @example
 * const outcomes = await issueRows({ keys, documentLoader }, request);
 */
export async function issueRows(
  ctx: { keys: KeySet; documentLoader: DocumentLoader },
  request: IssueRowsRequest,
): Promise<IssuedRow[]> {
  const { now, documents } = request;
  const at = isoSeconds(now);
  // One copy for all the rows, frozen: the checks only read the documents, and prepareCredential
  // signs a copy of the credential built from them (a write to one would throw, never leak).
  for (const doc of documents.values()) deepFreeze(doc);
  let touched = false;
  const getDocument = (kind: string, id: string) => {
    const key = `${kind}!${id}`;
    if (!documents.has(key)) {
      touched = true;
      throw new NeedsMainThread(key);
    }
    return Promise.resolve(documents.get(key));
  };
  const store = new Proxy(
    {},
    {
      get(_target, name) {
        if (name === 'getDocument') return getDocument;
        if (name === 'then') return undefined;
        return () => {
          touched = true;
          throw new NeedsMainThread(String(name));
        };
      },
    },
  );
  const deps = {
    key: { controller: request.controller },
    keys: ctx.keys,
    documentLoader: ctx.documentLoader,
    config: request.config,
    store,
    clock: () => now,
    logger: quietLogger,
  } as unknown as AppDeps;

  const out: IssuedRow[] = [];
  for (const row of request.rows) {
    touched = false;
    try {
      const prepared = await prepareRow(deps, row.body, now);
      if (touched) {
        out.push({ type: 'main' });
        continue;
      }
      const used: number[] = [];
      const slots: StatusAssignment[] = [];
      for (const purpose of prepared.purposes) {
        const i = row.slots.findIndex((s, j) => s.purpose === purpose && !used.includes(j));
        if (i < 0) break;
        used.push(i);
        slots.push(row.slots[i]!);
      }
      if (slots.length !== prepared.purposes.length) {
        out.push({ type: 'main' });
        continue;
      }
      addStatusEntries(deps, prepared.credential, slots);
      const secured = await secureCredential(deps, prepared.credential, prepared.securing, now, '/credential');
      const id = prepared.credential.id as string;
      const jwt = secured.jwt === undefined ? {} : { jwt: secured.jwt };
      if (!request.bytes) {
        out.push({ type: 'signed', id, used, signed: secured.signed, ...jwt });
        continue;
      }
      const json = JSON.stringify(secured.signed);
      const text = request.record
        ? recordText(batchRecord(id, {}, slots, request.record, at, secured.jwt), json)
        : json;
      out.push({ type: 'signed-bytes', id, used, bytes: utf8Bytes(text), ...jwt });
    } catch (error) {
      if (touched || error instanceof NeedsMainThread) {
        out.push({ type: 'main' });
        continue;
      }
      const problem = rowProblem(error, request.format);
      out.push({
        type: 'failed',
        problem,
        ...(problem.code === 'INTERNAL_ERROR' && {
          internal: error instanceof Error ? error.message : 'unexpected error',
        }),
      });
    }
  }
  return out;
}
