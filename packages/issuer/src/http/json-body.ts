import { isUtf8 } from 'node:buffer';
import { isCompactJws, unbakePng, unbakeSvg, VcError } from '@repo/core';
import { findIJsonTextProblem, findInvalidUtf8, jsonPointerAt } from '@repo/schemas';
import express, { type RequestHandler } from 'express';
import { ProblemError } from './problem-error.ts';

const FORBIDDEN_KEYS = new Set(['__proto__', 'constructor', 'prototype']);
/** Text in which a member could be named one of {@link FORBIDDEN_KEYS} (an escape could spell one). */
const MAY_HOLD_FORBIDDEN_KEY = /__proto__|constructor|prototype|\\u/;
const JSON_TYPES = new Set(['application/json', 'application/vc', 'application/vp']);

/**
 * Deepest nesting of `[`/`{` in JSON text, counted without recursion (I2: a 100,000-deep body
 * must not overflow the stack anywhere).
 */
function nestingDepth(text: string): number {
  let depth = 0;
  let max = 0;
  let inString = false;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (inString) {
      if (c === 92 /* \ */) i++;
      else if (c === 34 /* " */) inString = false;
    } else if (c === 34) inString = true;
    else if (c === 123 || c === 91) {
      depth++;
      if (depth > max) max = depth;
    } else if (c === 125 || c === 93) depth--;
  }
  return max;
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

/**
 * Reads a JSON request body with limits: size [512 KB] (I1, 413 before the body is buffered
 * when Content-Length says so), content type (I6, 415), nesting depth [32] (I2), valid JSON
 * (I6, 400 PARSING_ERROR), no `__proto__`/`constructor`/`prototype` keys at any depth (I7), and
 * I-JSON (RFC 7493): UTF-8 (400 PARSING_ERROR), no member name twice in an object, no lone
 * surrogate or noncharacter, every number an exact IEEE 754 double and integers within ±(2^53−1)
 * (400 MALFORMED_VALUE_ERROR with the JSON Pointer). `JSON.parse` forgets duplicates and digits,
 * so the text itself is scanned.
 *
 * @example
 * app.post('/credentials/issue', ...jsonBody({ limit: 512 * 1024, maxDepth: 32 }), handler);
 */
export function jsonBody(options: {
  limit: number;
  maxDepth: number;
  /**
   * Media types whose body is a compact JWS (`application/vc+jwt`…): the route then finds the
   * token in `res.locals.compactJwt` and `req.body` is `{}`.
   */
  jwtTypes?: readonly string[];
  /**
   * Accept an Open Badges baked image (`image/png`, `image/svg+xml`; OB 3.0 §5.3) as the body:
   * the credential inside becomes the body (JSON) or `res.locals.compactJwt` (a compact JWS).
   */
  bakedImages?: boolean;
}): RequestHandler[] {
  const raw = express.raw({ type: () => true, limit: options.limit });
  const parse: RequestHandler = (req, res, next) => {
    const type = req.headers['content-type'];
    const mime = type?.split(';')[0]?.trim().toLowerCase();
    if (mime && options.jwtTypes?.includes(mime)) {
      const buf = req.body as Buffer | undefined;
      const text = Buffer.isBuffer(buf) ? buf.toString('utf8').trim() : '';
      if (!isCompactJws(text)) {
        return next(
          new ProblemError(400, 'PARSING_ERROR', `A ${mime} body must be one compact JWS (header.payload.signature).`),
        );
      }
      res.locals.compactJwt = text;
      req.body = {};
      return next();
    }
    if (options.bakedImages && (mime === 'image/png' || mime === 'image/svg+xml')) {
      const buf = req.body as Buffer | undefined;
      let baked: Record<string, unknown> | string | undefined;
      try {
        baked = Buffer.isBuffer(buf)
          ? mime === 'image/png'
            ? unbakePng(new Uint8Array(buf))
            : unbakeSvg(buf.toString('utf8'))
          : undefined;
      } catch (error) {
        const detail = error instanceof VcError ? error.message : 'The image could not be read.';
        return next(new ProblemError(400, 'PARSING_ERROR', `Not a readable ${mime} image: ${detail}`));
      }
      if (baked === undefined) {
        return next(
          new ProblemError(
            422,
            'MALFORMED_VALUE_ERROR',
            mime === 'image/png'
              ? 'This PNG carries no credential (no iTXt chunk "openbadgecredential", Open Badges 3.0 §5.3.1).'
              : 'This SVG carries no credential (no <openbadges:credential> element, Open Badges 3.0 §5.3.2).',
          ),
        );
      }
      if (typeof baked === 'string') {
        res.locals.compactJwt = baked;
        req.body = {};
      } else req.body = baked;
      return next();
    }
    // VC 2.0 §6.3 registers application/vc and application/vp: JSON(-LD) documents like +json ones.
    if (!mime || !(JSON_TYPES.has(mime) || mime.endsWith('+json'))) {
      return next(
        new ProblemError(
          415,
          'UNSUPPORTED_MEDIA_TYPE',
          `Send the body as JSON with "Content-Type: application/json"${options.bakedImages ? ', or a baked badge image as image/png or image/svg+xml' : ''}.`,
        ),
      );
    }
    try {
      req.body = parseJsonObject(req.body as Buffer | undefined, options.maxDepth);
    } catch (error) {
      return next(error);
    }
    next();
  };
  return [raw, parse];
}
