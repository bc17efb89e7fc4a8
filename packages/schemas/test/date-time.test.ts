import { describe, expect, it } from 'vitest';
import { parseDateTimeStamp } from '../src/index.ts';

describe('VC 2.0 §4.9 dateTimeStamp', () => {
  it('parses date-times with a time zone, with or without fractions and offsets', () => {
    expect(parseDateTimeStamp('2026-01-01T00:00:00Z')).toBe(Date.UTC(2026, 0, 1));
    expect(parseDateTimeStamp('2026-01-01T01:00:00.5+01:00')).toBe(Date.UTC(2026, 0, 1, 0, 0, 0, 500));
    expect(parseDateTimeStamp('2024-02-29T00:00:00Z')).toBe(Date.UTC(2024, 1, 29));
  });

  it.each([
    ['2026-01-01', 'no time'],
    ['2026-01-01T00:00:00', 'no time zone'],
    ['2026-02-29T00:00:00Z', 'February 29 in a common year'],
    ['2026-02-30T00:00:00Z', 'February 30'],
    ['2026-04-31T00:00:00Z', 'April 31'],
    ['2026-13-01T00:00:00Z', 'month 13'],
    ['2026-01-00T00:00:00Z', 'day 0'],
    [20260101, 'a number'],
    [null, 'null'],
  ] as Array<[unknown, string]>)('refuses %s (%s)', (value) => {
    expect(parseDateTimeStamp(value)).toBeUndefined();
  });
});
