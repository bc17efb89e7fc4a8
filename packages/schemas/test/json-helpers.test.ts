import { describe, expect, it } from 'vitest';
import {
  achievementOf,
  asList,
  isObject,
  isoSeconds,
  issuerIdOf,
  isUrl,
  LIFECYCLE_MESSAGES,
  pointerOf,
  subjectIdsOf,
} from '../src/index.ts';

describe('The shared JSON helpers (one way to do a common thing)', () => {
  it('isObject: plain objects only', () => {
    expect([{}, { a: 1 }].map(isObject)).toEqual([true, true]);
    expect([null, [], 'x', 1, undefined].map(isObject)).toEqual([false, false, false, false, false]);
  });
  it('asList: undefined → [], a list as is, a value wrapped', () => {
    expect(asList(undefined)).toEqual([]);
    expect(asList([1, 2])).toEqual([1, 2]);
    expect(asList('a')).toEqual(['a']);
  });
  it('issuerIdOf: a string issuer, an issuer object, or undefined', () => {
    expect(issuerIdOf({ issuer: 'did:web:a.example' })).toBe('did:web:a.example');
    expect(issuerIdOf({ issuer: { id: 'did:web:b.example', type: ['Profile'] } })).toBe('did:web:b.example');
    expect(issuerIdOf({ issuer: { id: 5 } })).toBeUndefined();
    expect(issuerIdOf({})).toBeUndefined();
  });
  it('subjectIdsOf and achievementOf read one subject or a list', () => {
    const c = { credentialSubject: [{ id: 'did:example:a', achievement: { id: 'urn:x' } }, {}, { id: 7 }] };
    expect(subjectIdsOf(c)).toEqual(['did:example:a']);
    expect(achievementOf(c)).toEqual({ id: 'urn:x' });
    expect(achievementOf({ credentialSubject: 'x' })).toBeUndefined();
  });
  it('isUrl: a scheme, a colon and no white space (VC 2.0 §4.4)', () => {
    expect(['https://a.example/x', 'urn:uuid:1', 'did:web:a.example#k'].map(isUrl)).toEqual([true, true, true]);
    expect(['not a url', 'urn:', 'x y:z', 5].map(isUrl)).toEqual([false, false, false, false]);
  });
  it('pointerOf escapes ~ and / (RFC 6901 §4)', () => {
    expect(pointerOf(['credentialSubject', 'a/b', 'c~d', 0])).toBe('/credentialSubject/a~1b/c~0d/0');
  });
  it('isoSeconds: UTC, whole seconds, Z', () => {
    expect(isoSeconds(new Date('2026-03-01T12:00:00.999Z'))).toBe('2026-03-01T12:00:00Z');
  });
  it('LIFECYCLE_MESSAGES: the 2-bit lifecycle vocabulary, frozen', () => {
    expect(LIFECYCLE_MESSAGES.map((m) => m.message)).toEqual(['active', 'suspended', 'revoked', 'superseded']);
    expect(Object.isFrozen(LIFECYCLE_MESSAGES)).toBe(true);
  });
});
