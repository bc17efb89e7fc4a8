import {
  canonicalLiteral,
  findBadCodePoint,
  findDroppedValue,
  findIJsonTextProblem,
  findIJsonValueProblem,
  findInvalidUtf8,
  jsonPointerAt,
  numberTextProblem,
  numberValueProblem,
} from '@repo/schemas';
import { describe, expect, it } from 'vitest';

describe('RFC 7493 §2.1 strings: no lone surrogates, no noncharacters', () => {
  it.each([
    ['a high surrogate alone', 'a\uD800b', 'U+D800'],
    ['a low surrogate alone', '\uDC00', 'U+DC00'],
    ['a high surrogate at the end', 'x\uDBFF', 'U+DBFF'],
    ['two high surrogates', '\uD800\uD800', 'U+D800'],
    ['U+FFFE', '\uFFFE', 'U+FFFE'],
    ['U+FFFF', 'x\uFFFF', 'U+FFFF'],
    ['U+FDD0', '\uFDD0', 'U+FDD0'],
    ['U+FDEF', '\uFDEF', 'U+FDEF'],
    ['U+1FFFF (a pair)', '\uD83F\uDFFF', 'U+1FFFF'],
    ['U+10FFFF', '\uDBFF\uDFFF', 'U+10FFFF'],
  ])('refuses %s', (_name, s, cp) => {
    expect(findBadCodePoint(s)?.codePoint).toBe(cp);
  });

  it.each([
    ['NFC', 'Zoë Ångström'],
    ['NFD', 'Zoë Ångström'.normalize('NFD')],
    ['RTL marks', '\u200Fشهادة\u200F'],
    ['zero-width joiner and space', '👩\u200D🔧 a\u200Bb'],
    ['emoji', '🏅🎓'],
    ['CJK', '工業保全技術者'],
    ['U+FFFD', '\uFFFD'],
    ['U+FDCF and U+FDF0 (next to the noncharacter block)', '\uFDCF\uFDF0'],
    ['NUL and controls', '\u0000\u001f'],
  ])('accepts %s', (_name, s) => {
    expect(findBadCodePoint(s)).toBeUndefined();
  });

  it('finds in 20,000 random strings what reading every code point finds', () => {
    // the code points RFC 7493 §2.1 refuses, read one by one (no shortcut)
    const reference = (s: string): string | undefined => {
      for (let i = 0; i < s.length; i++) {
        const c = s.charCodeAt(i);
        const next = s.charCodeAt(i + 1);
        if (c >= 0xd800 && c <= 0xdbff && next >= 0xdc00 && next <= 0xdfff) {
          const cp = 0x10000 + ((c - 0xd800) << 10) + (next - 0xdc00);
          if ((cp & 0xfffe) === 0xfffe) return `${i} noncharacter`;
          i++;
        } else if (c >= 0xd800 && c <= 0xdfff) return `${i} lone surrogate`;
        else if ((c >= 0xfdd0 && c <= 0xfdef) || c >= 0xfffe) return `${i} noncharacter`;
      }
      return undefined;
    };
    // mostly ASCII and Latin-1, with code units near and in the ranges that matter
    const units = [0x41, 0x7a, 0xe9, 0xff, 0x3042, 0xd7ff, 0xd800, 0xdbff, 0xdc00, 0xdfff, 0xe000, 0xfdcf, 0xfdd0];
    units.push(0xfdef, 0xfdf0, 0xfffd, 0xfffe, 0xffff, 0xd83f, 0xdbff, 0xdffe);
    let seed = 20261207;
    const random = (n: number) => {
      seed = (seed * 1103515245 + 12345) % 2 ** 31;
      return seed % n;
    };
    let found = 0;
    for (let k = 0; k < 20_000; k++) {
      const length = random(12);
      let s = '';
      for (let i = 0; i < length; i++)
        s += String.fromCharCode(random(4) === 0 ? units[random(units.length)]! : 0x20 + random(95));
      const bad = findBadCodePoint(s);
      expect(bad && `${bad.index} ${bad.kind}`, JSON.stringify(s)).toBe(reference(s));
      if (bad) found++;
    }
    expect(found).toBeGreaterThan(2_000);
  });
});

