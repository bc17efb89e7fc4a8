import { problem } from '@repo/core';
import { asList, isObject } from '@repo/schemas';
import type { Check } from '../types.ts';
import { fetchOb2Document, type Ob2Fetcher } from './ob2-fetcher.ts';
import { isHttpUrl, ob2IdOf } from './ob2-values.ts';

const revokedCheck = (detail: string, details: Record<string, unknown>): Check => ({
  id: 'status',
  status: 'failed',
  problem: problem('CREDENTIAL_REVOKED', detail, '/revoked'),
  details,
});

const because = (reason: unknown) =>
  typeof reason === 'string' && reason.trim() ? ` Reason given: ${reason.trim()}` : '';

/**
 * The `status` check of an OB 2.0 assertion — revocation: a hosted assertion whose URL answers
 * `410 Gone` or whose (hosted or signed) copy says `revoked: true` (OB 2.0 "Revoking Hosted
 * Assertions"), or whose `id` (legacy: `uid`) is in the issuer Profile's `revocationList`
 * (OB 2.0 RevocationList; "SignedBadge Verification" step 7) is revoked. A revocation list that
 * cannot be fetched is `could-not-check`, never "not revoked". The list is the issuer's because the
 * hosted issuer Profile links to it; its own `issuer` field is not compared (the OB 2.0 examples
 * themselves give it another id than the Profile example's).
 *
 * @example
 * const status = await checkOb2Revocation({ assertion, assertionId, gone: false, issuer, fetchOb2 });
 */
export async function checkOb2Revocation(input: {
  assertion: Record<string, unknown>;
  assertionId: string;
  gone: boolean;
  issuer: Record<string, unknown>;
  fetchOb2: Ob2Fetcher;
}): Promise<Check> {
  const { assertion, assertionId, gone, issuer, fetchOb2 } = input;
  if (gone)
    return revokedCheck(`Revoked: the issuer's server answers 410 Gone for ${assertionId}.`, { httpStatus: 410 });
  if (assertion.revoked === true)
    return revokedCheck(`Revoked: the issuer marks this assertion revoked.${because(assertion.revocationReason)}`, {
      revoked: true,
    });
  const listRef = issuer.revocationList;
  if (listRef === undefined)
    return {
      id: 'status',
      status: 'passed',
      message: 'Not revoked: the assertion is not marked revoked and its issuer publishes no revocation list.',
    };
  const listId = ob2IdOf(listRef);
  let list: unknown = isObject(listRef) && 'revokedAssertions' in listRef ? listRef : undefined;
  if (list === undefined) {
    if (!isHttpUrl(listId))
      return {
        id: 'status',
        status: 'failed',
        problem: problem(
          'STATUS_VERIFICATION_ERROR',
          'The issuer’s revocationList is not an http(s) URL.',
          '/badge/issuer/revocationList',
        ),
      };
    const got = await fetchOb2Document(fetchOb2, listId);
    if (!got.ok)
      return {
        id: 'status',
        status: 'could-not-check',
        problem: problem(
          'STATUS_RETRIEVAL_ERROR',
          `The issuer's revocation list ${listId} could not be fetched (${got.gone ? 'it answered 410 Gone' : got.reason}): whether the badge was revoked is unknown.`,
          '/badge/issuer/revocationList',
        ),
        details: { revocationList: listId },
      };
    list = got.doc;
  }
  if (!isObject(list) || (!Array.isArray(list.revokedAssertions) && list.revokedAssertions !== undefined))
    return {
      id: 'status',
      status: 'failed',
      problem: problem(
        'STATUS_VERIFICATION_ERROR',
        `The revocation list ${listId} is not a RevocationList.`,
        '/badge/issuer/revocationList',
      ),
    };
  const uid = typeof assertion.uid === 'string' ? assertion.uid : undefined;
  const entry = asList(list.revokedAssertions).find((e) =>
    typeof e === 'string'
      ? e === assertionId
      : isObject(e) && (e.id === assertionId || (uid !== undefined && e.uid === uid)),
  );
  if (entry !== undefined)
    return revokedCheck(
      `Revoked: the issuer's revocation list ${listId} lists this assertion.${because(isObject(entry) ? entry.revocationReason : undefined)}`,
      { revocationList: listId },
    );
  return {
    id: 'status',
    status: 'passed',
    message: `Not revoked: the issuer's revocation list ${listId} does not list this assertion.`,
    details: { revocationList: listId },
  };
}
