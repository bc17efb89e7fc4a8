import { problem } from '@repo/core';
import { addDuration, parseDateTimeStamp, type RenewalPolicy } from '@repo/schemas';
import type { Check } from '../types.ts';

/**
 * An instant as issuers write it: ISO 8601 UTC, without milliseconds when they are zero.
 *
 * @example
 * isoInstant(Date.UTC(2029, 3, 1)); // '2029-04-01T00:00:00Z'
 */
export function isoInstant(t: number | Date): string {
  return new Date(t).toISOString().replace(/\.000Z$/, 'Z');
}

/**
 * VC 2.0 §4.9 "Validity Period" (and VC 1.1 `issuanceDate`/`expirationDate`): the credential is
 * valid from `validFrom` up to `validUntil`, with `skewSeconds` of tolerance on each side; the
 * boundary instants themselves are valid (V1, V2).
 *
 * With a `renewal` policy (CTDL `ceterms:renewal`), an expired credential is still honoured up to
 * `validUntil` + `gracePeriod` (same skew, boundary included): the check passes with details
 * `{ state: 'in-grace-period', graceEndsAt }`. After that it fails `CREDENTIAL_EXPIRED` as without
 * a policy, with details `{ state: 'lapsed', graceEndsAt }`.
 *
 * @example
 * checkValidityPeriod(credential, new Date(), 60).status; // 'passed'
 * checkValidityPeriod(expired, new Date(), 60, { achievementId, validityPeriod: 'P3Y', renewalWindow: 'P6M', gracePeriod: 'P90D' }).details?.state; // 'in-grace-period'
 */
export function checkValidityPeriod(
  credential: Record<string, unknown>,
  now: Date,
  skewSeconds: number,
  renewal?: RenewalPolicy,
): Check {
  const v1 =
    !('validFrom' in credential) &&
    !('validUntil' in credential) &&
    ('issuanceDate' in credential || 'expirationDate' in credential);
  const fromField = v1 ? 'issuanceDate' : 'validFrom';
  const untilField = v1 ? 'expirationDate' : 'validUntil';
  const skew = skewSeconds * 1000;
  const t = now.getTime();
  const details: Record<string, unknown> = { now: now.toISOString(), clockSkewSeconds: skewSeconds };
  let from: number | undefined;
  let until: number | undefined;
  for (const field of [fromField, untilField]) {
    if (!(field in credential)) continue;
    const parsed = parseDateTimeStamp(credential[field]);
    if (parsed === undefined) {
      return {
        id: 'validity',
        status: 'failed',
        problem: problem(
          'MALFORMED_VALUE_ERROR',
          `${field} must be a date-time with a time zone, such as "2026-01-01T00:00:00Z".`,
          `/${field}`,
        ),
      };
    }
    if (field === fromField) from = parsed;
    else until = parsed;
    details[field] = credential[field];
  }
  if (from !== undefined && until !== undefined && until < from) {
    return {
      id: 'validity',
      status: 'failed',
      problem: problem('MALFORMED_VALUE_ERROR', `${untilField} is before ${fromField}.`, `/${untilField}`),
      details,
    };
  }
  let graceEnds: number | undefined;
  if (until !== undefined && renewal) {
    details.renewalOpensAt = isoInstant(addDuration(new Date(until), renewal.renewalWindow, -1));
    graceEnds = addDuration(new Date(until), renewal.gracePeriod).getTime();
    details.graceEndsAt = isoInstant(graceEnds);
  }
  if (from !== undefined && t + skew < from) {
    return {
      id: 'validity',
      status: 'failed',
      problem: problem(
        'CREDENTIAL_NOT_YET_VALID',
        `This credential is not valid until ${credential[fromField]}.`,
        `/${fromField}`,
      ),
      details,
    };
  }
  if (until !== undefined && t - skew > until && graceEnds !== undefined) {
    if (t - skew <= graceEnds) {
      details.state = 'in-grace-period';
      return {
        id: 'validity',
        status: 'passed',
        message: `Expired on ${credential[untilField]}; still honoured in its grace period until ${details.graceEndsAt} while renewal is pending.`,
        details,
      };
    }
    details.state = 'lapsed';
  }
  if (until !== undefined && t - skew > until) {
    return {
      id: 'validity',
      status: 'failed',
      problem: problem('CREDENTIAL_EXPIRED', `This credential expired on ${credential[untilField]}.`, `/${untilField}`),
      details,
    };
  }
  const message =
    until === undefined
      ? 'The credential is valid and has no end date.'
      : `The credential is valid until ${credential[untilField]}.`;
  return { id: 'validity', status: 'passed', message, details };
}
