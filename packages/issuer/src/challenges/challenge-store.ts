import { randomBytes } from 'node:crypto';

/** Default lifetime of an issued challenge: 5 minutes. */
export const DEFAULT_CHALLENGE_LIFETIME_MS = 300_000;
/** Default bound on the challenges remembered at once (outstanding, and used ones until they expire). */
export const DEFAULT_MAX_CHALLENGES = 10_000;

/** A challenge as the service hands it out. */
export interface IssuedChallenge {
  /** 128 random bits, base64url (22 characters). */
  challenge: string;
  /** When it stops being accepted (XML Schema dateTime, whole seconds, UTC). */
  expires: string;
}

/** Why a challenge is refused: never issued here (or forgotten), past its `expires`, or used already. */
export type ChallengeRefusal = 'unknown' | 'expired' | 'used';

/** What {@link ChallengeStore.check} and {@link ChallengeStore.use} answer. */
export type ChallengeState = { ok: true; expires: string } | { ok: false; reason: ChallengeRefusal; expires?: string };

/**
 * Single-use challenges (Data Integrity `challenge`, VC-JOSE-COSE `nonce`; SECURITY-CHECKLIST V4),
 * kept in this process's memory. A challenge is good for one use before it expires; a used one is
 * remembered (as used) until it would have expired, then forgotten — and a forgotten challenge is
 * `unknown`, so it is refused just the same. Nothing is persisted: a restart forgets every
 * challenge, which refuses the outstanding ones (holders ask again) and can never make a used one
 * valid again. Storage is bounded: when full, the oldest challenge is forgotten first (refused
 * later, never accepted twice).
 */
export interface ChallengeStore {
  /** A fresh challenge, remembered until it expires. */
  issue(): IssuedChallenge;
  /** Whether `challenge` could be used now; changes nothing. */
  check(challenge: string): ChallengeState;
  /** Uses `challenge` up: `ok` once, then `used`. Synchronous, so two concurrent uses cannot both succeed. */
  use(challenge: string): ChallengeState;
  /** How many challenges are remembered (outstanding and used-but-unexpired). */
  readonly size: number;
}

/** Options of {@link createChallengeStore}. */
export interface ChallengeStoreOptions {
  /** The clock. Default: the system clock. */
  now?: () => Date;
  /** Lifetime of a challenge in ms (1 s … 1 day). Default {@link DEFAULT_CHALLENGE_LIFETIME_MS}. */
  lifetimeMs?: number;
  /** How many challenges are remembered at most (≥ 1). Default {@link DEFAULT_MAX_CHALLENGES}. */
  maxChallenges?: number;
}

interface Entry {
  expiresAt: number;
  used: boolean;
}

const isoSeconds = (ms: number): string => new Date(ms).toISOString().replace(/\.\d{3}Z$/, 'Z');

/**
 * Builds an in-memory {@link ChallengeStore}. Bad options are a caller's mistake: `TypeError`.
 *
 * @example
 * const challenges = createChallengeStore({ now: deps.clock, lifetimeMs: 300_000 });
 * const { challenge } = challenges.issue();
 * challenges.use(challenge); // { ok: true, expires: '…' }
 * challenges.use(challenge); // { ok: false, reason: 'used', expires: '…' }
 */
export function createChallengeStore(options: ChallengeStoreOptions = {}): ChallengeStore {
  const now = options.now ?? (() => new Date());
  const lifetimeMs = options.lifetimeMs ?? DEFAULT_CHALLENGE_LIFETIME_MS;
  const max = options.maxChallenges ?? DEFAULT_MAX_CHALLENGES;
  if (!Number.isInteger(lifetimeMs) || lifetimeMs < 1000 || lifetimeMs > 86_400_000) {
    throw new TypeError('lifetimeMs must be an integer from 1000 (1 s) to 86400000 (1 day).');
  }
  if (!Number.isInteger(max) || max < 1) throw new TypeError('maxChallenges must be a positive integer.');
  // Insertion order is expiry order (one lifetime for all), so expired entries are at the front.
  const entries = new Map<string, Entry>();

  const forgetExpired = (at: number) => {
    for (const [challenge, entry] of entries) {
      if (entry.expiresAt > at) break;
      entries.delete(challenge);
    }
  };

  const state = (challenge: string, at: number): ChallengeState => {
    const entry = typeof challenge === 'string' ? entries.get(challenge) : undefined;
    if (!entry) return { ok: false, reason: 'unknown' };
    const expires = isoSeconds(entry.expiresAt);
    if (at >= entry.expiresAt) return { ok: false, reason: 'expired', expires };
    if (entry.used) return { ok: false, reason: 'used', expires };
    return { ok: true, expires };
  };

  return {
    issue() {
      const at = now().getTime();
      forgetExpired(at);
      while (entries.size >= max) entries.delete(entries.keys().next().value as string);
      const challenge = randomBytes(16).toString('base64url');
      // Whole seconds, rounded down: the answer never promises more than is kept.
      const expiresAt = Math.floor((at + lifetimeMs) / 1000) * 1000;
      entries.set(challenge, { expiresAt, used: false });
      return { challenge, expires: isoSeconds(expiresAt) };
    },
    check(challenge) {
      return state(challenge, now().getTime());
    },
    use(challenge) {
      const result = state(challenge, now().getTime());
      if (result.ok) entries.get(challenge)!.used = true;
      return result;
    },
    get size() {
      return entries.size;
    },
  };
}
