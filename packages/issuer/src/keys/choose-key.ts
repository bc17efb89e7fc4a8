import { CRYPTOSUITES, type Cryptosuite, type KeyAlgorithm, type SigningKey, SUITE_ALGORITHMS } from '@repo/core';
import { ProblemError } from '../http/problem-error.ts';
import type { KeySet } from './key-set.ts';
import type { RsaJwtKey } from './rsa-jwt-key.ts';

/** JOSE algorithms we sign VC-JWTs with, and the key algorithm each needs (RFC 7518, RFC 8037). */
export const JWT_ALGS: Readonly<Record<string, KeyAlgorithm | 'RSA'>> = {
  EdDSA: 'Ed25519',
  ES256: 'P-256',
  ES384: 'P-384',
  RS256: 'RSA',
};

/** The JOSE alg used when a request asks for a JWT without naming one: the signing key's. */
export const DEFAULT_JWT_ALG = { Ed25519: 'EdDSA', 'P-256': 'ES256', 'P-384': 'ES384' } as const satisfies Record<
  KeyAlgorithm,
  string
>;

/**
 * Picks the issuer key for a request: the signing key when it fits, else the first other current
 * (not retired) key of the algorithm the cryptosuite or JOSE `alg` needs. 422 when the issuer has
 * no such key (add one with `npm run rotate-key -- --add --algorithm P-256`).
 *
 * @example
 * chooseKey(deps.keys, { cryptosuite: 'ecdsa-rdfc-2019' }).algorithm; // 'P-256'
 */
export function chooseKey(
  keys: KeySet,
  want: { cryptosuite?: Cryptosuite; alg?: string },
  pointer = '/options',
): SigningKey | RsaJwtKey {
  let allowed: readonly (KeyAlgorithm | 'RSA')[];
  if (want.cryptosuite !== undefined) allowed = SUITE_ALGORITHMS[want.cryptosuite];
  else if (want.alg !== undefined) allowed = [JWT_ALGS[want.alg]!];
  else return keys.signing;
  const current = [
    keys.signing,
    ...keys.all.filter((k) => k !== keys.signing && !keys.retired.has(k.id)),
    // RSA keys sign JWTs only, so a cryptosuite never picks one.
    ...(want.alg !== undefined ? (keys.jwtOnly ?? []) : []),
  ];
  const key = current.find((k) => allowed.includes(k.algorithm));
  if (!key) {
    throw new ProblemError(
      422,
      'MALFORMED_VALUE_ERROR',
      `This issuer has no current ${allowed.join(' or ')} key for ${want.cryptosuite ?? want.alg}.`,
      { pointer },
    );
  }
  return key;
}

/** Whether `x` names a supported Data Integrity cryptosuite. */
export function isCryptosuite(x: unknown): x is Cryptosuite {
  return CRYPTOSUITES.includes(x as Cryptosuite);
}
