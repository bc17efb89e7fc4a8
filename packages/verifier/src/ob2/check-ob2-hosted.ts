import { problem } from '@repo/core';
import { isObject } from '@repo/schemas';
import type { Check } from '../types.ts';
import { ob2PolicyProblem } from './check-ob2-policy.ts';
import { hostedAssertionDifferences } from './compare-hosted-assertion.ts';
import type { Ob2Established } from './finish-ob2.ts';
import { loadOb2Document } from './load-ob2-documents.ts';
import { fetchOb2Document, type Ob2Fetched, type Ob2Fetcher } from './ob2-fetcher.ts';
import { isHttpUrl } from './ob2-values.ts';

type Established = Omit<Ob2Established, 'format'>;

/**
 * The `proof` check of a hosted assertion (OB 2.0 "HostedBadge Verification"): the assertion is
 * fetched from its `id` — the source of truth; `410 Gone` or `revoked: true` means revoked — and
 * must equal the one presented (else HOSTED_ASSERTION_MISMATCH, the differing fields in
 * `details.differences`); its BadgeClass and issuer Profile are fetched from their http(s) ids
 * (hosted copies are the ones to trust); the `id` must be within the Profile's verification
 * policy (VERIFICATION_POLICY_ERROR). A host that cannot be reached is `could-not-check`, never
 * passed. `prefetched` is the answer already got from the `id` (a URL given to the verifier).
 *
 * @example
 * const { proof, assertion } = await checkOb2Hosted({ presented, id, fetchOb2 });
 */
export async function checkOb2Hosted(input: {
  presented: Record<string, unknown>;
  id: string;
  fetchOb2: Ob2Fetcher;
  prefetched?: Ob2Fetched | undefined;
}): Promise<Established> {
  const { presented, id, fetchOb2 } = input;
  const base = { assertion: presented, assertionId: id };
  const failed = (p: ReturnType<typeof problem>, details?: Record<string, unknown>): Check => ({
    id: 'proof',
    status: 'failed',
    problem: p,
    ...(details ? { details } : {}),
  });
  if (!isHttpUrl(id))
    return {
      ...base,
      proof: failed(
        problem('VERIFICATION_POLICY_ERROR', `A hosted assertion's id must be an http(s) URL; it is ${id}.`, '/id'),
      ),
    };
  const got = input.prefetched ?? (await fetchOb2Document(fetchOb2, id));
  if (!got.ok && !got.gone)
    return {
      ...base,
      proof: {
        id: 'proof',
        status: 'could-not-check',
        problem: problem(
          'BADGE_RETRIEVAL_ERROR',
          `The issuer's hosted copy at ${id} could not be fetched (${got.reason}), so the badge could not be checked.`,
          '/id',
        ),
      },
    };
  const gone = !got.ok;
  const hosted = got.ok ? got.doc : undefined;
  if (got.ok && !isObject(hosted))
    return {
      ...base,
      proof: failed(
        problem(
          'MALFORMED_VALUE_ERROR',
          `The issuer's server answers ${id} with something that is not an assertion.`,
          '/id',
        ),
      ),
    };
  const hostedDoc = hosted as Record<string, unknown> | undefined;
  if (hostedDoc && typeof hostedDoc.id === 'string' && hostedDoc.id !== id)
    return {
      ...base,
      proof: failed(
        problem(
          'HOSTED_ASSERTION_MISMATCH',
          `The issuer's server answers ${id} with another assertion (${hostedDoc.id}).`,
          '/id',
        ),
      ),
    };
  // A revoked hosted assertion may be stripped to id and revoked (OB 2.0): keep the presented one to show.
  const revokedStub = gone || hostedDoc?.revoked === true;
  const trusted = revokedStub ? { ...presented, ...(hostedDoc ?? {}) } : hostedDoc!;
  const differences = revokedStub || hostedDoc === presented ? [] : hostedAssertionDifferences(presented, hostedDoc!);
  const established = { assertion: trusted, assertionId: id, gone };
  const badge = await loadOb2Document(fetchOb2, trusted.badge, {
    what: 'BadgeClass',
    pointer: '/badge',
    preferHosted: true,
  });
  if (!badge.ok)
    return {
      ...established,
      proof: { id: 'proof', status: badge.unchecked ? 'could-not-check' : 'failed', problem: badge.problem },
    };
  const issuer = await loadOb2Document(fetchOb2, badge.doc.issuer, {
    what: 'issuer Profile',
    pointer: '/badge/issuer',
    preferHosted: true,
  });
  if (!issuer.ok)
    return {
      ...established,
      badgeClass: badge.doc,
      proof: { id: 'proof', status: issuer.unchecked ? 'could-not-check' : 'failed', problem: issuer.problem },
    };
  const docs = { ...established, badgeClass: badge.doc, issuer: issuer.doc };
  const policy = ob2PolicyProblem(id, issuer.doc);
  if (policy) return { ...docs, proof: failed(policy) };
  if (differences.length > 0)
    return {
      ...docs,
      proof: failed(
        problem(
          'HOSTED_ASSERTION_MISMATCH',
          `The badge presented differs from the copy its issuer hosts at ${id} (${differences.slice(0, 5).join(', ')}${differences.length > 5 ? ', …' : ''}).`,
          differences[0],
        ),
        { differences },
      ),
    };
  return {
    ...docs,
    proof: {
      id: 'proof',
      status: 'passed',
      message: gone
        ? `The issuer's server knows this assertion (${id}) and answers 410 Gone.`
        : `The issuer hosts this assertion at ${id}, on an origin its issuer profile allows, and the copy presented matches it.`,
      details: { verification: 'HostedBadge', hostedAt: id, issuer: issuer.doc.id },
    },
  };
}
