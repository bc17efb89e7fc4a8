import {
  isEnvelopedPresentation,
  type Problem,
  problem,
  verifyPresentationJwt,
  verifyPresentationProof,
} from '@repo/core';
import { checkCredentialShape } from '../checks/check-format.ts';
import { droppedByProof } from '../checks/find-proto-key.ts';
import type { Check, PresentationVerification } from '../types.ts';
import type { VerifierContext } from './resolve-options.ts';
import { internalError, summarize } from './summarize.ts';
import { type CallOptions, verifyOneCredential } from './verify-one-credential.ts';

/** Options of one presentation check (V4). */
export interface PresentationOptions {
  /** The challenge you gave the holder; required of a signed presentation when set. */
  challenge?: string;
  /** The domain you expect the presentation to be bound to. */
  domain?: string;
  /** Accept a presentation without a proof (its credentials are still verified). Default false. */
  unsignedPresentation?: boolean;
}

/**
 * Verifies a presentation with a resolved verifier context: the holder's proof (Data Integrity,
 * or a `vp+jwt` / VC 1.1 `vp` JWT, compact or enveloped) with `challenge` and `domain` (V4), then
 * every credential in it, concurrently. Never throws.
 *
 * @example
 * const result = await verifyOnePresentation(ctx, vp, { challenge: 'abc' });
 */
export async function verifyOnePresentation(
  ctx: VerifierContext,
  presentation: unknown,
  opts: PresentationOptions & CallOptions = {},
): Promise<PresentationVerification> {
  try {
    return await verifyPresentationOnce(ctx, presentation, opts);
  } catch {
    // Defence in depth, as for credentials: odd input (a throwing getter…) must not throw.
    return { ...internalError('presentation'), credentialResults: [] };
  }
}

async function verifyPresentationOnce(
  ctx: VerifierContext,
  presentation: unknown,
  opts: PresentationOptions & CallOptions,
): Promise<PresentationVerification> {
  const { documentLoader, now, skew } = ctx;
  if (typeof presentation === 'string' || isEnvelopedPresentation(presentation)) {
    return verifyJwtPresentation(ctx, presentation, opts);
  }
  const shape = checkCredentialShape(presentation, 'presentation');
  if (shape) return { ...summarize([{ id: 'format', status: 'failed', problem: shape }]), credentialResults: [] };
  const vp = presentation as Record<string, unknown>;
  const checks: Check[] = [{ id: 'format', status: 'passed' }];
  if (vp.proof === undefined) {
    if (opts.unsignedPresentation && opts.challenge === undefined && opts.domain === undefined) {
      checks.push({ id: 'presentation', status: 'skipped', message: 'Unsigned presentation accepted as asked.' });
    } else {
      checks.push({
        id: 'presentation',
        status: 'failed',
        problem: problem('PROOF_VERIFICATION_ERROR', 'The presentation is not signed by its holder.', '/proof'),
      });
    }
  } else {
    const pOpts: Parameters<typeof verifyPresentationProof>[1] = {
      documentLoader,
      now: (opts.now ?? now)(),
      skewSeconds: skew,
    };
    if (opts.challenge !== undefined) pOpts.challenge = opts.challenge;
    if (opts.domain !== undefined) pOpts.domain = opts.domain;
    const r = droppedByProof(vp) ?? (await verifyPresentationProof(vp, pOpts));
    checks.push(
      r.verified
        ? { id: 'presentation', status: 'passed', details: { verificationMethod: r.verificationMethod } }
        : { id: 'presentation', status: 'failed', problem: r.problem! },
    );
  }
  return withCredentials(ctx, vp, checks, opts);
}

/**
 * A presentation secured as a JWT — VC-JOSE-COSE §3.2 `vp+jwt` or a VC 1.1 `vp`-claim JWT,
 * compact or as an `EnvelopedVerifiablePresentation` (VC 2.0 §4.13.2): the `presentation` check
 * is the holder's JWS (J1–J3; the `kid` an `authentication` key of the holder; `challenge` ↔
 * `nonce`, `domain` ↔ `aud`), then every credential inside is verified as usual.
 */
async function verifyJwtPresentation(
  ctx: VerifierContext,
  input: unknown,
  opts: PresentationOptions & CallOptions,
): Promise<PresentationVerification> {
  const { resolveHolderKey, jwtAlgorithms, now, skew } = ctx;
  const r = await verifyPresentationJwt(input, {
    resolveKey: resolveHolderKey,
    algorithms: jwtAlgorithms,
    now: (opts.now ?? now)(),
    skewSeconds: skew,
    ...(opts.challenge !== undefined && { challenge: opts.challenge }),
    ...(opts.domain !== undefined && { domain: opts.domain }),
  });
  const vp = r.presentation;
  const shape = vp === undefined ? r.problem : checkCredentialShape(vp, 'presentation');
  if (shape || !vp) {
    return { ...summarize([{ id: 'format', status: 'failed', problem: shape! }]), credentialResults: [] };
  }
  const details = { format: r.format, alg: r.alg, kid: r.kid, holder: r.holder };
  const checks: Check[] = [
    { id: 'format', status: 'passed', details: { format: r.format } },
    r.verified
      ? { id: 'presentation', status: 'passed', message: 'The holder signed this presentation JWT.', details }
      : { id: 'presentation', status: 'failed', problem: r.problem!, details },
  ];
  return withCredentials(ctx, vp, checks, opts);
}

/**
 * Verifies every credential of a presentation, concurrently (each result in the order sent), and
 * adds their results to the presentation's checks.
 */
async function withCredentials(
  ctx: VerifierContext,
  vp: Record<string, unknown>,
  checks: Check[],
  opts: PresentationOptions & CallOptions,
): Promise<PresentationVerification> {
  const raw = vp.verifiableCredential;
  const list = raw === undefined ? [] : Array.isArray(raw) ? raw : [raw];
  const credentialResults = await Promise.all(list.map((c) => verifyOneCredential(ctx, c, opts)));
  const result = summarize(checks);
  const problems: Problem[] = [...result.problems, ...credentialResults.flatMap((r) => r.problems)];
  return {
    verified: result.verified && credentialResults.every((r) => r.verified),
    checks,
    problems,
    credentialResults,
  };
}
