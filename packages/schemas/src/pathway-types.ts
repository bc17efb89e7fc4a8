/**
 * Pathway definitions: what a destination (a degree, a higher certificate, a renewed
 * certification) requires, modelled on Credential Engine CTDL (`ceterms:Pathway`,
 * `ceterms:ComponentCondition`, `ceterms:Constraint`, `ceterms:isAdvancedStandingFor`) and on
 * Open Badges 3.0 fields (achievement `id`, `alignment`, `achievementType`, `fieldOfStudy`, `tag`,
 * `creditsAvailable`, subject `creditsEarned`, `result`).
 *
 * The format is plain JSON (not JSON-LD); `ctid` / `ctdlType` fields carry the CTDL mapping for a
 * registrar who publishes the same pathway to the Credential Registry.
 */

/** ISO 8601 duration, e.g. `P5Y`, `P6M`, `P90D` (years, months, weeks, days only). */
export type IsoDuration = string;

/** Which credentials a component accepts. Every present field must match (AND); list fields match any entry (OR). */
export interface CredentialMatcher {
  /** Achievement `id`s (OB 3.0 `credentialSubject.achievement.id`). */
  achievementIds?: string[];
  /** Alignment `targetUrl`s or CTIDs (`ce-…`) found in `achievement.alignment[].targetUrl` / `targetCode` or `achievement.otherIdentifier`. */
  alignmentTargets?: string[];
  /** OB 3.0 `achievementType` values (e.g. `Certification`, `MicroCredential`). */
  achievementTypes?: string[];
  /** `achievement.fieldOfStudy` values (case-insensitive). */
  fieldsOfStudy?: string[];
  /** `achievement.tag` values (case-insensitive). */
  tags?: string[];
  /** Allow-list of issuer ids; when absent any (verified) issuer counts. */
  issuers?: string[];
}

/** A constraint on a component (filters credentials) or on a condition (tests the total). CTDL `ceterms:Constraint`. */
export type Constraint =
  | {
      /** Sum of credits counted under this requirement ≥ `credits`. */
      type: 'MinCredits';
      credits: number;
    }
  | {
      /** The credential was awarded (`awardedDate`, else `validFrom`) within `duration` before the evaluation time. */
      type: 'AwardedWithin';
      duration: IsoDuration;
    }
  | {
      /** A `result` of the credential (optionally of `resultType`) has a numeric `value` ≥ `value`. */
      type: 'MinResult';
      value: number;
      resultType?: string;
    };

/** A leaf: one credential that fits `match`. CTDL `ceterms:CredentialComponent` (and other component types). */
export interface PathwayComponent {
  type: 'Component';
  /** Stable id, unique in the pathway; reports use it. */
  id: string;
  name: string;
  description?: string;
  /** CTDL component class, e.g. `ceterms:CredentialComponent`, `ceterms:CourseComponent`. */
  ctdlType?: string;
  match: CredentialMatcher;
  /** Credits this component contributes; default: the subject's `creditsEarned`, else the achievement's `creditsAvailable`, else 0. */
  credits?: number;
  /** Only `AwardedWithin` and `MinResult` apply to a component. */
  constraints?: Constraint[];
  /** Let a credential used here also count elsewhere (default false: no double counting). */
  allowReuse?: boolean;
}

/**
 * An inner node: CTDL `ceterms:ComponentCondition` with `ceterms:requiredNumber`.
 *
 * Credits: an `AllOf` counts every satisfied child. An `AtLeast(n)` counts the n children it
 * needs (those with the most credits), plus further satisfied children only while its own
 * `MinCredits` asks for more — extra electives are listed but do not inflate totals. Advanced
 * standing toward a condition adds to it and to every condition above it; toward an `AllOf` it
 * adds credits but waives no child.
 */
export interface PathwayCondition {
  type: 'AllOf' | 'AtLeast';
  id: string;
  name: string;
  description?: string;
  /** For `AtLeast`: how many children must be satisfied. */
  count?: number;
  children: Array<PathwayCondition | PathwayComponent>;
  /** Only `MinCredits` applies to a condition. */
  constraints?: Constraint[];
}

/**
 * Credit for prior learning: a credential that fits `match` counts `credits` toward the
 * condition `toward` without satisfying a component. CTDL `ceterms:isAdvancedStandingFor`.
 */
export interface AdvancedStanding {
  id: string;
  name: string;
  match: CredentialMatcher;
  credits: number;
  /** Id of a condition in this pathway. */
  toward: string;
}

/** Recertification rules of a certification (CTDL `ceterms:renewal` ConditionProfile). */
export interface RenewalPolicy {
  /** Id of the certification achievement being renewed. */
  achievementId: string;
  /** How long each (re)certification is valid, e.g. `P3Y`. */
  validityPeriod: IsoDuration;
  /** How long before `validUntil` renewal may be applied for, e.g. `P6M`. */
  renewalWindow: IsoDuration;
  /** How long after `validUntil` the certification is still honoured while renewal is pending, e.g. `P90D`. */
  gracePeriod: IsoDuration;
}

/** A pathway: a destination and the requirement tree that leads to it. CTDL `ceterms:Pathway`. */
export interface Pathway {
  type: 'Pathway';
  /** URL or URN; stable. */
  id: string;
  name: string;
  description: string;
  /** Credential Registry CTID (`ce-` + UUID), when published there. */
  ctid?: string;
  /** What completing the pathway earns. CTDL `ceterms:hasDestinationComponent`. */
  destination: {
    kind: 'degree' | 'certificate' | 'certification' | 'renewal';
    /** The OB 3.0 Achievement issued on completion (id, type, name, description, criteria, achievementType, creditsAvailable…). */
    achievement: Record<string, unknown> & { id: string; name: string };
  };
  /** The root condition. */
  requirement: PathwayCondition;
  advancedStanding?: AdvancedStanding[];
  /** For `destination.kind === 'renewal'`: the certification's renewal policy. */
  renewal?: RenewalPolicy;
}
