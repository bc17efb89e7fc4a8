/**
 * Binding a presentation JWT to its holder (VC-JOSE-COSE §3.2, VC 1.1 §6.3.1): which DID signed it
 * and that DID's `authentication` key. Internal to `jwt/`.
 */
import { type Problem, problem, VcError } from '../problems.ts';
import { checkEmbeddedJwk, jwkThumbprintOf } from './check-embedded-jwk.ts';
import { isPublicKey } from './jws-checks.ts';
import { issuerIdOf } from './jwt-claims.ts';
import type { JwtKeyResolver, ResolvedJwtKey } from './resolve-jwt-key.ts';

/**
 * The holder DID the `kid` must belong to: `iss`, `holder` (or `holder.id`) — which must agree —
 * or, with neither (VC-JOSE-COSE §3.2's example has no holder), the `kid`'s own DID. `jti` and
 * `id` must agree too.
 */
export function bindHolder(
  claims: Record<string, unknown>,
  presentation: Record<string, unknown>,
  kid: string,
): { holder: string } | { problem: Problem } {
  const mismatch = (claim: string, what: string, value: unknown) => ({
    problem: problem(
      'MALFORMED_VALUE_ERROR',
      `The JWT claim ${claim} (${JSON.stringify(claims[claim])}) does not match the presentation ${what} (${JSON.stringify(value)}).`,
      `/${claim}`,
    ),
  });
  for (const claim of ['iss', 'jti'] as const) {
    if (claims[claim] !== undefined && typeof claims[claim] !== 'string') {
      return { problem: problem('MALFORMED_VALUE_ERROR', `The JWT claim ${claim} must be a string.`, `/${claim}`) };
    }
  }
  const holderId = issuerIdOf({ issuer: presentation.holder });
  if (presentation.holder !== undefined && holderId === undefined) {
    return { problem: problem('MALFORMED_VALUE_ERROR', 'holder must be a URL or an object with an id.', '/holder') };
  }
  if (claims.iss !== undefined && holderId !== undefined && claims.iss !== holderId) {
    return mismatch('iss', 'holder', holderId);
  }
  if (claims.jti !== undefined && presentation.id !== undefined && claims.jti !== presentation.id) {
    return mismatch('jti', 'id', presentation.id);
  }
  const keyDid = kid.slice(0, kid.indexOf('#'));
  const holder = (claims.iss as string | undefined) ?? holderId ?? keyDid;
  if (keyDid !== holder) {
    return {
      problem: problem(
        'INVALID_VERIFICATION_METHOD',
        `The presentation JWT was signed with a key of ${keyDid}, not of its holder ${holder}.`,
      ),
    };
  }
  return { holder };
}

/** The holder's `authentication` key for `kid`: resolved, controlled by the holder, public; `jwk`, if any, the same. */
export async function holderKey(
  resolveKey: JwtKeyResolver,
  kid: string,
  holder: string,
  jwk: unknown,
  alg: string,
): Promise<{ resolved: ResolvedJwtKey } | { problem: Problem }> {
  let resolved: ResolvedJwtKey;
  try {
    resolved = await resolveKey(kid);
  } catch (error) {
    return {
      problem:
        error instanceof VcError
          ? error.toProblem()
          : problem('INVALID_VERIFICATION_METHOD', `The key ${kid} could not be dereferenced.`),
    };
  }
  if (!resolved || resolved.controller !== holder) {
    return {
      problem: problem('INVALID_VERIFICATION_METHOD', `The key ${kid} is not controlled by the holder ${holder}.`),
    };
  }
  if (!isPublicKey(resolved.key)) {
    return { problem: problem('INVALID_VERIFICATION_METHOD', `The key ${kid} is not a public asymmetric key.`) };
  }
  if (jwk !== undefined) {
    const checked = checkEmbeddedJwk(jwk, alg);
    if ('reason' in checked) {
      return {
        problem: problem('INVALID_VERIFICATION_METHOD', `The JOSE header jwk cannot be used: ${checked.reason}`),
      };
    }
    const [mine, theirs] = await Promise.all([jwkThumbprintOf(checked.jwk), jwkThumbprintOf(resolved.key)]);
    if (mine === undefined || mine !== theirs) {
      return {
        problem: problem(
          'INVALID_VERIFICATION_METHOD',
          `The JOSE header jwk is not the key of ${kid}: a JWT naming both must carry the same public key.`,
        ),
      };
    }
  }
  return { resolved };
}
