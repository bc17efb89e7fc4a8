/**
 * The byte offset of the first byte sequence that is not well-formed UTF-8 (Unicode §3.9, Table
 * 3-7: no overlong forms, no surrogates U+D800..U+DFFF, nothing past U+10FFFF), or -1 when all of
 * `bytes` is UTF-8. RFC 7493 §2.1: I-JSON text MUST be UTF-8.
 *
 * @example
 * findInvalidUtf8(Buffer.from('{"a":"é"}')); // -1
 * findInvalidUtf8(Uint8Array.of(0x22, 0xed, 0xa0, 0x80, 0x22)); // 1 (an encoded surrogate)
 */
export function findInvalidUtf8(bytes: Uint8Array): number {
  const n = bytes.length;
  let i = 0;
  while (i < n) {
    const b = bytes[i]!;
    if (b < 0x80) {
      i++;
      continue;
    }
    let need: number;
    let lo = 0x80;
    let hi = 0xbf;
    if (b >= 0xc2 && b <= 0xdf) need = 1;
    else if (b >= 0xe0 && b <= 0xef) {
      need = 2;
      if (b === 0xe0) lo = 0xa0;
      if (b === 0xed) hi = 0x9f;
    } else if (b >= 0xf0 && b <= 0xf4) {
      need = 3;
      if (b === 0xf0) lo = 0x90;
      if (b === 0xf4) hi = 0x8f;
    } else return i;
    if (i + need >= n) return i;
    const second = bytes[i + 1];
    if (second === undefined || second < lo || second > hi) return i;
    for (let k = 2; k <= need; k++) {
      const next = bytes[i + k];
      if (next === undefined || next < 0x80 || next > 0xbf) return i;
    }
    i += need + 1;
  }
  return -1;
}
