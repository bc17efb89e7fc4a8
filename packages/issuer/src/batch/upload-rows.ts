import { createHash } from 'node:crypto';
import { canonicalJson } from '../http/idempotency.ts';
import { parseJsonObject } from '../http/json-body.ts';
import { ProblemError } from '../http/problem-error.ts';
import type { BatchRow } from '../store/batch-types.ts';
import { CsvReader } from './csv-records.ts';
import { BATCH_CSV_COLUMNS, type BatchCsvColumn, csvRowBody } from './csv-template.ts';
import { JsonLinesSplitter } from './jsonl-lines.ts';
import { rowProblem } from './row-problem.ts';

/** What an upload is read with. */
export interface UploadOptions {
  format: 'csv' | 'jsonl';
  /** `?achievement=` / `?achievementVersion=`: for rows in the catalogue form that name no achievement. */
  defaults: { achievement?: string; achievementVersion?: number };
  /** Longest line (JSON Lines, bytes) or record (CSV, characters); the issue route's body limit. */
  maxRow: number;
  /** JSON nesting limit of a line. */
  maxDepth: number;
}

const MAX_ROW_KEY = 200;
const sha256 = (data: string | Buffer) => createHash('sha256').update(data).digest('hex');

/**
 * The row key of a row without one: SHA-256 of its canonical JSON (RFC 8785 key order), so the
 * same row uploaded again has the same key (and is not issued twice).
 *
 * @example
 * derivedRowKey({ achievement: 'https://college.example/a', recipient: { id: 'did:key:z6Mk…' } }); // 'sha256:3f1c…'
 */
export function derivedRowKey(body: unknown): string {
  return `sha256:${sha256(canonicalJson(body))}`;
}

/** The spooled form of one parsed row: its key, its issue body with the upload's defaults applied. */
function toRow(row: number, value: Record<string, unknown>, options: UploadOptions): BatchRow {
  const { rowKey, ...body } = value;
  const { achievement, achievementVersion } = options.defaults;
  if (achievement !== undefined && body.credential === undefined && body.achievement === undefined) {
    body.achievement = achievement;
    if (achievementVersion !== undefined && body.achievementVersion === undefined)
      body.achievementVersion = achievementVersion;
  }
  if (rowKey === undefined) return { row, rowKey: derivedRowKey(body), body };
  if (
    typeof rowKey !== 'string' ||
    rowKey.length === 0 ||
    rowKey.length > MAX_ROW_KEY ||
    [...rowKey].some((c) => c.charCodeAt(0) < 0x20)
  ) {
    const problem = new ProblemError(
      400,
      'MALFORMED_VALUE_ERROR',
      `rowKey must be a string of 1 to ${MAX_ROW_KEY} characters without control characters.`,
      { pointer: '/rowKey' },
    );
    return { row, rowKey: derivedRowKey(value), problem: rowProblem(problem, options.format) };
  }
  return { row, rowKey, body };
}

function unreadable(row: number, rowKey: string, detail: string, format: 'csv' | 'jsonl'): BatchRow {
  return { row, rowKey, problem: rowProblem(new ProblemError(400, 'PARSING_ERROR', detail), format) };
}

/**
 * The CSV header's columns, by position. Unknown and repeated names are refused (400, naming them).
 */
function readHeader(cells: string[]): BatchCsvColumn[] {
  const names = cells.map((c, i) => (i === 0 ? c.replace(/^\uFEFF/, '') : c).trim());
  const unknown = names.filter((n) => !(BATCH_CSV_COLUMNS as readonly string[]).includes(n));
  if (unknown.length > 0) {
    throw new ProblemError(
      400,
      'MALFORMED_VALUE_ERROR',
      `Unknown CSV column${unknown.length > 1 ? 's' : ''}: ${unknown.map((n) => JSON.stringify(n)).join(', ')}. The columns are: ${BATCH_CSV_COLUMNS.join(', ')} (GET /credentials/issue/batch/template.csv).`,
      { extra: { columns: unknown } },
    );
  }
  const twice = names.filter((n, i) => names.indexOf(n) !== i);
  if (twice.length > 0) {
    throw new ProblemError(400, 'MALFORMED_VALUE_ERROR', `The CSV header names ${twice.join(', ')} more than once.`, {
      extra: { columns: twice },
    });
  }
  return names as BatchCsvColumn[];
}

