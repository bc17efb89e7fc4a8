import { describe, expect, it } from 'vitest';
import { findProtoKey } from '../../src/checks/find-proto-key.ts';

describe('T9 "__proto__" members, which JSON-LD processing drops', () => {
  it('finds one at any depth and returns its JSON Pointer', () => {
    expect(findProtoKey(JSON.parse('{"__proto__":{"a":1}}'))).toBe('/__proto__');
    expect(findProtoKey(JSON.parse('{"credentialSubject":{"achievement":[{"x":1},{"__proto__":{}}]}}'))).toBe(
      '/credentialSubject/achievement/1/__proto__',
    );
    expect(findProtoKey(JSON.parse('{"a/b~c":{"__proto__":null}}'))).toBe('/a~1b~0c/__proto__');
  });

  it('finds nothing in ordinary documents (constructor and prototype are ordinary keys here)', () => {
    expect(findProtoKey({ a: { b: [1, 'x', null, { constructor: 1, prototype: 2 }] } })).toBeUndefined();
    expect(findProtoKey(null)).toBeUndefined();
    expect(findProtoKey('__proto__')).toBeUndefined();
  });

  it('copes with cycles and 100 000-deep nesting without overflowing', () => {
    const cyclic: Record<string, unknown> = {};
    cyclic.self = cyclic;
    expect(findProtoKey(cyclic)).toBeUndefined();
    let deep: unknown = JSON.parse('{"__proto__":{}}');
    for (let i = 0; i < 100_000; i++) deep = { next: deep };
    expect(findProtoKey(deep)).toMatch(/^(\/next){100000}\/__proto__$/);
  });
});
