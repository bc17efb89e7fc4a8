import type { Request, Response } from 'express';
import type { AppDeps } from '../deps.ts';
import { ProblemError } from '../http/problem-error.ts';
import { readVerifyOptions } from './verify-options.ts';

/**
 * The thing to verify in a verify request: `body[field]` (the VC-API shape), a compact JWS sent
 * as the body (`Content-Type: application/vc+jwt` / `vp+jwt`), or — sent bare — the credential or
 * presentation itself (an object with an `@context`). Anything else → 400 saying how to wrap it.
 */
function subjectOf(req: Request, res: Response, field: string): { value: unknown; options: unknown } {
  if (typeof res.locals.compactJwt === 'string') return { value: res.locals.compactJwt, options: undefined };
  const body = req.body as Record<string, unknown>;
  if (field in body) {
    for (const k of Object.keys(body)) {
      if (k !== field && k !== 'options')
        throw new ProblemError(400, 'MALFORMED_VALUE_ERROR', `Unknown request field "${k}".`, { pointer: `/${k}` });
    }
    return { value: body[field], options: body.options };
  }
  if ('@context' in body) return { value: body, options: undefined };
  throw new ProblemError(
    400,
    'MALFORMED_VALUE_ERROR',
    `${field} is required: send { "${field}": <the ${field === 'verifiableCredential' ? 'credential' : 'presentation'}>, "options": {…} }, or the document itself as the body.`,
    { pointer: `/${field}` },
  );
}

/**
 * `POST /credentials/verify` (VC-API "Verify Credential") `{ verifiableCredential, options? }`
 * → 200 `{ verified: true, checks, problems }`, or 422 `{ verified: false, … }` with the verifier
 * library's per-check results. `options.checks` limits the checks run (`proof` always runs).
 * The credential may also be sent bare, or as an `application/vc+jwt` body.
 *
 * @example
 * app.post('/credentials/verify', ...jsonBody(limits), verifyCredentialRoute(deps));
 */
export function verifyCredentialRoute(deps: AppDeps) {
  return async (req: Request, res: Response): Promise<void> => {
    const { value, options } = subjectOf(req, res, 'verifiableCredential');
    const { checks } = readVerifyOptions(options, 'credential');
    const result = await deps.verifier.verifyCredential(value, { now: deps.clock, ...(checks && { checks }) });
    res.status(result.verified ? 200 : 422).json(result);
  };
}

/**
 * `POST /presentations/verify` (VC-API "Verify Presentation") `{ verifiablePresentation,
 * options: { challenge, domain, checks } }`: signed presentations are checked for the holder's
 * proof, `challenge` and `domain` (V4); unsigned ones are accepted when neither is asked for.
 * Every credential inside is verified.
 *
 * @example
 * app.post('/presentations/verify', ...jsonBody(limits), verifyPresentationRoute(deps));
 */
export function verifyPresentationRoute(deps: AppDeps) {
  return async (req: Request, res: Response): Promise<void> => {
    const { value, options } = subjectOf(req, res, 'verifiablePresentation');
    const { checks, challenge, domain } = readVerifyOptions(options, 'presentation');
    const p: {
      challenge?: string;
      domain?: string;
      unsignedPresentation: boolean;
      now: () => Date;
      checks?: typeof checks;
    } = {
      unsignedPresentation: true,
      now: deps.clock,
    };
    if (challenge !== undefined) p.challenge = challenge;
    if (domain !== undefined) p.domain = domain;
    if (checks !== undefined) p.checks = checks;
    const result = await deps.verifier.verifyPresentation(value, p);
    res.status(result.verified ? 200 : 422).json(result);
  };
}
