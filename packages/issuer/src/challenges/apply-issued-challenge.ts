import { type Problem, problem } from '@repo/core';
import type { Check, PresentationVerification } from '@repo/verifier';
import type { ChallengeState, ChallengeStore } from './challenge-store.ts';

function refusal(state: Extract<ChallengeState, { ok: false }>): Problem {
  const detail =
    state.reason === 'used'
      ? 'The challenge was already used: a challenge is good for one presentation. Ask POST /challenges for a new one.'
      : state.reason === 'expired'
        ? `The challenge expired at ${state.expires}. Ask POST /challenges for a new one.`
        : 'The challenge was not issued by this service (or is no longer remembered). Ask POST /challenges for one.';
  return problem('INVALID_CHALLENGE_ERROR', detail, '/options/challenge');
}

/**
 * Holds a presentation's `challenge` to the single-use rule of the challenges this service issues
 * (`POST /challenges`; SECURITY-CHECKLIST V4), after the verifier checked that the holder's proof
 * (or `nonce`) carries it:
 *
 * - a challenge this service issued must be unexpired and unused, and a presentation whose holder
 *   proof passed uses it up — also when the caller did not ask (`requireIssued` false): what was
 *   issued here is never good twice;
 * - with `requireIssued`, a challenge this service does not know (never issued, or forgotten after
 *   expiry or a restart) is refused as well; without it, it is the caller's own challenge and only
 *   compared, as before.
 *
 * A refused challenge turns a passed `presentation` check into a failed one with
 * `INVALID_CHALLENGE_ERROR` (pointer `/options/challenge`); a presentation that failed anyway uses
 * nothing up, so nobody can burn a challenge by sending garbage with it.
 *
 * @example
 * const checked = applyIssuedChallenge(await verifier.verifyPresentation(vp, { challenge }), challenge, challenges, true);
 */
export function applyIssuedChallenge(
  result: PresentationVerification,
  challenge: string | undefined,
  store: ChallengeStore,
  requireIssued: boolean,
): PresentationVerification {
  if (challenge === undefined) return result;
  let state = store.check(challenge);
  if (!state.ok && state.reason === 'unknown' && !requireIssued) return result;
  const at = result.checks.findIndex((c) => c.id === 'presentation');
  const presentation = result.checks[at];
  if (presentation?.status !== 'passed') return result;
  if (state.ok) {
    state = store.use(challenge);
    if (state.ok) {
      const used: Check = {
        ...presentation,
        details: { ...presentation.details, challenge: { issuedHere: true, used: true, expires: state.expires } },
      };
      return { ...result, checks: result.checks.map((c, i) => (i === at ? used : c)) };
    }
  }
  const p = refusal(state);
  const failed: Check = { id: 'presentation', status: 'failed', problem: p };
  if (presentation.details) failed.details = presentation.details;
  return {
    ...result,
    verified: false,
    checks: result.checks.map((c, i) => (i === at ? failed : c)),
    problems: [p, ...result.problems],
  };
}
