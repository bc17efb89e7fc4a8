import { evaluatePathway, type PathwayReport, type RequirementReport } from '@repo/pathways';
import type { Pathway } from '@repo/schemas';
import type { CredentialVerification, Verifier } from '@repo/verifier';
import type { AppDeps } from '../deps.ts';
import { listPathways } from '../routes/pathways.ts';

/** One published pathway the worker's credentials count toward, and how far they get. */
export interface PathwayProgress {
  pathway: {
    id: string;
    name: string;
    description: string;
    destination: { kind: Pathway['destination']['kind']; achievement: { id: string; name: string } };
  };
  complete: boolean;
  status: PathwayReport['status'];
  /** How much of the pathway is met, 0 to 1 (see {@link fractionMet}); the ranking key. */
  fractionMet: number;
  /** Credits counted and required at the root, when the pathway asks for credits. */
  credits?: { earned: number; required: number };
  /** Ids of the credentials that count. */
  counted: string[];
  /** Everything still needed, in words (the pathway evaluation's root `stillNeeded`); empty when complete. */
  stillNeeded: string;
  /** The unmet requirements directly under the root (groups or single components), each with what it still needs. */
  missing: Array<{ id: string; name: string; kind: RequirementReport['kind']; stillNeeded: string }>;
}

/** What {@link progressToward} answers. */
export interface ProgressAnswer {
  /** Pathways at least one credential counts toward, closest first. */
  pathways: PathwayProgress[];
  /**
   * Credentials that do not count anywhere because they did not verify, and why (empty when no
   * pathway is published: nothing was evaluated).
   */
  excluded: PathwayReport['excluded'];
  evaluatedAt: string;
}

const round = (n: number): number => Math.round(n * 1000) / 1000;

/**
 * How much of a requirement is met, 0 to 1, from the evaluation's report: a satisfied requirement
 * is 1, a missing component 0; a condition averages its count part (its best `required` children,
 * e.g. two of three electives, each as far as it got) and its credit part (credits counted over
 * `MinCredits`, at most 1), where it has them.
 *
 * @example
 * fractionMet(report.requirements); // 0.35
 */
export function fractionMet(requirements: readonly RequirementReport[], id = requirements[0]?.id): number {
  const r = requirements.find((x) => x.id === id);
  if (!r || r.status === 'satisfied') return r ? 1 : 0;
  if (r.kind === 'Component') return 0;
  const children = requirements
    .filter((x) => x.parent === r.id)
    .map((c) => fractionMet(requirements, c.id))
    .sort((a, b) => b - a);
  const parts: number[] = [];
  const required = r.progress?.required ?? 0;
  if (required > 0) parts.push(children.slice(0, required).reduce((sum, f) => sum + f, 0) / required);
  if (r.creditsRequired !== undefined && r.creditsRequired > 0) parts.push(Math.min(1, r.credits / r.creditsRequired));
  return parts.length === 0 ? 0 : parts.reduce((sum, f) => sum + f, 0) / parts.length;
}

/**
 * A verifier that verifies each credential once for all the pathways of one request (they share
 * one evaluation instant): the same input object or JWT string answers the same result.
 */
function verifyingOnce(verifier: Verifier): Verifier {
  const seen = new Map<unknown, Promise<CredentialVerification>>();
  return {
    verifyCredential: (credential, overrides) => {
      let result = seen.get(credential);
      if (!result) {
        result = verifier.verifyCredential(credential, overrides);
        seen.set(credential, result);
      }
      return result;
    },
    verifyPresentation: (presentation, options) => verifier.verifyPresentation(presentation, options),
    statusListCache: verifier.statusListCache,
  };
}

function progressOf(pathway: Pathway, report: PathwayReport): PathwayProgress {
  const root = report.requirements[0]!;
  const entry: PathwayProgress = {
    pathway: {
      id: pathway.id,
      name: pathway.name,
      description: pathway.description,
      destination: {
        kind: pathway.destination.kind,
        achievement: { id: pathway.destination.achievement.id, name: pathway.destination.achievement.name },
      },
    },
    complete: report.complete,
    status: report.status,
    fractionMet: round(fractionMet(report.requirements)),
    counted: report.counted,
    stillNeeded: root.stillNeeded,
    missing: report.requirements
      .filter((r) => r.parent === root.id && r.stillNeeded !== '')
      .map((r) => ({ id: r.id, name: r.name, kind: r.kind, stillNeeded: r.stillNeeded })),
  };
  if (root.creditsRequired !== undefined) entry.credits = { earned: root.credits, required: root.creditsRequired };
  return entry;
}

/**
 * Which published pathways a worker's credentials count toward, closest first: every pathway in
 * the store is evaluated with `@repo/pathways` `evaluatePathway` (which verifies each credential
 * — Data Integrity, compact or enveloped VC-JWT — and matches it; nothing is re-implemented here),
 * and those where at least one credential counts are ranked by {@link fractionMet}, then credits
 * earned, then name and id.
 *
 * @example
 * const { pathways } = await progressToward(deps, [credential]);
 * pathways[0]?.stillNeeded; // 'Certified Production Associate; 48 more credits'
 */
export async function progressToward(deps: AppDeps, credentials: readonly unknown[]): Promise<ProgressAnswer> {
  const at = deps.clock();
  const verifier = verifyingOnce(deps.verifier);
  const pathways = (await listPathways(deps)).sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
  const results: PathwayProgress[] = [];
  let excluded: PathwayReport['excluded'] = [];
  for (const pathway of pathways) {
    const report = await evaluatePathway(pathway, credentials, { verifier, now: () => new Date(at.getTime()) });
    excluded = report.excluded;
    if (report.counted.length > 0) results.push(progressOf(pathway, report));
  }
  results.sort(
    (a, b) =>
      b.fractionMet - a.fractionMet ||
      (b.credits?.earned ?? 0) - (a.credits?.earned ?? 0) ||
      a.pathway.name.localeCompare(b.pathway.name, 'en') ||
      (a.pathway.id < b.pathway.id ? -1 : 1),
  );
  return { pathways: results, excluded, evaluatedAt: at.toISOString() };
}
