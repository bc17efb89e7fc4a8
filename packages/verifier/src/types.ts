import type { DocumentLoader, Problem } from '@repo/core';
import type { RenewalPolicy } from '@repo/schemas';
import type { Ob2Fetcher } from './ob2/ob2-fetcher.ts';

export type { Ob2Fetcher };

/**
 * Names of the checks, in the order they run. `refresh` (OB 3.0 §9.1 step 3) is only present when
 * the `refresh` option is on.
 */
export type CheckId =
  | 'format'
  | 'proof'
  | 'issuer'
  | 'validity'
  | 'status'
  | 'schema'
  | 'relatedResource'
  | 'refresh'
  | 'presentation';

/**
 * Retrieves a related resource (VC 2.0 §5.3) as bytes, or undefined when it cannot be had. The
 * digests are computed over exactly these bytes.
 */
export type RelatedResourceFetcher = (url: string) => Promise<Uint8Array | undefined>;

/**
 * `passed`/`failed` are answers; `could-not-check` means the verifier could not get an answer
 * (a status list it could not fetch, a status type it does not know) — never read it as passed;
 * `skipped` means the check does not apply (no `credentialStatus`, no trusted-issuer list);
 * `warning` means the credential is accepted — the check does not make `verified` false — but it
 * found something a person may want to know (a schema finding the Open Badges 3.0 verification
 * procedure does not make fatal). A warning's `problem` stays on its check and is not listed in
 * `problems`, which holds only what made `verified` false.
 */
export type CheckStatus = 'passed' | 'failed' | 'could-not-check' | 'skipped' | 'warning';

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

/**
 * Where a credential stands in its life, worst first: `revoked`, `suspended` (status lists),
 * `unverified` (a check failed — the proof, or another one such as the issuer or the schema; the
 * message names it and why), `undetermined` (a check could not check, e.g. a status list that could
 * not be fetched: revoked or not is unknown), `superseded` (a newer credential of the same lineage
 * exists), `not-yet-valid`, `lapsed` (expired and past any grace period), `in-grace-period`
 * (expired, still honoured while renewal is pending), `current`. `current` and `in-grace-period`
 * are only ever said of a credential that passed every check it was given. A failed proof makes
 * any credential `unverified` (its dates are not the issuer's); an authentic credential that is
 * superseded, not yet valid or lapsed says so even when another check failed or could not check.
 */
export type LifecycleState =
  | 'current'
  | 'in-grace-period'
  | 'lapsed'
  | 'superseded'
  | 'revoked'
  | 'suspended'
  | 'not-yet-valid'
  | 'unverified'
  | 'undetermined';

/** The lifecycle of a credential, for a person and for software. */
export interface CredentialLifecycle {
  state: LifecycleState;
  /** A sentence for a person ("Superseded by urn:uuid:…, issued 2029-01-05T00:00:00Z."). */
  message: string;
  /** The id of the current credential of the lineage, when a refresh found one. */
  supersededBy?: string;
  /** `validUntil` (or `expirationDate`) as written in the credential. */
  validUntil?: string;
  /** End of the grace period (`validUntil` + the renewal policy's `gracePeriod`). */
  graceEndsAt?: string;
  /** When renewal may be applied for (`validUntil` − the renewal policy's `renewalWindow`). */
  renewalOpensAt?: string;
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
  /** Lifecycle state; present for every credential whose format check passed. */
  lifecycle?: CredentialLifecycle;
  /**
   * For a JWT input (a compact `vc+jwt` or an `EnvelopedVerifiableCredential`): the credential it
   * carries, as decoded (VC-JOSE-COSE payload, or the VC 1.1 `vc` claim rebuilt from the JWT
   * claims). For an Open Badges 2.0 assertion: the assertion, its BadgeClass and issuer Profile
   * read into the OB 3.0 shape (`type: ['OpenBadges2AssertionView']`, no proof — see
   * `ob2CredentialView`), so readers of OB 3.0 credentials work unchanged. Act on it only when
   * `verified`.
   */
  credential?: Record<string, unknown>;
  /**
   * What the credential says, the same shape for Open Badges 3.0, other VCs and Open Badges 2.0 —
   * read this instead of branching on the version. Present whenever the format check passed.
   */
  summary?: CredentialSummary;
  /** For an Open Badges 2.0 assertion: the documents it was verified with, as the issuer serves them. */
  ob2?: { assertion: Record<string, unknown>; badgeClass?: Record<string, unknown>; issuer?: Record<string, unknown> };
}

/**
 * What a credential says, read the same way for every version (`result.summary`). Nothing in it
 * is vouched for unless the result is `verified`; `issuer.name` is what the issuer calls itself.
 */
