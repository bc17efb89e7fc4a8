import type { Check, CheckStatus, CredentialVerification, IdentityMatch, IssuerDescription } from '@repo/verifier';
import { plainDate } from '../pages/plain-date.ts';
import { checkWords, type StatusTone } from '../pages/status-words.ts';

/** The outcome of one check as the verify page says it. */
export const CHECK_OUTCOMES: Record<CheckStatus, string> = {
  passed: 'Passed',
  failed: 'Failed',
  'could-not-check': 'Could not check',
  skipped: 'Skipped',
  warning: 'Warning',
};

/** One check in plain words: what was checked, the outcome, and why. */
export interface CheckLine {
  name: string;
  outcome: string;
  tone: StatusTone;
  reason?: string;
}

/**
 * A check as a line of the verify page: "Issuer’s signature: Passed". A check that could not
 * check says so — never "passed", never "not revoked".
 *
 * @example
 * checkLine({ id: 'status', status: 'could-not-check', message: '…' }).outcome; // 'Could not check'
 */
export function checkLine(check: Check): CheckLine {
  const { name, tone, reason } = checkWords(check);
  return { name, outcome: CHECK_OUTCOMES[check.status] ?? check.status, tone, ...(reason && { reason }) };
}

/**
 * Whether the credential is the issuer's, unchanged: its format and proof checks passed.
 *
 * @example
 * isAuthentic(result); // false for a tampered credential (proof failed)
 */
export function isAuthentic(result: CredentialVerification): boolean {
  const proof = result.checks.find((c) => c.id === 'proof');
  const format = result.checks.find((c) => c.id === 'format');
  return proof?.status === 'passed' && format?.status !== 'failed';
}

/** Who issued it, for the one-sentence answer. */
function issuerPhrase(issuer: IssuerDescription): string {
  if (issuer.registered) return `issued by ${issuer.name} (registered)`;
  return issuer.selfAssertedName
    ? `issued by an issuer not in your registry that calls itself “${issuer.selfAssertedName}”`
    : 'issued by an issuer not in your registry';
}

const firstOf = (result: CredentialVerification, status: CheckStatus) => result.checks.find((c) => c.status === status);

/**
 * The overall answer in one sentence, with its tone, from the verifier's lifecycle state: "Valid"
 * only for a credential that passed every check it was given (`current`, `in-grace-period`);
 * a check that could not check makes it "Could not be fully checked", never valid.
 *
 * @example
 * overallAnswer(result, describeIssuer(registry, result.issuer)).sentence; // 'Valid: authentic, unchanged, not revoked or suspended, and current; issued by … (registered).'
 */
export function overallAnswer(
  result: CredentialVerification,
  issuer: IssuerDescription,
): { sentence: string; tone: StatusTone } {
  const lifecycle = result.lifecycle;
  const until = plainDate(lifecycle?.validUntil);
  const who = issuerPhrase(issuer);
  switch (lifecycle?.state) {
    case 'current':
      return { sentence: `Valid: authentic, unchanged, not revoked or suspended, and current; ${who}.`, tone: 'ok' };
    case 'in-grace-period':
      return {
        sentence: `Valid in its grace period: it expired${until ? ` on ${until}` : ''} and is still honoured until ${plainDate(lifecycle.graceEndsAt) ?? 'the end of its grace period'} while its renewal is pending; ${who}.`,
        tone: 'warn',
      };
    case 'superseded':
      return {
        sentence:
          'Replaced: the credential is authentic, but the issuer has issued a newer one of the same award — ask the candidate for the current credential.',
        tone: 'warn',
      };
    case 'revoked':
      return { sentence: 'Not valid: the issuer has revoked this credential.', tone: 'bad' };
    case 'suspended':
      return { sentence: 'Not valid at the moment: the issuer has suspended this credential.', tone: 'bad' };
    case 'lapsed':
      return { sentence: `Not valid: this credential expired${until ? ` on ${until}` : ''}.`, tone: 'bad' };
    case 'not-yet-valid':
      return { sentence: 'Not valid yet: the credential’s validity has not started.', tone: 'warn' };
    case 'undetermined': {
      const open = firstOf(result, 'could-not-check');
      const name = open ? checkLine(open).name.toLowerCase() : 'one of the checks';
      return {
        sentence: `Could not be fully checked: the ${name} could not be checked right now, so do not treat this credential as valid until it can be.`,
        tone: 'warn',
      };
    }
    default: {
      const failed = firstOf(result, 'failed');
      const code = failed?.problem?.title;
      if (failed?.id === 'proof' && code === 'HOSTED_ASSERTION_MISMATCH')
        return {
          sentence:
            'Not verified: this copy differs from the one its issuer hosts — it was changed after it was issued.',
          tone: 'bad',
        };
      if (failed?.id === 'proof' && (code === 'CRYPTOGRAPHIC_SECURITY_ERROR' || code === 'DATA_LOSS_DETECTION_ERROR'))
        return {
          sentence:
            'Not verified: the issuer’s signature does not match — the credential was changed after it was issued, or was not issued by whom it names.',
          tone: 'bad',
        };
      const line = failed ? checkLine(failed) : undefined;
      return {
        sentence: line
          ? `Not verified: the ${line.name.toLowerCase()} check failed${line.reason ? ` — ${line.reason.replace(/\.$/, '')}` : ''}.`
          : 'Not verified.',
        tone: 'bad',
      };
    }
  }
}

/** The lifecycle state in a few words, for its own section (the verifier's message follows it). */
export const LIFECYCLE_WORDS: Record<string, string> = {
  current: 'Current',
  'in-grace-period': 'In its grace period (expired, renewal pending)',
  lapsed: 'Expired',
  superseded: 'Superseded by a newer credential',
  revoked: 'Revoked by the issuer',
  suspended: 'Suspended by the issuer',
  'not-yet-valid': 'Not valid yet',
  unverified: 'Not verified',
  undetermined: 'Could not be determined',
};

/**
 * What comparing the candidate's email with the recipient found, in one sentence. When the
 * credential did not verify, the match says nothing, and the sentence says so.
 *
 * @example
 * emailSentence({ outcome: 'match', compared: 1, hashed: true }, true); // 'The credential’s recipient matches this email …'
 */
export function emailSentence(match: IdentityMatch, authentic: boolean): { sentence: string; tone: StatusTone } {
  const caveat = authentic ? '' : ' But the credential did not verify, so this proves nothing.';
  switch (match.outcome) {
    case 'match':
      return {
        sentence: `The credential’s recipient matches this email${match.hashed ? ' (the credential holds it only as a salted hash)' : ''}.${caveat}`,
        tone: authentic ? 'ok' : 'warn',
      };
    case 'no-match':
      return { sentence: `The credential’s recipient does not match this email.${caveat}`, tone: 'bad' };
    default:
      return {
        sentence: 'The credential carries no email identity, so this email cannot be checked against it.',
        tone: 'warn',
      };
  }
}
