import { CRYPTOSUITES, type Cryptosuite, type KeyAlgorithm, type SigningKey, SUITE_ALGORITHMS } from '@repo/core';
import { ProblemError } from '../http/problem-error.ts';
import { canSign, type KeySet } from './key-set.ts';
import type { RsaJwtKey } from './rsa-jwt-key.ts';
import type { WithdrawnKey } from './withdrawn-key.ts';

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
 * key (one with a secret, neither retired nor revoked) of the algorithm the cryptosuite or JOSE
 * `alg` needs. 422 when the issuer has no such key (add one with
 * `npm run rotate-key -- --add --algorithm P-256`). Never a retired or revoked key: should the key
 * set offer one (it cannot when read by `loadKeySet`), 503 rather than sign with it.
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
  else return usable(keys, keys.signing);
  const current = [
    keys.signing,
    ...keys.all.filter((k) => k !== keys.signing),
    // RSA keys sign JWTs only, so a cryptosuite never picks one.
    ...(want.alg !== undefined ? (keys.jwtOnly ?? []) : []),
  ].filter((k) => k === keys.signing || canSign(keys, k));
  const key = current.find((k) => allowed.includes(k.algorithm));
  if (!key) {
    throw new ProblemError(
      422,
      'MALFORMED_VALUE_ERROR',
      `This issuer has no current ${allowed.join(' or ')} key for ${want.cryptosuite ?? want.alg}.`,
      { pointer },
    );
  }
  return usable(keys, key);
}

/** The key, if it may sign; else 503 (the issuer is misconfigured, the request is fine). */
function usable(keys: KeySet, key: SigningKey | RsaJwtKey | WithdrawnKey): SigningKey | RsaJwtKey {
  if (canSign(keys, key)) return key;
  const revoked = keys.revoked?.get(key.id);
  const why =
    revoked !== undefined ? `revoked on ${revoked}` : `retired on ${keys.retired.get(key.id) ?? 'an earlier date'}`;
  throw new ProblemError(
    503,
    'SERVICE_UNAVAILABLE',
    `This issuer's key ${key.id} was ${why} and never signs again; it cannot sign until it is restarted with a current key.`,
  );
}

/** Whether `x` names a supported Data Integrity cryptosuite. */
export function isCryptosuite(x: unknown): x is Cryptosuite {
  return CRYPTOSUITES.includes(x as Cryptosuite);
}
