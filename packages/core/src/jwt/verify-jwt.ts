import type { JWK } from 'jose';
import { type Problem, problem } from '../problems.ts';
import { bindIssuerKey } from './bind-issuer-key.ts';
import { checkEmbeddedJwk } from './check-embedded-jwk.ts';
import { checkJwtClaims } from './check-jwt-claims.ts';
import { type CredentialJwtFormat, decodeCredentialJwt } from './decode-jwt.ts';
import { algorithmProblem, verifyJwsSignature } from './jws-checks.ts';
import { checkJwtAlgorithms } from './jwt-algorithms.ts';
import { dateTimeOf, issuerIdOf } from './jwt-claims.ts';
import type { JwtKeyResolver } from './resolve-jwt-key.ts';

/** Options of {@link verifyCredentialJwt}. */
export interface VerifyCredentialJwtOptions {
  /** Finds the public key of a `kid` (e.g. `createJwtKeyResolver(createDidResolver())`). */
  resolveKey: JwtKeyResolver;
  /** JWS `alg` values accepted; default {@link DEFAULT_JWT_ALGORITHMS}. `none` and HMAC (`HS*`) are refused with a `TypeError`. */
  algorithms?: readonly string[];
  /** The verifier's clock, for `nbf`/`exp`. Default: the system clock. */
  now?: Date;
  /** Seconds of clock skew tolerated on `nbf`/`exp`. Default 60. */
  skewSeconds?: number;
}

/** What {@link verifyCredentialJwt} returns. */
export interface CredentialJwtVerification {
  /** True only when everything checked: signature, key binding, claims and the `nbf`/`exp` window. */
  verified: boolean;
  /**
   * The signature verifies with an `assertionMethod` key of the issuer and the JWT claims agree
   * with the credential: only the JWT's own `nbf`/`exp` window may still have failed (then
   * `problem` is `CREDENTIAL_NOT_YET_VALID`/`CREDENTIAL_EXPIRED`).
   */
  proofVerified: boolean;
  /** The payload shape, once the JWT could be decoded. */
  format?: CredentialJwtFormat;
  /** The credential, only when `proofVerified` (check `verified` before acting on it). */
  credential?: Record<string, unknown>;
  /** Why it did not verify. Pointers (`/iss`, `/nbf`, `/vc`…) point into the JWT payload. */
  problem?: Problem;
  /** The JOSE header `alg`, when there is one. */
  alg?: string;
  /**
   * The JOSE header `kid`, when there is one; for a JWT that carries only a `jwk`, the id of the
   * issuer's verification method found to hold that key.
   */
  kid?: string;
}

/**
 * Verifies a credential secured as a compact JWS: W3C VC-JOSE-COSE §3.1.1 (`application/vc+jwt`,
 * the payload is the credential) or a legacy VC 1.1 / Open Badges 3.0 §8.2 JWT (`vc` claim).
 * Never throws on bad input (a bad option is a `TypeError`). In order:
 *
 * 1. J3: only a compact JWS; no `crit`, no `b64: false`; `typ` `vc+jwt`, or `JWT`/none for the
 *    Open Badges 3.0 §8.2 form and the VC 1.1 `vc` claim form; `cty` `vc` when present
 *    ({@link decodeCredentialJwt}).
 * 2. J1: `alg` must be one of `algorithms` (default EdDSA, ES256, ES384): `none`, HMAC or any other → rejected
 *    before a key is looked up, and jose is told the same list.
 * 3. The `kid` must be a DID URL whose DID is the credential's issuer (else
 *    `INVALID_VERIFICATION_METHOD`). Or, as Open Badges 3.0 §8.2 allows, the header carries the
 *    issuer's public key as `jwk` instead: it must be a public key of `alg`'s family, the issuer a
 *    DID, and `resolveKey.resolveEmbeddedJwk` must find it among the issuer's `assertionMethod`s
 *    (else `INVALID_VERIFICATION_METHOD`: "the embedded jwk is not a key of the issuer").
 *    With both `kid` and `jwk`, the `kid` is resolved and the `jwk` must be that very key.
 * 4. J2: `iss` = issuer id, `jti` = `id`, `sub` = `credentialSubject.id`, `nbf` = `validFrom`
 *    (or `issuanceDate`), and for the legacy form `exp` = `expirationDate`; the legacy form needs
 *    `iss` and `nbf`. The problem's pointer names the claim.
 * 5. The key (`resolveKey`) must be public and controlled by the issuer; then the signature.
 * 6. J2: `nbf` in the future (beyond the skew) or `exp` passed → `CREDENTIAL_NOT_YET_VALID` /
 *    `CREDENTIAL_EXPIRED`, with `proofVerified: true`.
 *
 * @example
 * const r = await verifyCredentialJwt(jwt, { resolveKey: createJwtKeyResolver(createDidResolver()) });
 * if (r.verified) console.log(r.credential?.id);
 */
