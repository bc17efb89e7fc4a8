import { isEnvelopedCredential, openCredential, type Problem, problem, VcError } from '@repo/core';
import type { Check, CredentialVerification, RefreshFetcher } from '../types.ts';
import { checkCredentialShape } from './check-format.ts';
import { issuerIdOf } from './check-issuer.ts';

/**
 * The OB 3.0 refresh service type (1EdTech Verifiable Credential Refresh 1.0).
 *
 * @example
 * const refreshService = { id: 'https://certs.example/credentials/refresh/urn%3Auuid%3A…', type: REFRESH_SERVICE_TYPE };
 */
export const REFRESH_SERVICE_TYPE = '1EdTechCredentialRefresh';

/** What {@link checkRefresh} needs besides the credential. */
export interface RefreshCheckContext {
  /** The credential's issuer id. */
  issuer: string | undefined;
  /** The credential's id. */
  credentialId: string | undefined;
  /** Whether the credential's own proof verified: nothing is fetched for a forged credential. */
  proofPassed: boolean;
  fetchRefresh: RefreshFetcher;
  /**
   * Verifies the fetched credential (proof, validity, status…) without refreshing it again: the
   * document as fetched (a Data Integrity credential, or an `EnvelopedVerifiableCredential`).
   */
  verify(credential: unknown): Promise<CredentialVerification>;
}

/** The `refresh` check, and the newer credential when the refresh found one. */
export interface RefreshOutcome {
  check: Check;
  /** The current credential of the lineage, verified, when it is not the one checked. */
  current?: Record<string, unknown>;
}

/**
 * OB 3.0 §9.1 "OpenBadgeCredential Verification" step 3: only after the proof passed, GET the
 * `1EdTechCredentialRefresh` service once and trust the answer only if it is a credential of the
 * same issuer (and subject) that verifies on its own — a Data Integrity credential, or a JWT one
 * (enveloped, VC-JOSE-COSE) whose decoded credential is compared. A newer id → `passed` with
 * `details.current`; the same id → `passed`, "This is the current version."; anything else →
 * `skipped` with the problem in `details.problem`: "If the refresh is not successful, continue
 * the verification process using the original" — a refresh never makes a credential fail.
 *
 * @example
 * const { check, current } = await checkRefresh(credential, ctx);
 * if (current) console.log(`superseded by ${current.id}`);
 */
