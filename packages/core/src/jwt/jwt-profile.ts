import { VcError } from '../problems.ts';
import { baseContextOf, numericDateOf, subjectIdsOf, VC_V1_CONTEXT, validityFieldsOf } from './jwt-claims.ts';

/**
 * How a VC 2.0 credential is put in a JWT:
 * - `vc-jose-cose`: W3C VC-JOSE-COSE §3.1.1, header `{ alg, kid, typ: "vc+jwt", cty: "vc" }`,
 *   the payload exactly the credential;
 * - `ob`: Open Badges 3.0 §8.2 "JSON Web Token Proof Format" (CLR 2.0 shares it), header
 *   `{ alg, kid, typ: "JWT" }` and no other member, the payload the credential plus `iss`, `jti`,
 *   `nbf`, `sub`, `exp` (and `iat`, a standard claim §8.2 allows).
 *
 * A VC 1.1 credential (first `@context` `https://www.w3.org/2018/credentials/v1`) is always signed
 * as the VC 1.1 §6.3.1 JWT (`typ: "JWT"`, the credential in a `vc` claim) — what Open Badges 3.0
 * asks of VC 1.1 credentials too; VC-JOSE-COSE defines `vc+jwt` for VC 2.0 only.
 */
export type JwtProfile = 'vc-jose-cose' | 'ob';

/** The {@link JwtProfile}s, for option checks. */
export const JWT_PROFILES: readonly JwtProfile[] = Object.freeze(['vc-jose-cose', 'ob'] as const);

/** Credential types whose JWTs follow Open Badges 3.0 §8.2 / CLR 2.0 §8.2 unless asked otherwise. */
const OB_TYPES = ['OpenBadgeCredential', 'AchievementCredential', 'EndorsementCredential', 'ClrCredential'];

/**
 * The {@link JwtProfile} a credential gets when none is asked for: `ob` when its `type` names
 * `OpenBadgeCredential`, `AchievementCredential`, `EndorsementCredential` or `ClrCredential`
 * (1EdTech certification checks the §8.2 form), else `vc-jose-cose`.
 *
 * @example
 * defaultJwtProfile({ type: ['VerifiableCredential', 'OpenBadgeCredential'] }); // 'ob'
 */
export function defaultJwtProfile(credential: Record<string, unknown>): JwtProfile {
  const types = Array.isArray(credential.type) ? credential.type : [credential.type];
  return types.some((t) => OB_TYPES.includes(t as string)) ? 'ob' : 'vc-jose-cose';
}

/** What a credential JWT is made of, before signing: the header's `typ`/`cty` and the payload. */
export interface CredentialJwtContent {
  header: { typ: string; cty?: string };
  payload: Record<string, unknown>;
}

const bad = (detail: string, pointer: string) => new VcError('MALFORMED_VALUE_ERROR', detail, { pointer });

/**
 * The header members and the payload of a credential JWT in the `requested` profile (see
 * {@link JwtProfile}; default {@link defaultJwtProfile}). `issuer` is the credential's issuer id,
 * `now` the signing time (`iat`). Throws `VcError` for a credential the profile cannot carry.
 * Internal to `jwt/`.
 */
export function credentialJwtContent(
  credential: Record<string, unknown>,
  requested: JwtProfile | undefined,
  issuer: string,
  now: Date,
): CredentialJwtContent {
  if (baseContextOf(credential) === VC_V1_CONTEXT) {
    if (requested === 'vc-jose-cose') {
      throw bad(
        'VC-JOSE-COSE (vc+jwt) secures VC Data Model 2.0 credentials only; a VC 1.1 credential is signed as a VC 1.1 JWT (vc claim).',
        '/@context',
      );
    }
    return { header: { typ: 'JWT' }, payload: { ...registeredClaims(credential, issuer, now, 'vc'), vc: credential } };
  }
  if ((requested ?? defaultJwtProfile(credential)) === 'vc-jose-cose') {
    return { header: { typ: 'vc+jwt', cty: 'vc' }, payload: credential };
  }
  const claims = registeredClaims(credential, issuer, now, 'ob');
  for (const [name, value] of Object.entries(claims)) {
    if (credential[name] !== undefined && credential[name] !== value) {
      throw bad(`The credential has a "${name}" member that conflicts with the ${name} claim.`, `/${name}`);
    }
  }
  return { header: { typ: 'JWT' }, payload: { ...credential, ...claims } };
}

/**
 * `iss` (issuer id), `jti` (`id`), `nbf` (`validFrom`/`issuanceDate`), `sub` (the one
 * `credentialSubject.id`), `exp` (`validUntil`/`expirationDate`, when there is one) and `iat`
 * (Open Badges 3.0 §8.2 table; VC 1.1 §6.3.1 "JWT encoding"). Open Badges requires an `id`; a VC 1.1
 * credential may lack one (then no `jti`).
 */
function registeredClaims(
  credential: Record<string, unknown>,
  issuer: string,
  now: Date,
  form: 'ob' | 'vc',
): Record<string, unknown> {
  if (credential.id !== undefined && typeof credential.id !== 'string') {
    throw bad('The credential id must be a string for the jti claim.', '/id');
  }
  if (form === 'ob' && credential.id === undefined) throw bad('The credential needs an id for the jti claim.', '/id');
  const { from, until } = validityFieldsOf(credential);
  const nbf = numericDateOf(credential[from]);
  if (nbf === undefined) throw bad(`The credential needs a date-time ${from} for the nbf claim.`, `/${from}`);
  const claims: Record<string, unknown> = { iss: issuer };
  if (credential.id !== undefined) claims.jti = credential.id;
  claims.nbf = nbf;
  const [sub, ...others] = subjectIdsOf(credential);
  if (sub !== undefined && others.length === 0) claims.sub = sub;
  if (credential[until] !== undefined) {
    const exp = numericDateOf(credential[until]);
    if (exp === undefined) throw bad(`${until} must be a date-time for the exp claim.`, `/${until}`);
    claims.exp = exp;
  }
  claims.iat = Math.floor(now.getTime() / 1000);
  return claims;
}
