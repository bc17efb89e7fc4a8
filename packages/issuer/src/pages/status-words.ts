import { type Check, type CredentialVerification, checkWords as describeCheck } from '@repo/verifier';
import type { CredentialRecord } from '../store/types.ts';
import { plainDate } from './plain-date.ts';

/** How a status reads at a glance: good, bad, or a caution. */
export type StatusTone = 'ok' | 'bad' | 'warn';

/** A credential's live status in plain words, with a sentence more when there is one. */
export interface StatusWords {
  words: string;
  tone: StatusTone;
  detail?: string;
}

/**
 * The status a person reads on the credential page, from the verifier's lifecycle state (computed
 * at request time) and, for the date a revocation or suspension was made, the issuer's record:
 * "Valid", "Revoked by the issuer on …", "Suspended by the issuer on …", "Expired on …",
 * "Replaced by a renewal", "Not valid until …", "Could not check the status right now" (the
 * verifier could not get an answer — never shown as valid) and "Not verified" (a check failed).
 * `reason` (the issuer's reason for the revocation or suspension, when it publishes reasons) is
 * added as the detail of those two.
 *
 * @example
 * statusWords(await deps.verifier.verifyCredential(vc), record).words; // 'Valid'
 */
export function statusWords(
  result: CredentialVerification,
  record: Pick<CredentialRecord, 'revoked' | 'suspended' | 'updatedAt'>,
  reason?: string,
): StatusWords {
  const why = reason ? `Reason given by the issuer: ${reason}` : undefined;
  const lifecycle = result.lifecycle;
  const until = plainDate(lifecycle?.validUntil);
  const changed = plainDate(record.updatedAt);
  switch (lifecycle?.state) {
    case 'current':
      return { words: 'Valid', tone: 'ok', ...(until && { detail: `Valid until ${until}.` }) };
    case 'revoked':
      return {
        words: record.revoked && changed ? `Revoked by the issuer on ${changed}` : 'Revoked by the issuer',
        tone: 'bad',
        ...(why && { detail: why }),
      };
    case 'suspended':
      return {
        words: record.suspended && changed ? `Suspended by the issuer on ${changed}` : 'Suspended by the issuer',
        tone: 'bad',
        detail: why ? `${why}. A suspension can be lifted by the issuer.` : 'A suspension can be lifted by the issuer.',
      };
    case 'lapsed':
      return { words: until ? `Expired on ${until}` : 'Expired', tone: 'bad' };
    case 'in-grace-period': {
      const grace = plainDate(lifecycle.graceEndsAt);
      return {
        words: until ? `Expired on ${until}` : 'Expired',
        tone: 'warn',
        ...(grace && { detail: `Still honoured until ${grace} while its renewal is pending.` }),
      };
    }
    case 'superseded':
      return { words: 'Replaced by a renewal', tone: 'warn', detail: 'The holder has a newer credential.' };
    case 'not-yet-valid': {
      const details = result.checks.find((c) => c.id === 'validity')?.details;
      const from = plainDate(details?.validFrom ?? details?.issuanceDate);
      return { words: from ? `Not valid until ${from}` : 'Not valid yet', tone: 'warn' };
    }
    case 'undetermined':
      return {
        words: 'Could not check the status right now',
        tone: 'warn',
        detail: 'Whether it is revoked or suspended is not known at the moment. Try again later.',
      };
    default:
      return { words: 'Not verified', tone: 'bad', ...(lifecycle && { detail: lifecycle.message }) };
  }
}

/**
 * One verifier check in plain words (the verifier's `checkWords`), with the tone the pages colour it by.
 *
 * @example
 * checkWords({ id: 'proof', status: 'passed' }); // { name: 'Issuer’s signature', outcome: 'Passed', … }
 */
export function checkWords(check: Check): { name: string; outcome: string; tone: StatusTone; reason?: string } {
  const tone: StatusTone =
    check.status === 'failed'
      ? 'bad'
      : check.status === 'could-not-check' || check.status === 'warning'
        ? 'warn'
        : 'ok';
  return { ...describeCheck(check), tone };
}
