import { numberTextProblem } from './check-number.ts';
import { describeBadCodePoint, findBadCodePoint } from './check-string.ts';
import { escapePointerToken, type IJsonProblem } from './i-json-problem.ts';

type Frame =
  | { kind: 'object'; pointer: string; names: Set<string>; name: string | undefined; expectName: boolean }
  | { kind: 'array'; pointer: string; index: number };

/** What the scanner stops at: a problem, or (for {@link jsonPointerAt}) the value holding an offset. */
type Stop = { problem: IJsonProblem } | { at: string };

const NUMBER = /-?(?:0|[1-9]\d*)(?:\.\d+)?(?:[eE][+-]?\d+)?/y;
const WHITESPACE = /[ \t\n\r]*/y;

/** Reads the JSON string starting at the quote at `start`; returns its value and the index after it. */
function readString(text: string, start: number): { value: string; end: number } {
  let out = '';
  let i = start + 1;
  let run = i;
  for (;;) {
    const c = text.charCodeAt(i);
    if (c === 34 /* " */) {
      out += text.slice(run, i);
      return { value: out, end: i + 1 };
    }
    if (c === 92 /* \ */) {
      out += text.slice(run, i);
      const e = text[i + 1];
      if (e === 'u') {
        out += String.fromCharCode(Number.parseInt(text.slice(i + 2, i + 6), 16));
        i += 6;
      } else {
        out += e === 'n' ? '\n' : e === 't' ? '\t' : e === 'r' ? '\r' : e === 'b' ? '\b' : e === 'f' ? '\f' : e;
        i += 2;
      }
      run = i;
      continue;
    }
    if (Number.isNaN(c)) throw new SyntaxError('Unterminated string.');
    i++;
  }
}

/**
 * One pass over JSON text that `JSON.parse` accepted, with the JSON Pointer of every value —
 * what `JSON.parse` forgets: the second of two members with the same name, and a number's digits.
 * Iterative, so nesting depth costs no stack.
 */
function scan(text: string, stopAt?: number): Stop | undefined {
  const stack: Frame[] = [];
  let i = 0;
  const skip = (): void => {
    WHITESPACE.lastIndex = i;
    WHITESPACE.exec(text);
    i = WHITESPACE.lastIndex;
  };
  /** Pointer of the value about to be read in the current container. */
  const here = (): string => {
    const top = stack.at(-1);
    if (!top) return '';
    return top.kind === 'array'
      ? `${top.pointer}/${top.index}`
      : `${top.pointer}/${escapePointerToken(top.name ?? '')}`;
  };
  for (;;) {
    skip();
    if (i >= text.length) return undefined;
    const c = text[i]!;
    const top = stack.at(-1);
    if (c === '{' || c === '[') {
      const pointer = here();
      stack.push(
        c === '{'
          ? { kind: 'object', pointer, names: new Set(), name: undefined, expectName: true }
          : { kind: 'array', pointer, index: 0 },
      );
      i++;
    } else if (c === '}' || c === ']') {
      stack.pop();
      i++;
    } else if (c === ',') {
      if (top?.kind === 'array') top.index++;
      else if (top) top.expectName = true;
      i++;
    } else if (c === ':') {
      i++;
    } else if (c === '"') {
      const { value, end } = readString(text, i);
      const naming = top?.kind === 'object' && top.expectName;
      if (naming) {
        top.name = value;
        top.expectName = false;
      }
      const pointer = here();
      if (stopAt !== undefined && stopAt >= i && stopAt < end) return { at: pointer };
      const bad = findBadCodePoint(value);
      if (bad)
        return { problem: { pointer, detail: describeBadCodePoint(bad, naming ? 'name' : 'string'), rule: 'string' } };
      if (naming) {
        if (top.names.has(value)) {
          return {
            problem: {
              pointer,
              detail: `The member name ${JSON.stringify(value)} appears twice in one object (RFC 7493 §2.3): JSON.parse would keep only the last.`,
              rule: 'duplicate-name',
            },
          };
        }
        top.names.add(value);
      }
      i = end;
    } else if (c === 't' || c === 'f' || c === 'n') {
      i += c === 'f' ? 5 : 4;
    } else {
      NUMBER.lastIndex = i;
      const m = NUMBER.exec(text);
      if (!m || m[0] === '') throw new SyntaxError(`Unexpected character at ${i}.`);
      const detail = numberTextProblem(m[0]);
      if (detail) return { problem: { pointer: here(), detail, rule: 'number' } };
      i = NUMBER.lastIndex;
    }
  }
}

/**
 * Checks JSON text that `JSON.parse` accepted against the I-JSON rules (RFC 7493) that parsing
 * loses: no member name twice in an object (§2.3), member names and strings free of lone
 * surrogates and noncharacters, escaped or not (§2.1), and every number finite, an integer within
 * ±(2^53−1), and written as exactly the double it is read as (§2.2). Returns the first problem with
 * its JSON Pointer, or undefined.
 *
 * @example
 * findIJsonTextProblem('{"a":{"b":1,"b":2}}'); // { pointer: '/a/b', rule: 'duplicate-name', … }
 * findIJsonTextProblem('{"n":9007199254740993}'); // { pointer: '/n', rule: 'number', … }
 */
export function findIJsonTextProblem(text: string): IJsonProblem | undefined {
  const stop = scan(text);
  return stop && 'problem' in stop ? stop.problem : undefined;
}

/**
 * The JSON Pointer of the member name or string value that holds the character at `offset` of
 * JSON text `JSON.parse` accepted (to name where undecodable bytes were), or undefined.
 *
 * @example
 * jsonPointerAt('{"a":["x","y\uFFFD"]}', 12); // '/a/1'
 */
export function jsonPointerAt(text: string, offset: number): string | undefined {
  const stop = scan(text, offset);
  return stop && 'at' in stop ? stop.at : undefined;
}
