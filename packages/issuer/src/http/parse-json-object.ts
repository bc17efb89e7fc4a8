import { isUtf8 } from 'node:buffer';
import { findIJsonTextProblem, findInvalidUtf8, jsonPointerAt } from '@repo/schemas';
import { ProblemError } from './problem-error.ts';

const FORBIDDEN_KEYS = new Set(['__proto__', 'constructor', 'prototype']);
/** Text in which a member could be named one of {@link FORBIDDEN_KEYS} (an escape could spell one). */
const MAY_HOLD_FORBIDDEN_KEY = /__proto__|constructor|prototype|\\u/;
/**
 * Deepest nesting of `[`/`{` in JSON text, counted without recursion (I2: a 100,000-deep body
 * must not overflow the stack anywhere).
 */
function nestingDepth(text: string): number {
  let depth = 0;
  let max = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 34 /* " */) {
      // A string holds no nesting: on to its closing quote, the first one after an even run of
      // backslashes (none, or escaped backslashes); unclosed, the text ends inside it.
      let end = text.indexOf('"', i + 1);
      while (end >= 0 && backslashesBefore(text, end) % 2 === 1) end = text.indexOf('"', end + 1);
      if (end < 0) return max;
      i = end;
    } else if (c === 123 || c === 91) {
      depth++;
      if (depth > max) max = depth;
    } else if (c === 125 || c === 93) depth--;
  }
  return max;
}

/** How many backslashes come right before `at` (a string's opening quote stops the count). */
function backslashesBefore(text: string, at: number): number {
  let n = 0;
  while (text.charCodeAt(at - 1 - n) === 92 /* \\ */) n++;
  return n;
}

/** The text of a body, and where (as a character offset) its first undecodable byte was. */
function decodeUtf8(buf: Buffer): { text: string; invalidAt: number | undefined } {
  const bad = isUtf8(buf) ? -1 : findInvalidUtf8(buf);
  if (bad < 0) return { text: buf.toString('utf8'), invalidAt: undefined };
  return { text: buf.toString('utf8'), invalidAt: buf.subarray(0, bad).toString('utf8').length };
}

/**
 * Parses JSON text as `jsonBody` does (I2 depth, I6 JSON, I7 forbidden keys, RFC 7493 I-JSON, a
 * JSON object): the one place these rules live, also for the lines of a batch upload. Throws a
 * 400 {@link ProblemError} naming `subject` ("The request body", "The line").
 *
 * @example
 * const row = parseJsonObject(Buffer.from('{"credential":{}}'), 32, 'The line');
 */
export function parseJsonObject(
  buf: Buffer | undefined,
  maxDepth: number,
  subject = 'The request body',
): Record<string, unknown> {
  const { text, invalidAt } = Buffer.isBuffer(buf) ? decodeUtf8(buf) : { text: '', invalidAt: undefined };
  if (text.trim() === '') throw new ProblemError(400, 'PARSING_ERROR', `${subject} is empty; send a JSON object.`);
  if (nestingDepth(text) > maxDepth) {
    throw new ProblemError(
      400,
      'PARSING_ERROR',
      `${subject === 'The request body' ? 'The JSON body' : subject} is nested deeper than ${maxDepth} levels.`,
    );
  }
  let badKey: string | undefined;
  let value: unknown;
  try {
    // The reviver (3× slower) only when a forbidden name can be in the text: spelled out, or escaped.
    value = MAY_HOLD_FORBIDDEN_KEY.test(text)
      ? JSON.parse(text, (key, v) => {
          if (FORBIDDEN_KEYS.has(key)) badKey = key;
          return v;
        })
      : JSON.parse(text);
  } catch {
    throw new ProblemError(400, 'PARSING_ERROR', `${subject} is not valid JSON.`);
  }
  if (invalidAt !== undefined) {
    const pointer = jsonPointerAt(text, invalidAt);
    throw new ProblemError(400, 'PARSING_ERROR', `${subject} is not UTF-8 (RFC 7493 §2.1).`, {
      ...(pointer === undefined ? {} : { pointer }),
    });
  }
  if (badKey !== undefined) {
    throw new ProblemError(400, 'MALFORMED_VALUE_ERROR', `The key "${badKey}" is not allowed anywhere in a request.`);
  }
  const ijson = findIJsonTextProblem(text);
  if (ijson) throw new ProblemError(400, 'MALFORMED_VALUE_ERROR', ijson.detail, { pointer: ijson.pointer });
  if (!value || typeof value !== 'object' || Array.isArray(value)) {
    throw new ProblemError(400, 'MALFORMED_VALUE_ERROR', `${subject} must be a JSON object.`, { pointer: '' });
  }
  return value as Record<string, unknown>;
}
