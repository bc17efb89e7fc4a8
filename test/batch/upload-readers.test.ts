/**
 * The streaming readers of batch uploads: an RFC 4180 CSV record split anywhere between chunks
 * (inside quotes, between CR and LF) reads the same as in one piece; JSON Lines likewise; bounded
 * line length; malformed records are that record's problem only.
 */
import { describe, expect, it } from 'vitest';
import { CsvReader, type CsvRecord } from '../../packages/issuer/src/batch/csv-records.ts';
import { type JsonLine, JsonLinesSplitter } from '../../packages/issuer/src/batch/jsonl-lines.ts';

/** RFC 4180 §2.6–2.7: a field with a comma, quote or line break is quoted, its quotes doubled. */
const field = (v: string) => (/[",\r\n]/.test(v) ? `"${v.replaceAll('"', '""')}"` : v);
const ROWS = [
  ['rowKey', 'narrative', 'recipientEmail'],
  ['a-1', 'plain', 'ada@example.org'],
  ['a-2', 'with, comma', ''],
  ['a-3', 'say "hi"\r\nand\nbye', 'é😀@example.org'],
  ['', '', ''],
];
const TEXT = `${ROWS.map((r) => r.map(field).join(',')).join('\r\n')}\r\n`;

function readInPieces(text: string, cuts: number[]): CsvRecord[] {
  const reader = new CsvReader(1000);
  const out: CsvRecord[] = [];
  let from = 0;
  for (const cut of [...cuts, text.length]) {
    out.push(...reader.push(text.slice(from, cut)));
    from = cut;
  }
  return [...out, ...reader.end()];
}

describe('RFC 4180 streaming CSV reader', () => {
  it('RFC 4180 §2 a record split at any one or two places reads the same as whole', () => {
    const whole = readInPieces(TEXT, []);
    expect(whole).toEqual(ROWS.map((cells) => ({ cells })));
    for (let i = 1; i < TEXT.length; i++) {
      expect(readInPieces(TEXT, [i]), `cut at ${i}`).toEqual(whole);
      for (let j = i + 1; j < TEXT.length; j += 7) expect(readInPieces(TEXT, [i, j])).toEqual(whole);
    }
  });

  it('LF-only and last line without a line break; blank lines skipped', () => {
    expect(readInPieces('a,b\n\n1,2', [])).toEqual([{ cells: ['a', 'b'] }, { cells: ['1', '2'] }]);
  });

  it('a stray quote, text after a closing quote, an over-long or unterminated record is that record’s problem only', () => {
    const out = readInPieces(`x,y"z\r\n"a"b,c\r\n${'w'.repeat(1200)},1\r\nok,1\r\n"open`, []);
    expect(out.map((r) => ('cells' in r ? r.cells : r.problem.split(' ').slice(0, 3).join(' ')))).toEqual([
      'A quote inside',
      'Text follows a',
      'The record is',
      ['ok', '1'],
      'A quoted field',
    ]);
  });
});

describe('JSON Lines splitter', () => {
  const split = (chunks: Buffer[], max = 1000): JsonLine[] => {
    const s = new JsonLinesSplitter(max);
    return [...chunks.flatMap((c) => s.push(c)), ...s.end()];
  };
  it('lines split anywhere (even inside a UTF-8 sequence) come out whole; CRLF, BOM and blank lines', () => {
    const text = Buffer.from('\uFEFF{"a":"é😀"}\r\n\n  \n{"b":2}');
    const whole = split([text]).map((l) => ('bytes' in l ? l.bytes.toString('utf8') : l.problem));
    expect(whole).toEqual(['{"a":"é😀"}', '{"b":2}']);
    for (let i = 1; i < text.length; i++) {
      const parts = split([text.subarray(0, i), text.subarray(i)]);
      expect(parts.map((l) => ('bytes' in l ? l.bytes.toString('utf8') : l.problem))).toEqual(whole);
    }
  });
  it('a line longer than the limit is reported, its bytes dropped, the next line read', () => {
    const out = split([Buffer.from(`${'x'.repeat(600)}`), Buffer.from(`${'x'.repeat(600)}\n{"ok":1}\n`)]);
    expect(out).toEqual([{ problem: 'The line is longer than 1000 bytes.' }, { bytes: Buffer.from('{"ok":1}') }]);
  });
});
