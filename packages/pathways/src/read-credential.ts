/**
 * Read-only accessors for the Open Badges 3.0 fields a pathway looks at. Credentials arrive as
 * untyped JSON; every accessor tolerates a missing or odd-shaped field and returns undefined.
 */

/** A credential as JSON. */
export type CredentialJson = Record<string, unknown>;

import { asList, isObject } from '@repo/schemas';

/** The plain-object test and value-or-list reader, the one implementation in `@repo/schemas`. */
export { asList, isObject };

/**
 * The OB 3.0 AchievementSubject: the first `credentialSubject` that carries an `achievement`,
 * else the first object subject.
 *
 * @example
 * subjectOf({ credentialSubject: { achievement: { id: 'urn:x' } } }); // { achievement: { id: 'urn:x' } }
 */
export function subjectOf(credential: CredentialJson): Record<string, unknown> | undefined {
  const subjects = asList(credential.credentialSubject).filter(isObject);
  return subjects.find((s) => isObject(s.achievement)) ?? subjects[0];
}

/**
 * The OB 3.0 Achievement of the credential (`credentialSubject.achievement`).
 *
 * @example
 * achievementOf(credential)?.id; // 'https://college.example/courses/eng-101'
 */
export function achievementOf(credential: CredentialJson): Record<string, unknown> | undefined {
  const achievement = subjectOf(credential)?.achievement;
  return isObject(achievement) ? achievement : undefined;
}

/**
 * When the achievement was awarded, in ms since the epoch: OB 3.0 `awardedDate`, else VC 2.0
 * `validFrom`, else VC 1.1 `issuanceDate`; undefined when none parses.
 *
 * @example
 * awardedAt({ validFrom: '2026-01-01T00:00:00Z' }); // 1767225600000
 */
export function awardedAt(credential: CredentialJson): number | undefined {
  for (const field of ['awardedDate', 'validFrom', 'issuanceDate']) {
    const value = credential[field];
    if (typeof value !== 'string') continue;
    const t = Date.parse(value);
    if (!Number.isNaN(t)) return t;
  }
  return undefined;
}

/**
 * A finite, non-negative number from a JSON number, or from a numeric string such as `"85"`,
 * `"3.5"` or `"85%"` (OB 3.0 `Result.value` is a string); undefined otherwise.
 *
 * @example
 * numberFrom('85%'); // 85
 */
export function numberFrom(value: unknown): number | undefined {
  if (typeof value === 'number') return Number.isFinite(value) ? value : undefined;
  if (typeof value !== 'string') return undefined;
  const m = /^\s*([+-]?(?:\d+(?:\.\d*)?|\.\d+))\s*%?\s*$/.exec(value);
  return m ? Number(m[1]) : undefined;
}
