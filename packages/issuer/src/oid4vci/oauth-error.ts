import { Oauth2ResourceUnauthorizedError, Oauth2ServerErrorResponseError } from '@openid4vc/oauth2';
import type { NextFunction, Request, Response } from 'express';
import { ProblemError } from '../http/problem-error.ts';

/**
 * An OAuth 2.0 error answer (RFC 6749 §5.2 at the token endpoint, OID4VCI 1.0 §8.3.1.2 at the
 * credential endpoint): `{ error, error_description }`, status 400 unless said otherwise. 401
 * answers carry `WWW-Authenticate` (RFC 6750 §3).
 *
 * @example
 * throw new OAuthError('invalid_grant', 'This offer expired at 2026-03-15T12:00:00Z.');
 */
export class OAuthError extends Error {
  readonly error: string;
  readonly status: number;
  readonly wwwAuthenticate: string | undefined;
  constructor(error: string, description: string, options: { status?: number; wwwAuthenticate?: string } = {}) {
    super(description);
    this.name = 'OAuthError';
    this.error = error;
    this.status = options.status ?? 400;
    this.wwwAuthenticate = options.wwwAuthenticate;
  }
}

/** RFC 6749 §5.2 / OID4VCI §8.3.1.2: `error_description` is printable ASCII without `"` and `\`. */
function asciiDescription(text: string): string {
  return text
    .normalize('NFKD')
    .replace(/[’‘]/g, "'")
    .replace(/[^\x20-\x21\x23-\x5B\x5D-\x7E]/g, '')
    .slice(0, 500);
}

/**
 * Writes an OAuth error as JSON with `Cache-Control: no-store`. Our {@link OAuthError}s, the
 * `@openid4vc` libraries' server errors and 401s, and the body reader's problems (a JSON body
 * that cannot be read is `invalid_request`, or `invalid_credential_request` at the credential
 * endpoint) are answered; anything else goes on to the problem handler (a logged, generic 500).
 *
 * @example
 * app.post('/oid4vci/token', form, handler, oauthErrors('invalid_request'));
 */
export function oauthErrors(malformed: 'invalid_request' | 'invalid_credential_request') {
  return (err: unknown, _req: Request, res: Response, next: NextFunction): void => {
    let answer: OAuthError | undefined;
    if (err instanceof OAuthError) answer = err;
    else if (err instanceof Oauth2ServerErrorResponseError) {
      const { error, error_description } = err.errorResponse;
      answer = new OAuthError(error, error_description ?? error, { status: err.status });
    } else if (err instanceof Oauth2ResourceUnauthorizedError) {
      const first = err.wwwAuthenticateHeaders[0];
      answer = new OAuthError(
        first?.error ?? 'invalid_token',
        first?.error_description ?? 'The access token is not valid.',
        {
          status: 401,
          wwwAuthenticate: err.toHeaderValue(),
        },
      );
    } else if (err instanceof ProblemError && err.status < 500) {
      answer = new OAuthError(malformed, err.message, {
        status: err.status === 413 || err.status === 415 ? err.status : 400,
      });
    }
    if (!answer) {
      next(err);
      return;
    }
    res.setHeader('Cache-Control', 'no-store');
    if (answer.wwwAuthenticate) res.setHeader('WWW-Authenticate', answer.wwwAuthenticate);
    res.status(answer.status).json({ error: answer.error, error_description: asciiDescription(answer.message) });
  };
}
