/**
 * base58btc encoding for signatures on the fast path: the same string as core's
 * `encodeBase58btc` (test/differential/base58-encode.test.ts), computed three bytes at a time into
 * base-58⁴ limbs instead of one byte at a time into base-58 digits (about ten times fewer
 * divisions; every intermediate stays below 2⁵³, so the arithmetic is exact).
 */
const ALPHABET = '123456789ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz';
const LIMB = 58 ** 4;

/**
 * Encodes bytes as base58btc (no multibase prefix).
 *
 * @example
 * encodeBase58(new Uint8Array([0, 1])); // '12'
 */
export function encodeBase58(bytes: Uint8Array): string {
  let zeros = 0;
  while (zeros < bytes.length && bytes[zeros] === 0) zeros++;
  const limbs: number[] = []; // little-endian, base 58⁴
  let i = zeros;
  let size = (bytes.length - zeros) % 3 || 3;
  while (i < bytes.length) {
    let carry = 0;
    for (let k = 0; k < size; k++) carry = carry * 256 + bytes[i + k]!;
    const scale = 2 ** (8 * size);
    for (let j = 0; j < limbs.length; j++) {
      const x = limbs[j]! * scale + carry;
      carry = Math.floor(x / LIMB);
      limbs[j] = x - carry * LIMB;
    }
    while (carry > 0) {
      const q = Math.floor(carry / LIMB);
      limbs.push(carry - q * LIMB);
      carry = q;
    }
    i += size;
    size = 3;
  }
  let out = '';
  for (let j = limbs.length - 1; j >= 0; j--) {
    let v = limbs[j]!;
    let chunk = '';
    for (let k = 0; k < 4; k++) {
      const q = Math.floor(v / 58);
      chunk = ALPHABET[v - q * 58] + chunk;
      v = q;
    }
    // the most significant limb has no leading zero digits
    out += j === limbs.length - 1 ? chunk.replace(/^1+/, '') : chunk;
  }
  return '1'.repeat(zeros) + out;
}
