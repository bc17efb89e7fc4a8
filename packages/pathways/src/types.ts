import type { CredentialSecuring, Problem } from '@repo/core';
import type { CredentialVerification } from '@repo/verifier';

/** How far a requirement is met. */
export type RequirementStatus = 'satisfied' | 'partial' | 'missing';

/** One requirement (condition or component) in the report, in pathway order. */
export interface RequirementReport {
  id: string;
  name: string;
  kind: 'AllOf' | 'AtLeast' | 'Component';
  status: RequirementStatus;
  /** Ids of the credentials that satisfied it (for a condition: everything under it, advanced standing included). */
  satisfiedBy: string[];
  /** Credits counted under this requirement (advanced standing included). */
  credits: number;
  /** What is still needed, in words a worker understands ("2 of 3 electives; 6 more credits"); empty when satisfied. */
  stillNeeded: string;
  /** For conditions: `{ satisfied, required }` children. */
  progress?: { satisfied: number; required: number };
  /** For `MinCredits`: the credits required. */
  creditsRequired?: number;
  /** Parent condition id (undefined for the root). */
  parent?: string;
}

/** A credential that was offered but does not count, and why. */
export interface ExcludedCredential {
  /** The credential id, or `#<position>` when it has none. */
  id: string;
  reason: string;
  problems: Problem[];
}

/** Advanced standing that was granted. */
export interface GrantedStanding {
  id: string;
  name: string;
  credentialId: string;
  credits: number;
  toward: string;
}

/** What `evaluatePathway` returns. Same inputs → same report (deterministic). */
export interface PathwayReport {
  pathwayId: string;
  complete: boolean;
  /** Root status. */
  status: RequirementStatus;
  requirements: RequirementReport[];
  advancedStanding: GrantedStanding[];
  excluded: ExcludedCredential[];
  /** Ids of every credential counted anywhere. */
  counted: string[];
  /** Verified credentials that matched nothing. */
  unused: string[];
  /** Evaluation time (ISO). */
  evaluatedAt: string;
  /** Per credential verification results, by credential id (or `#<position>`). */
  verification: Record<string, CredentialVerification>;
}

/**
 * A credential that counted in an evaluation, as a caller needs it to issue from the result (a
 * CLR embeds it, a renewal lists it as evidence and binds it to the holder).
 */
export interface CountedCredential {
  /** Its key in the report (`counted`, `satisfiedBy`): the credential id, or `#<position>`. */
  key: string;
  /** Position in the list offered (an array, or the presentation's `verifiableCredential`). */
  position: number;
  /** The verified copy exactly as it was offered (an object, a compact JWT or an envelope). */
  original: unknown;
  /** The credential itself — for a VC-JWT, the one inside it. */
  credential: Record<string, unknown>;
  /** How it was secured (`openCredential`). */
  securing: CredentialSecuring;
  /** The `id` of every `credentialSubject`, in order (`''` for one without). */
  subjectIds: string[];
}

/** What `evaluatePathwayWithCredentials` returns: the report, and the credentials it counted. */
export interface EvaluatedPathway {
  report: PathwayReport;
  /** The counted credentials, in the order of `report.counted`. */
  counted: CountedCredential[];
}
