/** One CSV record: its cells, or why it cannot be read (a stray quote, too long, unterminated). */
export type CsvRecord = { cells: string[] } | { problem: string };

type State = 'start' | 'unquoted' | 'quoted' | 'quote';

/** What ends an unquoted run of characters. */
const SPECIAL = /[,\r\n"]/g;

/**
 * A streaming RFC 4180 reader: text goes in as it arrives, whole records come out. Fields are
 * separated by commas, records by CRLF (LF and CR alone are accepted too); a field in double
 * quotes may hold commas, line breaks and `""` (one quote). Empty lines are skipped. A quote
 * inside an unquoted field, text after a closing quote, a record longer than `maxChars` and an
 * unterminated quoted field at the end make that record a problem; the next record is read as
 * usual. Memory is bounded by `maxChars` whatever the input.
 *
 * @example
 * const reader = new CsvReader(1 << 20);
 * const records = [...reader.push('a,"b,c"\r\n1,2'), ...reader.end()]; // [{ cells: ['a','b,c'] }, { cells: ['1','2'] }]
 */
export class CsvReader {
  readonly #maxChars: number;
  #state: State = 'start';
  #field = '';
  #cells: string[] = [];
  /** Characters of the current record so far (0: nothing yet, an empty line is skipped). */
  #size = 0;
  #problem: string | undefined;
  /** The previous record ended with CR: a LF right after it belongs to that line break. */
  #afterCr = false;

  constructor(maxChars: number) {
    this.#maxChars = maxChars;
  }

  /** Reads `text` (any slice of the input) and returns the records it completed. */
  push(text: string): CsvRecord[] {
    const out: CsvRecord[] = [];
    const n = text.length;
    let i = 0;
    while (i < n) {
      const c = text[i]!;
      if (this.#afterCr) {
        this.#afterCr = false;
        if (c === '\n') {
          i++;
          continue;
        }
      }
      if (this.#state === 'quoted') {
        // Everything up to the next quote belongs to the field.
        const quote = text.indexOf('"', i);
        const end = quote < 0 ? n : quote;
        this.#addRun(text, i, end);
        if (quote < 0) break;
        this.#state = 'quote';
        i = quote + 1;
        continue;
      }
      i++;
      if (c === ',') {
        this.#endField();
        continue;
      }
      if (c === '\n' || c === '\r') {
        this.#afterCr = c === '\r';
        this.#endRecord(out);
        continue;
      }
      if (this.#state === 'start' && c === '"') {
        this.#state = 'quoted';
        this.#size++;
        continue;
      }
      if (this.#state === 'quote') {
        if (c === '"') {
          this.#state = 'quoted';
          this.#addRun('"', 0, 1);
          continue;
        }
        this.#problem ??=
          'Text follows a closing quote inside a field (RFC 4180 §2: "" is a quote inside a quoted field).';
      } else if (this.#state === 'unquoted' && c === '"') {
        this.#problem ??= 'A quote inside an unquoted field (RFC 4180 §2: quote the field, and double the quote).';
      }
      // An unquoted run: this character and those up to the next comma, line break or quote.
      this.#state = 'unquoted';
      SPECIAL.lastIndex = i;
      const end = SPECIAL.exec(text)?.index ?? n;
      this.#addRun(text, i - 1, end);
      i = end;
    }
    return out;
  }

  /** The input ended: the last record, if any. */
  end(): CsvRecord[] {
    const out: CsvRecord[] = [];
    if (this.#state === 'quoted') this.#problem ??= 'A quoted field is not closed before the end of the file.';
    this.#endRecord(out);
    return out;
  }

  /** Adds `text[from..to)` to the field (each character counts towards `maxChars`). */
  #addRun(text: string, from: number, to: number): void {
    if (to <= from) return;
    this.#size += to - from;
    if (this.#size > this.#maxChars) {
      this.#problem ??= `The record is longer than ${this.#maxChars} characters.`;
      return;
    }
    if (this.#problem === undefined) this.#field += text.slice(from, to);
  }

  #endField(): void {
    this.#size++;
    this.#cells.push(this.#field);
    this.#field = '';
    this.#state = 'start';
  }

  #endRecord(out: CsvRecord[]): void {
    if (this.#size > 0 || this.#cells.length > 0) {
      this.#cells.push(this.#field);
      out.push(this.#problem === undefined ? { cells: this.#cells } : { problem: this.#problem });
    }
    this.#cells = [];
    this.#field = '';
    this.#size = 0;
    this.#problem = undefined;
    this.#state = 'start';
  }
}
