/**
 * The fast path's base58btc encoder (packages/core/src/proofs/fast/base58-encode.ts) against core's
 * reference `encodeBase58btc` and `decodeBase58btc`: the same string for any bytes (leading zeros,
 * all zeros, signature lengths, random lengths), and the string decodes back to the bytes.
 */
import { decodeBase58btc, encodeBase58btc } from '@repo/core';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { encodeBase58 } from '../../packages/core/src/proofs/fast/base58-encode.ts';

const SEED = Number(process.env.PROPERTY_SEED ?? 20261207);

describe('fast base58btc encoding vs core encodeBase58btc', () => {
  it('edge cases: empty, zeros, one byte, 0xff runs, Ed25519 and P-384 signature lengths, 128 bytes and past', () => {
    const cases = [
      [],
      [0],
      [0, 0, 0],
      [1],
      [0, 1],
      [255],
      [0, 0, 255, 255, 255],
      new Array(64).fill(255),
      new Array(96).fill(255),
      [0, ...new Array(63).fill(0), 1],
      // the longest input through the reused buffers, all zeros and all 0xff; then one byte more
      new Array(128).fill(0),
      new Array(128).fill(255),
      [...new Array(127).fill(0), 255],
      new Array(129).fill(255),
      [0, 0, ...new Array(127).fill(255)],
      // well past the buffers' size: what a bound set too high would write beyond them
      new Array(200).fill(255),
      [...new Array(100).fill(0), ...new Array(100).fill(255)],
    ];
    for (const c of cases) {
      const bytes = Uint8Array.from(c);
      expect(encodeBase58(bytes), JSON.stringify(c)).toBe(encodeBase58btc(bytes));
    }
  });

  it('random bytes (0–130 long, sometimes led by zeros): same string, and it decodes back', () => {
    fc.assert(
      fc.property(fc.nat({ max: 4 }), fc.uint8Array({ minLength: 0, maxLength: 130 }), (zeros, rest) => {
        const bytes = Uint8Array.from([...new Array(zeros).fill(0), ...rest]);
        const text = encodeBase58(bytes);
        expect(text).toBe(encodeBase58btc(bytes));
        expect(decodeBase58btc(text, 1024)).toEqual(bytes);
      }),
      { seed: SEED, numRuns: 2000 },
    );
  });
});
