import { gunzipSync, gzipSync } from 'node:zlib';
import { VcError } from '../problems.ts';

/**
 * Bitstring Status List v1.0 §3.1: at least 16 KiB (131,072 entries) so one credential's status
 * hides among many (herd privacy).
 */
export const MIN_LIST_BITS = 131_072;

/** Largest list we accept when decoding (16 MiB uncompressed): bounds a gzip bomb. */
export const MAX_LIST_BYTES = 16 * 1024 * 1024;

/** How `encodedList` is written: with the multibase prefix `u` (Bitstring Status List v1.0) or without (Status List 2021). */
export interface ListEncodingOptions {
  /**
   * `true` (default): Bitstring Status List v1.0 §2.2, "a Multibase-encoded base64url (with no
   * padding) representation of the GZIP-compressed bitstring", i.e. `u` + base64url.
   * `false`: the legacy W3C CCG Status List 2021 §2.2 / §3.3–3.4 form, "the GZIP-compressed,
   * base-64 encoded bitstring" written as base64url without padding and without any prefix (the
   * spec's example `H4sIAAAAAAAAA-3BMQ…` uses the URL-safe alphabet; `@digitalbazaar/bitstring`
   * `encodeBits`/`decodeBits`, used by `@digitalbazaar/vc-status-list`, write and read exactly this).
   */
  multibase?: boolean;
}

/**
 * Bitstring Status List v1.0 §3.2 "Bitstring Generation Algorithm": GZIP the bitstring, then
 * base64url without padding, with the multibase prefix `u` — or, with `{ multibase: false }`,
 * the prefix-less Status List 2021 form (§3.3 of that spec).
 *
 * @example
 * encodeList(new Uint8Array(16384)); // 'uH4sIAAAAAAAA…'
 * encodeList(new Uint8Array(16384), { multibase: false }); // 'H4sIAAAAAAAA…' (StatusList2021)
 */
export function encodeList(bits: Uint8Array, options: ListEncodingOptions = {}): string {
  const encoded = gzipSync(bits).toString('base64url');
  return options.multibase === false ? encoded : `u${encoded}`;
}

const BASE64URL = /^[A-Za-z0-9_-]+$/;

/**
 * Bitstring Status List v1.0 §3.3 "Bitstring Expansion Algorithm". Throws {@link VcError}
 * `MALFORMED_VALUE_ERROR` for anything that is not a `u`-prefixed base64url GZIP stream, and
 * `STATUS_LIST_LENGTH_ERROR` for a list shorter than `minBits` (S3).
 *
 * With `{ multibase: false }` it is Status List 2021 §3.4 instead: base64url without padding
 * and without a prefix (a `u`-prefixed value is refused: it is not a 2021 list).
 *
 * @example
 * decodeList(encodeList(new Uint8Array(16384))).length; // 16384
 * decodeList(list2021.credentialSubject.encodedList, MIN_LIST_BITS, { multibase: false });
 */
export function decodeList(
  encoded: unknown,
  minBits: number = MIN_LIST_BITS,
  options: ListEncodingOptions = {},
): Uint8Array {
  const multibase = options.multibase !== false;
  if (multibase) {
    if (typeof encoded !== 'string' || !encoded.startsWith('u') || !BASE64URL.test(encoded.slice(1))) {
      throw new VcError('MALFORMED_VALUE_ERROR', 'encodedList must be a multibase base64url string starting with "u".');
    }
  } else if (typeof encoded !== 'string' || !BASE64URL.test(encoded)) {
    throw new VcError(
      'MALFORMED_VALUE_ERROR',
      'encodedList must be a base64url string without padding (a StatusList2021 list has no multibase prefix).',
    );
  } else if (encoded.startsWith('u')) {
    // A GZIP stream always starts 1f 8b, i.e. "H4s" in base64url: a leading "u" is a multibase
    // prefix, which Status List 2021 does not use (this is a Bitstring Status List value).
    throw new VcError(
      'MALFORMED_VALUE_ERROR',
      'encodedList starts with the multibase prefix "u": that is the Bitstring Status List v1.0 form, not StatusList2021 (plain base64url).',
    );
  } else if (encoded.length % 4 === 1) {
    // RFC 4648 §5: one dangling character cannot encode a byte (base64url-universal refuses it too).
    throw new VcError('MALFORMED_VALUE_ERROR', 'encodedList is not valid base64url (a dangling last character).');
  }
  let bytes: Buffer;
  try {
    bytes = gunzipSync(Buffer.from(multibase ? encoded.slice(1) : encoded, 'base64url'), {
      maxOutputLength: MAX_LIST_BYTES,
    });
  } catch (cause) {
    throw new VcError(
      'MALFORMED_VALUE_ERROR',
      'encodedList is not a GZIP-compressed bitstring (or is larger than 16 MiB).',
      { cause },
    );
  }
  if (bytes.length * 8 < minBits) {
    throw new VcError(
      'STATUS_LIST_LENGTH_ERROR',
      `The status list holds ${bytes.length * 8} entries; at least ${minBits} are required.`,
    );
  }
  return new Uint8Array(bytes.buffer, bytes.byteOffset, bytes.length);
}

/**
 * Reads the status at `index` (entries of `statusSize` bits; bit 0 is the most significant bit
 * of byte 0, Bitstring Status List v1.0 §3.1). Throws `RANGE_ERROR` past the end.
 *
 * @example
 * readStatus(bits, 42); // 0 or 1
 */
export function readStatus(bits: Uint8Array, index: number, statusSize = 1): number {
  const first = index * statusSize;
  if (first + statusSize > bits.length * 8) {
    throw new VcError(
      'RANGE_ERROR',
      `statusListIndex ${index} is past the end of the list (${Math.floor((bits.length * 8) / statusSize)} entries).`,
    );
  }
  let value = 0;
  for (let b = first; b < first + statusSize; b++) {
    value = (value << 1) | ((bits[b >> 3]! >> (7 - (b & 7))) & 1);
  }
  return value;
}

/**
 * Writes the status at `index` in place (see {@link readStatus}).
 *
 * @example
 * writeStatus(bits, 42, 1);
 */
export function writeStatus(bits: Uint8Array, index: number, value: number, statusSize = 1): void {
  const first = index * statusSize;
  if (first + statusSize > bits.length * 8)
    throw new VcError('RANGE_ERROR', `Index ${index} is past the end of the list.`);
  for (let i = 0; i < statusSize; i++) {
    const b = first + i;
    const bit = (value >> (statusSize - 1 - i)) & 1;
    if (bit) bits[b >> 3]! |= 1 << (7 - (b & 7));
    else bits[b >> 3]! &= ~(1 << (7 - (b & 7)));
  }
}

const BASE10 = /^(0|[1-9][0-9]*)$/;

/**
 * Parses `statusListIndex`: only a plain base-10 string is accepted (S6: "-1", "0x10", "1e3",
 * " 5", "5.0" and numbers are refused with `MALFORMED_VALUE_ERROR`).
 *
 * @example
 * parseStatusListIndex('94567'); // 94567
 */
export function parseStatusListIndex(value: unknown, pointer?: string): number {
  if (typeof value !== 'string' || !BASE10.test(value)) {
    throw new VcError(
      'MALFORMED_VALUE_ERROR',
      'statusListIndex must be a base-10 integer written as a string, such as "94567".',
      pointer === undefined ? {} : { pointer },
    );
  }
  const n = Number(value);
  if (!Number.isSafeInteger(n)) {
    throw new VcError('RANGE_ERROR', 'statusListIndex is too large.', pointer === undefined ? {} : { pointer });
  }
  return n;
}
