/** One CSV record: its cells, or why it cannot be read (a stray quote, too long, unterminated). */
export type CsvRecord = { cells: string[] } | { problem: string };

type State = 'start' | 'unquoted' | 'quoted' | 'quote';

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
    for (let i = 0; i < text.length; i++) {
      const c = text[i]!;
      if (this.#afterCr) {
        this.#afterCr = false;
        if (c === '\n') continue;
      }
      if (this.#state === 'quoted') {
        if (c === '"') this.#state = 'quote';
        else this.#add(c);
        continue;
      }
      if (c === ',') {
        this.#endField();
        continue;
      }
      if (c === '\n' || c === '\r') {
        this.#afterCr = c === '\r';
        this.#endRecord(out);
        continue;
      }
      if (this.#state === 'start') {
        if (c === '"') {
          this.#state = 'quoted';
          this.#size++;
        } else {
          this.#state = 'unquoted';
          this.#add(c);
        }
      } else if (this.#state === 'quote') {
        if (c === '"') {
          this.#state = 'quoted';
          this.#add('"');
        } else {
          this.#problem ??=
            'Text follows a closing quote inside a field (RFC 4180 §2: "" is a quote inside a quoted field).';
          this.#state = 'unquoted';
          this.#add(c);
        }
      } else {
        if (c === '"')
          this.#problem ??= 'A quote inside an unquoted field (RFC 4180 §2: quote the field, and double the quote).';
        this.#add(c);
      }
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

  #add(c: string): void {
    this.#size++;
    if (this.#size > this.#maxChars) {
      this.#problem ??= `The record is longer than ${this.#maxChars} characters.`;
      return;
    }
    if (this.#problem === undefined) this.#field += c;
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
