import { checkRelatedResourceDigests, problem, readRelatedResources } from '@repo/core';
import type { Check, RelatedResourceFetcher } from '../types.ts';

/**
 * VC Data Model 2.0 §5.3 "Integrity of Related Resources": `relatedResource` entries are
 * well-formed (an object with a unique `id` URL and a `digestSRI` or `digestMultibase`), and
 * "if the digest provided by the issuer does not match the digest computed for the retrieved
 * resource, the conforming verifier implementation MUST produce an error". A resource is
 * retrieved only through `fetchRelatedResource` (none by default: the digests the specifications
 * publish are checked, others are reported unchecked). Only present when the credential has
 * `relatedResource`.
 *
 * @example
 * const check = await checkRelatedResources(credential, async (url) => undefined);
 */
export async function checkRelatedResources(
  credential: Record<string, unknown>,
  fetchRelatedResource: RelatedResourceFetcher | undefined,
): Promise<Check | undefined> {
  if (credential.relatedResource === undefined) return undefined;
  const read = readRelatedResources(credential);
  if ('problem' in read) return { id: 'relatedResource', status: 'failed', problem: read.problem };
  const outcomes = await checkRelatedResourceDigests(read.entries, fetchRelatedResource);
  const details = { resources: outcomes.map(({ id, outcome }) => ({ id, outcome })) };
  const bad = outcomes.find((o) => o.outcome === 'mismatch');
  if (bad) {
    return {
      id: 'relatedResource',
      status: 'failed',
      problem: problem(
        'CRYPTOGRAPHIC_SECURITY_ERROR',
        `The related resource ${bad.id} does not match the digest the issuer gave for it.`,
        bad.pointer,
      ),
      details,
    };
  }
  const unchecked = outcomes.filter((o) => o.outcome === 'unchecked');
  if (unchecked.length === outcomes.length) {
    return {
      id: 'relatedResource',
      status: 'skipped',
      message: `The related resources could not be retrieved, so their digests were not compared: ${unchecked.map((o) => o.id).join(', ')}.`,
      details,
    };
  }
  return {
    id: 'relatedResource',
    status: 'passed',
    message:
      unchecked.length === 0
        ? 'Every related resource matches its digest.'
        : `The related resources that could be retrieved match their digests; not retrieved: ${unchecked.map((o) => o.id).join(', ')}.`,
    details,
  };
}
