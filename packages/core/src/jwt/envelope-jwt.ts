import { type Problem, problem } from '../problems.ts';
import { VC_V2_CONTEXT } from './jwt-claims.ts';

/**
 * The `data:` URL prefix of an enveloped credential JWT. VC-JOSE-COSE §3.1.1 registers
 * `application/vc+jwt` for a VC 2.0 credential secured with JWS; it is used for the Open Badges 3.0
 * §8.2 form (`typ: "JWT"`) as well, whose payload is just as much a VC 2.0 credential (VC-JOSE-COSE
 * makes `typ: vc+jwt` a SHOULD and says to use its media types when no more specific one exists;
 * Open Badges 3.0 defines no envelope). A VC 1.1 `vc`-claim JWT is never enveloped.
 */
export const VC_JWT_DATA_URL_PREFIX = 'data:application/vc+jwt,';

/** The `data:` URL prefix of an enveloped `application/vp+jwt` presentation (VC-JOSE-COSE §3.2, VC 2.0 §4.13.2). */
export const VP_JWT_DATA_URL_PREFIX = 'data:application/vp+jwt,';

/** An `EnvelopedVerifiableCredential` (VC Data Model 2.0 §4.13.1) holding a credential JWT, as made here. */
export interface EnvelopedVerifiableCredential {
  '@context': string[];
  id: string;
  type: 'EnvelopedVerifiableCredential';
}

/** An `EnvelopedVerifiablePresentation` (VC Data Model 2.0 §4.13.2) holding a `vp+jwt`, as made here. */
export interface EnvelopedVerifiablePresentation {
  '@context': string[];
  id: string;
  type: 'EnvelopedVerifiablePresentation';
}

