import { createPublicKey, KeyObject, type JsonWebKey as NodeJwk, type webcrypto } from 'node:crypto';
import { calculateJwkThumbprint, type JWK } from 'jose';

/** Smallest RSA modulus, in bits, accepted in an embedded `jwk` (NIST SP 800-57, RFC 7518 §3.3). */
export const MIN_RSA_BITS = 2048;

/** JWK members that only a private or a symmetric key has (RFC 7518 §6.2.2, §6.3.2, §6.4.1; RFC 8037 §2). */
const SECRET_MEMBERS = ['d', 'p', 'q', 'dp', 'dq', 'qi', 'oth', 'k', 'priv'] as const;

/** The key type (and curve) each accepted JWS algorithm verifies with (RFC 7518 §3, RFC 8037 §3.1). */
const FAMILY: Readonly<Record<string, { kty: 'OKP' | 'EC' | 'RSA'; crv?: string }>> = {
  EdDSA: { kty: 'OKP', crv: 'Ed25519' },
  Ed25519: { kty: 'OKP', crv: 'Ed25519' },
  ES256: { kty: 'EC', crv: 'P-256' },
  ES384: { kty: 'EC', crv: 'P-384' },
  RS256: { kty: 'RSA' },
  RS384: { kty: 'RSA' },
  RS512: { kty: 'RSA' },
  PS256: { kty: 'RSA' },
  PS384: { kty: 'RSA' },
  PS512: { kty: 'RSA' },
};

/** The curves accepted for each key type. */
const CURVES: Readonly<Record<string, readonly string[]>> = { OKP: ['Ed25519'], EC: ['P-256', 'P-384'] };

function isString(value: unknown): value is string {
  return typeof value === 'string' && value !== '';
}

/**
 * Checks the `jwk` JOSE header parameter of a credential JWT (RFC 7515 §4.1.3; Open Badges 3.0
 * §8.2 lets an issuer put its public key there instead of a `kid`) before anything trusts it: a
 * JSON object holding a PUBLIC asymmetric key (no `d`, `p`, `q`, `k`…, never `oct`) of a supported
 * kind (OKP Ed25519, EC P-256/P-384, RSA of at least {@link MIN_RSA_BITS} bits), usable for
 * signatures, and, when `alg` is given, of the family `alg` needs (J1: `EdDSA` → Ed25519, `ES256` →
 * P-256, `ES384` → P-384, `RS*`/`PS*` → RSA). Returns a copy with only the public members, or why not.
 * It says nothing about whose key it is: see `resolveEmbeddedJwk` of {@link createJwtKeyResolver}.
 *
 * @example
 * const checked = checkEmbeddedJwk(header.jwk, 'EdDSA');
 * if ('reason' in checked) console.log(checked.reason); // e.g. "it holds private key material (d)…"
 */
export function checkEmbeddedJwk(value: unknown, alg?: string): { jwk: JWK } | { reason: string } {
  if (!value || typeof value !== 'object' || Array.isArray(value)) return { reason: 'it is not a JSON object.' };
  const jwk = value as Record<string, unknown>;
  if (jwk.kty === 'oct') return { reason: 'it is a symmetric (oct) key; only a public asymmetric key may be used.' };
  const secret = SECRET_MEMBERS.filter((member) => Object.hasOwn(jwk, member));
  if (secret.length > 0) {
    return { reason: `it holds private key material (${secret.join(', ')}); only a public key may be used.` };
  }
  let publicJwk: JWK;
  if (jwk.kty === 'OKP' || jwk.kty === 'EC') {
    if (!isString(jwk.crv) || !CURVES[jwk.kty]!.includes(jwk.crv)) {
      return { reason: `its curve ${JSON.stringify(jwk.crv)} is not supported (${CURVES[jwk.kty]!.join(', ')}).` };
    }
    if (!isString(jwk.x) || (jwk.kty === 'EC' && !isString(jwk.y))) {
      return { reason: 'it lacks its public coordinates.' };
    }
    publicJwk =
      jwk.kty === 'OKP'
        ? { kty: 'OKP', crv: jwk.crv, x: jwk.x }
        : { kty: 'EC', crv: jwk.crv, x: jwk.x, y: jwk.y as string };
  } else if (jwk.kty === 'RSA') {
    if (!isString(jwk.n) || !isString(jwk.e)) return { reason: 'it lacks the RSA modulus n or exponent e.' };
    publicJwk = { kty: 'RSA', n: jwk.n, e: jwk.e };
  } else {
    return { reason: `its key type ${JSON.stringify(jwk.kty)} is not supported (OKP, EC, RSA).` };
  }
  if (alg !== undefined) {
    const family = FAMILY[alg];
    if (!family || family.kty !== publicJwk.kty || (family.crv !== undefined && family.crv !== publicJwk.crv)) {
      return { reason: `it is a ${publicJwk.crv ?? publicJwk.kty} key, which cannot verify "${alg}" signatures.` };
    }
    if (jwk.alg !== undefined && jwk.alg !== alg) {
      return { reason: `its own alg ${JSON.stringify(jwk.alg)} is not the header alg "${alg}".` };
    }
  }
  if (jwk.use !== undefined && jwk.use !== 'sig') return { reason: `its use ${JSON.stringify(jwk.use)} is not "sig".` };
  if (jwk.key_ops !== undefined && !(Array.isArray(jwk.key_ops) && jwk.key_ops.includes('verify'))) {
    return { reason: 'its key_ops do not include "verify".' };
  }
  let keyObject: KeyObject;
  try {
    keyObject = createPublicKey({ key: publicJwk as NodeJwk, format: 'jwk' });
  } catch {
    return { reason: 'it is not a valid public key.' };
  }
  const bits = keyObject.asymmetricKeyDetails?.modulusLength;
  if (publicJwk.kty === 'RSA' && (bits === undefined || bits < MIN_RSA_BITS)) {
    return { reason: `its RSA modulus has ${bits ?? 'unknown'} bits; at least ${MIN_RSA_BITS} are required.` };
  }
  return { jwk: publicJwk };
}

/**
 * The RFC 7638 JWK thumbprint (SHA-256, base64url) of a public key given as a Node `KeyObject`, a
 * WebCrypto `CryptoKey` or a JWK: equal thumbprints mean the same public key, whatever other
 * members (`kid`, `alg`, `use`…) each JWK carries. `undefined` when it cannot be computed.
 *
 * @example
 * (await jwkThumbprintOf(header.jwk)) === (await jwkThumbprintOf(resolved.key)); // same key?
 */
export async function jwkThumbprintOf(key: KeyObject | webcrypto.CryptoKey | JWK): Promise<string | undefined> {
  try {
    const tag = (key as { [Symbol.toStringTag]?: unknown })[Symbol.toStringTag];
    let jwk: JWK;
    if (tag === 'KeyObject') jwk = (key as KeyObject).export({ format: 'jwk' }) as JWK;
    else if (tag === 'CryptoKey') jwk = KeyObject.from(key as webcrypto.CryptoKey).export({ format: 'jwk' }) as JWK;
    else jwk = key as JWK;
    return await calculateJwkThumbprint(jwk, 'sha256');
  } catch {
    return undefined;
  }
}
