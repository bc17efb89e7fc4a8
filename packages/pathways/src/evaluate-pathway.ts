import type { Pathway, PathwayComponent } from '@repo/schemas';
import type { PresentationOptions, Verifier } from '@repo/verifier';
import { type AssignmentSlot, assignCredentials } from './assign-credentials.ts';
import type { AcceptedCredential } from './compare-credentials.ts';
import { grantStanding } from './grant-standing.ts';
import { indexPathway } from './index-pathway.ts';
import { matchCredential } from './match-credential.ts';
import { meetsConstraints } from './meets-constraints.ts';
import { subjectIdsOf } from './open-offered.ts';
import { isObject } from './read-credential.ts';
import { scoreRequirements } from './score-requirements.ts';
import type { CountedCredential, EvaluatedPathway, PathwayReport } from './types.ts';
import { verifyInputs } from './verify-inputs.ts';

/**
 * Options of {@link evaluatePathway}: the verifier, the clock and, for a presentation, the
 * `challenge` / `domain` you expect (or `unsignedPresentation: true`).
 *
 * @example
 * const options: EvaluatePathwayOptions = { verifier: createVerifier(), now: () => new Date('2026-06-01T00:00:00Z') };
 */
export interface EvaluatePathwayOptions extends PresentationOptions {
  /** Verifies every credential (and a presentation); build it once with `createVerifier`. */
  verifier: Verifier;
  /** The evaluation clock, read once; also used for verification. Default: the system clock. */
  now?: () => Date;
}

/**
 * Evaluates a learner's credentials against a pathway (CTDL `ceterms:Pathway` with
 * `ComponentCondition`s, `Constraint`s and `isAdvancedStandingFor`) and reports, per
 * requirement, what is met, with how many credits, and what is still needed.
 *
 * 1. **Verify.** Each credential (or the presentation and its credentials, with `challenge`,
 *    `domain`, `unsignedPresentation`) goes through the verifier at `now`. Only verified ones
 *    count; the others are listed in `excluded` with the verifier's first problem as the reason.
 *    The same id twice counts once.
 * 2. **Assign.** Verified credentials are ordered by `awardedDate ?? validFrom`, then id. Each
 *    component accepts the credentials that fit its `match` and constraints (`AwardedWithin`
 *    against `now`, `MinResult` on `credentialSubject.result[].value`, of the
 *    `resultDescription`'s `resultType` when given). Components are matched required first,
 *    scarcest first (fewest fitting credentials), then in pathway order; each takes its earliest
 *    free fitting credential, or frees one by moving an earlier component to another fitting
 *    credential; no matched component is ever unmatched by a later one. A credential counts once,
 *    except in components with `allowReuse`. Then each advanced standing, in pathway order, goes
 *    to every still-unused credential that fits it (at most one standing per credential).
 * 3. **Score.** Components are satisfied or missing; conditions add up credits (standing
 *    included, also toward ancestors) and are satisfied, partial or missing; see
 *    `RequirementReport`.
 *
 * The same pathway, credentials (in any order) and clock give a deep-equal report. Bad options
 * or a structurally broken pathway throw `TypeError`; bad credentials never throw.
 *
 * @example
 * const verifier = createVerifier();
 * const report = await evaluatePathway(pathway, credentials, { verifier });
 * for (const r of report.requirements) if (r.stillNeeded) console.log(`${r.name}: ${r.stillNeeded}`);
 */
export async function evaluatePathway(
  pathway: Pathway,
  credentialsOrPresentation: readonly unknown[] | Record<string, unknown>,
  options: EvaluatePathwayOptions,
): Promise<PathwayReport> {
  return (await evaluatePathwayWithCredentials(pathway, credentialsOrPresentation, options)).report;
}

/**
 * {@link evaluatePathway}, and the credentials it counted: the very copies that were verified
 * (when the same id was offered twice, the one that counts), each as it was offered and as the
 * credential inside it (a VC-JWT opened with `openCredential`), with the ids of its subjects. Issue
 * from these — bind them to the recipient, embed them, cite them — never from the raw input.
 *
 * @example
 * const { report, counted } = await evaluatePathwayWithCredentials(pathway, input, { verifier });
 * const strangers = counted.filter((c) => c.subjectIds.some((id) => id !== holder));
 */
export async function evaluatePathwayWithCredentials(
  pathway: Pathway,
  credentialsOrPresentation: readonly unknown[] | Record<string, unknown>,
  options: EvaluatePathwayOptions,
): Promise<EvaluatedPathway> {
  if (!isObject(options) || !isObject(options.verifier) || typeof options.verifier.verifyCredential !== 'function') {
    throw new TypeError('evaluatePathway needs options.verifier (build one with createVerifier()).');
  }
  if (options.now !== undefined && typeof options.now !== 'function') {
    throw new TypeError('options.now must be a function returning a Date.');
  }
  if (!Array.isArray(credentialsOrPresentation) && !isObject(credentialsOrPresentation)) {
    throw new TypeError('evaluatePathway needs an array of credentials or a verifiable presentation object.');
  }
  const index = indexPathway(pathway);
  const at = (options.now ?? (() => new Date()))();
  if (!(at instanceof Date) || Number.isNaN(at.getTime())) throw new TypeError('options.now must return a valid Date.');

  const inputs = await verifyInputs(credentialsOrPresentation, { ...options, verifier: options.verifier, at });
  const credentials = inputs.accepted;

  const slots: AssignmentSlot[] = index.requirements
    .filter((r) => r.node.type === 'Component')
    .map((r) => {
      const component = r.node as PathwayComponent;
      const candidates = credentials.flatMap((c, i) =>
        matchCredential(c.credential, component.match) && meetsConstraints(c.credential, component.constraints, at)
          ? [i]
          : [],
      );
      return {
        id: component.id,
        order: r.order,
        optional: r.optional,
        allowReuse: component.allowReuse === true,
        candidates,
      };
    });
  const assigned = assignCredentials(slots);
  const standing = grantStanding(pathway.advancedStanding ?? [], credentials, new Set(assigned.values()));
  const requirements = scoreRequirements(index, { credentials, assigned, standing });

  const used = new Set([...assigned.values(), ...standing.map((s) => s.index)]);
  const root = requirements[0]!;
  const report: PathwayReport = {
    pathwayId: pathway.id,
    complete: root.status === 'satisfied',
    status: root.status,
    requirements,
    advancedStanding: standing.map(({ index: _, ...granted }) => granted),
    excluded: inputs.excluded,
    counted: credentials.filter((_, i) => used.has(i)).map((c) => c.key),
    unused: credentials.filter((_, i) => !used.has(i)).map((c) => c.key),
    evaluatedAt: at.toISOString(),
    verification: inputs.verification,
  };
  return { report, counted: credentials.filter((_, i) => used.has(i)).map(countedOf) };
}

function countedOf(c: AcceptedCredential): CountedCredential {
  return {
    key: c.key,
    position: c.offered?.position ?? -1,
    original: c.offered?.original ?? c.credential,
    credential: c.credential,
    securing: c.offered?.opened?.securing ?? { format: 'embedded-proof' },
    subjectIds: subjectIdsOf(c.credential),
  };
}
