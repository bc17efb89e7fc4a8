import { type Problem, problem } from '../problems.ts';
import { bindHolder, holderKey } from './bind-holder-key.ts';
import { decodePresentationJwt, type PresentationJwtFormat } from './decode-presentation-jwt.ts';
import { isEnvelopedPresentation, unenvelopePresentation } from './envelope-jwt.ts';
import { algorithmProblem, verifyJwsSignature } from './jws-checks.ts';
import { checkJwtAlgorithms } from './jwt-algorithms.ts';
import { dateTimeOf, isNumericDate } from './jwt-claims.ts';
import type { JwtKeyResolver } from './resolve-jwt-key.ts';

/** Options of {@link verifyPresentationJwt}. */
export interface VerifyPresentationJwtOptions {
  /**
   * Finds the holder's public key of a `kid`: it must be an `authentication` method, e.g.
   * `createJwtKeyResolver(createDidResolver(), { relationship: 'authentication' })`.
   */
  resolveKey: JwtKeyResolver;
  /** JWS `alg` values accepted; default `['EdDSA']`. `none` and HMAC (`HS*`) are a `TypeError`. */
  algorithms?: readonly string[];
  /** The verifier's clock, for `nbf`/`exp`. Default: the system clock. */
  now?: Date;
  /** Seconds of clock skew tolerated on `nbf`/`exp`. Default 60. */
  skewSeconds?: number;
  /** The challenge given to the holder: the JWT's `nonce` claim must equal it (V4). */
  challenge?: string;
  /** The domain the presentation must be bound to: the JWT's `aud` claim must be or list it (V4). */
  domain?: string;
}

/** What {@link verifyPresentationJwt} returns. */
export interface PresentationJwtVerification {
  /** True only when the holder's signature, the claims, `nonce`/`aud` and the `nbf`/`exp` window checked. */
  verified: boolean;
  /** The payload shape, once the JWT could be read; absent when it could not (a format problem). */
  format?: PresentationJwtFormat;
  /**
   * The presentation as decoded, once the JWT could be read, verified or not: the credentials in it
   * carry their own proofs and are verified on their own.
   */
  presentation?: Record<string, unknown>;
  /** The holder DID the signature was checked against (`iss`, `holder`, or the `kid`'s DID). */
  holder?: string;
  /** Why it did not verify. Pointers (`/nonce`, `/aud`, `/iss`…) point into the JWT payload. */
  problem?: Problem;
  /** The JOSE header `alg`, when there is one. */
  alg?: string;
  /** The JOSE header `kid`, when there is one. */
  kid?: string;
}

/**
 * Verifies a presentation secured as a compact JWS, given as a string or as an
 * `EnvelopedVerifiablePresentation` (VC 2.0 §4.13.2, `data:application/vp+jwt,…`): W3C
 * VC-JOSE-COSE §3.2 (`typ: vp+jwt`, the payload is a VC 2.0 presentation) or VC 1.1 §6.3.1 (`vp`
 * claim, `iss` the holder). Never throws on bad input (a bad option is a `TypeError`). In order:
 *
 * 1. J3 as for credentials ({@link decodePresentationJwt}); J1: `alg` one of `algorithms`.
 * 2. The holder is `iss`, else `holder` (`holder.id`), else the `kid`'s DID; `iss` and `holder`
 *    must agree, as must `jti` and `id`. The `kid` must be a DID URL of the holder's DID, listed
 *    as an `authentication` method there (`resolveKey`), a public key; a `jwk` beside it must be
 *    that key.
 * 3. The signature.
 * 4. V4: `challenge` must equal `nonce` (`INVALID_CHALLENGE_ERROR`), `domain` must be `aud` or in
 *    it (`INVALID_DOMAIN_ERROR`) — VC 1.1 §6.3.1 `aud`, the `nonce` of its example.
 * 5. `nbf` in the future or `exp` passed (beyond the skew) → `PROOF_VERIFICATION_ERROR`.
 *
 * The credentials inside are not looked at: verify each of `presentation.verifiableCredential`.
 *
 * @example
 * const resolveKey = createJwtKeyResolver(createDidResolver(), { relationship: 'authentication' });
 * const r = await verifyPresentationJwt(vpJwt, { resolveKey, challenge: 'c0ae1c8e', domain: 'jobs.example' });
 * if (r.verified) console.log(r.holder, r.presentation?.verifiableCredential);
 */