export async function checkRefresh(
  credential: Record<string, unknown>,
  ctx: RefreshCheckContext,
): Promise<RefreshOutcome> {
  const skipped = (message: string, details?: Record<string, unknown>): RefreshOutcome => ({
    check: { id: 'refresh', status: 'skipped', message, ...(details && { details }) },
  });
  if (!ctx.proofPassed) {
    return skipped('Not refreshed: a credential whose proof failed is never refreshed.');
  }
  const url = refreshServiceUrl(credential.refreshService);
  if (url === undefined) return skipped(`The credential has no ${REFRESH_SERVICE_TYPE} service.`);
  const notTrusted = (p: Problem, extra: Record<string, unknown> = {}): RefreshOutcome =>
    skipped(`Not refreshed: ${p.detail} The credential was verified as presented.`, { url, problem: p, ...extra });

  let doc: unknown;
  try {
    doc = await ctx.fetchRefresh(url);
  } catch (error) {
    const why = error instanceof VcError ? ` (${error.message})` : '';
    return notTrusted(problem('SERVICE_UNAVAILABLE', `The refresh service at ${url} could not be reached${why}.`));
  }
  // A JWT credential (VC-JOSE-COSE) comes back enveloped: its claims are read from the JWT.
  const opened = openJwt(doc);
  if (opened && 'problem' in opened) {
    return notTrusted(
      problem(
        'MALFORMED_VALUE_ERROR',
        `The refresh service did not answer with a credential: ${opened.problem.detail}`,
      ),
    );
  }
  const shape = checkCredentialShape(opened ? opened.credential : doc);
  if (shape) {
    return notTrusted(
      problem('MALFORMED_VALUE_ERROR', `The refresh service did not answer with a credential: ${shape.detail}`),
    );
  }
  const current = (opened ? opened.credential : doc) as Record<string, unknown>;
  const currentIssuer = issuerIdOf(current);
  if (currentIssuer === undefined || currentIssuer !== ctx.issuer) {
    return notTrusted(
      problem(
        'UNTRUSTED_ISSUER',
        `The refresh service answered with a credential of ${currentIssuer ?? 'no issuer'}, not of ${ctx.issuer ?? 'this issuer'}.`,
        '/issuer',
      ),
    );
  }
  const currentId = typeof current.id === 'string' ? current.id : undefined;
  if (currentId !== undefined && currentId === ctx.credentialId) {
    return {
      check: { id: 'refresh', status: 'passed', message: 'This is the current version.', details: { url, currentId } },
    };
  }
  if (currentId === undefined) {
    return notTrusted(problem('MALFORMED_VALUE_ERROR', 'The refreshed credential has no id.', '/id'));
  }
  const ours = subjectIdOf(credential);
  if (ours !== undefined && subjectIdOf(current) !== ours) {
    return notTrusted(
      problem(
        'MALFORMED_VALUE_ERROR',
        'The refresh service answered with a credential about another subject.',
        '/credentialSubject/id',
      ),
      { currentId },
    );
  }
  const verification = await ctx.verify(doc);
  if (!verification.verified) {
    const first = verification.problems[0];
    return notTrusted(
      problem(
        first?.title ?? 'PROOF_VERIFICATION_ERROR',
        `The refreshed credential ${currentId} does not verify${first ? `: ${first.detail}` : '.'}`,
        first?.pointer,
      ),
      { currentId },
    );
  }
  return {
    check: {
      id: 'refresh',
      status: 'passed',
      message: `A newer version of this credential exists: ${currentId}.`,
      details: {
        url,
        currentId,
        current,
        // VC 2.0 §5.3 relatedResource: a successor names its predecessor (it may name a later one).
        namesThisAsPredecessor: ctx.credentialId !== undefined && relatedIds(current).includes(ctx.credentialId),
      },
    },
    current,
  };
}

/** The credential inside a JWT answer (a compact JWS or an enveloped one); undefined for any other answer. */
function openJwt(doc: unknown): { credential: Record<string, unknown> } | { problem: Problem } | undefined {
  if (typeof doc !== 'string' && !isEnvelopedCredential(doc)) return undefined;
  const opened = openCredential(doc);
  return 'problem' in opened ? opened : { credential: opened.credential };
}

/** The `id` of the first `refreshService` of type `1EdTechCredentialRefresh` with an http(s) URL. */
function refreshServiceUrl(raw: unknown): string | undefined {
  const services = Array.isArray(raw) ? raw : [raw];
  for (const s of services) {
    if (!s || typeof s !== 'object') continue;
    const { id, type } = s as { id?: unknown; type?: unknown };
    const types = Array.isArray(type) ? type : [type];
    if (types.includes(REFRESH_SERVICE_TYPE) && typeof id === 'string' && /^https?:\/\/[^\s]+$/i.test(id)) return id;
  }
  return undefined;
}

function subjectIdOf(credential: Record<string, unknown>): string | undefined {
  const raw = credential.credentialSubject;
  const subject = Array.isArray(raw) ? raw[0] : raw;
  const id = subject && typeof subject === 'object' ? (subject as { id?: unknown }).id : undefined;
  return typeof id === 'string' ? id : undefined;
}

function relatedIds(credential: Record<string, unknown>): string[] {
  const raw = credential.relatedResource;
  const list = Array.isArray(raw) ? raw : raw === undefined ? [] : [raw];
  return list.flatMap((r) => {
    const id = r && typeof r === 'object' ? (r as { id?: unknown }).id : undefined;
    return typeof id === 'string' ? [id] : [];
  });
}
