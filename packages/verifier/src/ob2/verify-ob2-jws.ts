import { constants, createPublicKey, type KeyObject, verify } from 'node:crypto';
import { ASYMMETRIC_JWS_ALGORITHMS, type Problem, problem } from '@repo/core';
import { isObject } from '@repo/schemas';

/**
 * JWS algorithms an OB 2.0 signed assertion may use here: core's asymmetric ones (RFC 7518,
 * RFC 8037; never `none` or `HS*`) by their RFC 7518/8037 names — not the `Ed25519` alias.
 */
export const OB2_SUPPORTED_JWS_ALGORITHMS: readonly string[] = [...ASYMMETRIC_JWS_ALGORITHMS].filter(
  (alg) => alg !== 'Ed25519',
);

/** A signed assertion taken apart, not yet verified. */
export interface Ob2Jws {
  header: Record<string, unknown>;
  payload: Record<string, unknown>;
  signingInput: string;
  signature: Buffer;
}

const decode = (part: string): Record<string, unknown> | undefined => {
  try {
    const v: unknown = JSON.parse(Buffer.from(part, 'base64url').toString('utf8'));
    return isObject(v) ? v : undefined;
  } catch {
    return undefined;
  }
};

/**
 * Takes a compact JWS apart as OB 2.0 "SignedBadge Verification" steps 1–2 say (the payload is the
 * Assertion's JSON; when it does not parse the assertion is invalid), refusing what J3 refuses:
 * `crit`, `b64: false`. The algorithm is checked by {@link ob2AlgorithmProblem}.
 *
 * @example
 * const jws = splitOb2Jws(token); // { header: { alg: 'RS256' }, payload: { type: 'Assertion', … }, … }
 */
export function splitOb2Jws(token: string): Ob2Jws | { problem: Problem } {
  const parts = token.split('.');
  if (parts.length !== 3 || !parts.every((p) => /^[A-Za-z0-9_-]*$/.test(p)))
    return { problem: problem('PARSING_ERROR', 'A signed assertion is a compact JWS of three base64url parts.') };
  const [h, p, s] = parts as [string, string, string];
  const header = decode(h);
  if (!header) return { problem: problem('PARSING_ERROR', 'The JWS header is not a JSON object.') };
  const payload = decode(p);
  if (!payload)
    return {
      problem: problem('PARSING_ERROR', 'The JWS payload is not an assertion (JSON object), so it is invalid.'),
    };
  if (header.crit !== undefined)
    return {
      problem: problem(
        'PROOF_VERIFICATION_ERROR',
        'The JWS marks extensions as critical (crit), which this verifier does not understand (RFC 7515 §4.1.11).',
      ),
    };
  if (header.b64 !== undefined && header.b64 !== true)
    return {
      problem: problem('PROOF_VERIFICATION_ERROR', 'An unencoded JWS payload (b64: false, RFC 7797) is not accepted.'),
    };
  return { header, payload, signingInput: `${h}.${p}`, signature: Buffer.from(s, 'base64url') };
}

/**
 * The public key of an OB 2.0 CryptographicKey (`publicKeyPem`, or a `publicKeyJwk` without any
 * private part), or undefined when it has none usable.
 *
 * @example
 * ob2PublicKey({ id: 'https://example.org/publicKey.json', publicKeyPem: '-----BEGIN PUBLIC KEY-----…' });
 */
export function ob2PublicKey(keyDoc: Record<string, unknown>): KeyObject | undefined {
  try {
    if (typeof keyDoc.publicKeyPem === 'string') {
      const key = createPublicKey(keyDoc.publicKeyPem);
      return key.type === 'public' ? key : undefined;
    }
    const jwk = keyDoc.publicKeyJwk;
    if (isObject(jwk) && !('d' in jwk) && jwk.kty !== 'oct')
      return createPublicKey({ key: jwk as import('node:crypto').JsonWebKey, format: 'jwk' });
  } catch {}
  return undefined;
}

const HASH: Record<string, string> = { '256': 'sha256', '384': 'sha384', '512': 'sha512' };
const CURVE: Record<string, string> = { ES256: 'prime256v1', ES384: 'secp384r1', ES512: 'secp521r1' };

/**
 * Whether `key` verifies the JWS for its header's `alg` — only when the key is of that algorithm's
 * kind (an RSA key of at least 2048 bits for RS/PS, the named curve for ES, Ed25519 for EdDSA), so
 * a header cannot choose how a key is used.
 *
 * @example
 * verifyOb2JwsSignature(jws, key); // true
 */
export function verifyOb2JwsSignature(jws: Ob2Jws, key: KeyObject): boolean {
  const alg = String(jws.header.alg);
  const data = Buffer.from(jws.signingInput, 'ascii');
  const type = key.asymmetricKeyType;
  const details = key.asymmetricKeyDetails ?? {};
  try {
    if (alg === 'EdDSA') return type === 'ed25519' && verify(null, data, key, jws.signature);
    const hash = HASH[alg.slice(2)];
    if (!hash) return false;
    if (alg.startsWith('RS') || alg.startsWith('PS')) {
      if ((type !== 'rsa' && type !== 'rsa-pss') || (details.modulusLength ?? 0) < 2048) return false;
      if (alg.startsWith('RS')) return type === 'rsa' && verify(hash, data, key, jws.signature);
      return verify(
        hash,
        data,
        { key, padding: constants.RSA_PKCS1_PSS_PADDING, saltLength: constants.RSA_PSS_SALTLEN_DIGEST },
        jws.signature,
      );
    }
    if (alg.startsWith('ES'))
      return (
        type === 'ec' &&
        details.namedCurve === CURVE[alg] &&
        verify(hash, data, { key, dsaEncoding: 'ieee-p1363' }, jws.signature)
      );
  } catch {}
  return false;
}

/**
 * J1 for OB 2.0 signed assertions: the header's `alg` must be one of `accepted` — RS256 (the
 * algorithm OB 2.0 "SignedBadge Verification" recommends) plus the verifier's `jwtAlgorithms` that
 * are in {@link OB2_SUPPORTED_JWS_ALGORITHMS}; `none` and `HS*` never. Undefined when it is.
 *
 * @example
 * ob2AlgorithmProblem({ alg: 'none' }, ['RS256'])?.title; // 'PROOF_VERIFICATION_ERROR'
 */
export function ob2AlgorithmProblem(header: Record<string, unknown>, accepted: readonly string[]): Problem | undefined {
  const alg = header.alg;
  if (typeof alg === 'string' && alg.toLowerCase() !== 'none' && accepted.includes(alg)) return undefined;
  return problem(
    'PROOF_VERIFICATION_ERROR',
    `JWS algorithm "${String(alg)}" is not accepted for Open Badges 2.0 signed assertions; accepted: ${accepted.join(', ')}.`,
  );
}

/**
 * The algorithms accepted for OB 2.0 signed assertions: RS256 and the verifier's own JWT
 * algorithms that OB 2.0 keys can use.
 *
 * @example
 * ob2Algorithms(['EdDSA', 'ES256']); // ['RS256', 'EdDSA', 'ES256']
 */
export function ob2Algorithms(jwtAlgorithms: readonly string[]): readonly string[] {
  return [...new Set(['RS256', ...jwtAlgorithms.filter((a) => OB2_SUPPORTED_JWS_ALGORITHMS.includes(a))])];
}
