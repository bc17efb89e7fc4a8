import { numberTextProblem } from './check-number.ts';
import { describeBadCodePoint, findBadCodePoint } from './check-string.ts';
import { escapePointerToken, type IJsonProblem } from './i-json-problem.ts';

/**
 * An open object or array. Its JSON Pointer is never kept: the tokens of the open frames (member
 * name or index) are joined only when a problem is reported ({@link pointerOf}).
 */
interface Frame {
  array: boolean;
  /** Index of the element being read (arrays). */
  index: number;
  /** Name of the member being read (objects). */
  name: string | undefined;
  /** Names seen so far in this object; created with the first one. */
  names: Set<string> | undefined;
  /** The next string of this object is a member name. */
  expectName: boolean;
}

/** What the scanner stops at: a problem, or (for {@link jsonPointerAt}) the value holding an offset. */
type Stop = { problem: IJsonProblem } | { at: string };

const NUMBER = /-?(?:0|[1-9]\d*)(?:\.\d+)?(?:[eE][+-]?\d+)?/y;

/** JSON Pointer of the value being read: one token per open frame. */
function pointerOf(stack: readonly Frame[]): string {
  let pointer = '';
  for (const frame of stack) {
    pointer += frame.array ? `/${frame.index}` : `/${escapePointerToken(frame.name ?? '')}`;
  }
  return pointer;
}

/** Whether the string {@link endOfString} last went over may hold a surrogate or a noncharacter. */
let wideString = false;

/**
 * Index after the JSON string starting at the quote at `start` (`-1` when it never ends); sets
 * {@link wideString} when the string holds a UTF-16 code unit ≥ U+D000, raw or escaped (`\uD…`,
 * `\uE…`, `\uF…`): only such a string can hold a surrogate or a noncharacter.
 */
function endOfString(text: string, start: number): number {
  let wide = false;
  for (let i = start + 1; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 34 /* " */) {
      wideString = wide;
      return i + 1;
    }
    if (c === 92 /* \ */) {
      i++;
      if (text.charCodeAt(i) === 117 /* u */ && (text.charCodeAt(i + 1) | 0x20) >= 100 /* d */) wide = true;
    } else if (c >= 0xd000) wide = true;
  }
  return -1;
}

/** The value of the JSON string `text[start, end)` (quotes included). */
function readString(text: string, start: number, end: number): string {
  let out = '';
  let run = start + 1;
  const last = end - 1;
  for (let i = run; i < last; ) {
    const c = text.charCodeAt(i);
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
    i++;
  }
  return run === start + 1 ? text.slice(run, last) : out + text.slice(run, last);
}

/**
 * The index after the number at `start` when it is an integer of at most 15 digits, always
 * exactly a double (what the number pattern would match, no fraction or exponent following); else
 * `-1`.
 */
function endOfShortInteger(text: string, start: number): number {
  let i = start;
  if (text.charCodeAt(i) === 45 /* - */) i++;
  const first = i;
  if (text.charCodeAt(i) === 48 /* 0 */) i++;
  else {
    while (i < text.length) {
      const c = text.charCodeAt(i);
      if (c < 48 || c > 57) break;
      i++;
    }
  }
  if (i === first || i - first > 15) return -1;
  const c = text.charCodeAt(i);
  return c === 46 /* . */ || c === 101 /* e */ || c === 69 /* E */ ? -1 : i;
}

/**
 * One pass over JSON text that `JSON.parse` accepted, keeping what `JSON.parse` forgets: the
 * second of two members with the same name, and a number's digits. Only the JSON Pointer of what
 * it stops at is built. Iterative, so nesting depth costs no stack.
 */
function scan(text: string, stopAt?: number): Stop | undefined {
  const stack: Frame[] = [];
  let top: Frame | undefined;
  let i = 0;
  const n = text.length;
  for (;;) {
    let c = text.charCodeAt(i);
    while (c === 32 || c === 10 || c === 13 || c === 9) c = text.charCodeAt(++i);
    if (i >= n) return undefined;
    if (c === 123 /* { */ || c === 91 /* [ */) {
      top = { array: c === 91, index: 0, name: undefined, names: undefined, expectName: c === 123 };
      stack.push(top);
      i++;
    } else if (c === 125 /* } */ || c === 93 /* ] */) {
      stack.pop();
      top = stack.at(-1);
      i++;
    } else if (c === 44 /* , */) {
      if (top?.array) top.index++;
      else if (top) top.expectName = true;
      i++;
    } else if (c === 58 /* : */) {
      i++;
    } else if (c === 34 /* " */) {
      const end = endOfString(text, i);
      if (end < 0) throw new SyntaxError('Unterminated string.');
      const object = top !== undefined && !top.array && top.expectName ? top : undefined;
      const naming = object !== undefined;
      const within = stopAt !== undefined && stopAt >= i && stopAt < end;
      if (naming || within) {
        const value = readString(text, i, end);
        if (object) {
          object.name = value;
          object.expectName = false;
        }
        if (within) return { at: pointerOf(stack) };
        const bad = wideString ? findBadCodePoint(value) : undefined;
        if (bad) {
          const detail = describeBadCodePoint(bad, naming ? 'name' : 'string');
          return { problem: { pointer: pointerOf(stack), detail, rule: 'string' } };
        }
        if (object) {
          if (object.names === undefined) object.names = new Set();
          if (object.names.has(value)) {
            return {
              problem: {
                pointer: pointerOf(stack),
                detail: `The member name ${JSON.stringify(value)} appears twice in one object (RFC 7493 §2.3): JSON.parse would keep only the last.`,
                rule: 'duplicate-name',
              },
            };
          }
          object.names.add(value);
        }
      } else if (wideString) {
        // A string value is decoded only when it may hold a surrogate or a noncharacter.
        const bad = findBadCodePoint(readString(text, i, end));
        if (bad) {
          return {
            problem: { pointer: pointerOf(stack), detail: describeBadCodePoint(bad, 'string'), rule: 'string' },
          };
        }
      }
      i = end;
    } else if (c === 116 /* t */ || c === 110 /* n */) {
      i += 4;
    } else if (c === 102 /* f */) {
      i += 5;
    } else {
      const short = endOfShortInteger(text, i);
      if (short >= 0) {
        i = short;
        continue;
      }
      NUMBER.lastIndex = i;
      const m = NUMBER.exec(text);
      if (!m || m[0] === '') throw new SyntaxError(`Unexpected character at ${i}.`);
      const detail = numberTextProblem(m[0]);
      if (detail) return { problem: { pointer: pointerOf(stack), detail, rule: 'number' } };
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
