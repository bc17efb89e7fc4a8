/**
 * Small shared readers for the JWT code: base64url JSON segments, the issuer and subject ids of a
 * credential, and NumericDate ↔ date-time conversion. Internal to `jwt/`.
 */
import { issuerIdOf, parseDateTimeStamp, subjectIdsOf, VC_V1_CONTEXT, VC_V2_CONTEXT } from '@repo/schemas';

export { issuerIdOf, subjectIdsOf, VC_V1_CONTEXT, VC_V2_CONTEXT };

/** Bytes of an ASCII string, for a JWS signing input. */
export function ascii(text: string): Uint8Array {
  return new Uint8Array(Buffer.from(text, 'latin1'));
}

/** base64url without padding (RFC 7515 §2). */
export function base64url(data: Uint8Array | string): string {
  return Buffer.from(typeof data === 'string' ? Buffer.from(data, 'utf8') : data).toString('base64url');
}

const BASE64URL = /^[A-Za-z0-9_-]*$/;
const strictUtf8KeepingBom = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true });

/**
 * Decodes one base64url segment holding a JSON object. Returns `undefined` for anything else:
 * characters outside the base64url alphabet, padding, invalid UTF-8, invalid JSON, or JSON that
 * is not an object.
 */
export function decodeJsonSegment(segment: string): Record<string, unknown> | undefined {
  return decodeJsonSegmentText(segment)?.json;
}

/** {@link decodeJsonSegment}, also giving the decoded text (for the I-JSON checks, without decoding twice). */
export function decodeJsonSegmentText(segment: string): { json: Record<string, unknown>; text: string } | undefined {
  // `length % 4 === 1` can never come out of base64url encoding.
  if (!BASE64URL.test(segment) || segment.length % 4 === 1) return undefined;
  let text: string;
  let parsed: unknown;
  try {
    // The text as it is (a leading BOM kept, as the I-JSON check must see it); JSON.parse reads
    // it without its BOM, as a decoder that drops one would give it.
    text = strictUtf8KeepingBom.decode(Buffer.from(segment, 'base64url'));
    parsed = JSON.parse(text.charCodeAt(0) === 0xfeff ? text.slice(1) : text);
  } catch {
    return undefined;
  }
  if (!parsed || typeof parsed !== 'object' || Array.isArray(parsed)) return undefined;
  return { json: parsed as Record<string, unknown>, text };
}

/** A date-time with a time zone as a JWT NumericDate (whole seconds, RFC 7519 §2), or undefined. */
export function numericDateOf(value: unknown): number | undefined {
  const t = parseDateTimeStamp(value);
  return t === undefined ? undefined : Math.floor(t / 1000);
}

/** A JWT NumericDate as an ISO 8601 UTC date-time without milliseconds. */
export function dateTimeOf(numericDate: number): string {
  return new Date(numericDate * 1000).toISOString().replace(/\.\d{3}Z$/, 'Z');
}

/** Whether a value is a JWT NumericDate: a finite number of seconds a `Date` can hold. */
export function isNumericDate(value: unknown): value is number {
  return typeof value === 'number' && Number.isFinite(value) && Math.abs(value) <= 8.64e12;
}

/** RFC 7515 §4.1.9/§4.1.10: `typ`/`cty` compare case-insensitively and may omit `application/`. */
export function mediaTypeOf(value: unknown): string | undefined {
  return typeof value === 'string' ? value.toLowerCase().replace(/^application\//, '') : undefined;
}

/** The first `@context` entry of a document (the context itself when it is not a list). */
export function baseContextOf(doc: Record<string, unknown>): unknown {
  const ctx = doc['@context'];
  return Array.isArray(ctx) ? ctx[0] : ctx;
}

/** The names of the validity fields a credential uses: VC 2.0, or VC 1.1 (`issuanceDate`/`expirationDate`). */
export function validityFieldsOf(credential: Record<string, unknown>): { from: string; until: string } {
  const v2 = { from: 'validFrom', until: 'validUntil' };
  const v1 = { from: 'issuanceDate', until: 'expirationDate' };
  if ('validFrom' in credential || 'validUntil' in credential) return v2;
  if ('issuanceDate' in credential || 'expirationDate' in credential) return v1;
  return baseContextOf(credential) === VC_V1_CONTEXT ? v1 : v2;
}
