import { type ChallengeState, type ChallengeStore, DEFAULT_MAX_CHALLENGES } from '../challenges/challenge-store.ts';

/** The challenges of the VC-API exchanges, each bound to the award whose exchange issued it. */
export interface ExchangeChallenges {
  /** A fresh single-use challenge from the service's store, bound to `awardId`. */
  issue(awardId: string): { challenge: string; expires: string };
  /**
   * Whether `challenge` can be used in the exchange of `awardId` now: issued by that exchange
   * (`other` when another exchange — or `POST /challenges` — issued it), unexpired and unused.
   * Changes nothing.
   */
  check(challenge: string, awardId: string): ChallengeState | { ok: false; reason: 'other' };
  /** Uses `challenge` up (single use, synchronous); `ok` once. */
  use(challenge: string): ChallengeState;
}

interface Binding {
  awardId: string;
  expiresAt: number;
}

/**
 * Binds the single-use challenges of `store` to the exchange (award) that handed them out, so a
 * DID authentication made for one exchange is never accepted by another. The bindings live in
 * memory beside the store's challenges, in issue order (one lifetime, so expiry order), and are
 * forgotten when their challenge expires or is used; at most `max` are kept (oldest forgotten
 * first — its challenge is then refused, never accepted elsewhere).
 *
 * @example
 * const bound = bindExchangeChallenges(ctx.challenges, deps.clock);
 * const { challenge } = bound.issue(award.id);
 * bound.check(challenge, award.id); // { ok: true, expires: '…' }
 */
export function bindExchangeChallenges(
  store: ChallengeStore,
  now: () => Date,
  max = DEFAULT_MAX_CHALLENGES,
): ExchangeChallenges {
  const bindings = new Map<string, Binding>();
  const forgetExpired = (at: number) => {
    for (const [challenge, binding] of bindings) {
      if (binding.expiresAt > at) break;
      bindings.delete(challenge);
    }
  };
  return {
    issue(awardId) {
      forgetExpired(now().getTime());
      while (bindings.size >= max) bindings.delete(bindings.keys().next().value as string);
      const issued = store.issue();
      bindings.set(issued.challenge, { awardId, expiresAt: Date.parse(issued.expires) });
      return issued;
    },
    check(challenge, awardId) {
      const binding = bindings.get(challenge);
      if (binding?.awardId !== awardId) {
        const state = store.check(challenge);
        // Another exchange's challenge, or one this service issued elsewhere: not for this one.
        // Used or expired is said as such (a replay), whatever exchange it came from.
        return state.ok || state.reason === 'unknown' ? { ok: false, reason: 'other' } : state;
      }
      return store.check(challenge);
    },
    use(challenge) {
      const state = store.use(challenge);
      bindings.delete(challenge);
      return state;
    },
  };
}
