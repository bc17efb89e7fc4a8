import type { Check, CheckId, CheckStatus } from './types.ts';

const CHECK_NAMES: Record<CheckId, string> = {
  format: 'Credential format',
  proof: 'Issuer’s signature',
  issuer: 'Issuer',
  validity: 'Dates (valid from, valid until)',
  status: 'Revocation and suspension',
  schema: 'Open Badges JSON Schema',
  relatedResource: 'Related resources',
  refresh: 'Newer version (refresh service)',
  presentation: 'Presentation',
};

const OUTCOMES: Record<CheckStatus, string> = {
  passed: 'Passed',
  failed: 'Failed',
  'could-not-check': 'Could not check',
  skipped: 'Does not apply',
  warning: 'Passed, with a note',
};

/**
 * One verifier check in plain words, for people (the `verify` command, the issuer's pages): what
 * was checked, its outcome ("Could not check" is never "Passed"), and the reason the check gave.
 *
 * @example
 * checkWords({ id: 'status', status: 'could-not-check', message: 'The status list could not be fetched.' });
 * // { name: 'Revocation and suspension', outcome: 'Could not check', reason: 'The status list could not be fetched.' }
 */
export function checkWords(check: Pick<Check, 'id' | 'status' | 'message' | 'problem'>): {
  name: string;
  outcome: string;
  reason?: string;
} {
  const reason = check.problem?.detail ?? check.message;
  return {
    name: CHECK_NAMES[check.id] ?? check.id,
    outcome: OUTCOMES[check.status] ?? check.status,
    ...(reason && { reason }),
  };
}
