import type { ProblemCode } from './problems.ts';

/** What one problem code means, for the problems page and docs/problems.md. */
export interface ProblemCodeInfo {
  /** Where the name comes from: a W3C specification, or this project. */
  source:
    | 'VC Data Model 2.0 §7.1'
    | 'Data Integrity 1.0'
    | 'Bitstring Status List 1.0'
    | 'Controlled Identifiers 1.0'
    | 'VC-API'
    | 'ours';
  meaning: string;
}

/**
 * Every {@link ProblemCode} with its meaning. W3C names keep their W3C `type` URL
 * (`https://www.w3.org/ns/credentials#NAME`); ours have the `type` `/problems#NAME`, a URI
 * reference to the page the issuer service serves at `GET /problems` (the service sends it
 * absolute, under its public base URL). `docs/problems.md` lists the same table.
 *
 * @example
 * PROBLEM_CODES.CREDENTIAL_REVOKED.meaning; // 'The issuer revoked the credential …'
 */
export const PROBLEM_CODES: Readonly<Record<ProblemCode, ProblemCodeInfo>> = {
  PARSING_ERROR: {
    source: 'VC Data Model 2.0 §7.1',
    meaning: 'The input could not be parsed (not JSON, empty, nested too deep, not a compact JWS).',
  },
  CRYPTOGRAPHIC_SECURITY_ERROR: {
    source: 'VC Data Model 2.0 §7.1',
    meaning: 'A signature does not verify: the document was changed after signing, or signed by another key.',
  },
  MALFORMED_VALUE_ERROR: {
    source: 'VC Data Model 2.0 §7.1',
    meaning: 'A value is missing or has the wrong form; the pointer names it.',
  },
  RANGE_ERROR: {
    source: 'VC Data Model 2.0 §7.1',
    meaning: 'A value is out of range, such as a status list index past the end of the list.',
  },
  STATUS_RETRIEVAL_ERROR: {
    source: 'Bitstring Status List 1.0',
    meaning: 'The status list could not be fetched, so the status is unknown (could not check, never "not revoked").',
  },
  STATUS_VERIFICATION_ERROR: {
    source: 'Bitstring Status List 1.0',
    meaning:
      'The status list is not trustworthy: bad proof, another issuer, wrong purpose, expired, or an unknown status type.',
  },
  STATUS_LIST_LENGTH_ERROR: {
    source: 'Bitstring Status List 1.0',
    meaning: 'The status list holds fewer entries than the minimum (131,072 unless configured lower).',
  },
  DATA_LOSS_DETECTION_ERROR: {
    source: 'Data Integrity 1.0',
    meaning: 'A term is not defined by any context, so no proof can cover it (JSON-LD safe mode).',
  },
  PROOF_GENERATION_ERROR: {
    source: 'Data Integrity 1.0',
    meaning: 'A proof could not be made (unusable key, unsupported suite for the key).',
  },
  PROOF_VERIFICATION_ERROR: {
    source: 'Data Integrity 1.0',
    meaning: 'A proof cannot be checked or does not verify: missing, unsupported type or cryptosuite, broken chain.',
  },
  PROOF_TRANSFORMATION_ERROR: {
    source: 'Data Integrity 1.0',
    meaning: 'The document could not be transformed for proving (canonicalization failed).',
  },
  INVALID_DOMAIN_ERROR: {
    source: 'Data Integrity 1.0',
    meaning: 'The presentation proof was made for another domain.',
  },
  INVALID_CHALLENGE_ERROR: {
    source: 'Data Integrity 1.0',
    meaning: 'The presentation proof was made for another challenge.',
  },
  INVALID_VERIFICATION_METHOD: {
    source: 'Controlled Identifiers 1.0',
    meaning: 'The verification method cannot be used: unknown, not an assertion method of the issuer, or malformed.',
  },
  INVALID_CONTROLLED_IDENTIFIER_DOCUMENT: {
    source: 'Controlled Identifiers 1.0',
    meaning: 'The DID document is malformed.',
  },
  INVALID_CONTROLLED_IDENTIFIER_DOCUMENT_ID: {
    source: 'Controlled Identifiers 1.0',
    meaning: 'The DID document is not about the DID that was resolved.',
  },
  UNKNOWN_OPTION_PROVIDED: {
    source: 'VC-API',
    meaning: 'The request names an option this service does not know; the detail lists the known ones.',
  },
  CREDENTIAL_EXPIRED: {
    source: 'ours',
    meaning:
      'The credential is authentic but its validity period (validUntil / expirationDate, or a JWT exp) is over, past any grace period.',
  },
  CREDENTIAL_NOT_YET_VALID: {
    source: 'ours',
    meaning: 'The credential is authentic but its validity period has not begun.',
  },
  CREDENTIAL_REVOKED: {
    source: 'ours',
    meaning: 'The issuer revoked the credential (its status list bit is set). Final.',
  },
  CREDENTIAL_SUSPENDED: {
    source: 'ours',
    meaning: 'The issuer suspended the credential for now; it may be reinstated.',
  },
  UNTRUSTED_ISSUER: { source: 'ours', meaning: 'The issuer is not on the verifier’s list of trusted issuers.' },
  SCHEMA_VALIDATION_ERROR: {
    source: 'ours',
    meaning: 'The credential does not match its JSON Schema (Open Badges 3.0); the pointer names the field.',
  },
  CONTEXT_NOT_ALLOWED: {
    source: 'ours',
    meaning: 'A JSON-LD context is not among the pinned, allowed ones; nothing is fetched.',
  },
  DID_RESOLUTION_ERROR: {
    source: 'ours',
    meaning: 'A DID could not be resolved (unknown method, not found, or refused by the network guard).',
  },
  NETWORK_REFUSED: {
    source: 'ours',
    meaning:
      'An outbound request was refused: not https, a private or loopback address, a redirect, too slow or too large.',
  },
  BADGE_RETRIEVAL_ERROR: {
    source: 'ours',
    meaning:
      'An Open Badges 2.0 document the verification needs (the hosted assertion, its BadgeClass, the issuer Profile, a signing key) could not be fetched: could not check, never passed.',
  },
  HOSTED_ASSERTION_MISMATCH: {
    source: 'ours',
    meaning:
      'The Open Badges 2.0 hosted assertion presented differs from the copy its issuer hosts at its id (OB 2.0 HostedBadge Verification); the details list the fields.',
  },
  VERIFICATION_POLICY_ERROR: {
    source: 'ours',
    meaning:
      'The Open Badges 2.0 assertion is outside its issuer’s verification policy: hosted on an origin the issuer Profile does not allow (allowedOrigins, startsWith), or signed by a key the Profile does not list.',
  },
  UNAUTHORIZED: { source: 'ours', meaning: 'No valid bearer token was sent (HTTP 401).' },
  FORBIDDEN: { source: 'ours', meaning: 'The token lacks the scope this operation needs (HTTP 403).' },
  NOT_FOUND: { source: 'ours', meaning: 'Nothing is at that path, or no such credential, list or pathway (HTTP 404).' },
  CONFLICT: {
    source: 'ours',
    meaning:
      'The request conflicts with what is stored: a re-used id, a change after revocation, a different pathway under the same id (HTTP 409).',
  },
  UNSUPPORTED_MEDIA_TYPE: {
    source: 'ours',
    meaning: 'The body is not sent as JSON (or as a compact JWT where one is accepted) (HTTP 415).',
  },
  METHOD_NOT_ALLOWED: {
    source: 'ours',
    meaning: 'The path exists but does not answer this method; the Allow header lists the ones it does (HTTP 405).',
  },
  PAYLOAD_TOO_LARGE: { source: 'ours', meaning: 'The body is larger than the configured limit (HTTP 413).' },
  SERVICE_UNAVAILABLE: {
    source: 'ours',
    meaning: 'The service cannot do this now (storage or key unavailable); retry later (HTTP 503).',
  },
  INSUFFICIENT_STORAGE: { source: 'ours', meaning: 'The disk is full; nothing was stored (HTTP 507).' },
  RECORD_UNREADABLE: {
    source: 'ours',
    meaning:
      'The stored record of this one credential (or document) is damaged and cannot be read; everything else keeps working, its status indexes stay reserved and its status bits are never cleared. The operator must restore it (HTTP 500).',
  },
  IDEMPOTENCY_KEY_REUSED: {
    source: 'ours',
    meaning:
      'The Idempotency-Key was already used by this caller with another request (different body or endpoint); nothing was done. Use a fresh key for a new request (HTTP 422).',
  },
  IDEMPOTENCY_KEY_IN_USE: {
    source: 'ours',
    meaning:
      'A request with the same Idempotency-Key is still being processed; retry after it has been answered (HTTP 409).',
  },
  OFFER_CLAIMED: {
    source: 'ours',
    meaning:
      'The credential offer (award) was already claimed, or its one-time code already exchanged; an offer is good once. Ask the issuer for a new one (HTTP 409).',
  },
  OFFER_EXPIRED: {
    source: 'ours',
    meaning: 'The credential offer expired or was withdrawn by the issuer; ask the issuer for a new one (HTTP 410).',
  },
  INTERNAL_ERROR: { source: 'ours', meaning: 'An unexpected error on the service’s side; it was logged (HTTP 500).' },
};
