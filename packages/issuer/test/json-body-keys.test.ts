import { describe, expect, it } from 'vitest';
import { parseJsonObject } from '../src/http/json-body.ts';
import { ProblemError } from '../src/http/problem-error.ts';

/** The problem `parseJsonObject` throws for `text`, or undefined when it parses. */
function refusal(text: string): { status: number; title: string; detail: string } | undefined {
  try {
    parseJsonObject(Buffer.from(text), 32);
    return undefined;
  } catch (error) {
    if (!(error instanceof ProblemError)) throw error;
    return { status: error.status, title: error.problem.title as string, detail: error.problem.detail as string };
  }
}

describe('I7 forbidden member names, however they are spelled (JSON bodies, batch lines)', () => {
  it.each([
    ['__proto__', '{"a":{"__proto__":{"polluted":1}}}'],
    ['__proto__', '{"a":[{"\\u005f_proto__":{"polluted":1}}]}'],
    ['constructor', '{"\\u0063onstructor":{"prototype":1}}'],
    ['prototype', '{"b":{"proto\\u0074ype":1}}'],
  ])('I7 "%s" written %s → 400 MALFORMED_VALUE_ERROR naming it', (name, text) => {
    expect(refusal(text)).toEqual({
      status: 400,
      title: 'MALFORMED_VALUE_ERROR',
      detail: `The key "${name}" is not allowed anywhere in a request.`,
    });
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });

  it('the names as values, or escapes that spell other names, are plain JSON', () => {
    expect(parseJsonObject(Buffer.from('{"name":"constructor","x":"__proto__ prototype"}'), 32)).toEqual({
      name: 'constructor',
      x: '__proto__ prototype',
    });
    expect(parseJsonObject(Buffer.from('{"caf\\u00e9":"\\u0041"}'), 32)).toEqual({ café: 'A' });
    expect(parseJsonObject(Buffer.from('{"a":[1,{"b":null}]}'), 32)).toEqual({ a: [1, { b: null }] });
  });
});
