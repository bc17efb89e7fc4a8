/**
 * The legacy W3C CCG "Status List 2021" format (verify only, SPEC-NOTES §3): what differs from
 * Bitstring Status List v1.0. `check-entry.ts` runs the shared validate algorithm with it.
 *
 * Sections cited are those of "Verifiable Credential Status List v2021" (W3C CCG report, published
 * as the W3C FPWD of 2023-04-27, https://www.w3.org/TR/2023/WD-vc-status-list-20230427/):
 * §2.1 StatusList2021Entry, §2.2 StatusList2021Credential, §3.2 Validate Algorithm, §3.4 Bitstring
 * Expansion Algorithm, §5.1 Bitstring Encoding.
 */
import { decodeList, parseStatusListIndex, problem, type VcError } from '@repo/core';
import type { Check } from '../../types.ts';
import type { ParsedStatusEntry, StatusListFormat } from './status-types.ts';

/** The context that defines `StatusList2021Entry`, `StatusList2021Credential` and `StatusList2021`. */
export const STATUS_LIST_2021_CONTEXT = 'https://w3id.org/vc/status-list/2021/v1';

/** §2.1: "The `type` property MUST be `StatusList2021Entry`." */
export const STATUS_LIST_2021_ENTRY = 'StatusList2021Entry';

const URL_LIKE = /^[a-z][a-z0-9+.-]*:/i;

/**
 * The StatusList2021Credential format (§2.2): `type` includes `StatusList2021Credential`, the
 * subject's `type` is `StatusList2021`, its `statusPurpose` is one string, and `encodedList` is
 * the GZIP-compressed bitstring in base64url without padding and *without* the multibase `u`
 * prefix that Bitstring Status List v1.0 added (§3.4; the spec's example value
 * `H4sIAAAAAAAAA-3BMQ…` and `@digitalbazaar/vc-status-list`, through `@digitalbazaar/bitstring`
 * `decodeBits` / base64url-universal, read exactly that — a `u`-prefixed value does not decode
 * there, and is refused here). The uncompressed bitstring "MUST be at least 16KB in size" (S3);
 * index 0 is the left-most bit (§2.2, §5.1). There is no `ttl`: a list is cached for the
 * Bitstring Status List default of 300 s, never past its `validUntil` / `expirationDate`.
 *
 * @example
 * STATUS_LIST_2021.decode('H4sIAAAAAAAAA-3BMQEAAADCoPVPbQwfoAAAAAAAAAAAAAAAAAAAAIC3AYbSVKsAQAAA').length; // 16384
 */
export const STATUS_LIST_2021: StatusListFormat = {
  kind: 'StatusList2021',
  credentialType: 'StatusList2021Credential',
  subjectType: 'StatusList2021',
  context: STATUS_LIST_2021_CONTEXT,
  // §2.2 credentialSubject.statusPurpose "MUST be a string" (not a list, unlike BSL v1.0).
  purposes: (subject) => (typeof subject.statusPurpose === 'string' ? [subject.statusPurpose] : []),
  decode: (encoded, minBits) => decodeList(encoded, minBits, { multibase: false }),
  ttlMs: () => undefined,
};

/**
 * Reads a `StatusList2021Entry` (§2.1) before anything is fetched. The entry only means the CCG
 * term when the credential's `@context` includes {@link STATUS_LIST_2021_CONTEXT}, the one
 * context that defines it (elsewhere the same string is another term, or none) — as
 * `@digitalbazaar/vc-status-list` `statusTypeMatches` also requires ("context not present, no
 * match"); without it the status is `could-not-check`. VC 2.0 credentials that include the
 * context are read too (the entry's scoped terms do not clash with VC 2.0's); the lists
 * themselves can only be VC 1.1 (`StatusList2021Credential` redefines `name` and `description`,
 * which the VC 2.0 context protects). Then, each a `MALFORMED_VALUE_ERROR` failure:
 * `id` a URL that is not the list's URL (§2.1 "It MUST NOT be the URL for the status list"; VC
 * 1.1 §4.9 requires `id`), `statusPurpose` a string, `statusListIndex` a base-10 integer string
 * (S6), `statusListCredential` a URL; a `statusSize` other than 1 is refused (2021 entries are
 * one bit; a wider entry would be misread).
 *
 * @example
 * parseStatusList2021Entry(credential.credentialStatus, credential, '/credentialStatus');
 * // { type: 'StatusList2021Entry', statusPurpose: 'revocation', index: 94567, statusSize: 1, … }
 */
export function parseStatusList2021Entry(
  e: Record<string, unknown>,
  credential: Record<string, unknown>,
  at: string,
): ParsedStatusEntry | { check: Check } {
  const fail = (detail: string, pointer: string): { check: Check } => ({
    check: { id: 'status', status: 'failed', problem: problem('MALFORMED_VALUE_ERROR', detail, pointer) },
  });
  const contexts = Array.isArray(credential['@context']) ? credential['@context'] : [credential['@context']];
  if (!contexts.includes(STATUS_LIST_2021_CONTEXT)) {
    return {
      check: {
        id: 'status',
        status: 'could-not-check',
        problem: problem(
          'STATUS_VERIFICATION_ERROR',
          `Status type "${STATUS_LIST_2021_ENTRY}" is only defined by the context ${STATUS_LIST_2021_CONTEXT}, which this credential does not use, so this credential's status is unknown.`,
          `${at}/type`,
        ),
      },
    };
  }
  if (typeof e.statusListCredential !== 'string' || !URL_LIKE.test(e.statusListCredential)) {
    return fail('statusListCredential must be a URL.', `${at}/statusListCredential`);
  }
  if (typeof e.id !== 'string' || !URL_LIKE.test(e.id)) {
    return fail('A StatusList2021Entry needs an id, a URL (VC 1.1 §4.9).', `${at}/id`);
  }
  if (e.id === e.statusListCredential) {
    return fail('The id of a StatusList2021Entry must not be the URL of the status list.', `${at}/id`);
  }
  if (typeof e.statusPurpose !== 'string' || e.statusPurpose === '') {
    return fail('statusPurpose must be a string such as "revocation".', `${at}/statusPurpose`);
  }
  if (e.statusSize !== undefined && e.statusSize !== 1) {
    return fail(
      'A StatusList2021Entry is one bit; statusSize belongs to Bitstring Status List v1.0 entries.',
      `${at}/statusSize`,
    );
  }
  let index: number;
  try {
    index = parseStatusListIndex(e.statusListIndex, `${at}/statusListIndex`);
  } catch (error) {
    return { check: { id: 'status', status: 'failed', problem: (error as VcError).toProblem() } };
  }
  return {
    type: STATUS_LIST_2021_ENTRY,
    format: STATUS_LIST_2021,
    statusPurpose: e.statusPurpose,
    statusListIndex: e.statusListIndex as string,
    statusListCredential: e.statusListCredential,
    index,
    statusSize: 1,
    messages: new Map(),
  };
}
