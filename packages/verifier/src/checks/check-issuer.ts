import { problem } from '@repo/core';
import { issuerIdOf } from '@repo/schemas';
import type { Check } from '../types.ts';

/**
 * The issuer check: with a list of trusted issuers, the credential's issuer must be on it (and
 * the result names which entry matched); without one it is `skipped` — the proof check already
 * tied the signing key to the issuer.
 *
 * @example
 * checkIssuer('did:web:certs.example', ['did:web:certs.example']).details; // { matched: 'did:web:certs.example' }
 */
export function checkIssuer(issuer: string | undefined, trusted: readonly string[] | undefined): Check {
  if (issuer === undefined) {
    return {
      id: 'issuer',
      status: 'failed',
      problem: problem('MALFORMED_VALUE_ERROR', 'The credential has no issuer id.', '/issuer'),
    };
  }
  if (!trusted)
    return {
      id: 'issuer',
      status: 'skipped',
      message: `Issued by ${issuer}; no trusted-issuer list was given.`,
      details: { issuer },
    };
  if (trusted.includes(issuer)) {
    return {
      id: 'issuer',
      status: 'passed',
      message: `Issued by ${issuer}, a trusted issuer.`,
      details: { issuer, matched: issuer },
    };
  }
  return {
    id: 'issuer',
    status: 'failed',
    problem: problem('UNTRUSTED_ISSUER', `The issuer ${issuer} is not on your list of trusted issuers.`, '/issuer'),
    details: { issuer },
  };
}

/** The issuer's id (`issuer`, or `issuer.id`): the one implementation in `@repo/schemas`. */
export { issuerIdOf };
