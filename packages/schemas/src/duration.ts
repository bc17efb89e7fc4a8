const DURATION = /^P(?!$)(?:(\d+)Y)?(?:(\d+)M)?(?:(\d+)W)?(?:(\d+)D)?$/;

/** Parsed ISO 8601 duration (calendar parts only). */
export interface Duration {
  years: number;
  months: number;
  weeks: number;
  days: number;
}

/**
 * Parses an ISO 8601 duration of years, months, weeks and days (`P3Y`, `P6M`, `P90D`, `P1Y6M`);
 * undefined for anything else (times of day are not used by pathway rules).
 *
 * @example
 * parseDuration('P1Y6M'); // { years: 1, months: 6, weeks: 0, days: 0 }
 */
export function parseDuration(text: unknown): Duration | undefined {
  if (typeof text !== 'string') return undefined;
  const m = DURATION.exec(text);
  if (!m) return undefined;
  return { years: Number(m[1] ?? 0), months: Number(m[2] ?? 0), weeks: Number(m[3] ?? 0), days: Number(m[4] ?? 0) };
}

/**
 * Adds (or with `sign = -1` subtracts) an ISO 8601 duration to a date in UTC, calendar-aware:
 * months and years keep the day of month, clamped to the month's last day (Jan 31 + P1M = Feb 28).
 * Throws `TypeError` for a duration {@link parseDuration} does not accept.
 *
 * @example
 * addDuration(new Date('2026-01-31T00:00:00Z'), 'P1M').toISOString(); // '2026-02-28T00:00:00.000Z'
 */
export function addDuration(date: Date, duration: string, sign: 1 | -1 = 1): Date {
  const d = parseDuration(duration);
  if (!d) throw new TypeError(`Not an ISO 8601 duration of years/months/weeks/days: ${JSON.stringify(duration)}`);
  const months = sign * (d.years * 12 + d.months);
  const y = date.getUTCFullYear();
  const m = date.getUTCMonth() + months;
  const targetYear = y + Math.floor(m / 12);
  const targetMonth = ((m % 12) + 12) % 12;
  const lastDay = new Date(Date.UTC(targetYear, targetMonth + 1, 0)).getUTCDate();
  const out = new Date(date.getTime());
  out.setUTCFullYear(targetYear, targetMonth, Math.min(date.getUTCDate(), lastDay));
  out.setUTCDate(out.getUTCDate() + sign * (d.weeks * 7 + d.days));
  return out;
}
