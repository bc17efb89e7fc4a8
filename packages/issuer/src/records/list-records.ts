import { once } from 'node:events';
import type { Request, Response } from 'express';
import type { AppDeps } from '../deps.ts';
import { CSV_COLUMNS, csvRow, summaryRow } from './csv.ts';
import { findRecords } from './find-records.ts';
import { encodeCursor, parseRecordQuery, type RecordFormat, type RecordQuery } from './query.ts';
import type { RecordSummary } from './summary.ts';

const MEDIA: Record<RecordFormat, string> = {
  json: 'application/json',
  csv: 'text/csv',
  jsonl: 'application/jsonl',
};

/** `?format=` first, else `Accept` (JSON when it names none of the three). */
function formatOf(req: Request, q: RecordQuery): RecordFormat {
  if (q.format) return q.format;
  const type = req.accepts([MEDIA.json, MEDIA.csv, MEDIA.jsonl]);
  return type === MEDIA.csv ? 'csv' : type === MEDIA.jsonl ? 'jsonl' : 'json';
}

/** Writes `chunk`, waiting for `drain` when the socket's buffer is full; false once the client left. */
async function send(res: Response, chunk: string): Promise<boolean> {
  if (res.destroyed) return false;
  if (!res.write(chunk)) await Promise.race([once(res, 'drain'), once(res, 'close')]);
  return !res.destroyed;
}

/**
 * `GET /credentials` (scope `read:/credentials`): what was issued, filtered by `achievement`,
 * `recipient` (subject id, or an email matched against hashed IdentityObjects), `from`/`to`
 * (issued in [from, to)), `status` (revoked, suspended, superseded, expired, active; comma list),
 * `issuedBy` (a token's name or `award:<id>`) and `batch`; in (issuedAt, id) order.
 * - JSON (default): `{ items: [summary…], next }`, `limit` per page (100, at most 1000); `next`
 *   is the opaque `cursor` of the next page, null on the last.
 * - CSV (`Accept: text/csv` or `?format=csv`): a header row ({@link CSV_COLUMNS}) and one row a
 *   credential, formula-safe; JSON Lines (`Accept: application/jsonl` or `?format=jsonl`): one
 *   stored credential a line. Both stream every match (up to `limit` when given), never the
 *   whole file in memory.
 *
 * @example
 * // GET /credentials?achievement=https%3A%2F%2Fexample.org%2Fa&status=active&limit=50
 */
export function listRecords(deps: AppDeps) {
  return async (req: Request, res: Response): Promise<void> => {
    const q = parseRecordQuery(req.query as Record<string, unknown>);
    const format = formatOf(req, q);
    const now = deps.clock();
    res.setHeader('Cache-Control', 'no-store');
    res.setHeader('Vary', 'Accept');
    if (format === 'json') {
      const items: RecordSummary[] = [];
      let more = false;
      for await (const { summary } of findRecords(deps.store, q, now)) {
        if (items.length === q.limit) {
          more = true;
          break;
        }
        items.push(summary);
      }
      const last = items.at(-1);
      res.json({ items, next: more && last ? encodeCursor({ issuedAt: last.issuedAt, id: last.id }) : null });
      return;
    }
    const name = `credentials.${format === 'csv' ? 'csv' : 'jsonl'}`;
    res.status(200);
    res.setHeader(
      'Content-Type',
      format === 'csv' ? 'text/csv; charset=utf-8; header=present' : 'application/jsonl; charset=utf-8',
    );
    res.setHeader('Content-Disposition', `attachment; filename="${name}"`);
    if (format === 'csv' && !(await send(res, csvRow(CSV_COLUMNS)))) return;
    let count = 0;
    for await (const { record, summary } of findRecords(deps.store, q, now)) {
      if (q.limited && count === q.limit) break;
      const line = format === 'csv' ? summaryRow(summary) : `${JSON.stringify(record.credential)}\n`;
      if (!(await send(res, line))) return;
      count++;
    }
    res.end();
  };
}