export interface CredentialSummary {
  /** `ob3` (Open Badges 3.0), `ob2` (Open Badges 2.0 / 1.x assertion), `vc` (another W3C VC). */
  version: 'ob3' | 'ob2' | 'vc';
  /** The credential's (OB 2.0: the assertion's) id. */
  id?: string;
  /** OB 3.0 `credentialSubject.achievement`; OB 2.0 the BadgeClass. `name` falls back to the credential's. */
  achievement: {
    id?: string;
    name?: string;
    description?: string;
    achievementType?: string;
    /** The image URL (`https:` or `data:`) as written; check its scheme before showing it. */
    image?: string;
    criteria: { id?: string; narrative?: string };
  };
  /** The issuer profile as the credential (OB 2.0: the hosted issuer Profile) gives it. */
  issuer: { id?: string; name?: string; url?: string; email?: string; image?: string };
  /**
   * The subject's id (OB 3.0 / VC), and its identifiers (OB 3.0 `identifier` IdentityObjects;
   * OB 2.0 `recipient`, with `email` as `emailAddress`). `identity` is the hash when `hashed`,
   * else the plain value — possibly an email address: show it with care.
   */
  recipient: {
    id?: string;
    identifiers: Array<{ type: string; hashed: boolean; identity: string; salt?: string }>;
  };
  /** `issued`: OB 3.0 `awardedDate`, else `validFrom`/`issuanceDate`; OB 2.0 `issuedOn`. `validUntil`: OB 2.0 `expires`. */
  dates: { issued?: string; validFrom?: string; validUntil?: string };
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

/** Reads the document a `1EdTechCredentialRefresh` service URL answers with (JSON). */
export type RefreshFetcher = (url: string) => Promise<unknown>;

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
  /**
   * Bitstring Status List v1.0 §3.2 `minimumNumberOfEntries`: lists with fewer entries fail with
   * STATUS_LIST_LENGTH_ERROR. Default 131,072 (16 KB of 1-bit entries); an ecosystem may set a
   * lower bound (the DCC status service publishes lists of 100,000).
   */
  minimumStatusListEntries?: number;
  /** Pinned contexts (default: the bundled set from `@repo/schemas`). */
  contexts?: ReadonlyMap<string, unknown>;
  /** A complete document loader; overrides `contexts` and `didResolver`. */
  documentLoader?: DocumentLoader;
  /** DID resolution (default: did:key offline, did:web through the guarded fetch). */
  didResolver?: DidDereferencer;
  /** Status list retrieval (default: the guarded fetch, https only). */
  fetchStatusList?: StatusListFetcher;
  /**
   * DEVELOPMENT ONLY: the default fetchers (status lists, refresh, `did:web`) also fetch from
   * `http://localhost`, `http://127.0.0.1` and `http://[::1]` (and https there), so credentials of
   * an issuer running on this machine can be checked. Every other host stays https and public
   * only (N1, N2). Default false.
   */
  allowLocalhost?: boolean;
  /** Validate Open Badges credentials against the OB 3.0 JSON Schema. Default true. */
  checkSchema?: boolean;
  /**
   * What a schema finding does to `verified` (OB 3.0 §9.1 step 1). `'report'` (default): findings
   * against the bundled schema of the credential's data model are a `warning` on the `schema`
   * check, and `verified` stands — unless the credential names a `credentialSchema` of type
   * `1EdTechJsonSchemaValidator2019` that we bundle and it fails that (then `failed`, as the
   * procedure says). `'strict'`: every finding fails, and a named schema we do not bundle (we never
   * fetch one) is `could-not-check`. Either way a `credentialSubject` with neither `id` nor
   * `identifier` fails. Ignored when `checkSchema` is false.
   */
  schemaChecking?: 'report' | 'strict';
  /**
   * Renewal policies of certifications, matched by `credentialSubject.achievement.id`. With one, an
   * expired credential is still honoured until `validUntil` + `gracePeriod` (lifecycle
   * `in-grace-period`), and `renewalOpensAt` is reported. Default none: expiry is final (V1).
   */
  renewalPolicies?: readonly RenewalPolicy[];
  /**
   * OB 3.0 §9.1 step 3: after the proof passed, ask the credential's `1EdTechCredentialRefresh`
   * service for the current credential of its lineage (once, never recursively). A failed refresh
   * never changes `verified`. Default false: nothing is fetched.
   */
  refresh?: boolean;
  /**
   * Open Badges 2.0 retrieval — hosted assertions, BadgeClasses, issuer Profiles, signing keys,
   * revocation lists — and URLs given to `verifyCredential` (default: the guarded fetch, https
   * only, no redirects, 10 s, 1 MB; `http://localhost` with `allowLocalhost`). Inject one in tests.
   */
  fetchOb2?: Ob2Fetcher;
  /** Refresh retrieval (default: the guarded fetch, https only, like status lists). */
  fetchRefresh?: RefreshFetcher;
  /**
   * Retrieves `relatedResource`s to compare their digests (VC 2.0 §5.3). Default none: only the
   * digests the specifications publish (the VC 2.0 base context) are compared; the issuer service
   * reads its own credentials here.
   */
  fetchRelatedResource?: RelatedResourceFetcher;
  /**
   * JWS algorithms accepted for JWT credentials (SECURITY-CHECKLIST J1). Default
   * `['EdDSA', 'ES256', 'ES384']`; add `RS256` to accept it (OB 3.0 §8.2's minimum). `none` and
   * HMAC (`HS*`) are refused with a `TypeError` when the verifier is built.
   */
  jwtAlgorithms?: readonly string[];
}
