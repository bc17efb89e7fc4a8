import { type Problem, problem } from '../problems.ts';
import { VC_V2_CONTEXT } from './jwt-claims.ts';

/** The `data:` URL prefix of an enveloped `application/vc+jwt` credential. */
export const VC_JWT_DATA_URL_PREFIX = 'data:application/vc+jwt,';

/** An `EnvelopedVerifiableCredential` (VC Data Model 2.0 §4.13.1) holding a `vc+jwt`. */
export interface EnvelopedVerifiableCredential {
  '@context': string[];
  id: string;
  type: 'EnvelopedVerifiableCredential';
}

/**
 * Wraps a compact `vc+jwt` as an `EnvelopedVerifiableCredential` (VC 2.0 §4.13.1, VC-JOSE-COSE
 * §3.1.1): the form VC-API issue/verify and presentations carry a JWT credential in.
 *
 * @example
 * envelopeJwt(jwt).id; // 'data:application/vc+jwt,eyJhbGciOiJFZERTQSIs…'
 */
export function envelopeJwt(jwt: string): EnvelopedVerifiableCredential {
  if (typeof jwt !== 'string' || !/^[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+$/.test(jwt)) {
    throw new TypeError('envelopeJwt takes a compact JWS.');
  }
  return { '@context': [VC_V2_CONTEXT], id: `${VC_JWT_DATA_URL_PREFIX}${jwt}`, type: 'EnvelopedVerifiableCredential' };
}

/**
 * Whether a value says it is an `EnvelopedVerifiableCredential` (its `type` names it), whatever
 * else it holds.
 *
 * @example
 * isEnvelopedCredential(envelopeJwt(jwt)); // true
 */
export function isEnvelopedCredential(value: unknown): boolean {
  if (!value || typeof value !== 'object' || Array.isArray(value)) return false;
  const type = (value as { type?: unknown }).type;
  return Array.isArray(type)
    ? type.includes('EnvelopedVerifiableCredential')
    : type === 'EnvelopedVerifiableCredential';
}

/**
 * The compact JWT inside an `EnvelopedVerifiableCredential`, or the problem with it: the
 * `@context` must start with the VC 2.0 context, `type` must name `EnvelopedVerifiableCredential`
 * and `id` must be a `data:application/vc+jwt,` URL (no other media type, no base64 or
 * percent-encoding: a compact JWS is already URL-safe). Never throws.
 *
 * @example
 * const r = unenvelope(enveloped);
 * if ('jwt' in r) await verifyCredentialJwt(r.jwt, { resolveKey });
 */
export function unenvelope(value: unknown): { jwt: string } | { problem: Problem } {
  const fail = (detail: string, pointer: string) => ({ problem: problem('MALFORMED_VALUE_ERROR', detail, pointer) });
  if (!isEnvelopedCredential(value)) {
    return fail('An enveloped credential must be an object of type "EnvelopedVerifiableCredential".', '/type');
  }
  const doc = value as Record<string, unknown>;
  const ctx = doc['@context'];
  if (!Array.isArray(ctx) || ctx[0] !== VC_V2_CONTEXT) {
    return fail(`@context must be a list whose first item is "${VC_V2_CONTEXT}".`, '/@context');
  }
  const id = doc.id;
  if (typeof id !== 'string' || !id.startsWith('data:')) {
    return fail('The id of an enveloped credential must be a data: URL.', '/id');
  }
  if (!id.startsWith(VC_JWT_DATA_URL_PREFIX)) {
    const mediaType = id.slice('data:'.length).split(/[,;]/, 1)[0];
    return {
      problem: problem(
        'PARSING_ERROR',
        `Only application/vc+jwt enveloped credentials are supported, not "${mediaType}".`,
        '/id',
      ),
    };
  }
  const jwt = id.slice(VC_JWT_DATA_URL_PREFIX.length);
  if (!/^[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+\.[A-Za-z0-9_-]*$/.test(jwt)) {
    return fail('The data: URL does not hold a compact JWS.', '/id');
  }
  return { jwt };
}
