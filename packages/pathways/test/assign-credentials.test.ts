import { describe, expect, it } from 'vitest';
import { type AssignmentSlot, assignCredentials } from '../src/assign-credentials.ts';

function slot(id: string, order: number, candidates: number[], extra: Partial<AssignmentSlot> = {}): AssignmentSlot {
  return { id, order, optional: false, allowReuse: false, candidates, ...extra };
}

describe('assignment of credentials to CTDL components (deterministic, no double counting)', () => {
  it('takes the earliest free credential in pathway order when nothing competes', () => {
    expect(assignCredentials([slot('a', 1, [0, 1]), slot('b', 2, [1, 2])])).toEqual(
      new Map([
        ['a', 0],
        ['b', 1],
      ]),
    );
  });

  it('matches the scarcest component first', () => {
    const m = assignCredentials([slot('broad', 1, [0, 1]), slot('narrow', 2, [0])]);
    expect(m.get('narrow')).toBe(0);
    expect(m.get('broad')).toBe(1);
  });

  it('matches required components before optional ones (the TSDoc example)', () => {
    const m = assignCredentials([
      slot('elective', 2, [0, 1], { optional: true }),
      slot('required', 5, [0], { optional: false }),
    ]);
    expect([...m]).toEqual([
      ['required', 0],
      ['elective', 1],
    ]);
  });

  it('moves an earlier component along an augmenting path instead of leaving a later one unmatched', () => {
    // a and b (required) take 0 and 1; optional c can only use 0, so a moves to 1 and b to 2.
    const m = assignCredentials([slot('a', 1, [0, 1]), slot('b', 2, [1, 2]), slot('c', 3, [0], { optional: true })]);
    expect(Object.fromEntries(m)).toEqual({ a: 1, b: 2, c: 0 });
  });

  it('never unmatches a component to match another', () => {
    const m = assignCredentials([slot('a', 1, [0]), slot('b', 2, [0])]);
    expect(Object.fromEntries(m)).toEqual({ a: 0 });
  });

  it('allowReuse components prefer a free credential and otherwise reuse one, taking nothing away', () => {
    const m = assignCredentials([
      slot('a', 1, [0]),
      slot('again', 2, [0], { allowReuse: true }),
      slot('spread', 3, [0, 1], { allowReuse: true }),
    ]);
    expect(Object.fromEntries(m)).toEqual({ a: 0, again: 0, spread: 1 });
  });

  it('gives the same result for the slots in any order', () => {
    const slots = [
      slot('a', 1, [0, 1]),
      slot('b', 2, [1, 2]),
      slot('c', 3, [0]),
      slot('d', 4, [2, 3], { optional: true }),
    ];
    const forward = Object.fromEntries(assignCredentials(slots));
    expect(Object.fromEntries(assignCredentials([...slots].reverse()))).toEqual(forward);
  });
});
