/** First characters that make a spreadsheet read a cell as a formula (OWASP "CSV Injection"). */
const FORMULA = /^[=+\-@\t\r]/;

/**
 * One RFC 4180 CSV row: every field quoted, quotes doubled, a field a spreadsheet would read as a
 * formula prefixed with `'` (the service's exports do the same); CRLF at the end.
 *
 * @example
 * csvRow(['3', '=1+1', 'say "hi"']); // '"3","\'=1+1","say ""hi"""\r\n'
 */
export function csvRow(fields: ReadonlyArray<string | number | undefined>): string {
  return `${fields
    .map((f) => {
      const text = f === undefined ? '' : String(f);
      return `"${(FORMULA.test(text) ? `'${text}` : text).replaceAll('"', '""')}"`;
    })
    .join(',')}\r\n`;
}
