import type { RecordSummary } from './summary.ts';

/** The CSV export's columns, in order: the header row names them (RFC 4180 §2 item 3). */
export const CSV_COLUMNS: ReadonlyArray<keyof RecordSummary> = [
  'id',
  'achievementId',
  'achievementName',
  'recipient',
  'issuedAt',
  'validUntil',
  'status',
  'issuedBy',
];

/** First characters a spreadsheet may read as a formula (OWASP "CSV Injection"). */
const FORMULA_START = /^[=+\-@\t\r]/;

/**
 * One CSV field: a cell a spreadsheet would run as a formula gets a leading `'` (OWASP CSV
 * Injection), then every field is quoted with inner quotes doubled (RFC 4180 §2 items 5–7).
 * `null` is an empty field.
 *
 * @example
 * csvField('=HYPERLINK("x")'); // '"\'=HYPERLINK(""x"")"'
 */
export function csvField(value: string | null): string {
  if (value === null) return '""';
  const safe = FORMULA_START.test(value) ? `'${value}` : value;
  return `"${safe.replaceAll('"', '""')}"`;
}

/**
 * One CSV record, CRLF-terminated (RFC 4180 §2 item 1).
 *
 * @example
 * csvRow(['a', null]); // '"a",""\r\n'
 */
export function csvRow(values: ReadonlyArray<string | null>): string {
  return `${values.map(csvField).join(',')}\r\n`;
}

/**
 * The CSV record of one summary, in {@link CSV_COLUMNS} order.
 *
 * @example
 * summaryRow(summary); // '"urn:uuid:…","https://…",…\r\n'
 */
export function summaryRow(summary: RecordSummary): string {
  return csvRow(CSV_COLUMNS.map((c) => summary[c]));
}
