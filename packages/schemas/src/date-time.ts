// VC 2.0 §4.9 dateTimeStamp: an XML Schema dateTime with a time zone.
const DATE_TIME = /^(-?\d{4,})-(\d{2})-(\d{2})T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2})$/;

/** Days of each month in a common year. */
const DAYS_IN_MONTH: readonly number[] = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];

/**
 * Parses a VC 2.0 `dateTimeStamp` (date-time with a time zone) to epoch milliseconds, or
 * undefined when it is not one — including days that do not exist, which `Date.parse` would roll
 * over (2026-02-30 → March 2). The one parser the issuer, the verifier and the JWT claims share.
 *
 * @example
 * parseDateTimeStamp('2026-01-01T00:00:00Z'); // 1767225600000
 * parseDateTimeStamp('2026-02-30T00:00:00Z'); // undefined
 */
export function parseDateTimeStamp(value: unknown): number | undefined {
  const m = typeof value === 'string' ? DATE_TIME.exec(value) : null;
  if (!m) return undefined;
  const t = Date.parse(value as string);
  if (Number.isNaN(t)) return undefined;
  const year = Number(m[1]);
  const month = Number(m[2]);
  const day = Number(m[3]);
  const leap = (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
  const days = month === 2 && leap ? 29 : DAYS_IN_MONTH[month - 1];
  return days !== undefined && day >= 1 && day <= days ? t : undefined;
}
