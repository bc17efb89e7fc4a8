import { type Problem, problem } from '@repo/core';
import type { Check, CheckId, CredentialVerification } from '../types.ts';

/**
 * The verification result of a list of checks: `verified` only when none failed and none could
 * not check; `problems` are those checks' problems (a `warning` keeps its problem on its check).
 *
 * @example
 * summarize([{ id: 'format', status: 'passed' }]).verified; // true
 */
export function summarize(checks: Check[]): CredentialVerification {
  const bad = checks.filter((c) => c.status === 'failed' || c.status === 'could-not-check');
  return { verified: bad.length === 0, checks, problems: bad.map((c) => c.problem!).filter(Boolean) };
}

/**
 * A credential that fails the `format` check: nothing else is looked at.
 *
 * @example
 * formatFailed(problem('MALFORMED_VALUE_ERROR', 'A credential must be a JSON object.', '')).verified; // false
 */
export function formatFailed(p: Problem): CredentialVerification {
  return summarize([
    { id: 'format', status: 'failed', problem: p },
    ...(['proof', 'issuer', 'validity', 'status', 'schema'] as CheckId[]).map(
      (id): Check => ({ id, status: 'skipped' }),
    ),
  ]);
}

/**
 * Defence in depth: what a bug in a check turns into instead of an exception for the caller.
 *
 * @example
 * internalError('credential').checks[0].status; // 'could-not-check'
 */
export function internalError(kind: 'credential' | 'presentation'): CredentialVerification {
  return summarize([
    {
      id: 'format',
      status: 'could-not-check',
      problem: problem('INTERNAL_ERROR', `The ${kind} could not be checked because of an internal error.`),
    },
  ]);
}
