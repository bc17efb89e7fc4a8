import { createHash } from 'node:crypto';
import type { NextFunction, Request, RequestHandler, Response } from 'express';
import type { AppDeps } from '../deps.ts';
import type { IdempotencyWrite } from '../store/types.ts';
import type { Caller } from './auth.ts';
import { ProblemError } from './problem-error.ts';

/** How long an answer is remembered for its `Idempotency-Key` unless configured: 24 hours. */
export const DEFAULT_IDEMPOTENCY_TTL_MS = 24 * 60 * 60 * 1000;

/** The longest key accepted (characters inside the quotes). */
const MAX_KEY_LENGTH = 255;

/** What a route needs to remember its answer: set by {@link idempotency} in `res.locals.idempotency`. */
export interface IdempotencyClaim {
  /** SHA-256 (hex) of the caller and the key: where the answer is stored. */
  key: string;
  /** SHA-256 (hex) of the method, path and canonical JSON body. */
  fingerprint: string;
  ttlMs: number;
}

// sf-string (RFC 8941 §3.3.3), then parameters (§3.1.2), which are allowed and ignored.
const SF_STRING = /^"((?:[\x20\x21\x23-\x5b\x5d-\x7e]|\\["\\])*)"/;
const SF_PARAMS =
  /^(?:;[ ]*[a-z*][a-z0-9_.*-]*(?:=(?:-?\d{1,15}(?:\.\d{1,3})?|"(?:[\x20\x21\x23-\x5b\x5d-\x7e]|\\["\\])*"|[A-Za-z*][\x21\x23-\x27\x2a\x2b\x2d-\x3a\x41-\x5a\x5e-\x7a\x7c\x7e:/]*|:[A-Za-z0-9+/=]*:|\?[01]))?)*$/;

/**
 * Parses an `Idempotency-Key` field value: an Item Structured Header whose value is a String
 * (draft-ietf-httpapi-idempotency-key-header §2.1, RFC 8941 §3.3.3), e.g.
 * `"8e03978e-40d5-43e8-bc93-6894a57f9324"`; parameters are ignored. Returns the key, or undefined
 * when the value is malformed (not one quoted string, empty, longer than 255 characters, or
 * several fields).
 *
 * @example
 * parseIdempotencyKey('"8e03978e-40d5-43e8-bc93-6894a57f9324"'); // '8e03978e-40d5-43e8-bc93-6894a57f9324'
 * parseIdempotencyKey('8e03978e'); // undefined
 */
export function parseIdempotencyKey(value: string): string | undefined {
  const text = value.replace(/^[ \t]+|[ \t]+$/g, '');
  const m = SF_STRING.exec(text);
  if (!m || !SF_PARAMS.test(text.slice(m[0].length))) return undefined;
  const key = m[1]!.replace(/\\(["\\])/g, '$1');
  return key.length === 0 || key.length > MAX_KEY_LENGTH ? undefined : key;
}

/**
 * JSON with object keys sorted by UTF-16 code units and numbers and strings as `JSON.stringify`
 * writes them: the JSON Canonicalization Scheme (RFC 8785) for parsed JSON bodies, so key order
 * and white space do not change a request's fingerprint.
 *
 * @example
 * canonicalJson({ b: 1, a: [true, null] }); // '{"a":[true,null],"b":1}'
 */
export function canonicalJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  if (value && typeof value === 'object') {
    const keys = Object.keys(value).sort();
    return `{${keys.map((k) => `${JSON.stringify(k)}:${canonicalJson((value as Record<string, unknown>)[k])}`).join(',')}}`;
  }
  return JSON.stringify(value) ?? 'null';
}

const sha256 = (text: string) => createHash('sha256').update(text, 'utf8').digest('hex');

/** Keys of requests being processed now, per app (a key in flight answers 409). */
const inFlight = new WeakMap<AppDeps, Set<string>>();

/**
 * The answer to store with the created records, in the same atomic write.
 *
 * @example
 * await store.putIssued({ records: [record], idempotency: idempotencyWrite(claim, deps.clock(), 201, body, [record.id]) });
 */
export function idempotencyWrite(
  claim: IdempotencyClaim,
  now: Date,
  status: number,
  body: unknown,
  created: string[],
): IdempotencyWrite {
  // Kept as it is serialized, so the replay is the same answer.
  return idempotencyWriteOfText(claim, now, status, JSON.stringify(body), created);
}

/**
 * {@link idempotencyWrite} for an answer already serialized (`bodyText`, the bytes sent).
 *
 * @example
 * const write = idempotencyWriteOfText(claim, deps.clock(), 201, response, [id]);
 */
export function idempotencyWriteOfText(
  claim: IdempotencyClaim,
  now: Date,
  status: number,
  bodyText: string,
  created: string[],
): IdempotencyWrite {
  return {
    key: claim.key,
    entry: {
      fingerprint: claim.fingerprint,
      status,
      body: JSON.parse(bodyText),
      created,
      createdAt: now.toISOString(),
      expiresAt: now.getTime() + claim.ttlMs,
    },
  };
}

/**
 * The claim {@link idempotency} left for the route, if the request carried a key.
 *
 * @example
 * const claim = idempotencyClaim(res);
 * await signAndStore(deps, credential, { ...options, ...(claim && { idempotent: { claim, answer: issueResponse } }) });
 */
export function idempotencyClaim(res: Response): IdempotencyClaim | undefined {
  return res.locals.idempotency as IdempotencyClaim | undefined;
}

/**
 * `Idempotency-Key` (draft-ietf-httpapi-idempotency-key-header) for a route that creates
 * something; mounted after authentication and the JSON body parser. Without the header the
 * request goes on unchanged. With it:
 *
 * - a malformed key → 400 `MALFORMED_VALUE_ERROR` (§2.1: one sf-string);
 * - the same caller's request with the same key still being processed → 409
 *   `IDEMPOTENCY_KEY_IN_USE` (§2.7);
 * - a remembered, unexpired answer for the same caller and key: the same method, path and
 *   canonical body (SHA-256 fingerprint, §2.4) → that first answer again, status and body, with
 *   `Idempotent-Replayed: true`, and nothing is created; another request → 422
 *   `IDEMPOTENCY_KEY_REUSED`, and nothing is done;
 * - otherwise the route runs with `res.locals.idempotency` set, and stores its answer in the same
 *   atomic write as the records it creates. A request that fails creates nothing and leaves no
 *   answer behind, so it may be retried with the same key.
 *
 * `creates` lets a public route opt in only for the requests that create something (pathway
 * evaluation with `options.issue`); `authenticate` then runs first, as the route itself would.
 *
 * @example
 * app.post('/credentials/issue', requireScope(tokens, SCOPES.issue), ...body, idempotency(deps), handler);
 */
export function idempotency(
  deps: AppDeps,
  options: { creates?: (req: Request) => boolean; authenticate?: RequestHandler } = {},
): RequestHandler {
  return (req, res, next) => {
    let key: string | undefined;
    try {
      key = requestIdempotencyKey(req);
    } catch (error) {
      return next(error);
    }
    if (key === undefined) return next();
    if (options.creates && !options.creates(req)) return next();
    const proceed = (error?: unknown) => (error ? next(error) : claim(deps, key, req, res, next));
    if (options.authenticate) options.authenticate(req, res, proceed);
    else proceed();
  };
}

/**
 * The request's `Idempotency-Key` (its sf-string's content), undefined when it has none; a
 * malformed one is a 400 `MALFORMED_VALUE_ERROR` naming the header.
 *
 * @example
 * const key = requestIdempotencyKey(req); // '8e03978e-…' | undefined
 */
export function requestIdempotencyKey(req: Request): string | undefined {
  const header = req.headers['idempotency-key'];
  if (header === undefined) return undefined;
  const key = typeof header === 'string' ? parseIdempotencyKey(header) : undefined;
  if (key === undefined) {
    throw new ProblemError(
      400,
      'MALFORMED_VALUE_ERROR',
      `Idempotency-Key must be one quoted string of 1 to ${MAX_KEY_LENGTH} characters (an RFC 8941 sf-string), such as "8e03978e-40d5-43e8-bc93-6894a57f9324".`,
      { extra: { header: 'Idempotency-Key' } },
    );
  }
  return key;
}

/**
 * Where a caller's key is remembered: keys are per token (its name), kept only as a SHA-256.
 *
 * @example
 * idempotencyStorageKey(res.locals.caller, key); // 64 hex digits
 */
export function idempotencyStorageKey(caller: Caller, key: string): string {
  return sha256(`${caller.name}\n${key}`);
}

/**
 * Marks a caller's key (its {@link idempotencyStorageKey}) as being processed, for this app:
 * returns the function that releases it, or `undefined` when a request with it is in flight
 * already (its answer is 409 `IDEMPOTENCY_KEY_IN_USE`).
 *
 * @example
 * const release = holdIdempotencyKey(deps, storageKey);
 * if (!release) throw inUse;
 */
export function holdIdempotencyKey(deps: AppDeps, storageKey: string): (() => void) | undefined {
  let keys = inFlight.get(deps);
  if (!keys) {
    keys = new Set();
    inFlight.set(deps, keys);
  }
  if (keys.has(storageKey)) return undefined;
  const held = keys;
  held.add(storageKey);
  return () => {
    held.delete(storageKey);
  };
}

/**
 * A request's fingerprint (§2.4): SHA-256 (hex) of its method, path and canonical JSON body.
 *
 * @example
 * requestFingerprint('POST', '/credentials/issue', req.body); // 64 hex digits
 */
export function requestFingerprint(method: string, path: string, body: unknown): string {
  return sha256(`${method} ${path}\n${canonicalJson(body)}`);
}

function claim(deps: AppDeps, key: string, req: Request, res: Response, next: NextFunction) {
  const caller = res.locals.caller as Caller;
  const storageKey = idempotencyStorageKey(caller, key);
  const release = holdIdempotencyKey(deps, storageKey);
  if (!release) {
    return next(
      new ProblemError(
        409,
        'IDEMPOTENCY_KEY_IN_USE',
        'A request with this Idempotency-Key is still being processed; retry once it has been answered.',
      ),
    );
  }
  res.once('finish', release);
  res.once('close', release);
  const fingerprint = requestFingerprint(req.method, req.path, req.body);
  deps.store.getIdempotency(storageKey).then((entry) => {
    if (!entry || entry.expiresAt <= deps.clock().getTime()) {
      res.locals.idempotency = {
        key: storageKey,
        fingerprint,
        ttlMs: deps.config.idempotencyTtlMs ?? DEFAULT_IDEMPOTENCY_TTL_MS,
      } satisfies IdempotencyClaim;
      return next();
    }
    if (entry.fingerprint !== fingerprint) {
      return next(
        new ProblemError(
          422,
          'IDEMPOTENCY_KEY_REUSED',
          'This Idempotency-Key was already used for another request (a different body or endpoint); nothing was done. Use a new key for a new request.',
        ),
      );
    }
    deps.logger.info({ created: entry.created, by: caller.name }, 'idempotent request replayed');
    res.setHeader('Idempotent-Replayed', 'true');
    res.status(entry.status).json(entry.body);
  }, next);
}
