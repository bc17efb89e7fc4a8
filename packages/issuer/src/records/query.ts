import { isoSeconds, parseDateTimeStamp } from '@repo/schemas';
import { ProblemError } from '../http/problem-error.ts';
import type { IssuedPosition } from '../store/types.ts';
import { RECORD_STATUSES, type RecordStatus } from './summary.ts';

/** What `GET /credentials` answers as. */
export type RecordFormat = 'json' | 'csv' | 'jsonl';

/** The filters and page of a records query (every filter optional; all given must match). */
export interface RecordQuery {
  achievement?: string;
  recipient?: string;
  /** Issued at or after (ms since the epoch). */
  from?: number;
  /** Issued before (ms since the epoch). */
  to?: number;
  status?: ReadonlySet<RecordStatus>;
  issuedBy?: string;
  /** The batch job id the record was issued by (records that carry a `batch` field). */
  batch?: string;
  /** Continue after this (issuedAt, id). */
  after?: Required<IssuedPosition>;
  limit: number;
  /** Whether `limit` was given (exports stream everything unless it was). */
  limited: boolean;
  format?: RecordFormat;
}

export const DEFAULT_LIMIT = 100;
export const MAX_LIMIT = 1000;
const PARAMS = ['achievement', 'recipient', 'from', 'to', 'status', 'issuedBy', 'batch', 'cursor', 'limit', 'format'];
const DATE = /^\d{4}-\d{2}-\d{2}$/;

const bad = (parameter: string, detail: string) =>
  new ProblemError(400, 'MALFORMED_VALUE_ERROR', detail, { extra: { parameter } });

/**
 * The opaque cursor of the page after (`issuedAt`, `id`): base64url of a JSON pair.
 *
 * @example
 * encodeCursor({ issuedAt: '2026-03-01T12:00:00Z', id: 'urn:uuid:1' }); // 'WyIyMDI2…'
 */
export function encodeCursor(position: Required<IssuedPosition>): string {
  return Buffer.from(JSON.stringify([position.issuedAt, position.id])).toString('base64url');
}

function decodeCursor(cursor: string): Required<IssuedPosition> {
  try {
    const pair = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8')) as unknown;
    if (Array.isArray(pair) && pair.length === 2 && pair.every((v) => typeof v === 'string')) {
      return { issuedAt: pair[0], id: pair[1] };
    }
  } catch {}
  throw bad('cursor', 'cursor must be the `next` value of an earlier answer, unchanged.');
}

function instant(name: string, value: string): number {
  const t = parseDateTimeStamp(DATE.test(value) ? `${value}T00:00:00Z` : value);
  if (t === undefined)
    throw bad(name, `${name} must be a date (2026-03-01) or a date-time with a time zone (2026-03-01T12:00:00Z).`);
  return t;
}

/**
 * Reads the query string of `GET /credentials` (Express "simple" parser: strings, or arrays for a
 * repeated name). Unknown or repeated parameters and bad values are 400 with the parameter named.
 *
 * @example
 * parseRecordQuery({ status: 'revoked,suspended', limit: '50' }); // { status: Set{…}, limit: 50, … }
 */
export function parseRecordQuery(query: Record<string, unknown>): RecordQuery {
  const one: Record<string, string> = {};
  for (const [name, value] of Object.entries(query)) {
    if (!PARAMS.includes(name)) {
      throw new ProblemError(
        400,
        'UNKNOWN_OPTION_PROVIDED',
        `Unknown query parameter ${name}; known: ${PARAMS.join(', ')}.`,
        {
          extra: { parameter: name },
        },
      );
    }
    if (typeof value !== 'string') throw bad(name, `${name} must be given once.`);
    one[name] = value;
  }
  const q: RecordQuery = { limit: DEFAULT_LIMIT, limited: one.limit !== undefined };
  for (const name of ['achievement', 'recipient', 'issuedBy', 'batch'] as const) {
    if (one[name] !== undefined) q[name] = one[name];
  }
  if (one.from !== undefined) q.from = instant('from', one.from);
  if (one.to !== undefined) q.to = instant('to', one.to);
  if (one.status !== undefined) {
    const list = one.status.split(',');
    const unknown = list.filter((s) => !(RECORD_STATUSES as readonly string[]).includes(s));
    if (unknown.length > 0)
      throw bad('status', `status must be one or more (comma-separated) of ${RECORD_STATUSES.join(', ')}.`);
    q.status = new Set(list as RecordStatus[]);
  }
  if (one.limit !== undefined) {
    const n = /^[1-9]\d{0,3}$/.test(one.limit) ? Number(one.limit) : Number.NaN;
    if (!(n <= MAX_LIMIT)) throw bad('limit', `limit must be a whole number from 1 to ${MAX_LIMIT}.`);
    q.limit = n;
  }
  if (one.cursor !== undefined) q.after = decodeCursor(one.cursor);
  if (one.format !== undefined) {
    if (one.format !== 'json' && one.format !== 'csv' && one.format !== 'jsonl') {
      throw bad('format', 'format must be "json", "csv" or "jsonl".');
    }
    q.format = one.format;
  }
  return q;
}

/**
 * Where the index scan starts: after the cursor, or at `from` (whichever is later).
 *
 * @example
 * startOf({ from: Date.parse('2026-03-01T00:00:00Z'), limit: 100, limited: false }); // { issuedAt: '2026-03-01T00:00:00Z' }
 */
export function startOf(q: RecordQuery): IssuedPosition | undefined {
  const fromKey = q.from === undefined ? undefined : isoSeconds(new Date(Math.floor(q.from / 1000) * 1000));
  if (q.after && (fromKey === undefined || q.after.issuedAt >= fromKey)) return q.after;
  return fromKey === undefined ? undefined : { issuedAt: fromKey };
}
