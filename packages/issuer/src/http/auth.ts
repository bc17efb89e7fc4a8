import { createHash, timingSafeEqual } from 'node:crypto';
import type { RequestHandler } from 'express';
import { ProblemError } from './problem-error.ts';

/** Scopes a token can carry (SECURITY-CHECKLIST A5). */
export const SCOPES = {
  issue: 'write:/credentials/issue',
  status: 'write:/credentials/status',
  read: 'read:/credentials',
  pathways: 'write:/pathways',
  achievements: 'write:/achievements',
} as const;
export type Scope = (typeof SCOPES)[keyof typeof SCOPES];

/** A configured token, kept only as its SHA-256 (never the token itself). */
export interface TokenEntry {
  name: string;
  sha256: string;
  scopes: readonly string[];
}

/** Who made a request, after authentication. */
export interface Caller {
  name: string;
  scopes: readonly string[];
}

/**
 * SHA-256 (hex) of a bearer token, the form in which tokens are configured and kept.
 *
 * @example
 * hashToken('s3cr3t'); // '4e738ca5…'
 */
export function hashToken(token: string): string {
  return createHash('sha256').update(token, 'utf8').digest('hex');
}

const TOKEN68 = /^[A-Za-z0-9\-._~+/]+=*$/;

/**
 * Requires `Authorization: Bearer <token>` holding `scope` (RFC 6750). No token → 401 with
 * `WWW-Authenticate: Bearer` (A1); unknown or malformed → 401 `invalid_token` (A2); known but
 * without the scope → 403 `insufficient_scope` (A5). Tokens are compared by digest in constant
 * time and never logged.
 *
 * @example
 * app.post('/credentials/issue', requireScope(tokens, SCOPES.issue), handler);
 */
export function requireScope(tokens: readonly TokenEntry[], scope: Scope): RequestHandler {
  const digests = tokens.map((t) => ({ entry: t, digest: Buffer.from(t.sha256, 'hex') }));
  return (req, res, next) => {
    const header = req.headers.authorization;
    if (!header) {
      return next(
        new ProblemError(401, 'UNAUTHORIZED', 'This endpoint needs "Authorization: Bearer <token>".', {
          headers: { 'WWW-Authenticate': 'Bearer realm="issuer"' },
        }),
      );
    }
    const m = /^Bearer +(\S+)\s*$/i.exec(header);
    const invalid = () =>
      new ProblemError(401, 'UNAUTHORIZED', 'The bearer token is not valid.', {
        headers: { 'WWW-Authenticate': 'Bearer realm="issuer", error="invalid_token"' },
      });
    if (!m || !TOKEN68.test(m[1]!)) return next(invalid());
    const digest = Buffer.from(hashToken(m[1]!), 'hex');
    let found: TokenEntry | undefined;
    for (const d of digests) if (timingSafeEqual(d.digest, digest)) found = d.entry;
    if (!found) return next(invalid());
    if (!found.scopes.includes(scope)) {
      return next(
        new ProblemError(403, 'FORBIDDEN', `This token lacks the scope "${scope}".`, {
          headers: { 'WWW-Authenticate': `Bearer realm="issuer", error="insufficient_scope", scope="${scope}"` },
        }),
      );
    }
    res.locals.caller = { name: found.name, scopes: found.scopes } satisfies Caller;
    next();
  };
}