export async function verifyPresentationJwt(
  input: unknown,
  options: VerifyPresentationJwtOptions,
): Promise<PresentationJwtVerification> {
  if (!options || typeof options.resolveKey !== 'function') throw new TypeError('resolveKey must be a function.');
  if (options.resolveKey.relationship === 'assertionMethod') {
    throw new TypeError('resolveKey must find authentication keys (holders), not assertionMethod keys (issuers).');
  }
  const algorithms = checkJwtAlgorithms(options.algorithms);
  const skew = options.skewSeconds ?? 60;
  if (!Number.isFinite(skew) || skew < 0) throw new TypeError('skewSeconds must be a non-negative number.');
  const now = options.now ?? new Date();
  if (!(now instanceof Date) || Number.isNaN(now.getTime())) throw new TypeError('now must be a valid Date.');
  for (const name of ['challenge', 'domain'] as const) {
    if (options[name] !== undefined && typeof options[name] !== 'string') {
      throw new TypeError(`${name} must be a string.`);
    }
  }
  try {
    return await verify(input, options, algorithms, now.getTime(), skew);
  } catch {
    // Defence in depth: a bug here must not become an exception for the caller.
    return {
      verified: false,
      problem: problem('INTERNAL_ERROR', 'The presentation could not be checked because of an internal error.'),
    };
  }
}

async function verify(
  input: unknown,
  options: VerifyPresentationJwtOptions,
  algorithms: readonly string[],
  now: number,
  skew: number,
): Promise<PresentationJwtVerification> {
  let jwt: unknown = input;
  if (isEnvelopedPresentation(input)) {
    const opened = unenvelopePresentation(input);
    if ('problem' in opened) return { verified: false, problem: opened.problem };
    jwt = opened.jwt;
  }
  const decoded = decodePresentationJwt(jwt);
  if ('problem' in decoded) return { verified: false, problem: decoded.problem };
  const { format, header, payload, presentation } = decoded;
  const result: PresentationJwtVerification = { verified: false, format, presentation };
  const fail = (p: Problem): PresentationJwtVerification => ({ ...result, problem: p });
  if (typeof header.alg === 'string' && header.alg !== '') result.alg = header.alg;
  const badAlg = algorithmProblem(header, algorithms);
  if (badAlg) return fail(badAlg);
  const kid = header.kid;
  if (typeof kid !== 'string' || !/^did:[a-z0-9]+:[^#?/]+#./.test(kid)) {
    return fail(
      problem(
        'INVALID_VERIFICATION_METHOD',
        'The JOSE header kid must be a DID URL (did:…#fragment) of an authentication method of the holder.',
      ),
    );
  }
  result.kid = kid;

  const bound = bindHolder(payload, presentation, kid);
  if ('problem' in bound) return fail(bound.problem);
  result.holder = bound.holder;
  const key = await holderKey(options.resolveKey, kid, bound.holder, header.jwk, header.alg as string);
  if ('problem' in key) return fail(key.problem);
  const badSignature = await verifyJwsSignature(jwt as string, key.resolved.key, header.alg as string, algorithms, kid);
  if (badSignature) return fail(badSignature);

  // V4: the presentation was made for this verifier's challenge and domain.
  if (options.challenge !== undefined && payload.nonce !== options.challenge) {
    const detail =
      payload.nonce === undefined
        ? 'The presentation JWT has no nonce claim, but a challenge was given.'
        : 'The presentation was made for another challenge (its nonce claim).';
    return fail(problem('INVALID_CHALLENGE_ERROR', detail, '/nonce'));
  }
  if (options.domain !== undefined) {
    const aud = payload.aud;
    if (!(aud === options.domain || (Array.isArray(aud) && aud.includes(options.domain)))) {
      return fail(
        problem('INVALID_DOMAIN_ERROR', 'The presentation was made for another domain (its aud claim).', '/aud'),
      );
    }
  }
  for (const claim of ['nbf', 'exp'] as const) {
    if (payload[claim] !== undefined && !isNumericDate(payload[claim])) {
      return fail(problem('MALFORMED_VALUE_ERROR', `The JWT claim ${claim} must be a NumericDate.`, `/${claim}`));
    }
  }
  if (payload.nbf !== undefined && now + skew * 1000 < (payload.nbf as number) * 1000) {
    return fail(
      problem(
        'PROOF_VERIFICATION_ERROR',
        `The presentation JWT is not valid before ${dateTimeOf(payload.nbf as number)} (its nbf claim).`,
        '/nbf',
      ),
    );
  }
  if (payload.exp !== undefined && now - skew * 1000 > (payload.exp as number) * 1000) {
    return fail(
      problem(
        'PROOF_VERIFICATION_ERROR',
        `The presentation JWT expired on ${dateTimeOf(payload.exp as number)} (its exp claim).`,
        '/exp',
      ),
    );
  }
  return { ...result, verified: true };
}
