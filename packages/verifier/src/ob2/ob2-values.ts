import { asList, isObject } from '@repo/schemas';

/**
 * The id of an OB 2.0 `@id`-typed value: the IRI string itself, or an embedded document's `id`.
 *
 * @example
 * ob2IdOf({ id: 'https://example.org/robotics-badge.json', type: 'BadgeClass' }); // 'https://example.org/robotics-badge.json'
 */
export function ob2IdOf(value: unknown): string | undefined {
  if (typeof value === 'string') return value;
  return isObject(value) && typeof value.id === 'string' ? value.id : undefined;
}

/**
 * Whether a value is an http(s) URL a badge object can be fetched from.
 *
 * @example
 * isHttpUrl('urn:uuid:a953081a-4bbd-4927-9653-7219bca00e3b'); // false
 */
export function isHttpUrl(value: unknown): value is string {
  return typeof value === 'string' && /^https?:\/\/\S+$/i.test(value) && URL.canParse(value);
}

/** The OB 2.0 verification types (OB 2.0 VerificationObject; `hosted`/`signed` are aliases). */
export type Ob2VerificationKind = 'hosted' | 'signed';

/**
 * The verification kind an assertion declares in `verification` (or its alias `verify`):
 * `HostedBadge`/`hosted` or `SignedBadge`/`signed`; undefined for anything else.
 *
 * @example
 * ob2VerificationKind({ verification: { type: 'HostedBadge' } }); // 'hosted'
 */
export function ob2VerificationKind(assertion: Record<string, unknown>): Ob2VerificationKind | undefined {
  const v = assertion.verification ?? assertion.verify;
  const types = asList(isObject(v) ? v.type : undefined);
  if (types.some((t) => t === 'HostedBadge' || t === 'hosted')) return 'hosted';
  if (types.some((t) => t === 'SignedBadge' || t === 'signed')) return 'signed';
  return undefined;
}

/**
 * An OB 2.0 DateTime as an ISO 8601 instant: a date-time is kept as written, a bare date
 * (OB 1.0) is midnight UTC, a number or digit string (OB 1.0 Unix seconds) is converted.
 * Undefined for anything else.
 *
 * @example
 * ob2Instant('2015-04-30'); // '2015-04-30T00:00:00Z'
 */
export function ob2Instant(value: unknown): string | undefined {
  if (typeof value === 'number' && Number.isFinite(value)) return new Date(value * 1000).toISOString();
  if (typeof value !== 'string') return undefined;
  if (/^\d{9,11}$/.test(value)) return new Date(Number(value) * 1000).toISOString();
  if (/^\d{4}-\d{2}-\d{2}$/.test(value)) return `${value}T00:00:00Z`;
  return value;
}
