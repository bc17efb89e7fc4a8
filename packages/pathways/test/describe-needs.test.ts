import { describe, expect, it } from 'vitest';
import {
  describeComponentNeed,
  describeCountNeed,
  describeCreditNeed,
  durationInWords,
  inSentence,
} from '../src/describe-needs.ts';

describe('what is still needed, in plain words (CTDL ComponentCondition / Constraint)', () => {
  it('names a component, with MinResult and AwardedWithin spelled out', () => {
    expect(describeComponentNeed({ name: 'Industrial Maintenance Technician certification' })).toBe(
      'Industrial Maintenance Technician certification',
    );
    expect(
      describeComponentNeed({ name: 'College Composition', constraints: [{ type: 'MinResult', value: 70 }] }),
    ).toBe('a result of at least 70 in College Composition');
    expect(
      describeComponentNeed({
        name: 'Forklift operator',
        constraints: [
          { type: 'MinResult', value: 80, resultType: 'RawScore' },
          { type: 'AwardedWithin', duration: 'P1Y6M' },
        ],
      }),
    ).toBe('a result of at least 80 (raw score) in Forklift operator, awarded within the last 1 year and 6 months');
  });

  it('counts missing children and credits', () => {
    expect(describeCountNeed('Technical electives', 1, 3)).toBe('2 of 3 technical electives');
    expect(describeCountNeed('Technical electives', 3, 3)).toBe('');
    expect(describeCreditNeed(3, 9)).toBe('6 more credits');
    expect(describeCreditNeed(8, 9, 'General Education')).toBe('1 more credit in General Education');
    expect(describeCreditNeed(0.1 + 0.2, 0.5)).toBe('0.2 more credits');
    expect(describeCreditNeed(9, 9)).toBe('');
    expect(describeCreditNeed(0, undefined)).toBe('');
  });

  it('writes durations and names the way people do', () => {
    expect(durationInWords('P5Y')).toBe('5 years');
    expect(durationInWords('P1Y2M3D')).toBe('1 year, 2 months and 3 days');
    expect(durationInWords('P2W')).toBe('2 weeks');
    expect(inSentence('Technical electives')).toBe('technical electives');
    expect(inSentence('OSHA courses')).toBe('OSHA courses');
    expect(inSentence('General Education')).toBe('General Education');
  });
});