describe('RFC 7493 §2.2 numbers as written', () => {
  it.each([
    '0',
    '-1',
    '1.0',
    '1e2',
    '100E-2',
    '0.1',
    '9007199254740991',
    '-9007199254740991',
    '5e-324',
    '-0',
    '1.5e300',
  ])('accepts %s', (text) => {
    // 1.5e300 is an integer-valued double beyond 2^53: refused below, as a value.
    if (text === '1.5e300') expect(numberTextProblem(text)).toMatch(/beyond/);
    else expect(numberTextProblem(text)).toBeUndefined();
  });

  it.each([
    ['an integer past 2^53 − 1', '9007199254740993', /beyond ±\(2\^53−1\)/],
    ['2^53 itself', '9007199254740992', /beyond/],
    ['1e21 (an integer in exponent form)', '1e21', /beyond/],
    ['a value too large for a double', '1e400', /too large/],
    ['an underflow to 0', '1e-400', /read as 0/],
    ['more digits than a double holds', '0.10000000000000001', /read as 0\.1/],
    ['a subnormal written imprecisely', '4.9e-324', /read as 5e-324/],
  ])('refuses %s', (_name, text, message) => {
    expect(numberTextProblem(text)).toMatch(message);
  });
});

describe('Numbers canonicalisation cannot carry (JSON-LD 1.1 Object to RDF; RFC 8785)', () => {
  it('writes JSON-LD literals as jsonld.js does', () => {
    expect(canonicalLiteral(0.1)).toBe('1.0E-1');
    expect(canonicalLiteral(12.5)).toBe('1.25E1');
    expect(canonicalLiteral(6)).toBe('6');
    expect(canonicalLiteral(1e-7)).toBe('0');
    expect(canonicalLiteral(1.5e-7)).toBe('1.5E-7');
  });

  it.each([
    ['−0 (written 0)', -0],
    ['a 17-digit double (written as its 16-digit neighbour)', 0.10000000000000002],
    ['0.30000000000000004', 0.30000000000000004],
    ['1e-7 (written as the integer 0)', 1e-7],
    ['-1e-7 (written -0)', -1e-7],
    ['5e-324', 5e-324],
  ])('refuses %s as unfaithful', (_name, n) => {
    expect(numberValueProblem(n)?.rule).toBe('unfaithful-number');
  });

  it.each([
    ['NaN', Number.NaN],
    ['Infinity', Number.POSITIVE_INFINITY],
    ['2^53', 2 ** 53],
    ['1e21', 1e21],
  ])('refuses %s as not I-JSON', (_name, n) => {
    expect(numberValueProblem(n)?.rule).toBe('number');
  });

  it.each([0, 6, -12, 0.1, 12.5, 1.5e-7, 123.456, Number.MAX_SAFE_INTEGER, 2.5e-3])('accepts %s', (n) => {
    expect(numberValueProblem(n)).toBeUndefined();
  });
});

describe('I-JSON text scan (RFC 7493 §2.1–§2.3) with JSON Pointers', () => {
  it.each([
    ['a duplicate member', '{"a":{"b":1,"b":2}}', '/a/b', 'duplicate-name'],
    ['a duplicate written with an escape', '{"x":"\\u0061","\\u0061":1,"a":2}', '/a', 'duplicate-name'],
    ['a duplicate empty name', '[{"":1,"":2}]', '/0/', 'duplicate-name'],
    ['an escaped lone surrogate in a value', '{"a":[1,2,{"x":"\\ud800"}]}', '/a/2/x', 'string'],
    ['an escaped lone surrogate in a name', '{"a\\udc00":1}', '/a\udc00', 'string'],
    ['an escaped noncharacter', '{"a":"\\uffff"}', '/a', 'string'],
    ['a raw noncharacter', '{"a":"\ufdd0"}', '/a', 'string'],
    ['an imprecise number', '{"a":1,"b":[0.10000000000000001]}', '/b/0', 'number'],
    ['an unsafe integer behind escaped pointer characters', '{"a~b/c":{"n":9007199254740993}}', '/a~0b~1c/n', 'number'],
  ])('refuses %s', (_name, text, pointer, rule) => {
    JSON.parse(text);
    expect(findIJsonTextProblem(text)).toMatchObject({ pointer, rule });
  });

  it.each([
    '{"a":"\\ud83d\\ude00","b":"😀"}',
    '{"ok":[true,false,null,-0,1.5e3,"\\\\","\\"",{"a":{"a":1}}]}',
    '{"a":1,"b":{"a":2},"c":[{"a":3},{"a":4}]}',
    '"just a string"',
  ])('accepts %s', (text) => {
    expect(findIJsonTextProblem(text)).toBeUndefined();
  });

  it('scans 100,000 levels of nesting without recursion', () => {
    const text = `${'['.repeat(100_000)}"\\ud800"${']'.repeat(100_000)}`;
    expect(findIJsonTextProblem(text)?.pointer.length).toBe('/0'.length * 100_000);
  });

  it('names the string that holds a given character', () => {
    expect(jsonPointerAt('{"a":["x","y\uFFFD"]}', 12)).toBe('/a/1');
    expect(jsonPointerAt('{"a":["x","y"]}', 0)).toBeUndefined();
  });
});

