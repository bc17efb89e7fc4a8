import { isCompactJws, problem } from '@repo/core';
import { isObject } from '@repo/schemas';
import { isOb2Assertion } from '../input/detect-version.ts';
import type { Check, CredentialVerification } from '../types.ts';
import type { VerifierContext } from '../verify/resolve-options.ts';
import { formatFailed, summarize } from '../verify/summarize.ts';
import { checkOb2Hosted } from './check-ob2-hosted.ts';
import { checkOb2Signed } from './check-ob2-signed.ts';
import { finishOb2, type Ob2CallOptions } from './finish-ob2.ts';
import { loadOb2Document } from './load-ob2-documents.ts';
import { fetchOb2Document, type Ob2Fetched } from './ob2-fetcher.ts';
import { readOb2Assertion } from './read-ob2-assertion.ts';
import { ob2AlgorithmProblem, ob2Algorithms, splitOb2Jws } from './verify-ob2-jws.ts';

const FORMAT_PASSED: Check = { id: 'format', status: 'passed', details: { standard: 'Open Badges 2.0' } };

/**
 * Verifies an Open Badges 2.0 (or 1.x) assertion: a hosted one given as JSON (OB 2.0 "HostedBadge
 * Verification": the issuer's hosted copy at its `id` is fetched, compared with the one presented
 * and trusted from then on; its `id` must be within the issuer Profile's verification policy) or
 * a signed one given as its compact JWS (OB 2.0 "SignedBadge Verification": the key comes from the
 * hosted issuer Profile). The result has the same shape as for OB 3.0. Never throws.
 *
 * @example
 * const result = await verifyOb2(ctx, assertion, {});
 */
export async function verifyOb2(
  ctx: VerifierContext,
  presented: Record<string, unknown> | string,
  overrides: Ob2CallOptions,
  prefetched?: Ob2Fetched,
): Promise<CredentialVerification> {
  const jws = typeof presented === 'string' ? splitOb2Jws(presented) : undefined;
  if (jws && 'problem' in jws) return formatFailed(jws.problem);
  const assertion = jws ? jws.payload : (presented as Record<string, unknown>);
  const read = readOb2Assertion(assertion);
  if ('problem' in read) return formatFailed(read.problem);
  const fetchOb2 = ctx.ob2Fetcher();
  if (read.kind === 'hosted') {
    if (jws)
      return formatFailed(
        problem(
          'MALFORMED_VALUE_ERROR',
          'This JWS holds an assertion that declares hosted verification, not SignedBadge.',
          '/verification/type',
        ),
      );
    const established = await checkOb2Hosted({ presented: assertion, id: read.id, fetchOb2, prefetched });
    return finishOb2(ctx, { format: FORMAT_PASSED, ...established }, overrides);
  }
  if (!jws) {
    const proof: Check = {
      id: 'proof',
      status: 'failed',
      problem: problem(
        'PROOF_VERIFICATION_ERROR',
        'This assertion declares SignedBadge verification but came without its signature: verify the JWS (the baked image, or the .jws file) instead.',
        '/verification',
      ),
    };
    return finishOb2(ctx, { format: FORMAT_PASSED, proof, assertion, assertionId: read.id }, overrides);
  }
  const algProblem = ob2AlgorithmProblem(jws.header, ob2Algorithms(ctx.jwtAlgorithms));
  if (algProblem)
    return finishOb2(
      ctx,
      {
        format: FORMAT_PASSED,
        proof: { id: 'proof', status: 'failed', problem: algProblem },
        assertion,
        assertionId: read.id,
      },
      overrides,
    );
  // Signed: an embedded BadgeClass is the one claimed at issue; the issuer Profile only as hosted.
  const badge = await loadOb2Document(fetchOb2, assertion.badge, {
    what: 'BadgeClass',
    pointer: '/badge',
    preferHosted: false,
  });
  const base = { format: FORMAT_PASSED, assertion, assertionId: read.id };
  if (!badge.ok)
    return finishOb2(
      ctx,
      {
        ...base,
        proof: { id: 'proof', status: badge.unchecked ? 'could-not-check' : 'failed', problem: badge.problem },
      },
      overrides,
    );
  const issuer = await loadOb2Document(fetchOb2, badge.doc.issuer, {
    what: 'issuer Profile',
    pointer: '/badge/issuer',
    preferHosted: true,
  });
  if (!issuer.ok)
    return finishOb2(
      ctx,
      {
        ...base,
        badgeClass: badge.doc,
        proof: { id: 'proof', status: issuer.unchecked ? 'could-not-check' : 'failed', problem: issuer.problem },
      },
      overrides,
    );
  const proof = await checkOb2Signed({ jws, assertion, issuer: issuer.doc, issuerHosted: issuer.hosted, fetchOb2 });
  return finishOb2(ctx, { ...base, proof, badgeClass: badge.doc, issuer: issuer.doc }, overrides);
}

/**
 * Verifies what a URL serves (an https URL given to `verifyCredential`): an OB 2.0 hosted
 * assertion (fetched once; `410 Gone` is a revoked one), else a credential (JSON or a JWT), handed
 * to `verifyOther`. A URL that cannot be fetched is `could-not-check`.
 *
 * @example
 * const result = await verifyUrl(ctx, 'https://example.org/beths-robotics-badge.json', {}, (c) => verifyOneCredential(ctx, c));
 */
export async function verifyUrl(
  ctx: VerifierContext,
  url: string,
  overrides: Ob2CallOptions,
  verifyOther: (credential: unknown) => Promise<CredentialVerification>,
): Promise<CredentialVerification> {
  const got = await fetchOb2Document(ctx.ob2Fetcher(), url);
  if (!got.ok) {
    const checks: Check[] = got.gone
      ? [
          { id: 'format', status: 'skipped', message: 'Nothing was served to read: the URL answers 410 Gone.' },
          {
            id: 'status',
            status: 'failed',
            problem: problem(
              'CREDENTIAL_REVOKED',
              `Revoked: ${url} answers 410 Gone (Open Badges 2.0 "Revoking Hosted Assertions").`,
            ),
          },
        ]
      : [
          {
            id: 'format',
            status: 'could-not-check',
            problem: problem(
              'BADGE_RETRIEVAL_ERROR',
              `${url} could not be fetched (${got.reason}), so nothing could be checked.`,
            ),
          },
        ];
    const result = summarize(checks);
    const p = result.problems[0]!;
    result.lifecycle = got.gone
      ? { state: 'revoked', message: p.detail }
      : { state: 'undetermined', message: `Could not be checked: ${p.detail}` };
    return result;
  }
  const doc = got.doc;
  if (isOb2Assertion(doc)) {
    const d = doc as Record<string, unknown>;
    // The document served at the URL is the hosted copy only when it says that URL is its id.
    return verifyOb2(ctx, d, overrides, d.id === url ? got : undefined);
  }
  if (isObject(doc) || (typeof doc === 'string' && isCompactJws(doc))) return verifyOther(doc);
  return formatFailed(problem('MALFORMED_VALUE_ERROR', `${url} does not serve a credential (JSON or a JWT).`));
}
