import type { PathwayComponent, PathwayCondition } from '@repo/schemas';
import type { AcceptedCredential } from './compare-credentials.ts';
import { creditValue, sumCredits } from './credit-value.ts';
import { describeComponentNeed, describeCountNeed, describeCreditNeed } from './describe-needs.ts';
import type { PathwayIndex } from './index-pathway.ts';
import type { GrantedStanding, RequirementReport, RequirementStatus } from './types.ts';

/** What {@link scoreRequirements} needs besides the tree. */
export interface ScoreInput {
  /** Accepted credentials in credential order. */
  credentials: readonly AcceptedCredential[];
  /** Component id → credential index. */
  assigned: ReadonlyMap<string, number>;
  standing: ReadonlyArray<GrantedStanding & { index: number }>;
}

interface Scored {
  report: RequirementReport;
  /** Credential indexes under this requirement. */
  indexes: Set<number>;
  /** Needs as a parent lists them (credit shortfalls say where). */
  scopedNeeds: string[];
}

function minCredits(node: PathwayCondition): number | undefined {
  const values = (node.constraints ?? []).flatMap((c) => (c.type === 'MinCredits' ? [c.credits] : []));
  return values.length > 0 ? Math.max(...values) : undefined;
}

/**
 * The children an `AtLeast(n)` counts: satisfied children first, most credits first, then
 * pathway order, taken only while they are needed — until n are taken and the `MinCredits`
 * total (standing included) is reached. Children that bring neither a satisfied requirement nor
 * credits are skipped.
 */
function neededChildren(
  children: readonly Scored[],
  required: number,
  creditsRequired: number | undefined,
  standingCredits: number,
): Scored[] {
  const ranked = children
    .map((c, i) => ({ c, i, satisfied: c.report.status === 'satisfied' }))
    .sort((a, b) => Number(b.satisfied) - Number(a.satisfied) || b.c.report.credits - a.c.report.credits || a.i - b.i);
  const taken: Scored[] = [];
  let total = standingCredits;
  for (const { c, satisfied } of ranked) {
    const moreCount = taken.length < required;
    const moreCredits = creditsRequired !== undefined && total < creditsRequired;
    if (!moreCount && !moreCredits) break;
    if (!satisfied && c.report.credits === 0) continue;
    if (!moreCount && c.report.credits === 0) continue;
    taken.push(c);
    total = sumCredits([total, c.report.credits]);
  }
  return taken;
}

/**
 * Scores every requirement bottom-up and reports them root first, depth-first in pathway order.
 *
 * - A component is `satisfied` when it was given a credential (its credits: `creditValue`), else
 *   `missing` with 0 credits.
 * - A condition's credits are its counted children's credits plus advanced standing granted
 *   toward it (standing toward a condition thus also counts toward its ancestors). `AllOf`
 *   counts every child; `AtLeast(n)` counts only the children it needs to reach n and its
 *   `MinCredits` (satisfied ones first, the most credits first, then pathway order), though
 *   every credential under it is listed in `satisfiedBy`.
 * - `AllOf` is `satisfied` when all children are and its `MinCredits` is met; `AtLeast(n)` when
 *   at least n children are and its `MinCredits` is met; otherwise `partial` if it has credits or
 *   any child has progress, else `missing`. `progress.satisfied` is capped at `required`.
 * - `stillNeeded` is empty when satisfied or under a satisfied condition (a spare `AtLeast`
 *   option is not needed); otherwise, for a component, its need in words; for
 *   `AtLeast`, how many more children ("2 of 3 technical electives") and credits; for `AllOf`,
 *   the needs of its unmet children, then its own credit shortfall.
 *
 * @example
 * scoreRequirements(index, { credentials, assigned, standing })[0]?.status; // 'partial'
 */
export function scoreRequirements(index: PathwayIndex, input: ScoreInput): RequirementReport[] {
  const { credentials, assigned, standing } = input;
  const byOrder = (a: number, b: number) => a - b;

  const score = (node: PathwayCondition | PathwayComponent, parent?: string): Scored[] => {
    if (node.type === 'Component') {
      const at = assigned.get(node.id);
      const satisfied = at !== undefined;
      const need = satisfied ? '' : describeComponentNeed(node);
      const report: RequirementReport = {
        id: node.id,
        name: node.name,
        kind: 'Component',
        status: satisfied ? 'satisfied' : 'missing',
        satisfiedBy: satisfied ? [credentials[at]!.key] : [],
        credits: satisfied ? creditValue(credentials[at]!.credential, node) : 0,
        stillNeeded: need,
      };
      if (parent !== undefined) report.parent = parent;
      return [{ report, indexes: new Set(satisfied ? [at] : []), scopedNeeds: need ? [need] : [] }];
    }

    const subtree: Scored[] = [];
    const children: Scored[] = [];
    for (const child of node.children) {
      const scored = score(child, node.id);
      children.push(scored[0]!);
      subtree.push(...scored);
    }
    const own = standing.filter((s) => s.toward === node.id);
    const satisfiedCount = children.filter((c) => c.report.status === 'satisfied').length;
    const required = node.type === 'AllOf' ? node.children.length : (node.count ?? 0);
    const creditsRequired = minCredits(node);
    const ownCredits = sumCredits(own.map((s) => s.credits));
    const counted = node.type === 'AllOf' ? children : neededChildren(children, required, creditsRequired, ownCredits);
    const credits = sumCredits([...counted.map((c) => c.report.credits), ownCredits]);
    const creditsMet = creditsRequired === undefined || credits >= creditsRequired;
    const progressed = credits > 0 || children.some((c) => c.report.status !== 'missing');
    const status: RequirementStatus =
      satisfiedCount >= required && creditsMet ? 'satisfied' : progressed ? 'partial' : 'missing';

    const indexes = new Set<number>([...children.flatMap((c) => [...c.indexes]), ...own.map((s) => s.index)]);
    const childNeeds =
      node.type === 'AllOf'
        ? children.filter((c) => c.report.status !== 'satisfied').flatMap((c) => c.scopedNeeds)
        : [describeCountNeed(node.name, satisfiedCount, required)];
    const ownNeeds = status === 'satisfied' ? [] : [...childNeeds, describeCreditNeed(credits, creditsRequired)];
    const scopedNeeds =
      status === 'satisfied' ? [] : [...childNeeds, describeCreditNeed(credits, creditsRequired, node.name)];

    const report: RequirementReport = {
      id: node.id,
      name: node.name,
      kind: node.type,
      status,
      satisfiedBy: [...indexes].sort(byOrder).map((i) => credentials[i]!.key),
      credits,
      stillNeeded: ownNeeds.filter(Boolean).join('; '),
      progress: { satisfied: Math.min(satisfiedCount, required), required },
    };
    if (creditsRequired !== undefined) report.creditsRequired = creditsRequired;
    if (parent !== undefined) report.parent = parent;
    return [{ report, indexes, scopedNeeds: scopedNeeds.filter(Boolean) }, ...subtree];
  };

  const root = index.requirements[0]!.node;
  const reports = score(root).map((s) => s.report);
  // Under a satisfied condition nothing more is needed: spare AtLeast options stay unmet, silently.
  const settled = new Set<string>();
  for (const r of reports) {
    if (r.parent !== undefined && settled.has(r.parent)) r.stillNeeded = '';
    if (r.status === 'satisfied' || (r.parent !== undefined && settled.has(r.parent))) settled.add(r.id);
  }
  return reports;
}
