/**
 * The JWS checks that credential and presentation JWTs share: J1 (the algorithm is ours to choose,
 * never the token's; the key is a public asymmetric key) and turning what jose threw into a coded
 * problem. Internal to `jwt/`.
 */
import { KeyObject, verify as verifyWithNode, type webcrypto } from 'node:crypto';
import { compactVerify, errors, type JWK } from 'jose';
import { type Problem, problem } from '../problems.ts';
import type { ResolvedJwtKey } from './resolve-jwt-key.ts';

/** Whether a resolved key is a public asymmetric key (never a secret, never a private JWK). */
export function isPublicKey(key: ResolvedJwtKey['key']): boolean {
  if (!key || typeof key !== 'object') return false;
  const tag = (key as { [Symbol.toStringTag]?: unknown })[Symbol.toStringTag];
  if (tag === 'KeyObject' || tag === 'CryptoKey') return (key as KeyObject | webcrypto.CryptoKey).type === 'public';
  const jwk = key as JWK & Record<string, unknown>;
  return typeof jwk.kty === 'string' && jwk.kty !== 'oct' && !('d' in jwk) && !('k' in jwk) && !('priv' in jwk);
}

/** J1: the header's `alg` must be one of `algorithms`; `none` never is. Undefined when it is. */
export function algorithmProblem(header: Record<string, unknown>, algorithms: readonly string[]): Problem | undefined {
  if (typeof header.alg !== 'string' || header.alg === '') {
    return problem('PROOF_VERIFICATION_ERROR', 'The JOSE header has no alg.');
  }
  if (header.alg.toLowerCase() === 'none') {
    return problem('PROOF_VERIFICATION_ERROR', 'An unsecured JWT (alg "none") is never accepted.');
  }
  if (!algorithms.includes(header.alg)) {
    return problem(
      'PROOF_VERIFICATION_ERROR',
      `JWS algorithm "${header.alg}" is not accepted; accepted: ${algorithms.join(', ')}.`,
    );
  }
  return undefined;
}

/** Turns what jose's `compactVerify` threw into a coded problem (by error class, never by message). */
export function signatureProblem(error: unknown, alg: string, kid: string): Problem {
  if (error instanceof errors.JWSSignatureVerificationFailed) {
    return problem(
      'CRYPTOGRAPHIC_SECURITY_ERROR',
      'The JWS signature does not match: the JWT was changed after signing or signed by another key.',
    );
  }
  if (error instanceof errors.JOSEAlgNotAllowed) {
    return problem('PROOF_VERIFICATION_ERROR', `JWS algorithm "${alg}" is not accepted.`);
  }
  if (error instanceof TypeError || error instanceof errors.JOSENotSupported || isDomError(error)) {
    return problem('INVALID_VERIFICATION_METHOD', `The key ${kid} cannot verify "${alg}" signatures.`);
  }
  return problem('CRYPTOGRAPHIC_SECURITY_ERROR', 'The JWS signature could not be verified.');
}

function isDomError(error: unknown): boolean {
  return typeof DOMException !== 'undefined' && error instanceof DOMException;
}

/** Base64url length of a 64-byte Ed25519 signature, unpadded. */
const ED25519_SIGNATURE_CHARS = 86;

/**
 * Checks the signature of a compact JWS whose header and payload were already taken apart and
 * checked ({@link splitCompactJws}: three base64url parts, JSON objects, no `crit`, no `b64: false})
 * and whose `alg` is one of `algorithms`; returns the coded problem when it does not verify.
 *
 * EdDSA with an Ed25519 `KeyObject` (what `createJwtKeyResolver` gives) is checked by node's
 * synchronous `crypto.verify` over the JWS signing input (RFC 8037 §3.1: the raw Ed25519
 * signature), with no WebCrypto job, key conversion or second decoding of the token per call; a
 * mismatch is the same problem jose's `JWSSignatureVerificationFailed` gives. Everything else — other
 * algorithms, CryptoKeys, JWKs, a signature that is not 64 bytes — goes through jose's
 * `compactVerify`, as before.
 */
export async function verifyJwsSignature(
  jwt: string,
  key: ResolvedJwtKey['key'],
  alg: string,
  algorithms: readonly string[],
  kid: string,
): Promise<Problem | undefined> {
  const dot = jwt.lastIndexOf('.');
  if (
    alg === 'EdDSA' &&
    key instanceof KeyObject &&
    key.type === 'public' &&
    key.asymmetricKeyType === 'ed25519' &&
    jwt.length - dot - 1 === ED25519_SIGNATURE_CHARS
  ) {
    let ok: boolean | undefined;
    try {
      ok = verifyWithNode(
        null,
        Buffer.from(jwt.slice(0, dot), 'latin1'),
        key,
        Buffer.from(jwt.slice(dot + 1), 'base64url'),
      );
    } catch {
      ok = undefined; // let jose say what is wrong, as before
    }
    if (ok === true) return undefined;
    if (ok === false) return signatureProblem(new errors.JWSSignatureVerificationFailed(), alg, kid);
  }
  try {
    await compactVerify(jwt, key, { algorithms: [...algorithms] });
    return undefined;
  } catch (error) {
    return signatureProblem(error, alg, kid);
  }
}
