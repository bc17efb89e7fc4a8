import { problem } from '@repo/core';
import type { Request, Response } from 'express';
import { applyIssuedChallenge } from '../challenges/apply-issued-challenge.ts';
import type { ChallengeStore } from '../challenges/challenge-store.ts';
import type { AppDeps } from '../deps.ts';
import { ProblemError } from '../http/problem-error.ts';
import { readVerifyOptions } from './verify-options.ts';

/**
 * The thing to verify in a verify request: `body[field]` (the VC-API shape), a compact JWS sent
 * as the body (`Content-Type: application/vc+jwt` / `vp+jwt`), or — sent bare — the credential or
 * presentation itself (an object with an `@context`). Anything else → 400 saying how to wrap it.
 */
function subjectOf(
  req: Request,
  res: Response,
  field: string,
): { value: unknown; options: unknown; alsoSecuredAs?: { field: string; value: unknown } } {
  if (typeof res.locals.compactJwt === 'string') return { value: res.locals.compactJwt, options: undefined };
  const body = req.body as Record<string, unknown>;
  if (field in body) {
    // The issue answer of a `di+jwt` credential is accepted as it is: the JWT beside the credential
    // (`envelopedVerifiableCredential`, or `jwt` for VC 1.1) is verified too.
    const beside = field === 'verifiableCredential' ? ['envelopedVerifiableCredential', 'jwt'] : [];
    for (const k of Object.keys(body)) {
      if (k !== field && k !== 'options' && !beside.includes(k))
        throw new ProblemError(400, 'MALFORMED_VALUE_ERROR', `Unknown request field "${k}".`, { pointer: `/${k}` });
    }
    const also = beside.find((k) => k in body);
    return {
      value: body[field],
      options: body.options,
      ...(also === undefined ? {} : { alsoSecuredAs: { field: also, value: body[also] } }),
    };
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
    const { value, options, alsoSecuredAs } = subjectOf(req, res, 'verifiableCredential');
    const { checks } = readVerifyOptions(options, 'credential');
    const call = { now: deps.clock, ...(checks && { checks }) };
    const result = await deps.verifier.verifyCredential(value, call);
    if (alsoSecuredAs) {
      // Both securings must verify, and must carry the same credential.
      const other = await deps.verifier.verifyCredential(alsoSecuredAs.value, call);
      const same = JSON.stringify(stripProof(other.credential)) === JSON.stringify(stripProof(value));
      const verified = result.verified && other.verified && same;
      const body: Record<string, unknown> = { ...result, verified, [alsoSecuredAs.field]: other };
      if (!same && other.verified) {
        body.problems = [
          ...result.problems,
          problem(
            'MALFORMED_VALUE_ERROR',
            `${alsoSecuredAs.field} carries another credential.`,
            `/${alsoSecuredAs.field}`,
          ),
        ];
      } else if (!other.verified) body.problems = [...result.problems, ...other.problems];
      res.status(verified ? 200 : 422).json(body);
      return;
    }
    res.status(result.verified ? 200 : 422).json(result);
  };
}

/** Takes our `requireIssuedChallenge` option out of a presentation verify request's `options`. */
function takeRequireIssued(options: unknown): { requireIssued: boolean; rest: unknown } {
  if (
    !options ||
    typeof options !== 'object' ||
    Array.isArray(options) ||
    !Object.hasOwn(options, 'requireIssuedChallenge')
  )
    return { requireIssued: false, rest: options };
  const { requireIssuedChallenge, ...rest } = options as Record<string, unknown>;
  if (typeof requireIssuedChallenge !== 'boolean') {
    throw new ProblemError(400, 'MALFORMED_VALUE_ERROR', 'options.requireIssuedChallenge must be true or false.', {
      pointer: '/options/requireIssuedChallenge',
    });
  }
  return { requireIssued: requireIssuedChallenge, rest };
}

/**
 * `POST /presentations/verify` (VC-API "Verify Presentation") `{ verifiablePresentation,
 * options: { challenge, domain, checks, requireIssuedChallenge } }`: signed presentations are
 * checked for the holder's proof, `challenge` and `domain` (V4); unsigned ones are accepted when
 * neither is asked for. Every credential inside is verified. A `challenge` this service issued
 * (`POST /challenges`) is single-use: accepted once, before it expires, then refused as used
 * (`INVALID_CHALLENGE_ERROR`); with `requireIssuedChallenge: true`, a challenge it did not issue
 * (or no longer remembers) is refused too.
 *
 * @example
 * app.post('/presentations/verify', ...jsonBody(limits), verifyPresentationRoute(deps, challenges));
 */
export function verifyPresentationRoute(deps: AppDeps, challenges: ChallengeStore) {
  return async (req: Request, res: Response): Promise<void> => {
    const { value, options: raw } = subjectOf(req, res, 'verifiablePresentation');
    const { requireIssued, rest: options } = takeRequireIssued(raw);
    const { checks, challenge, domain } = readVerifyOptions(options, 'presentation');
    if (requireIssued && challenge === undefined) {
      throw new ProblemError(
        400,
        'MALFORMED_VALUE_ERROR',
        'options.requireIssuedChallenge needs options.challenge: the challenge POST /challenges issued.',
        { pointer: '/options/challenge' },
      );
    }
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
    const verified = await deps.verifier.verifyPresentation(value, p);
    const result = applyIssuedChallenge(verified, challenge, challenges, requireIssued);
    res.status(result.verified ? 200 : 422).json(result);
  };
}

/** A credential without its embedded proof, and without the JWT registered claims a JWT adds. */
function stripProof(doc: unknown): unknown {
  if (!doc || typeof doc !== 'object') return doc;
  const { proof: _p, iss: _i, jti: _j, nbf: _n, sub: _s, exp: _e, iat: _t, ...rest } = doc as Record<string, unknown>;
  return rest;
}
