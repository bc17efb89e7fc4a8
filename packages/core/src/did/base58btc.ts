/** The Bitcoin base58 alphabet (multibase prefix `z`). */
const ALPHABET = '123456789ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz';
/** Digit value by character code (ASCII), −1 outside the alphabet. */
const DIGIT = new Int8Array(128).fill(-1);
for (let i = 0; i < ALPHABET.length; i++) DIGIT[ALPHABET.charCodeAt(i)] = i;
/** 2^24: the decoder's limb. */
const LIMB = 0x1000000;

/**
 * Encodes bytes as base58btc (no multibase prefix).
 *
 * @example
 * encodeBase58btc(new Uint8Array([0, 1])); // '12'
 */
export function encodeBase58btc(bytes: Uint8Array): string {
  let zeros = 0;
  while (zeros < bytes.length && bytes[zeros] === 0) zeros++;
  // Little-endian base-58 digits of the number the remaining bytes spell.
  const digits: number[] = [];
  for (let i = zeros; i < bytes.length; i++) {
    let carry = bytes[i]!;
    for (let j = 0; j < digits.length; j++) {
      carry += digits[j]! * 256;
      digits[j] = carry % 58;
      carry = Math.floor(carry / 58);
    }
    while (carry > 0) {
      digits.push(carry % 58);
      carry = Math.floor(carry / 58);
    }
  }
  let out = '1'.repeat(zeros);
  for (let i = digits.length - 1; i >= 0; i--) out += ALPHABET[digits[i]!];
  return out;
}

/**
 * Decodes base58btc (no multibase prefix). Returns `undefined` for any character outside the
 * alphabet, or for input longer than `maxLength` characters (a cheap guard against quadratic work).
 *
 * @example
 * decodeBase58btc('12'); // Uint8Array [0, 1]
 * decodeBase58btc('0OIl'); // undefined
 */
export function decodeBase58btc(text: string, maxLength = 256): Uint8Array | undefined {
  if (text.length > maxLength) return undefined;
  let zeros = 0;
  while (zeros < text.length && text.charCodeAt(zeros) === 49 /* '1' */) zeros++;
  // Little-endian 24-bit limbs of the number the remaining digits spell, four digits at a time
  // (58^4 · 2^24 < 2^53: exact in a double).
  const limbs: number[] = [];
  for (let i = zeros; i < text.length; ) {
    let chunk = 0;
    let scale = 1;
    for (let k = 0; k < 4 && i < text.length; k++, i++) {
      const code = text.charCodeAt(i);
      const value = code < 128 ? DIGIT[code]! : -1;
      if (value < 0) return undefined;
      chunk = chunk * 58 + value;
      scale *= 58;
    }
    let carry = chunk;
    for (let j = 0; j < limbs.length; j++) {
      const x = limbs[j]! * scale + carry;
      carry = Math.floor(x / LIMB);
      limbs[j] = x - carry * LIMB;
    }
    while (carry > 0) {
      limbs.push(carry % LIMB);
      carry = Math.floor(carry / LIMB);
    }
  }
  // Its bytes, big-endian, without leading zero bytes; then the leading zeros the '1's spell.
  let length = limbs.length * 3;
  const top = limbs.length > 0 ? limbs[limbs.length - 1]! : 0;
  if (limbs.length > 0) length -= top < 0x100 ? 2 : top < 0x10000 ? 1 : 0;
  const out = new Uint8Array(zeros + length);
  for (let j = 0, at = out.length - 1; j < limbs.length; j++) {
    const limb = limbs[j]!;
    for (let b = 0; b < 3 && at >= zeros; b++, at--) out[at] = (limb >>> (8 * b)) & 0xff;
  }
  return out;
}
