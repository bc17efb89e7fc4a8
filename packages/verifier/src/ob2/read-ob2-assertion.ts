import { type Problem, problem } from '@repo/core';
import { isObject } from '@repo/schemas';
import { type Ob2VerificationKind, ob2VerificationKind } from './ob2-values.ts';

/** An assertion that passed the format check, with its id and declared verification kind. */
export interface Ob2Assertion {
  assertion: Record<string, unknown>;
  /** `id`, or the OB 1.0 `verify.url` of a hosted assertion. */
  id: string;
  kind: Ob2VerificationKind;
}

/**
 * The OB 2.0 format check of an Assertion (OB 2.0 "Assertion", required properties): `id` (or the
 * OB 1.0 `verify.url`), `recipient` (an IdentityObject with `identity` and `type`), `badge`,
 * `verification` (alias `verify`) of type `HostedBadge`/`SignedBadge`, and `issuedOn`. A problem
 * names the first property that is missing or wrong.
 *
 * @example
 * readOb2Assertion(assertion); // { assertion, id: 'https://example.org/beths-robotics-badge.json', kind: 'hosted' }
 */
export function readOb2Assertion(assertion: Record<string, unknown>): Ob2Assertion | { problem: Problem } {
  const bad = (pointer: string, detail: string) => ({ problem: problem('MALFORMED_VALUE_ERROR', detail, pointer) });
  const verification = assertion.verification ?? assertion.verify;
  const verificationName =
    assertion.verification === undefined && assertion.verify !== undefined ? 'verify' : 'verification';
  const legacyUrl = isObject(verification) && typeof verification.url === 'string' ? verification.url : undefined;
  const id = typeof assertion.id === 'string' ? assertion.id : legacyUrl;
  if (id === undefined) return bad('/id', 'The Open Badges 2.0 assertion has no id.');
  const recipient = assertion.recipient;
  if (!isObject(recipient)) return bad('/recipient', 'The assertion has no recipient (an IdentityObject).');
  if (typeof recipient.identity !== 'string' || recipient.identity === '')
    return bad('/recipient/identity', 'The recipient has no identity.');
  if (typeof recipient.type !== 'string') return bad('/recipient/type', 'The recipient has no identity type.');
  if (recipient.hashed !== undefined && typeof recipient.hashed !== 'boolean')
    return bad('/recipient/hashed', 'recipient.hashed must be true or false.');
  if (typeof assertion.badge !== 'string' && !isObject(assertion.badge))
    return bad('/badge', 'The assertion has no badge (the BadgeClass, as a URL or embedded).');
  if (!isObject(verification))
    return bad(`/${verificationName}`, 'The assertion has no verification object (hosted or signed).');
  const kind = ob2VerificationKind(assertion);
  if (!kind)
    return bad(
      `/${verificationName}/type`,
      'The verification type must be HostedBadge (hosted) or SignedBadge (signed).',
    );
  if (assertion.issuedOn === undefined) return bad('/issuedOn', 'The assertion has no issuedOn date.');
  return { assertion, id, kind };
}
