import type { Problem } from '@repo/core';

/**
 * Why a credential does not count, in a sentence for the worker: the first problem the verifier
 * found, in the verifier's own words ("This credential was revoked by its issuer.", "This
 * credential expired on 2025-01-01T00:00:00Z.", "The signature does not match the credential:
 * …"). The verifier writes those sentences for people; codes stay in `problems`.
 *
 * @example
 * describeExclusion([problem('CREDENTIAL_REVOKED', 'This credential was revoked by its issuer.')]);
 * // 'This credential was revoked by its issuer.'
 */
export function describeExclusion(problems: readonly Problem[]): string {
  const detail = problems.find((p) => typeof p.detail === 'string' && p.detail.trim() !== '')?.detail.trim();
  if (detail) return detail;
  return problems.length > 0
    ? `This credential could not be verified (${problems[0]!.title}).`
    : 'This credential could not be verified.';
}
