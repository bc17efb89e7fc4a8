/**
 * Problem codes and errors shared by every package.
 *
 * Codes are the VC Data Model 2.0 §7.1 "Verification" / VC-API error names, plus our own for
 * states the specs name but give no code to (revoked, suspended, expired…). A code is set where
 * the error happens; nobody parses messages.
 */

/** Every code a problem can carry. */
export type ProblemCode =
  // VC 2.0 / Data Integrity / Bitstring Status List error names
  | 'PARSING_ERROR'
  | 'CRYPTOGRAPHIC_SECURITY_ERROR'
  | 'MALFORMED_VALUE_ERROR'
  | 'RANGE_ERROR'
  | 'STATUS_RETRIEVAL_ERROR'
  | 'STATUS_VERIFICATION_ERROR'
  | 'STATUS_LIST_LENGTH_ERROR'
  | 'DATA_LOSS_DETECTION_ERROR'
  | 'PROOF_GENERATION_ERROR'
  | 'PROOF_VERIFICATION_ERROR'
  | 'PROOF_TRANSFORMATION_ERROR'
  | 'INVALID_DOMAIN_ERROR'
  | 'INVALID_CHALLENGE_ERROR'
  | 'INVALID_VERIFICATION_METHOD'
  | 'INVALID_CONTROLLED_IDENTIFIER_DOCUMENT'
  | 'INVALID_CONTROLLED_IDENTIFIER_DOCUMENT_ID'
  | 'UNKNOWN_OPTION_PROVIDED'
  // ours
  | 'CREDENTIAL_EXPIRED'
  | 'CREDENTIAL_NOT_YET_VALID'
  | 'CREDENTIAL_REVOKED'
  | 'CREDENTIAL_SUSPENDED'
  | 'UNTRUSTED_ISSUER'
  | 'SCHEMA_VALIDATION_ERROR'
  | 'CONTEXT_NOT_ALLOWED'
  | 'DID_RESOLUTION_ERROR'
  | 'NETWORK_REFUSED'
  | 'BADGE_RETRIEVAL_ERROR'
  | 'HOSTED_ASSERTION_MISMATCH'
  | 'VERIFICATION_POLICY_ERROR'
  | 'UNAUTHORIZED'
  | 'FORBIDDEN'
  | 'NOT_FOUND'
  | 'CONFLICT'
  | 'UNSUPPORTED_MEDIA_TYPE'
  | 'METHOD_NOT_ALLOWED'
  | 'PAYLOAD_TOO_LARGE'
  | 'SERVICE_UNAVAILABLE'
  | 'INSUFFICIENT_STORAGE'
  | 'RECORD_UNREADABLE'
  | 'IDEMPOTENCY_KEY_REUSED'
  | 'IDEMPOTENCY_KEY_IN_USE'
  | 'OFFER_CLAIMED'
  | 'OFFER_EXPIRED'
  | 'INTERNAL_ERROR';

/** VC 2.0 §7.1 says problem `type`s are URLs of this form for its own error names. */
const VC_ERROR_BASE = 'https://www.w3.org/ns/credentials#';
const VC_CODES = new Set<ProblemCode>([
  'PARSING_ERROR',
  'CRYPTOGRAPHIC_SECURITY_ERROR',
  'MALFORMED_VALUE_ERROR',
  'RANGE_ERROR',
  'STATUS_RETRIEVAL_ERROR',
  'STATUS_VERIFICATION_ERROR',
  'STATUS_LIST_LENGTH_ERROR',
  'DATA_LOSS_DETECTION_ERROR',
  'PROOF_GENERATION_ERROR',
  'PROOF_VERIFICATION_ERROR',
  'PROOF_TRANSFORMATION_ERROR',
  'INVALID_DOMAIN_ERROR',
  'INVALID_CHALLENGE_ERROR',
  'INVALID_VERIFICATION_METHOD',
  'INVALID_CONTROLLED_IDENTIFIER_DOCUMENT',
  'INVALID_CONTROLLED_IDENTIFIER_DOCUMENT_ID',
]);
/**
 * Our own codes' `type`: a URI reference to the problems page (`GET /problems` on the issuer
 * service, which sends it absolute under its public base URL; `docs/problems.md` in the
 * repository). RFC 9457 §3.1.1 allows relative references, resolved against the answer's URL.
 */
export const OUR_PROBLEM_TYPE_BASE = '/problems#';

/** An RFC 9457 problem detail as the libraries return it and the HTTP layer sends it. */
export interface Problem {
  /** URL naming the problem type (VC 2.0 error URL where one exists). */
  type: string;
  /** The stable code, e.g. `CREDENTIAL_REVOKED`. */
  title: ProblemCode;
  /** A sentence a person understands. */
  detail: string;
  /** JSON Pointer into the input, when the problem is about one field. */
  pointer?: string;
}

/**
 * Builds a {@link Problem}.
 *
 * @example
 * problem('CREDENTIAL_REVOKED', 'This credential was revoked by its issuer.');
 */
export function problem(code: ProblemCode, detail: string, pointer?: string): Problem {
  const type = `${VC_CODES.has(code) ? VC_ERROR_BASE : OUR_PROBLEM_TYPE_BASE}${code}`;
  return pointer === undefined ? { type, title: code, detail } : { type, title: code, detail, pointer };
}

/**
 * An error with a {@link ProblemCode}; thrown inside the libraries, turned into a
 * {@link Problem} at their edges.
 *
 * @example
 * throw new VcError('MALFORMED_VALUE_ERROR', 'statusListIndex must be a base-10 string', { pointer: '/credentialStatus/0/statusListIndex' });
 */
export class VcError extends Error {
  readonly code: ProblemCode;
  readonly pointer: string | undefined;
  constructor(code: ProblemCode, message: string, options: { pointer?: string; cause?: unknown } = {}) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause });
    this.name = 'VcError';
    this.code = code;
    this.pointer = options.pointer;
  }

  /** This error as a {@link Problem}. */
  toProblem(): Problem {
    return problem(this.code, this.message, this.pointer);
  }
}

/** JSON Pointer from path segments (RFC 6901), the one implementation in `@repo/schemas`. */
export { pointerOf } from '@repo/schemas';
