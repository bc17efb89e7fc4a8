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

describe('T9: the first "__proto__" member found is the same whatever the documents hold', () => {
  // every value kept and looked at, primitives too (the walk before it skipped them)
  const reference = (input: unknown): string | undefined => {
    const seen = new Set<object>();
    const stack: [unknown, string][] = [[input, '']];
    while (stack.length > 0) {
      const [value, at] = stack.pop()!;
      if (!value || typeof value !== 'object' || seen.has(value)) continue;
      seen.add(value);
      for (const name of Object.keys(value)) {
        const here = `${at}/${name.replaceAll('~', '~0').replaceAll('/', '~1')}`;
        if (name === '__proto__') return here;
        stack.push([(value as Record<string, unknown>)[name], here]);
      }
    }
    return undefined;
  };
  it('gives the pointer of a walk that keeps every value, on 3,000 random JSON documents', () => {
    let seed = 7;
    const random = (n: number) => {
      seed = (seed * 1103515245 + 12345) % 2 ** 31;
      return Math.floor(seed / 65536) % n;
    };
    const names = ['a', 'b', '__proto__', 'x/y', 'id'];
    const value = (depth: number): string => {
      const r = depth === 0 ? 6 : random(depth > 3 ? 4 : 7);
      if (r === 0) return '1';
      if (r === 1) return '"s"';
      if (r === 2) return 'null';
      if (r === 3) return 'true';
      if (r === 4) return `[${Array.from({ length: random(4) }, () => value(depth + 1)).join(',')}]`;
      const keys = [...new Set(Array.from({ length: 1 + random(4) }, () => names[random(names.length)]!))];
      return `{${keys.map((k) => `${JSON.stringify(k)}:${value(depth + 1)}`).join(',')}}`;
    };
    let found = 0;
    for (let i = 0; i < 3000; i++) {
      const doc = JSON.parse(value(0));
      expect(findProtoKey(doc)).toBe(reference(doc));
      if (reference(doc) !== undefined) found++;
    }
    expect(found).toBeGreaterThan(300);
  });
});
