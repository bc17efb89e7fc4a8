import { describe, expect, it } from 'vitest';
import { startIssuerApp } from '../../../test/helpers/issuer-app.ts';
import { createApp } from '../src/app.ts';
import { createChallengeStore, DEFAULT_CHALLENGE_LIFETIME_MS } from '../src/challenges/challenge-store.ts';
import { loadConfig } from '../src/config.ts';

/** A clock tests move by hand. */
function clock(start = '2026-03-01T12:00:00Z') {
  let t = Date.parse(start);
  return { now: () => new Date(t), advance: (ms: number) => (t += ms) };
}

describe('V4 single-use challenges: the in-memory challenge store', () => {
  it('issues 128 random bits as base64url (22 characters), expiring after the default 5 minutes', () => {
    const c = clock();
    const store = createChallengeStore({ now: c.now });
    const issued = store.issue();
    expect(issued.challenge).toMatch(/^[A-Za-z0-9_-]{22}$/);
    expect(Buffer.from(issued.challenge, 'base64url')).toHaveLength(16);
    expect(issued.expires).toBe('2026-03-01T12:05:00Z');
    expect(DEFAULT_CHALLENGE_LIFETIME_MS).toBe(300_000);
    const many = new Set(Array.from({ length: 1000 }, () => store.issue().challenge));
    expect(many.size).toBe(1000);
  });

  it('a challenge is used once: check changes nothing, use succeeds once, then "used"', () => {
    const store = createChallengeStore({ now: clock().now });
    const { challenge, expires } = store.issue();
    expect(store.check(challenge)).toEqual({ ok: true, expires });
    expect(store.check(challenge)).toEqual({ ok: true, expires });
    expect(store.use(challenge)).toEqual({ ok: true, expires });
    expect(store.use(challenge)).toEqual({ ok: false, reason: 'used', expires });
    expect(store.check(challenge)).toEqual({ ok: false, reason: 'used', expires });
  });

  it('expires at its expires instant (frozen clock advanced); a lifetime is configurable', () => {
    const c = clock();
    const store = createChallengeStore({ now: c.now, lifetimeMs: 60_000 });
    const { challenge, expires } = store.issue();
    expect(expires).toBe('2026-03-01T12:01:00Z');
    c.advance(59_999);
    expect(store.check(challenge).ok).toBe(true);
    c.advance(1);
    expect(store.use(challenge)).toEqual({ ok: false, reason: 'expired', expires });
    // Once expired it is forgotten at the next issue: then unknown, still refused.
    store.issue();
    expect(store.use(challenge)).toEqual({ ok: false, reason: 'unknown' });
  });

  it('an unknown challenge (never issued, or a non-string) is refused', () => {
    const store = createChallengeStore({ now: clock().now });
    expect(store.use('never-issued')).toEqual({ ok: false, reason: 'unknown' });
    expect(store.use(42 as never)).toEqual({ ok: false, reason: 'unknown' });
  });

  it('storage is bounded: the oldest challenge is forgotten first (then refused, never accepted twice)', () => {
    const store = createChallengeStore({ now: clock().now, maxChallenges: 3 });
    const [a, b, c] = [store.issue(), store.issue(), store.issue()];
    expect(store.use(b.challenge).ok).toBe(true);
    const d = store.issue();
    expect(store.size).toBe(3);
    expect(store.use(a.challenge)).toEqual({ ok: false, reason: 'unknown' });
    expect(store.use(b.challenge).ok).toBe(false);
    expect(store.use(c.challenge).ok).toBe(true);
    expect(store.use(d.challenge).ok).toBe(true);
  });

  it('a restart (a new store) knows none of the earlier challenges: used ones never become valid again', () => {
    const before = createChallengeStore({ now: clock().now });
    const { challenge } = before.issue();
    expect(before.use(challenge).ok).toBe(true);
    const after = createChallengeStore({ now: clock().now });
    expect(after.use(challenge)).toEqual({ ok: false, reason: 'unknown' });
  });

  it('bad options are a caller mistake → TypeError', () => {
    for (const options of [
      { lifetimeMs: 999 },
      { lifetimeMs: 86_400_001 },
      { lifetimeMs: 1.5e3 + 0.5 },
      { maxChallenges: 0 },
    ]) {
      expect(() => createChallengeStore(options), JSON.stringify(options)).toThrow(TypeError);
    }
  });
});

describe('V4 challenge lifetime configuration', () => {
  it('CHALLENGE_LIFETIME_MS (file key challengeLifetimeMs) sets it, 5 min by default, 1 s … 1 day', () => {
    expect(loadConfig({}).challengeLifetimeMs).toBe(300_000);
    expect(loadConfig({ CHALLENGE_LIFETIME_MS: '60000' }).challengeLifetimeMs).toBe(60_000);
    expect(() => loadConfig({ CHALLENGE_LIFETIME_MS: '999' })).toThrow(/CHALLENGE_LIFETIME_MS/);
    expect(() => loadConfig({ CHALLENGE_LIFETIME_MS: 'soon' })).toThrow(/CHALLENGE_LIFETIME_MS/);
  });

  it('createApp honours config.challengeLifetimeMs, or takes a shared store', async () => {
    const issuer = await startIssuerApp();
    const serve = async (app: ReturnType<typeof createApp>) => {
      const server = app.listen(0, '127.0.0.1');
      await new Promise((r) => server.once('listening', r));
      const { port } = server.address() as { port: number };
      const res = await fetch(`http://127.0.0.1:${port}/challenges`, { method: 'POST' });
      server.close();
      server.closeAllConnections();
      return res.json() as Promise<{ challenge: string; expires: string }>;
    };
    try {
      const configured = createApp({ ...issuer.deps, config: { ...issuer.deps.config, challengeLifetimeMs: 60_000 } });
      expect((await serve(configured)).expires).toBe('2026-03-01T12:01:00Z');
      const shared = createChallengeStore({ now: issuer.deps.clock });
      const { challenge } = await serve(createApp({ ...issuer.deps, challenges: shared }));
      expect(shared.check(challenge).ok).toBe(true);
    } finally {
      await issuer.close();
    }
  });
});
