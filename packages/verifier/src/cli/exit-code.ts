import type { Check } from '../types.ts';

/**
 * The `verify` command's exit codes. 0, 1 and 2 are verdicts on the credential; 3 means no
 * verdict was reached because the command could not be used as given (or failed).
 *
 * @example
 * if (code === EXIT.couldNotCheck) console.log('try again later');
 */
export const EXIT = {
  /** Every check passed (or did not apply): the credential is verified. */
  verified: 0,
  /** At least one check failed: tampered, revoked, expired, untrusted issuer, not the recipient… */
  notVerified: 1,
  /** Nothing failed, but at least one check could not be completed (e.g. a status list could not be fetched). */
  couldNotCheck: 2,
  /** Bad arguments, or an input that is not a credential (unreadable file, image without a badge…). */
  unusable: 3,
} as const;

/** One of {@link EXIT}'s values. */
export type ExitCode = (typeof EXIT)[keyof typeof EXIT];

/**
 * The exit code for a set of checks: any `failed` → 1; else any `could-not-check` → 2; else 0
 * (`passed`, `skipped` and `warning` do not stop a credential from being verified).
 *
 * @example
 * exitCodeOf([{ id: 'proof', status: 'passed' }, { id: 'status', status: 'could-not-check' }]); // 2
 */
export function exitCodeOf(checks: readonly Pick<Check, 'status'>[]): ExitCode {
  if (checks.some((c) => c.status === 'failed')) return EXIT.notVerified;
  if (checks.some((c) => c.status === 'could-not-check')) return EXIT.couldNotCheck;
  return EXIT.verified;
}
