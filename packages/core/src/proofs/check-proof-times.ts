import { parseProofDateTime } from '../did/check-verification-method-use.ts';
import { type Problem, problem } from '../problems.ts';

/**
 * Checks a proof's own validity period against the verifier's clock (Data Integrity 1.0 §2.1
 * `created` / `expires`; appendix "Relationship to Verifiable Credentials": the time of interest
 * must lie between them, apart from the credential's `validFrom` / `validUntil`):
 * `created` further in the future than `skewSeconds` → `PROOF_VERIFICATION_ERROR` at
 * `/proof/created`; `now` past `expires` by more than `skewSeconds` → `PROOF_VERIFICATION_ERROR`
 * at `/proof/expires`. Boundaries are accepted. A date that is present but not a date-time is
 * `MALFORMED_VALUE_ERROR`. `undefined` when the times are fine (or absent). Never throws.
 *
 * @example
 * checkProofTimes({ created: '2099-01-01T00:00:00Z' }, new Date('2026-01-01T00:00:00Z'), 60);
 * // { title: 'PROOF_VERIFICATION_ERROR', pointer: '/proof/created', … }
 */
export function checkProofTimes(proof: any, now: Date, skewSeconds: number): Problem | undefined {
  const t = now.getTime();
  const skew = skewSeconds * 1000;
  const created = proof?.created;
  if (created !== undefined) {
    const at = parseProofDateTime(created);
    if (at === undefined) {
      return problem('MALFORMED_VALUE_ERROR', 'The proof created date is not a date-time.', '/proof/created');
    }
    if (at > t + skew) {
      return problem(
        'PROOF_VERIFICATION_ERROR',
        `The proof says it was created on ${new Date(at).toISOString()}, which is in the future (beyond the ${skewSeconds} s clock skew allowed).`,
        '/proof/created',
      );
    }
  }
  const expires = proof?.expires;
  if (expires !== undefined) {
    const end = parseProofDateTime(expires);
    if (end === undefined) {
      return problem('MALFORMED_VALUE_ERROR', 'The proof expires date is not a date-time.', '/proof/expires');
    }
    if (t - skew > end) {
      return problem(
        'PROOF_VERIFICATION_ERROR',
        `The proof expired on ${new Date(end).toISOString()}.`,
        '/proof/expires',
      );
    }
  }
  return undefined;
}
