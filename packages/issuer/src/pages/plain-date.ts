const FORMAT = new Intl.DateTimeFormat('en-GB', { day: 'numeric', month: 'long', year: 'numeric', timeZone: 'UTC' });

/**
 * A date-time stamp as people write a date: day, month name, year, in UTC ("1 March 2026");
 * undefined for anything that is not a date-time string.
 *
 * @example
 * plainDate('2026-03-01T12:00:00Z'); // '1 March 2026'
 */
export function plainDate(value: unknown): string | undefined {
  if (typeof value !== 'string') return undefined;
  const ms = Date.parse(value);
  return Number.isNaN(ms) ? undefined : FORMAT.format(ms);
}
