import type { Request, Response } from 'express';
import type { AppDeps } from '../deps.ts';
import { ProblemError } from '../http/problem-error.ts';

function only(body: Record<string, unknown>, allowed: string[], optionNames: string[]): Record<string, unknown> {
  for (const k of Object.keys(body)) {
    if (!allowed.includes(k))
      throw new ProblemError(400, 'MALFORMED_VALUE_ERROR', `Unknown request field "${k}".`, { pointer: `/${k}` });
  }
  const options = body.options ?? {};
  if (!options || typeof options !== 'object' || Array.isArray(options)) {
    throw new ProblemError(400, 'MALFORMED_VALUE_ERROR', 'options must be an object.', { pointer: '/options' });
  }
  for (const k of Object.keys(options)) {
    if (!optionNames.includes(k)) {
      throw new ProblemError(400, 'UNKNOWN_OPTION_PROVIDED', `Unknown option "${k}".`, { pointer: `/options/${k}` });
    }
  }
  return options as Record<string, unknown>;
}

/**
 * `POST /credentials/verify` `{ verifiableCredential }` → 200 `{ verified: true, checks, problems }`,
 * or 422 `{ verified: false, … }` with the verifier library's per-check results.
 *
 * @example
 * app.post('/credentials/verify', ...jsonBody(limits), verifyCredentialRoute(deps));
 */
export function verifyCredentialRoute(deps: AppDeps) {
  return async (req: Request, res: Response): Promise<void> => {
    only(req.body, ['verifiableCredential', 'options'], []);
    if (!('verifiableCredential' in req.body)) {
      throw new ProblemError(400, 'MALFORMED_VALUE_ERROR', 'verifiableCredential is required.', {
        pointer: '/verifiableCredential',
      });
    }
    const result = await deps.verifier.verifyCredential(req.body.verifiableCredential, { now: deps.clock });
    res.status(result.verified ? 200 : 422).json(result);
  };
}

/**
 * `POST /presentations/verify` `{ verifiablePresentation, options: { challenge, domain } }`:
 * signed presentations are checked for the holder's proof, `challenge` and `domain` (V4);
 * unsigned ones are accepted when neither is asked for. Every credential inside is verified.
 *
 * @example
 * app.post('/presentations/verify', ...jsonBody(limits), verifyPresentationRoute(deps));
 */
export function verifyPresentationRoute(deps: AppDeps) {
  return async (req: Request, res: Response): Promise<void> => {
    const options = only(req.body, ['verifiablePresentation', 'options'], ['challenge', 'domain']);
    if (!('verifiablePresentation' in req.body)) {
      throw new ProblemError(400, 'MALFORMED_VALUE_ERROR', 'verifiablePresentation is required.', {
        pointer: '/verifiablePresentation',
      });
    }
    for (const k of ['challenge', 'domain'] as const) {
      if (options[k] !== undefined && typeof options[k] !== 'string') {
        throw new ProblemError(400, 'MALFORMED_VALUE_ERROR', `options.${k} must be a string.`, {
          pointer: `/options/${k}`,
        });
      }
    }
    const p: { challenge?: string; domain?: string; unsignedPresentation: boolean; now: () => Date } = {
      unsignedPresentation: true,
      now: deps.clock,
    };
    if (typeof options.challenge === 'string') p.challenge = options.challenge;
    if (typeof options.domain === 'string') p.domain = options.domain;
    const result = await deps.verifier.verifyPresentation(req.body.verifiablePresentation, p);
    res.status(result.verified ? 200 : 422).json(result);
  };
}
