import type { OfferedCredential } from './open-offered.ts';

/** A verified credential ready for assignment: its report key, the JSON and its award instant. */
export interface AcceptedCredential {
  /** The credential `id`, or `#<position>` when it has none. */
  key: string;
  credential: Record<string, unknown>;
  /** `awardedDate ?? validFrom` in ms; undefined when absent or unparsable. */
  awarded: number | undefined;
  /** The copy that was verified and counts, as it was offered (position, original form, securing). */
  offered?: OfferedCredential;
}

/** Code-unit order: the same in every locale (unlike `localeCompare`). */
export function compareStrings(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/**
 * The assignment order of credentials: earliest awarded first (`awardedDate ?? validFrom`;
 * undated last), then by id. Total and locale-independent, so the order never depends on the
 * order the credentials were offered in.
 *
 * @example
 * accepted.sort(compareCredentials);
 */
export function compareCredentials(a: AcceptedCredential, b: AcceptedCredential): number {
  const ta = a.awarded ?? Number.POSITIVE_INFINITY;
  const tb = b.awarded ?? Number.POSITIVE_INFINITY;
  if (ta !== tb) return ta < tb ? -1 : 1;
  return compareStrings(a.key, b.key);
}