/**
 * Reads an upload as it streams in and yields its rows (a list at a time: those each piece of the
 * input completed), numbered from 1 (the first data row),
 * each with its row key and its issue body, or with the problem that makes it unreadable (bad
 * JSON on a line, a CSV record with the wrong number of cells …): row problems never stop the
 * upload. Throws a 400 {@link ProblemError} for what makes the whole upload unreadable: a CSV
 * header with unknown columns, text that is not UTF-8 (CSV), no data row at all.
 *
 * @example
 * for await (const rows of uploadRows(req, { format: 'jsonl', defaults: {}, maxRow: 524288, maxDepth: 32 })) spool(rows);
 */
export async function* uploadRows(input: AsyncIterable<Buffer>, options: UploadOptions): AsyncGenerator<BatchRow[]> {
  let row = 0;
  if (options.format === 'jsonl') {
    const splitter = new JsonLinesSplitter(options.maxRow);
    const lineRow = (line: ReturnType<JsonLinesSplitter['end']>[number]): BatchRow => {
      row++;
      if ('problem' in line)
        return { row, rowKey: `sha256:${sha256(`line ${row}`)}`, problem: tooLong(line.problem, 'jsonl') };
      try {
        return toRow(row, parseJsonObject(line.bytes, options.maxDepth, 'The line'), options);
      } catch (error) {
        return { row, rowKey: `sha256:${sha256(line.bytes)}`, problem: rowProblem(error, 'jsonl') };
      }
    };
    for await (const chunk of input) {
      const rows = splitter.push(chunk).map(lineRow);
      if (rows.length > 0) yield rows;
    }
    const rows = splitter.end().map(lineRow);
    if (rows.length > 0) yield rows;
  } else {
    const reader = new CsvReader(options.maxRow);
    const decoder = new TextDecoder('utf-8', { fatal: true, ignoreBOM: false });
    let header: BatchCsvColumn[] | undefined;
    const record = (r: ReturnType<CsvReader['end']>[number]): BatchRow | undefined => {
      if (!header) {
        if ('problem' in r)
          throw new ProblemError(400, 'PARSING_ERROR', `The CSV header row cannot be read: ${r.problem}`);
        header = readHeader(r.cells);
        return undefined;
      }
      row++;
      if ('problem' in r) return unreadable(row, `sha256:${sha256(`row ${row}`)}`, r.problem, 'csv');
      if (r.cells.length !== header.length) {
        return unreadable(
          row,
          `sha256:${sha256(JSON.stringify(r.cells))}`,
          `The row has ${r.cells.length} cells; the header has ${header.length} columns.`,
          'csv',
        );
      }
      const cells: Partial<Record<BatchCsvColumn, string>> = {};
      header.forEach((name, i) => {
        if (r.cells[i] !== '') cells[name] = r.cells[i];
      });
      return toRow(row, csvRowBody(cells), options);
    };
    const text = (chunk: Buffer | undefined): string => {
      try {
        return chunk === undefined ? decoder.decode() : decoder.decode(chunk, { stream: true });
      } catch {
        throw new ProblemError(400, 'PARSING_ERROR', 'The CSV file is not UTF-8 text.');
      }
    };
    const rowsOf = (records: ReturnType<CsvReader['end']>): BatchRow[] => {
      const rows: BatchRow[] = [];
      for (const r of records) {
        const out = record(r);
        if (out) rows.push(out);
      }
      return rows;
    };
    for await (const chunk of input) {
      const rows = rowsOf(reader.push(text(chunk)));
      if (rows.length > 0) yield rows;
    }
    const rows = rowsOf([...reader.push(text(undefined)), ...reader.end()]);
    if (rows.length > 0) yield rows;
    if (!header)
      throw new ProblemError(400, 'PARSING_ERROR', 'The upload is empty: send a CSV header row and data rows.');
  }
  if (row === 0) {
    throw new ProblemError(
      400,
      'PARSING_ERROR',
      options.format === 'csv'
        ? 'The CSV file has a header row but no data rows.'
        : 'The upload is empty: send one JSON object a line.',
    );
  }
}

function tooLong(detail: string, format: 'csv' | 'jsonl') {
  return rowProblem(new ProblemError(413, 'PAYLOAD_TOO_LARGE', detail), format);
}
