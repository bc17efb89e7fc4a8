import { isCompactJws, unbakePng, unbakeSvg, VcError } from '@repo/core';
import express, { type RequestHandler } from 'express';
import { parseJsonObject } from './parse-json-object.ts';
import { ProblemError } from './problem-error.ts';

export { parseJsonObject };

const JSON_TYPES = new Set(['application/json', 'application/vc', 'application/vp']);

/** The media type of a `Content-Type` value, lower case, without parameters. */
function mediaType(contentType: string | undefined): string | undefined {
  return contentType?.split(';')[0]?.trim().toLowerCase();
}

/**
 * Whether a `Content-Type` names JSON as `jsonBody` reads it: `application/json`, `+json`, and
 * VC 2.0 §6.3's `application/vc` and `application/vp`.
 *
 * @example
 * isJsonMediaType('application/ld+json; charset=utf-8'); // true
 */
export function isJsonMediaType(contentType: string | undefined): boolean {
  const mime = mediaType(contentType);
  return !!mime && (JSON_TYPES.has(mime) || mime.endsWith('+json'));
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
    const mime = mediaType(type);
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
    if (!isJsonMediaType(type)) {
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
