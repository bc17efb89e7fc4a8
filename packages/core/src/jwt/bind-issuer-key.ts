import type { JWK } from 'jose';
import { type Problem, problem, VcError } from '../problems.ts';
import { jwkThumbprintOf } from './check-embedded-jwk.ts';
import { isPublicKey } from './jws-checks.ts';
import type { JwtKeyResolver, ResolvedJwtKey } from './resolve-jwt-key.ts';

/**
 * The issuer's key the JWT must verify with: the `kid`'s (which an embedded `jwk`, if any, must
 * equal), or, without a `kid`, the issuer's assertion method holding the embedded `jwk`. It must be
 * public and controlled by the issuer.
 *
 * @example
 * const bound = await bindIssuerKey(resolveKey, issuer, kid, undefined);
 */
export async function bindIssuerKey(
  resolveKey: JwtKeyResolver,
  issuer: string,
  kid: string | undefined,
  embedded: JWK | undefined,
): Promise<{ resolved: ResolvedJwtKey; keyId: string } | { problem: Problem }> {
  const label = kid ?? 'embedded in the JOSE header (jwk)';
  let resolved: ResolvedJwtKey;
  let keyId: string;
  try {
    if (kid !== undefined) {
      resolved = await resolveKey(kid);
      keyId = kid;
    } else {
      if (typeof resolveKey.resolveEmbeddedJwk !== 'function') {
        return {
          problem: problem(
            'INVALID_VERIFICATION_METHOD',
            `The embedded jwk is not a key of the issuer ${issuer} as far as this verifier can tell: its key resolver cannot look up an embedded jwk.`,
          ),
        };
      }
      const found = await resolveKey.resolveEmbeddedJwk(embedded!, issuer);
      resolved = found;
      keyId = found?.id;
    }
  } catch (error) {
    return {
      problem:
        error instanceof VcError
          ? error.toProblem()
          : problem('INVALID_VERIFICATION_METHOD', `The key ${label} could not be dereferenced.`),
    };
  }
  if (!resolved || resolved.controller !== issuer || typeof keyId !== 'string') {
    return {
      problem: problem('INVALID_VERIFICATION_METHOD', `The key ${label} is not controlled by the issuer ${issuer}.`),
    };
  }
  if (!isPublicKey(resolved.key)) {
    return { problem: problem('INVALID_VERIFICATION_METHOD', `The key ${keyId} is not a public asymmetric key.`) };
  }
  if (embedded && kid !== undefined) {
    const [mine, theirs] = await Promise.all([jwkThumbprintOf(embedded), jwkThumbprintOf(resolved.key)]);
    if (mine === undefined || mine !== theirs) {
      return {
        problem: problem(
          'INVALID_VERIFICATION_METHOD',
          `The JOSE header jwk is not the key of ${kid}: a JWT naming both must carry the same public key.`,
        ),
      };
    }
  }
  return { resolved, keyId };
}
