/** One line of a JSON Lines upload: its bytes, or why it was not kept (too long). */
export type JsonLine = { bytes: Buffer } | { problem: string };

/**
 * A streaming JSON Lines splitter (jsonlines.org): bytes go in as they arrive, whole lines come
 * out as bytes (decoded and checked by the caller, so a bad byte is reported on its line). Lines
 * end with LF (a CR before it is dropped); blank lines are skipped; a line longer than `maxBytes`
 * is reported and its bytes are dropped as they arrive, so memory stays bounded by `maxBytes`.
 *
 * @example
 * const lines = new JsonLinesSplitter(512 * 1024);
 * const out = [...lines.push(Buffer.from('{"a":1}\n{"b"')), ...lines.push(Buffer.from(':2}\n')), ...lines.end()];
 */
export class JsonLinesSplitter {
  readonly #maxBytes: number;
  #parts: Buffer[] = [];
  #length = 0;
  #tooLong = false;
  #first = true;

  constructor(maxBytes: number) {
    this.#maxBytes = maxBytes;
  }

  /** Reads a chunk and returns the lines it completed. */
  push(chunk: Buffer): JsonLine[] {
    const out: JsonLine[] = [];
    let start = 0;
    for (;;) {
      const nl = chunk.indexOf(0x0a, start);
      const end = nl < 0 ? chunk.length : nl;
      this.#take(chunk.subarray(start, end));
      if (nl < 0) break;
      this.#endLine(out);
      start = nl + 1;
    }
    return out;
  }

  /** The input ended: the last line, if it had no line break. */
  end(): JsonLine[] {
    const out: JsonLine[] = [];
    this.#endLine(out);
    return out;
  }

  #take(part: Buffer): void {
    if (part.length === 0) return;
    this.#length += part.length;
    if (this.#length > this.#maxBytes + 1) this.#tooLong = true;
    if (this.#tooLong) {
      this.#parts = [];
      return;
    }
    this.#parts.push(Buffer.from(part));
  }

  #endLine(out: JsonLine[]): void {
    if (this.#tooLong) out.push({ problem: `The line is longer than ${this.#maxBytes} bytes.` });
    else {
      let line = Buffer.concat(this.#parts, this.#length);
      if (line[line.length - 1] === 0x0d) line = line.subarray(0, line.length - 1);
      // A UTF-8 byte order mark is not part of the first line.
      if (this.#first && line[0] === 0xef && line[1] === 0xbb && line[2] === 0xbf) line = line.subarray(3);
      if (line.length > this.#maxBytes) out.push({ problem: `The line is longer than ${this.#maxBytes} bytes.` });
      else if (line.some((b) => b !== 0x20 && b !== 0x09)) out.push({ bytes: line });
    }
    this.#parts = [];
    this.#length = 0;
    this.#tooLong = false;
    this.#first = false;
  }
}
