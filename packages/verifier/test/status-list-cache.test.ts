import { StatusListCache, type VerifiedStatusList } from '@repo/verifier';
import { describe, expect, it } from 'vitest';

const entry = (url: string, expiresAt: number): VerifiedStatusList => ({
  url,
  issuer: 'did:example:issuer',
  purposes: ['revocation'],
  bits: new Uint8Array(16_384),
  expiresAt,
});

describe('Bitstring Status List v1.0 §2.2 ttl: the status-list cache', () => {
  it('S2 serves an entry until its expiry instant, not at or after it', () => {
    const cache = new StatusListCache();
    cache.set(entry('https://s.example/1', 1_000));
    expect(cache.get('https://s.example/1', 999)?.url).toBe('https://s.example/1');
    expect(cache.get('https://s.example/1', 1_000)).toBeUndefined();
    // …and the stale entry is gone for good.
    expect(cache.get('https://s.example/1', 0)).toBeUndefined();
  });

  it('a re-set replaces the entry (a re-published list)', () => {
    const cache = new StatusListCache();
    cache.set(entry('https://s.example/1', 1_000));
    const fresh = { ...entry('https://s.example/1', 5_000), purposes: ['suspension'] };
    cache.set(fresh);
    expect(cache.get('https://s.example/1', 2_000)).toBe(fresh);
  });

  it('is bounded: the oldest entry goes first', () => {
    const cache = new StatusListCache({ maxEntries: 2 });
    cache.set(entry('https://s.example/1', 1_000));
    cache.set(entry('https://s.example/2', 1_000));
    cache.set(entry('https://s.example/3', 1_000));
    expect(cache.get('https://s.example/1', 0)).toBeUndefined();
    expect(cache.get('https://s.example/2', 0)).toBeDefined();
    expect(cache.get('https://s.example/3', 0)).toBeDefined();
  });

  it('clear(url) forgets one list, clear() all', () => {
    const cache = new StatusListCache();
    cache.set(entry('https://s.example/1', 1_000));
    cache.set(entry('https://s.example/2', 1_000));
    cache.clear('https://s.example/1');
    expect(cache.get('https://s.example/1', 0)).toBeUndefined();
    expect(cache.get('https://s.example/2', 0)).toBeDefined();
    cache.clear();
    expect(cache.get('https://s.example/2', 0)).toBeUndefined();
  });
});