export async function verifyCredentialJwt(
  jwt: unknown,
  options: VerifyCredentialJwtOptions,
): Promise<CredentialJwtVerification> {
  if (!options || typeof options.resolveKey !== 'function') throw new TypeError('resolveKey must be a function.');
  if (options.resolveKey.relationship === 'authentication') {
    throw new TypeError('resolveKey must find assertionMethod keys (issuers), not authentication keys (holders).');
  }
  const algorithms = checkJwtAlgorithms(options.algorithms);
  const skew = options.skewSeconds ?? 60;
  if (!Number.isFinite(skew) || skew < 0) throw new TypeError('skewSeconds must be a non-negative number.');
  const now = options.now ?? new Date();
  if (!(now instanceof Date) || Number.isNaN(now.getTime())) throw new TypeError('now must be a valid Date.');
  try {
    return await verify(jwt, options.resolveKey, algorithms, now.getTime(), skew);
  } catch {
    // Defence in depth: a bug here must not become an exception for the caller.
    return {
      verified: false,
      proofVerified: false,
      problem: problem('INTERNAL_ERROR', 'The JWT could not be checked because of an internal error.'),
    };
  }
}

async function verify(
  jwt: unknown,
  resolveKey: JwtKeyResolver,
  algorithms: readonly string[],
  now: number,
  skew: number,
): Promise<CredentialJwtVerification> {
  const decoded = decodeCredentialJwt(jwt);
  if ('problem' in decoded) return { verified: false, proofVerified: false, problem: decoded.problem };
  const { format, header, payload, credential } = decoded;
  const result: CredentialJwtVerification = { verified: false, proofVerified: false, format };
  const fail = (p: Problem): CredentialJwtVerification => ({ ...result, problem: p });
  if (typeof header.kid === 'string') result.kid = header.kid;

  // J1: the algorithm is ours to choose, never the token's.
  if (typeof header.alg === 'string' && header.alg !== '') result.alg = header.alg;
  const badAlg = algorithmProblem(header, algorithms);
  if (badAlg) return fail(badAlg);
  const alg = header.alg as string;

  // The key must be the issuer's own: its DID URL names the issuer's DID.
  const issuer = issuerIdOf(credential);
  if (issuer === undefined) {
    return fail(
      problem(
        'MALFORMED_VALUE_ERROR',
        'The credential has no issuer id.',
        format === 'vc-jwt-v1' ? '/vc/issuer' : '/issuer',
      ),
    );
  }
  let embedded: JWK | undefined;
  if (header.jwk !== undefined) {
    const checked = checkEmbeddedJwk(header.jwk, alg);
    if ('reason' in checked) {
      return fail(problem('INVALID_VERIFICATION_METHOD', `The JOSE header jwk cannot be used: ${checked.reason}`));
    }
    embedded = checked.jwk;
  }
  const kid = header.kid;
  if (embedded && kid === undefined) {
    if (!/^did:[a-z0-9]+:[^#?/]+$/.test(issuer)) {
      return fail(
        problem(
          'INVALID_VERIFICATION_METHOD',
          `The embedded jwk is not a key of the issuer ${issuer}: the issuer is not a DID, so no DID document can list the key as an assertionMethod.`,
        ),
      );
    }
  } else if (typeof kid !== 'string' || !/^did:[a-z0-9]+:[^#?/]+#./.test(kid)) {
    return fail(
      problem(
        'INVALID_VERIFICATION_METHOD',
        'The JOSE header kid must be a DID URL (did:…#fragment) of a verification method of the issuer.',
      ),
    );
  } else {
    const keyDid = kid.slice(0, kid.indexOf('#'));
    if (keyDid !== issuer) {
      return fail(
        problem(
          'INVALID_VERIFICATION_METHOD',
          `The JWT was signed with a key of ${keyDid}, not of the issuer ${issuer}.`,
        ),
      );
    }
  }

  const claims = checkJwtClaims(format, payload, credential, issuer);
  if (claims) return fail(claims);

  const bound = await bindIssuerKey(resolveKey, issuer, typeof kid === 'string' ? kid : undefined, embedded);
  if ('problem' in bound) return fail(bound.problem);
  const { resolved, keyId } = bound;
  result.kid = keyId;
  const badSignature = await verifyJwsSignature(jwt as string, resolved.key, alg, algorithms, keyId);
  if (badSignature) return fail(badSignature);
  result.proofVerified = true;
  result.credential = credential;

  // J2: the JWT's own validity window (boundaries included, as for validFrom/validUntil).
  if (payload.nbf !== undefined && now + skew * 1000 < (payload.nbf as number) * 1000) {
    return fail(
      problem(
        'CREDENTIAL_NOT_YET_VALID',
        `The JWT is not valid before ${dateTimeOf(payload.nbf as number)} (its nbf claim).`,
        '/nbf',
      ),
    );
  }
  if (payload.exp !== undefined && now - skew * 1000 > (payload.exp as number) * 1000) {
    return fail(
      problem('CREDENTIAL_EXPIRED', `The JWT expired on ${dateTimeOf(payload.exp as number)} (its exp claim).`, '/exp'),
    );
  }
  return { ...result, verified: true };
}
