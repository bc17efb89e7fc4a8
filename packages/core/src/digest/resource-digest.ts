import { createHash } from 'node:crypto';
import { decodeBase58btc } from '../did/base58btc.ts';

/** A digest a `relatedResource` entry declares, decoded. */
export interface DeclaredDigest {
  /** `digestSRI` or `digestMultibase`: the property it came from. */
  property: 'digestSRI' | 'digestMultibase';
  /** Node hash name: `sha256`, `sha384` or `sha512`. */
  algorithm: 'sha256' | 'sha384' | 'sha512';
  digest: Uint8Array;
}

const SRI_ALGORITHMS = { sha256: 32, sha384: 48, sha512: 64 } as const;
/** Multihash codes (multicodec table): sha2-256 0x12, sha2-384 0x20, sha2-512 0x13. */
const MULTIHASH = new Map<number, DeclaredDigest['algorithm']>([
  [0x12, 'sha256'],
  [0x20, 'sha384'],
  [0x13, 'sha512'],
]);
const BY_LENGTH = new Map<number, DeclaredDigest['algorithm']>([
  [32, 'sha256'],
  [48, 'sha384'],
  [64, 'sha512'],
]);

/**
 * Parses a `digestSRI` value (VC 2.0 §5.3, Subresource Integrity §3.5 `hash-expression`s, space
 * separated: `sha384-<base64>`). Returns the digests, or a sentence saying what is wrong.
 *
 * @example
 * parseDigestSri('sha384-NSOcNpmd…'); // [{ property: 'digestSRI', algorithm: 'sha384', digest: … }]
 */
export function parseDigestSri(value: unknown): DeclaredDigest[] | string {
  if (typeof value !== 'string' || value.trim() === '') return 'digestSRI must be a string such as "sha384-…".';
  const out: DeclaredDigest[] = [];
  for (const expr of value.trim().split(/\s+/)) {
    const m = /^(sha256|sha384|sha512)-([A-Za-z0-9+/]+={0,2})(\?.*)?$/.exec(expr);
    if (!m) return `"${expr}" is not an SRI hash expression (sha256-, sha384- or sha512- and standard base64).`;
    const algorithm = m[1] as DeclaredDigest['algorithm'];
    const digest = Buffer.from(m[2]!, 'base64');
    if (digest.length !== SRI_ALGORITHMS[algorithm])
      return `"${expr}" does not hold a ${algorithm} digest (${SRI_ALGORITHMS[algorithm]} bytes).`;
    out.push({ property: 'digestSRI', algorithm, digest });
  }
  return out;
}

/**
 * Parses a `digestMultibase` value (VC 2.0 §5.3): multibase (`u` base64url or `z` base58btc) of a
 * multihash (sha2-256/384/512), or of a bare digest whose length names the SHA-2 function (the
 * W3C suite's examples use a bare SHA-256). Returns the digest, or a sentence saying what is wrong.
 *
 * @example
 * parseDigestMultibase('uJKGMkOmFbVJhEfKTduMC2XCyvRAYLjOVmZWwIH1wQ7k'); // [{ algorithm: 'sha256', … }]
 */
export function parseDigestMultibase(value: unknown): DeclaredDigest[] | string {
  if (typeof value !== 'string' || value.length < 2) return 'digestMultibase must be a multibase string.';
  let bytes: Uint8Array | undefined;
  if (value[0] === 'u' && /^[A-Za-z0-9_-]+$/.test(value.slice(1))) bytes = Buffer.from(value.slice(1), 'base64url');
  else if (value[0] === 'z') bytes = decodeBase58btc(value.slice(1));
  if (!bytes) return 'digestMultibase must be base64url ("u…") or base58btc ("z…") multibase.';
  const code = bytes[0]!;
  const viaMultihash = MULTIHASH.get(code);
  if (viaMultihash && bytes[1] === bytes.length - 2) {
    return [{ property: 'digestMultibase', algorithm: viaMultihash, digest: bytes.slice(2) }];
  }
  const byLength = BY_LENGTH.get(bytes.length);
  if (byLength) return [{ property: 'digestMultibase', algorithm: byLength, digest: bytes }];
  return 'digestMultibase does not hold a SHA-256, SHA-384 or SHA-512 digest.';
}

/**
 * Whether `bytes` match every declared digest: `mismatch` names the first property that does not.
 *
 * @example
 * matchDigests(bytes, declared); // { ok: true }
 */
export function matchDigests(
  bytes: Uint8Array,
  declared: readonly DeclaredDigest[],
): { ok: true } | { ok: false; property: DeclaredDigest['property'] } {
  for (const d of declared) {
    const actual = createHash(d.algorithm).update(bytes).digest();
    if (!actual.equals(Buffer.from(d.digest))) return { ok: false, property: d.property };
  }
  return { ok: true };
}

/**
 * Digests published in the specifications for resources whose bytes we do not hold verbatim:
 * VC Data Model 2.0 §B.1 "Base Context" — "Implementations MUST treat the base context value,
 * located at https://www.w3.org/ns/credentials/v2, as already retrieved; the following value is
 * the hexadecimal encoded SHA2-256 digest value of the base context file: 24a18c90…43b9".
 */
export const PUBLISHED_DIGESTS: ReadonlyMap<string, { sha256: string }> = new Map([
  [
    'https://www.w3.org/ns/credentials/v2',
    { sha256: '24a18c90e9856d526111f29376e302d970b2bd10182e33959995b0207d7043b9' },
  ],
]);

/**
 * Checks declared digests against a published SHA-256 (see {@link PUBLISHED_DIGESTS}): `match`,
 * `mismatch` (a SHA-256 digest that differs), or `unknown` (only other algorithms declared).
 *
 * @example
 * matchPublishedDigest('https://www.w3.org/ns/credentials/v2', declared); // 'match'
 */
export function matchPublishedDigest(
  url: string,
  declared: readonly DeclaredDigest[],
): 'match' | 'mismatch' | 'unknown' {
  const published = PUBLISHED_DIGESTS.get(url);
  if (!published) return 'unknown';
  const sha256 = declared.filter((d) => d.algorithm === 'sha256');
  if (sha256.length === 0) return 'unknown';
  return sha256.every((d) => Buffer.from(d.digest).toString('hex') === published.sha256) ? 'match' : 'mismatch';
}