const COMPACT_JWS = /^[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+$/;

/**
 * Whether a value is written as a compact JWS: three base64url parts joined by dots (RFC 7515
 * §7.1). Only the form: nothing is decoded or verified.
 *
 * @example
 * isCompactJws('eyJhbGciOiJFZERTQSJ9.eyJpc3MiOiJ4In0.c2ln'); // true
 */
export function isCompactJws(value: unknown): value is string {
  return typeof value === 'string' && COMPACT_JWS.test(value);
}

/**
 * Wraps a compact credential JWT as an `EnvelopedVerifiableCredential` (VC 2.0 §4.13.1,
 * VC-JOSE-COSE §3.1.1): the form VC-API issue/verify and presentations carry a JWT credential in.
 * The media type is `application/vc+jwt` for both the VC-JOSE-COSE and the Open Badges 3.0 §8.2
 * form (see {@link VC_JWT_DATA_URL_PREFIX}).
 *
 * @example
 * envelopeJwt(jwt).id; // 'data:application/vc+jwt,eyJhbGciOiJFZERTQSIs…'
 */
export function envelopeJwt(jwt: string): EnvelopedVerifiableCredential {
  if (typeof jwt !== 'string' || !COMPACT_JWS.test(jwt)) throw new TypeError('envelopeJwt takes a compact JWS.');
  return { '@context': [VC_V2_CONTEXT], id: `${VC_JWT_DATA_URL_PREFIX}${jwt}`, type: 'EnvelopedVerifiableCredential' };
}

/**
 * Wraps a compact `vp+jwt` as an `EnvelopedVerifiablePresentation` (VC 2.0 §4.13.2, VC-JOSE-COSE §3.2).
 *
 * @example
 * envelopePresentationJwt(vpJwt).id; // 'data:application/vp+jwt,eyJhbGciOiJFZERTQSIs…'
 */
export function envelopePresentationJwt(jwt: string): EnvelopedVerifiablePresentation {
  if (typeof jwt !== 'string' || !COMPACT_JWS.test(jwt)) {
    throw new TypeError('envelopePresentationJwt takes a compact JWS.');
  }
  return {
    '@context': [VC_V2_CONTEXT],
    id: `${VP_JWT_DATA_URL_PREFIX}${jwt}`,
    type: 'EnvelopedVerifiablePresentation',
  };
}

function hasType(value: unknown, wanted: string): boolean {
  if (!value || typeof value !== 'object' || Array.isArray(value)) return false;
  const type = (value as { type?: unknown }).type;
  return Array.isArray(type) ? type.includes(wanted) : type === wanted;
}

/**
 * Whether a value says it is an `EnvelopedVerifiableCredential` (its `type` names it), whatever
 * else it holds.
 *
 * @example
 * isEnvelopedCredential(envelopeJwt(jwt)); // true
 */
export function isEnvelopedCredential(value: unknown): boolean {
  return hasType(value, 'EnvelopedVerifiableCredential');
}

/**
 * Whether a value says it is an `EnvelopedVerifiablePresentation` (its `type` names it), whatever
 * else it holds.
 *
 * @example
 * isEnvelopedPresentation(envelopePresentationJwt(vpJwt)); // true
 */
export function isEnvelopedPresentation(value: unknown): boolean {
  return hasType(value, 'EnvelopedVerifiablePresentation');
}

/** The compact JWS in an envelope of `kind`, or the problem with it. */
function open(value: unknown, kind: 'credential' | 'presentation'): { jwt: string } | { problem: Problem } {
  const fail = (detail: string, pointer: string) => ({ problem: problem('MALFORMED_VALUE_ERROR', detail, pointer) });
  const [type, prefix] =
    kind === 'credential'
      ? ['EnvelopedVerifiableCredential', VC_JWT_DATA_URL_PREFIX]
      : ['EnvelopedVerifiablePresentation', VP_JWT_DATA_URL_PREFIX];
  if (!hasType(value, type)) return fail(`An enveloped ${kind} must be an object of type "${type}".`, '/type');
  const doc = value as Record<string, unknown>;
  // VC 2.0 §4.13 writes "@context": "https://www.w3.org/ns/credentials/v2" (a string); a list
  // must start with it. A context that is not the base context (e.g. only the examples context)
  // does not define the envelope's terms.
  const ctx = doc['@context'];
  if (ctx !== VC_V2_CONTEXT && !(Array.isArray(ctx) && ctx[0] === VC_V2_CONTEXT)) {
    return fail(`@context must be "${VC_V2_CONTEXT}" or a list whose first item it is.`, '/@context');
  }
  const id = doc.id;
  if (typeof id !== 'string' || !id.startsWith('data:')) {
    return fail(`The id of an enveloped ${kind} must be a data: URL.`, '/id');
  }
  if (!id.startsWith(prefix)) {
    const mediaType = id.slice('data:'.length).split(/[,;]/, 1)[0];
    const wanted = prefix.slice('data:'.length, -1);
    return {
      problem: problem('PARSING_ERROR', `Only ${wanted} enveloped ${kind}s are supported, not "${mediaType}".`, '/id'),
    };
  }
  const jwt = id.slice(prefix.length);
  if (!/^[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+\.[A-Za-z0-9_-]*$/.test(jwt)) {
    return fail('The data: URL does not hold a compact JWS.', '/id');
  }
  return { jwt };
}

/**
 * The compact JWT inside an `EnvelopedVerifiableCredential`, or the problem with it: the
 * `@context` must be the VC 2.0 context (a string, as VC 2.0 §4.13 writes it) or a list starting
 * with it, `type` must name `EnvelopedVerifiableCredential` and `id` must be a
 * `data:application/vc+jwt,` URL (no other media type, no base64 or percent-encoding: a compact JWS
 * is already URL-safe). Never throws.
 *
 * @example
 * const r = unenvelope(enveloped);
 * if ('jwt' in r) await verifyCredentialJwt(r.jwt, { resolveKey });
 */
export function unenvelope(value: unknown): { jwt: string } | { problem: Problem } {
  return open(value, 'credential');
}

/**
 * The compact `vp+jwt` inside an `EnvelopedVerifiablePresentation` (VC 2.0 §4.13.2), or the problem
 * with it; the same rules as {@link unenvelope}, with a `data:application/vp+jwt,` URL. Never throws.
 *
 * @example
 * const r = unenvelopePresentation(enveloped);
 * if ('jwt' in r) await verifyPresentationJwt(r.jwt, { resolveKey });
 */
export function unenvelopePresentation(value: unknown): { jwt: string } | { problem: Problem } {
  return open(value, 'presentation');
}
