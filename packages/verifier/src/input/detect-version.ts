import { asList, isObject } from '@repo/schemas';

/** Which standard a credential follows: Open Badges 3.0, Open Badges 2.0, or another W3C VC. */
export type CredentialVersion = 'ob3' | 'ob2' | 'vc';

/** The OB 3.0 context (OB 3.0 §B.1) and the OB 2.0 / 1.x contexts (OB 2.0 "JSON-LD context"). */
const OB3_CONTEXT = /^https:\/\/purl\.imsglobal\.org\/spec\/ob\/v3p0\/context/;
const OB2_CONTEXT = /^https?:\/\/w3id\.org\/openbadges(\/v[12])?\/?$/;
const OB3_TYPES = new Set(['OpenBadgeCredential', 'AchievementCredential', 'EndorsementCredential']);

/**
 * Whether a JSON object is an Open Badges 2.0 (or 1.x) Assertion: its `@context` is
 * `https://w3id.org/openbadges/v2` (or v1), or its `type` is `Assertion`, or — OB 1.0 had neither —
 * it has `recipient`, `badge` and `verify`.
 *
 * @example
 * isOb2Assertion({ '@context': 'https://w3id.org/openbadges/v2', type: 'Assertion' }); // true
 */
export function isOb2Assertion(value: unknown): boolean {
  if (!isObject(value)) return false;
  const ctx = asList(value['@context']);
  if (ctx.some((c) => typeof c === 'string' && OB2_CONTEXT.test(c))) return !isOb2Other(value);
  if (asList(value.type).includes('Assertion')) return true;
  return value['@context'] === undefined && 'recipient' in value && 'badge' in value && 'verify' in value;
}

/** An OB 2.0 document that is not an Assertion (a BadgeClass, a Profile…). */
function isOb2Other(value: Record<string, unknown>): boolean {
  const types = asList(value.type);
  return types.length > 0 && !types.includes('Assertion');
}

/**
 * The OB 2.0 `type` of a document under an OB 2.0 context that is not an Assertion (`BadgeClass`,
 * `Profile`, `Issuer`…), or undefined.
 *
 * @example
 * ob2NonAssertionType({ '@context': 'https://w3id.org/openbadges/v2', type: 'BadgeClass' }); // 'BadgeClass'
 */
export function ob2NonAssertionType(value: unknown): string | undefined {
  if (!isObject(value)) return undefined;
  const ctx = asList(value['@context']);
  if (!ctx.some((c) => typeof c === 'string' && OB2_CONTEXT.test(c)) || !isOb2Other(value)) return undefined;
  const first = asList(value.type)[0];
  return typeof first === 'string' ? first : 'unknown';
}

/**
 * The version of a credential given as a JSON object: `ob2` for an OB 2.0 Assertion, `ob3` for a
 * credential under the OB 3.0 context or with an OB 3.0 type, else `vc`.
 *
 * @example
 * credentialVersionOf({ '@context': ['https://www.w3.org/ns/credentials/v2'], type: ['VerifiableCredential'] }); // 'vc'
 */
export function credentialVersionOf(value: Record<string, unknown>): CredentialVersion {
  if (isOb2Assertion(value)) return 'ob2';
  const ctx = asList(value['@context']);
  if (ctx.some((c) => typeof c === 'string' && OB3_CONTEXT.test(c))) return 'ob3';
  if (asList(value.type).some((t) => typeof t === 'string' && OB3_TYPES.has(t))) return 'ob3';
  return 'vc';
}

/**
 * The payload of a compact JWS, decoded but NOT verified (to tell what it carries), or undefined.
 *
 * @example
 * jwsPayloadOf('eyJhbGciOiJSUzI1NiJ9.eyJ0eXBlIjoiQXNzZXJ0aW9uIn0.c2ln'); // { type: 'Assertion' }
 */
export function jwsPayloadOf(jws: string): Record<string, unknown> | undefined {
  const part = jws.split('.')[1];
  if (part === undefined) return undefined;
  try {
    const value: unknown = JSON.parse(Buffer.from(part, 'base64url').toString('utf8'));
    return isObject(value) ? value : undefined;
  } catch {
    return undefined;
  }
}

/**
 * The version of a credential secured as a compact JWS: an OB 2.0 signed assertion (the payload
 * is the Assertion, OB 2.0 "SignedBadge"), a VC 1.1 / OB 3.0 §8.2 JWT (the `vc` claim), or a
 * VC-JOSE-COSE JWT (the payload is the credential).
 *
 * @example
 * jwsVersionOf(compactJws); // 'ob3'
 */
export function jwsVersionOf(jws: string): CredentialVersion {
  const payload = jwsPayloadOf(jws);
  if (!payload) return 'vc';
  if (isOb2Assertion(payload)) return 'ob2';
  return credentialVersionOf(isObject(payload.vc) ? payload.vc : payload);
}
