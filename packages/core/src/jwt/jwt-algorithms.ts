/** Every JWS algorithm this project signs with (EdDSA for Ed25519, ES256/ES384 for P-256/P-384, RS256 for RSA). */
export const JWT_ALGORITHMS: readonly string[] = Object.freeze(['EdDSA', 'ES256', 'ES384', 'RS256']);

/** Asymmetric JWS algorithms (RFC 7518 §3, RFC 8037) a verifier may be configured with. */
export const ASYMMETRIC_JWS_ALGORITHMS: ReadonlySet<string> = new Set([
  'EdDSA',
  'Ed25519',
  'ES256',
  'ES384',
  'ES512',
  'RS256',
  'RS384',
  'RS512',
  'PS256',
  'PS384',
  'PS512',
]);

/** What `verifyCredentialJwt` accepts when no `algorithms` are given (SECURITY-CHECKLIST J1: [EdDSA]). */
export const DEFAULT_JWT_ALGORITHMS: readonly string[] = Object.freeze(['EdDSA']);

/**
 * What the verifier library accepts when no `jwtAlgorithms` are given: the algorithms our keys
 * sign with, but RS256, which must be listed to be accepted (Open Badges 3.0 §8.2 names it as the
 * minimum; the issuer's own verifier lists it when it holds an RSA key).
 */
export const DEFAULT_VERIFIER_JWT_ALGORITHMS: readonly string[] = Object.freeze(
  JWT_ALGORITHMS.filter((a) => a !== 'RS256'),
);

/**
 * Checks a configured list of JWS algorithms (J1): a non-empty list of asymmetric algorithms;
 * `none`, HMAC (`HS*`) or an unknown name is a `TypeError`. Returns the list, or the default.
 *
 * @example
 * checkJwtAlgorithms(['EdDSA', 'ES256']); // ['EdDSA', 'ES256']
 * checkJwtAlgorithms(['HS256']); // throws TypeError
 */
export function checkJwtAlgorithms(algorithms: unknown): readonly string[] {
  if (algorithms === undefined) return DEFAULT_JWT_ALGORITHMS;
  if (!Array.isArray(algorithms) || algorithms.length === 0) {
    throw new TypeError('algorithms must be a non-empty array of JWS algorithm names.');
  }
  for (const alg of algorithms) {
    if (!ASYMMETRIC_JWS_ALGORITHMS.has(alg)) {
      throw new TypeError(
        `JWS algorithm "${String(alg)}" cannot be accepted: use asymmetric ones (${[...ASYMMETRIC_JWS_ALGORITHMS].join(', ')}); never "none" or HMAC.`,
      );
    }
  }
  return algorithms;
}
