import { addDuration, type Constraint } from '@repo/schemas';
import {
  achievementOf,
  asList,
  awardedAt,
  type CredentialJson,
  isObject,
  numberFrom,
  subjectOf,
} from './read-credential.ts';

/**
 * The numeric values of the credential's OB 3.0 `credentialSubject.result[]`; with `resultType`,
 * only results whose `resultDescription` names an `achievement.resultDescription[]` entry of
 * that `resultType`.
 *
 * @example
 * resultValues(credential, 'Percent'); // [88]
 */
export function resultValues(credential: CredentialJson, resultType?: string): number[] {
  const descriptions = asList(achievementOf(credential)?.resultDescription).filter(isObject);
  const values: number[] = [];
  for (const result of asList(subjectOf(credential)?.result).filter(isObject)) {
    if (resultType !== undefined) {
      const description = descriptions.find((d) => d.id === result.resultDescription);
      if (description?.resultType !== resultType) continue;
    }
    const value = numberFrom(result.value);
    if (value !== undefined) values.push(value);
  }
  return values;
}

/**
 * Whether a credential meets a component's constraints (CTDL `ceterms:Constraint`) at `now`:
 *
 * - `AwardedWithin`: awarded (`awardedDate ?? validFrom`) no earlier than `now − duration`
 *   (calendar arithmetic, `addDuration`).
 * - `MinResult`: some result value (of `resultType`, when given) is ≥ `value`.
 *
 * `MinCredits` tests a condition's total, not a credential, and is ignored here. An
 * unparsable duration throws `TypeError` (a bad pathway).
 *
 * @example
 * meetsConstraints(credential, [{ type: 'AwardedWithin', duration: 'P5Y' }], new Date()); // true
 */
export function meetsConstraints(
  credential: CredentialJson,
  constraints: readonly Constraint[] | undefined,
  now: Date,
): boolean {
  for (const c of constraints ?? []) {
    if (c.type === 'AwardedWithin') {
      const awarded = awardedAt(credential);
      if (awarded === undefined || awarded < addDuration(now, c.duration, -1).getTime()) return false;
    } else if (c.type === 'MinResult') {
      if (!resultValues(credential, c.resultType).some((v) => v >= c.value)) return false;
    }
  }
  return true;
}
