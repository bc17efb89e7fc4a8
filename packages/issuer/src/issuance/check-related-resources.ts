import { checkRelatedResourceDigests, readRelatedResources } from '@repo/core';
import type { AppDeps } from '../deps.ts';
import { ProblemError } from '../http/problem-error.ts';

/**
 * VC Data Model 2.0 §5.3 "Integrity of Related Resources" before signing: every
 * `relatedResource` is an object with a unique `id` URL and a well-formed `digestSRI` or
 * `digestMultibase` (400 otherwise), and a digest that can be checked must match (422): resources
 * this issuer issued (the credential as stored, the bytes a renewal's digest covers) and the
 * resources whose digests the specifications publish (the VC 2.0 base context). Other resources
 * are not fetched at issue time and are signed as given.
 *
 * @example
 * await checkRelatedResources(deps, credential, '/credential');
 */
export async function checkRelatedResources(
  deps: AppDeps,
  credential: Record<string, unknown>,
  prefix: string,
): Promise<void> {
  const read = readRelatedResources(credential, prefix);
  if ('problem' in read) {
    const { title, detail, pointer } = read.problem;
    throw new ProblemError(400, title, detail, { pointer });
  }
  const outcomes = await checkRelatedResourceDigests(read.entries, async (id) => {
    const record = await deps.store.getRecord(id);
    return record ? Buffer.from(JSON.stringify(record.credential)) : undefined;
  });
  const bad = outcomes.find((o) => o.outcome === 'mismatch');
  if (bad) {
    throw new ProblemError(
      422,
      'MALFORMED_VALUE_ERROR',
      `The digest given for the related resource ${bad.id} does not match the resource.`,
      { pointer: bad.pointer },
    );
  }
}
