import type { DocumentLoader, Problem } from '@repo/core';

/** Names of the checks, in the order they run. */
export type CheckId = 'format' | 'proof' | 'issuer' | 'validity' | 'status' | 'schema' | 'presentation';

/**
 * `passed`/`failed` are answers; `could-not-check` means the verifier could not get an answer
 * (a status list it could not fetch, a status type it does not know) — never read it as passed;
 * `skipped` means the check does not apply (no `credentialStatus`, no trusted-issuer list).
 */
export type CheckStatus = 'passed' | 'failed' | 'could-not-check' | 'skipped';

/** One check's outcome. */
export interface Check {
  id: CheckId;
  status: CheckStatus;
  problem?: Problem;
  /** A sentence for a person, also when the check passed ("Issued by did:web:…, a trusted issuer."). */
  message?: string;
  /** Facts the check found (matched trusted issuer, status entries read, schema used). */
  details?: Record<string, unknown>;
}

/** What `verifyCredential` returns: maps onto the VC-API verify response. */
export interface CredentialVerification {
  /** True only if no check failed or could not check. */
  verified: boolean;
  checks: Check[];
  problems: Problem[];
  /** The issuer id as written in the credential, when there is one. */
  issuer?: string;
  /** The credential id, when there is one. */
  credentialId?: string;
}

/** What `verifyPresentation` returns. */
export interface PresentationVerification {
  verified: boolean;
  checks: Check[];
  problems: Problem[];
  credentialResults: CredentialVerification[];
}

/** Reads a status list credential (JSON) from its URL. */
export type StatusListFetcher = (url: string) => Promise<unknown>;

/** A DID resolver as the verifier needs it. */
export interface DidDereferencer {
  /** Returns a DID document, or a verification method for a DID URL with a fragment. */
  dereference(didUrl: string): Promise<unknown>;
}

/** Options shared by every verification call. All have offline, safe defaults. */
export interface VerifierOptions {
  /** The clock. Default: the system clock. */
  now?: () => Date;
  /** Seconds of clock skew tolerated on `validFrom`/`validUntil` (V1, V2). Default 60. */
  clockSkewSeconds?: number;
  /** Issuer ids you trust. When given, any other issuer fails the `issuer` check. */
  trustedIssuers?: readonly string[];
  /** Issuers whose status lists may vouch for other issuers' credentials (S4). Default none. */
  trustedStatusListIssuers?: readonly string[];
  /** Pinned contexts (default: the bundled set from `@repo/schemas`). */
  contexts?: ReadonlyMap<string, unknown>;
  /** A complete document loader; overrides `contexts` and `didResolver`. */
  documentLoader?: DocumentLoader;
  /** DID resolution (default: did:key offline, did:web through the guarded fetch). */
  didResolver?: DidDereferencer;
  /** Status list retrieval (default: the guarded fetch, https only). */
  fetchStatusList?: StatusListFetcher;
  /** Validate Open Badges credentials against the OB 3.0 JSON Schema. Default true. */
  checkSchema?: boolean;
}
