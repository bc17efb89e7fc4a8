import { findIJsonTextProblem, findIJsonValueProblem } from '@repo/schemas';
import { describe, expect, it } from 'vitest';

/** A small deterministic generator (LCG), so every run sees the same documents. */
function random(seed: number): () => number {
  let state = seed;
  return () => {
    state = (state * 1103515245 + 12345) & 0x7fffffff;
    return state / 0x7fffffff;
  };
}

const STRINGS = [
  'a',
  '',
  'Zoë',
  'x/y~z',
  '工業',
  '🏅',
  '\uD800',
  '\uDFFF',
  '\uFFFE',
  '\uFDD0',
  '\uDBFF\uDFFF',
  '\uD000\uE000',
];
/**
 * Member names: none an array index (Object.keys would list those first), none bad (the value
 * check looks at all the names of an object before its members' values; the text scan reads them
 * in turn).
 */
const NAMES = ['id', 'name', 'a~b', 'c/d', 'é', 'x\uD83D\uDE00', '\uE000'];

/** Writes a string as JSON, each code unit raw or as a `\u` escape in lower or upper case hex. */
function writeString(value: string, rnd: () => number): string {
  let out = '"';
  for (let i = 0; i < value.length; i++) {
    const unit = value.charCodeAt(i);
    if (unit === 0x22 || unit === 0x5c || unit < 0x20 || unit >= 0xd800 || rnd() < 0.3) {
      const hex = unit.toString(16).padStart(4, '0');
      out += `\\u${rnd() < 0.5 ? hex : hex.toUpperCase()}`;
    } else out += value[i];
  }
  return `${out}"`;
}

/** A document (strings, booleans, null, short integers, nested objects and arrays) and its JSON text. */
function document(rnd: () => number, depth = 0): { value: unknown; text: string } {
  const pick = <T>(list: readonly T[]): T => list[Math.floor(rnd() * list.length)]!;
  const r = rnd();
  if (depth > 3 || r < 0.4) {
    const leaf = rnd();
    if (leaf < 0.5) {
      const s = pick(STRINGS) + pick(STRINGS);
      return { value: s, text: writeString(s, rnd) };
    }
    if (leaf < 0.75) {
      const n = Math.floor((rnd() - 0.5) * 1e15);
      return { value: n, text: String(n) };
    }
    const literal = pick([true, false, null]);
    return { value: literal, text: String(literal) };
  }
  const size = Math.floor(rnd() * 4);
  if (r < 0.7) {
    const items = Array.from({ length: size }, () => document(rnd, depth + 1));
    return { value: items.map((i) => i.value), text: `[${items.map((i) => i.text).join(', ')}]` };
  }
  const value: Record<string, unknown> = {};
  const members: string[] = [];
  for (let k = 0; k < size; k++) {
    const name = pick(NAMES);
    if (name in value) continue;
    const member = document(rnd, depth + 1);
    value[name] = member.value;
    members.push(`${writeString(name, rnd)}: ${member.text}`);
  }
  return { value, text: `{ ${members.join(',\n')} }` };
}

describe('I-JSON text scan (RFC 7493 §2.1) agrees with the value check', () => {
  it('finds the same first bad code point, at the same pointer, whether written raw or escaped', () => {
    const rnd = random(20261207);
    let found = 0;
    for (let k = 0; k < 2000; k++) {
      const { value, text } = document(rnd);
      expect(JSON.parse(text)).toEqual(value);
      const fromText = findIJsonTextProblem(text);
      const fromValue = findIJsonValueProblem(value, { rdfNumbers: false });
      expect(fromText).toEqual(fromValue);
      if (fromText) found++;
    }
    // The generator makes both kinds of document.
    expect(found).toBeGreaterThan(200);
    expect(found).toBeLessThan(1800);
  });
});

describe('I-JSON text scan (RFC 7493 §2.1): member names', () => {
  it.each(['\uDC00', '\uFFFF', 'a\uD800', '\uDBFF\uDFFF'])('finds %j in a name, raw or escaped', (name) => {
    const rnd = random(7);
    for (let k = 0; k < 20; k++) {
      const text = `{"a":[{"ok":"\u00e9"},{${writeString(name, rnd)}:1}]}`;
      JSON.parse(text);
      expect(findIJsonTextProblem(text)).toMatchObject({ pointer: `/a/1/${name}`, rule: 'string' });
      expect(findIJsonTextProblem(text)?.detail).toMatch(/^A member name holds/);
    }
  });
});

describe('I-JSON text scan (RFC 7493 §2.2): integers around 15 digits', () => {
  it.each([
    ['{"n":999999999999999}', undefined],
    ['{"n":-999999999999999}', undefined],
    ['{"n":[0,-0,1234567890123456]}', undefined],
    ['{"n":9007199254740991}', undefined],
    ['{"a":{"n":9007199254740992}}', '/a/n'],
    ['[12345678901234567]', '/0'],
    ['{"n":100000000000000.5}', undefined],
    ['{"n":1000000000000000.1}', undefined],
    ['{"n":1000000000000000.01}', '/n'],
    ['{"n":100000000000000e-10}', undefined],
    ['{"n":100000000000000e10}', '/n'],
    ['{"n":100000000000000e2000}', '/n'],
  ])('%s → %s', (text, pointer) => {
    JSON.parse(text);
    expect(findIJsonTextProblem(text)?.pointer).toBe(pointer);
  });
});
