/**
 * A small RFC 4180 reader written for the records tests, independent of the issuer's writer:
 * fields separated by commas, records by CRLF (a lone LF is accepted), a quoted field may hold
 * commas, CR/LF and doubled quotes (RFC 4180 §2 items 5–7).
 *
 * @example
 * readCsv('"a","b""c"\r\n'); // [['a', 'b"c']]
 */
export function readCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let field = '';
  let quoted = false;
  let i = 0;
  while (i < text.length) {
    const c = text[i]!;
    if (quoted) {
      if (c === '"' && text[i + 1] === '"') {
        field += '"';
        i += 2;
        continue;
      }
      if (c === '"') quoted = false;
      else field += c;
      i++;
      continue;
    }
    if (c === '"' && field === '') quoted = true;
    else if (c === ',') {
      row.push(field);
      field = '';
    } else if (c === '\r' && text[i + 1] === '\n') {
      continue_row();
      i++;
    } else if (c === '\n') continue_row();
    else if (c === '"') throw new Error(`a quote inside an unquoted field at ${i}`);
    else field += c;
    i++;
  }
  if (quoted) throw new Error('unterminated quoted field');
  if (field !== '' || row.length > 0) continue_row();
  return rows;

  function continue_row() {
    row.push(field);
    rows.push(row);
    row = [];
    field = '';
  }
}