describe('RFC 7493 §2.1 UTF-8', () => {
  it.each([
    ['ASCII', Buffer.from('{"a":1}'), -1],
    ['two-, three- and four-byte forms', Buffer.from('{"a":"é€😀"}'), -1],
    ['an encoded surrogate (CESU-8)', Uint8Array.of(0x22, 0xed, 0xa0, 0x80, 0x22), 1],
    ['an overlong NUL', Uint8Array.of(0x22, 0xc0, 0x80), 1],
    ['a truncated sequence', Uint8Array.of(0x41, 0xe2, 0x82), 1],
    ['past U+10FFFF', Uint8Array.of(0xf4, 0x90, 0x80, 0x80), 0],
    ['a lone continuation byte', Uint8Array.of(0x41, 0x80), 1],
    ['0xFF', Uint8Array.of(0xff), 0],
  ])('%s → %i', (_name, bytes, at) => {
    expect(findInvalidUtf8(bytes)).toBe(at);
  });
});

describe('I-JSON values (a credential handed over as a JavaScript value)', () => {
  const cyclic: Record<string, unknown> = { a: 1 };
  cyclic.self = cyclic;
  const shared = { x: 1 };
  it.each<[string, unknown, string, string]>([
    ['a lone surrogate', { credentialSubject: { name: 'a\uD800' } }, '/credentialSubject/name', 'string'],
    ['a lone surrogate in a name', { 'k\uDFFF': 1 }, '/k\uDFFF', 'string'],
    ['NaN', { n: Number.NaN }, '/n', 'number'],
    ['an unsafe integer', { n: [2 ** 60] }, '/n/0', 'number'],
    ['−0', { n: -0 }, '/n', 'unfaithful-number'],
    ['a cycle', cyclic, '/self', 'not-json'],
    ['a BigInt', { n: 10n }, '/n', 'not-json'],
    ['a Date', { d: new Date(0) }, '/d', 'not-json'],
    // biome-ignore lint/suspicious/noSparseArray: the hole is the point
    ['a sparse array', [1, , 2], '/1', 'not-json'],
    ['a function', { f: () => 1 }, '/f', 'not-json'],
  ])('refuses %s', (_name, value, pointer, rule) => {
    expect(findIJsonValueProblem(value)).toMatchObject({ pointer, rule });
  });

  it('accepts shared (not cyclic) objects, undefined members, and an own "__proto__" member', () => {
    expect(findIJsonValueProblem({ s: shared, t: shared, u: undefined })).toBeUndefined();
    expect(findIJsonValueProblem(JSON.parse('{"__proto__":{"a":1}}'))).toBeUndefined();
  });

  it('refuses nesting past the limit without recursion', () => {
    let deep: unknown = {};
    for (let i = 0; i < 100_000; i++) deep = { d: deep };
    expect(findIJsonValueProblem(deep)?.rule).toBe('not-json');
    expect(findIJsonValueProblem({ a: { b: {} } }, { maxDepth: 2 })?.pointer).toBe('/a/b');
  });

  it('a throwing getter is not JSON, and nothing is thrown', () => {
    const evil = {
      get boom(): never {
        throw new Error('boom');
      },
    };
    expect(findIJsonValueProblem(evil)?.rule).toBe('not-json');
  });
});

describe('Values JSON-LD drops (null, empty lists)', () => {
  it.each<[string, unknown, string]>([
    ['null', { validUntil: null }, '/validUntil'],
    ['null in a list', { a: { b: [1, null] } }, '/a/b/1'],
    ['an empty list', { credentialSubject: { alignment: [] } }, '/credentialSubject/alignment'],
    ['a repeated string in a list (RDF keeps it once)', { tag: ['a', 'b', 'a'] }, '/tag/2'],
    ['a repeated type', { type: ['VerifiableCredential', 'VerifiableCredential'] }, '/type/1'],
  ])('finds %s', (_name, doc, pointer) => {
    expect(findDroppedValue(doc)?.pointer).toBe(pointer);
  });

  it('keeps equal objects (each is its own node) and 1 beside "1"', () => {
    expect(findDroppedValue({ evidence: [{ name: 'x' }, { name: 'x' }], a: [1, '1', true, 'true'] })).toBeUndefined();
  });

  it('leaves @context alone (the context policy judges it)', () => {
    expect(findDroppedValue({ '@context': [null], a: {} })).toBeUndefined();
  });
});
