import { describe, expect, it } from 'vitest';
import { achievementCredential } from '../../../test/helpers/pathway-fixtures.ts';
import { creditValue } from '../src/index.ts';
import { meetsConstraints, resultValues } from '../src/meets-constraints.ts';

const NOW = new Date('2026-06-01T12:00:00Z');
const scored = achievementCredential('did:example:college', {
  achievementId: 'https://college.example/courses/eng-101',
  name: 'College Composition',
  creditsAvailable: 3,
  result: { value: '85', resultType: 'Percent' },
  awardedDate: '2021-06-01T12:00:00Z',
});

describe('CTDL Constraint on a component: AwardedWithin (OB 3.0 awardedDate) and MinResult (result.value)', () => {
  it('AwardedWithin includes the boundary instant and uses validFrom without awardedDate', () => {
    expect(meetsConstraints(scored, [{ type: 'AwardedWithin', duration: 'P5Y' }], NOW)).toBe(true);
    expect(meetsConstraints(scored, [{ type: 'AwardedWithin', duration: 'P4Y11M' }], NOW)).toBe(false);
    const { awardedDate: _, ...undated } = scored;
    expect(meetsConstraints(undated, [{ type: 'AwardedWithin', duration: 'P1Y' }], NOW)).toBe(true); // validFrom 2026-01-01
  });

  it('MinResult reads numeric values, filtered by the resultDescription resultType', () => {
    expect(resultValues(scored)).toEqual([85]);
    expect(resultValues(scored, 'Percent')).toEqual([85]);
    expect(resultValues(scored, 'LetterGrade')).toEqual([]);
    expect(meetsConstraints(scored, [{ type: 'MinResult', value: 85 }], NOW)).toBe(true);
    expect(meetsConstraints(scored, [{ type: 'MinResult', value: 85.5 }], NOW)).toBe(false);
    expect(meetsConstraints(scored, [{ type: 'MinCredits', credits: 99 }], NOW)).toBe(true); // a condition constraint
  });
});

describe('credits: component credits, else OB 3.0 creditsEarned, else creditsAvailable, else 0', () => {
  it('takes the first that is a non-negative number', () => {
    expect(creditValue(scored, { credits: 4 })).toBe(4);
    expect(creditValue(scored)).toBe(3);
    const earned = structuredClone(scored);
    earned.credentialSubject.creditsEarned = 2.5;
    expect(creditValue(earned)).toBe(2.5);
    earned.credentialSubject.creditsEarned = -1;
    expect(creditValue(earned)).toBe(3);
    expect(creditValue({})).toBe(0);
  });
});
