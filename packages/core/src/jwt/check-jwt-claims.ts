import { type Problem, problem } from '../problems.ts';
import type { CredentialJwtFormat } from './decode-jwt.ts';
import { isNumericDate, numericDateOf, subjectIdsOf, validityFieldsOf } from './jwt-claims.ts';

/**
 * J2, the registered claims against the credential (VC-JOSE-COSE §3.1.1 "avoid conflicting
 * values"; OB 3.0 §8.2 "Verify a Credential VC-JWT Signature"; VC 1.1 §6.3.1). Undefined when they
 * agree.
 *
 * @example
 * checkJwtClaims('vc-jose-cose', payload, credential, issuer); // undefined
 */
export function checkJwtClaims(
  format: CredentialJwtFormat,
  claims: Record<string, unknown>,
  credential: Record<string, unknown>,
  issuer: string,
): Problem | undefined {
  const legacy = format === 'vc-jwt-v1';
  const vc = legacy ? (claims.vc as Record<string, unknown>) : credential;
  const mismatch = (claim: string, what: string, value: unknown) =>
    problem(
      'MALFORMED_VALUE_ERROR',
      `The JWT claim ${claim} (${JSON.stringify(claims[claim])}) does not match the credential ${what} (${JSON.stringify(value)}).`,
      `/${claim}`,
    );
  const missing = (claim: string, what: string) =>
    problem(
      'MALFORMED_VALUE_ERROR',
      `The JWT has no ${claim} claim: it must state the credential ${what}.`,
      `/${claim}`,
    );
  for (const claim of ['iss', 'jti', 'sub'] as const) {
    if (claims[claim] !== undefined && typeof claims[claim] !== 'string') {
      return problem('MALFORMED_VALUE_ERROR', `The JWT claim ${claim} must be a string.`, `/${claim}`);
    }
  }
  for (const claim of ['nbf', 'exp', 'iat'] as const) {
    if (claims[claim] !== undefined && !isNumericDate(claims[claim])) {
      return problem(
        'MALFORMED_VALUE_ERROR',
        `The JWT claim ${claim} must be a NumericDate (seconds since 1970).`,
        `/${claim}`,
      );
    }
  }
  if (legacy && claims.iss === undefined) return missing('iss', 'issuer');
  if (claims.iss !== undefined && claims.iss !== issuer) return mismatch('iss', 'issuer', issuer);
  if (claims.jti !== undefined && claims.jti !== credential.id) return mismatch('jti', 'id', credential.id);
  if (claims.sub !== undefined) {
    const subjects = subjectIdsOf(credential);
    if (!subjects.includes(claims.sub as string)) return mismatch('sub', 'credentialSubject.id', subjects[0]);
  }
  const { from, until } = validityFieldsOf(vc);
  if (legacy && claims.nbf === undefined) return missing('nbf', from);
  if (claims.nbf !== undefined && (legacy || credential[from] !== undefined)) {
    if (numericDateOf(credential[from]) !== claims.nbf) return mismatch('nbf', from, credential[from]);
  }
  // VC 1.1 §6.3.1: exp "MUST represent the expirationDate". In VC-JOSE-COSE (and OB 3.0 since
  // 1.0.x) exp is the JWT's own expiry, checked as such only.
  if (legacy && claims.exp !== undefined && numericDateOf(credential[until]) !== claims.exp) {
    return mismatch('exp', until, credential[until]);
  }
  return undefined;
}
