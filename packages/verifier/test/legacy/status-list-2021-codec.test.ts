/**
 * The Status List 2021 `encodedList` codec (`@repo/core` `encodeList` / `decodeList` with
 * `{ multibase: false }`): §2.2 "the GZIP-compressed [RFC1952], base-64 encoded [RFC4648]
 * bitstring", §3.3 Bitstring Generation Algorithm, §3.4 Bitstring Expansion Algorithm. The spec's
 * example (`H4sIAAAAAAAAA-3BMQ…`) is base64url without padding; `@digitalbazaar/bitstring`
 * (behind `@digitalbazaar/vc-status-list`) writes and reads exactly that, with no multibase prefix.
 */
import { gzipSync } from 'node:zlib';
import { decodeList, encodeList, MAX_LIST_BYTES, MIN_LIST_BITS, readStatus, VcError, writeStatus } from '@repo/core';
import { describe, expect, it } from 'vitest';

const SPEC_EXAMPLE = 'H4sIAAAAAAAAA-3BMQEAAADCoPVPbQwfoAAAAAAAAAAAAAAAAAAAAIC3AYbSVKsAQAAA';
const legacy = { multibase: false } as const;

function codeOf(fn: () => unknown): string | undefined {
  try {
    fn();
  } catch (error) {
    return error instanceof VcError ? error.code : 'not a VcError';
  }
  return undefined;
}

describe('Status List 2021 §3.3 / §3.4 encodedList: GZIP + base64url, no padding, no prefix', () => {
  it('§2.2 Example 2 decodes to 16 KB (131,072 bits), all clear', () => {
    const bits = decodeList(SPEC_EXAMPLE, MIN_LIST_BITS, legacy);
    expect(bits.length).toBe(16_384);
    expect(bits.every((b) => b === 0)).toBe(true);
  });

  it('encodes without prefix or padding and round-trips; index 0 is the left-most bit (§5.1)', () => {
    const bits = new Uint8Array(MIN_LIST_BITS / 8);
    writeStatus(bits, 0, 1);
    writeStatus(bits, 131_071, 1);
    const encoded = encodeList(bits, legacy);
    expect(encoded).toMatch(/^H4sI[A-Za-z0-9_-]+$/);
    expect(bits[0]).toBe(0x80);
    const back = decodeList(encoded, MIN_LIST_BITS, legacy);
    expect([readStatus(back, 0), readStatus(back, 1), readStatus(back, 131_071)]).toEqual([1, 0, 1]);
  });

  it('the Bitstring Status List v1.0 form is unchanged: "u" + the same base64url', () => {
    const bits = new Uint8Array(MIN_LIST_BITS / 8);
    expect(encodeList(bits)).toBe(`u${encodeList(bits, legacy)}`);
    expect(codeOf(() => decodeList(encodeList(bits, legacy)))).toBe('MALFORMED_VALUE_ERROR');
  });

  it.each([
    ['the multibase "u" prefix (Bitstring Status List form)', `u${SPEC_EXAMPLE}`],
    ['base64 padding', `${SPEC_EXAMPLE.slice(0, -2)}==`],
    ['the standard base64 alphabet', Buffer.from(SPEC_EXAMPLE, 'base64url').toString('base64')],
    ['a dangling last character', `${SPEC_EXAMPLE}A`],
    ['whitespace', ` ${SPEC_EXAMPLE}`],
    ['not GZIP', Buffer.from('plain bytes, not gzip').toString('base64url')],
    ['empty', ''],
    ['not a string', 42],
  ])('%s → MALFORMED_VALUE_ERROR', (_name, encoded) => {
    expect(codeOf(() => decodeList(encoded, MIN_LIST_BITS, legacy))).toBe('MALFORMED_VALUE_ERROR');
  });

  it('S3 "at least 16KB": 16,383 bytes → STATUS_LIST_LENGTH_ERROR', () => {
    const short = encodeList(new Uint8Array(16_383), legacy);
    expect(codeOf(() => decodeList(short, MIN_LIST_BITS, legacy))).toBe('STATUS_LIST_LENGTH_ERROR');
  });

  it('a GZIP bomb larger than 16 MiB uncompressed → MALFORMED_VALUE_ERROR', () => {
    const bomb = gzipSync(new Uint8Array(MAX_LIST_BYTES + 1)).toString('base64url');
    expect(codeOf(() => decodeList(bomb, MIN_LIST_BITS, legacy))).toBe('MALFORMED_VALUE_ERROR');
  });
});
