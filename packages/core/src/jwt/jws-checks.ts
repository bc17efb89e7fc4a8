/**
 * The JWS checks that credential and presentation JWTs share: J1 (the algorithm is ours to choose,
 * never the token's; the key is a public asymmetric key) and turning what jose threw into a coded
 * problem. Internal to `jwt/`.
 */
import type { KeyObject, webcrypto } from 'node:crypto';
import { errors, type JWK } from 'jose';
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
