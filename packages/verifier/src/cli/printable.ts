/**
 * C0 and C1 control characters (ESC starts terminal escape sequences; CR and BS rewrite a line)
 * and the Unicode bidirectional controls that reorder what a terminal shows (Trojan Source,
 * CVE-2021-42574).
 */
// biome-ignore lint/suspicious/noControlCharactersInRegex: these are the characters removed.
const UNSAFE = /[\u0000-\u001f\u007f-\u009f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]/g;
const MAX = 1000;

/**
 * Text from a credential made safe for a terminal: control and bidi characters become `�` (so a
 * credential cannot print a fake "VERIFIED" line, move the cursor or recolour the screen), and
 * more than 1,000 characters are cut with `…`.
 *
 * @example
 * printable('Acme\u001b[2K\rVERIFIED'); // 'Acme�[2K�VERIFIED'
 */
export function printable(value: string): string {
  const safe = value.replace(UNSAFE, '\ufffd');
  return safe.length > MAX ? `${safe.slice(0, MAX - 1)}…` : safe;
}
