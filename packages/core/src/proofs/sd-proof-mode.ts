/** CBOR tag prefixes of ecdsa-sd-2023 proof values (ECDSA Cryptosuites v1.0 §3.5.2 / §3.5.7). */
const BASE_HEADER = [0xd9, 0x5d, 0x00] as const;
const DERIVED_HEADER = [0xd9, 0x5d, 0x01] as const;
const BASE64URL = /^[A-Za-z0-9_-]+$/;

/**
 * Tells an `ecdsa-sd-2023` base proof (the issuer's, for the holder only) from a derived proof
 * (the holder's, for verifiers) by the CBOR header of its `proofValue`: multibase base64url-no-pad
 * (`u`), then `0xd9 0x5d 0x00` (base) or `0xd9 0x5d 0x01` (derived). Anything else is `undefined`.
 *
 * @example
 * sdProofMode(signedBase.proof.proofValue); // 'base'
 * sdProofMode(derived.proof.proofValue); // 'derived'
 */
export function sdProofMode(proofValue: unknown): 'base' | 'derived' | undefined {
  if (typeof proofValue !== 'string' || !proofValue.startsWith('u')) return undefined;
  const body = proofValue.slice(1);
  if (body.length < 4 || !BASE64URL.test(body)) return undefined;
  const head = Buffer.from(body.slice(0, 4), 'base64url');
  const is = (header: readonly number[]) => header.every((b, i) => head[i] === b);
  if (is(BASE_HEADER)) return 'base';
  if (is(DERIVED_HEADER)) return 'derived';
  return undefined;
}
