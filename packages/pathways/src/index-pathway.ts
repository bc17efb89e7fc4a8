import { type Pathway, type PathwayComponent, type PathwayCondition, parseDuration } from '@repo/schemas';
import { isObject } from './read-credential.ts';

/** One requirement of the tree with its place in it. */
export interface IndexedRequirement {
  node: PathwayCondition | PathwayComponent;
  /** Depth-first pathway order, root = 0. */
  order: number;
  parent?: string;
  /**
   * True when an ancestor `AtLeast` has more children than it needs, so this requirement can be
   * left unmet without failing the pathway.
   */
  optional: boolean;
}

/** What {@link indexPathway} returns. */
export interface PathwayIndex {
  /** Every requirement, root first, depth-first in pathway order. */
  requirements: IndexedRequirement[];
  byId: Map<string, IndexedRequirement>;
}

function fail(message: string): never {
  throw new TypeError(`Invalid pathway: ${message}`);
}

function checkConstraints(constraints: unknown, id: string): void {
  if (constraints === undefined) return;
  if (!Array.isArray(constraints)) fail(`constraints of "${id}" must be an array.`);
  for (const c of constraints) {
    if (!isObject(c)) fail(`each constraint of "${id}" must be an object.`);
    if (c.type === 'AwardedWithin' && !parseDuration(c.duration)) {
      fail(`AwardedWithin of "${id}" needs an ISO 8601 duration of years, months, weeks or days, such as "P5Y".`);
    }
    if (
      (c.type === 'MinResult' || c.type === 'MinCredits') &&
      typeof (c.type === 'MinResult' ? c.value : c.credits) !== 'number'
    ) {
      fail(`${c.type} of "${id}" needs a number.`);
    }
  }
}

/**
 * Walks a pathway's requirement tree depth-first (root first, children in order) and checks what
 * evaluation relies on: unique string ids, `children` arrays, an `AtLeast` `count` that is a
 * non-negative integer, a `match` object on every component, readable constraints, and advanced
 * standing `toward` an existing condition. Anything else throws `TypeError` (a bad pathway is a
 * caller error); full validation is `validatePathway`'s job in `@repo/schemas`.
 *
 * @example
 * indexPathway(pathway).requirements.map((r) => r.node.id); // ['degree', 'core', 'eng-101', …]
 */
export function indexPathway(pathway: Pathway): PathwayIndex {
  if (!isObject(pathway) || !isObject(pathway.requirement)) fail('a pathway needs a requirement object.');
  const requirements: IndexedRequirement[] = [];
  const byId = new Map<string, IndexedRequirement>();

  const visit = (node: unknown, parent: PathwayCondition | undefined, optional: boolean): void => {
    if (!isObject(node)) fail(`every requirement under "${parent?.id}" must be an object.`);
    const id = node.id;
    if (typeof id !== 'string' || id === '') fail('every requirement needs a string id.');
    if (byId.has(id)) fail(`the requirement id "${id}" is used twice.`);
    const entry: IndexedRequirement = {
      node: node as unknown as PathwayCondition | PathwayComponent,
      order: requirements.length,
      optional,
    };
    if (parent) entry.parent = parent.id;
    requirements.push(entry);
    byId.set(id, entry);
    checkConstraints(node.constraints, id);
    if (node.type === 'Component') {
      if (parent === undefined) fail('the root requirement must be a condition (AllOf or AtLeast).');
      if (!isObject(node.match)) fail(`component "${id}" needs a match object.`);
      return;
    }
    if (node.type !== 'AllOf' && node.type !== 'AtLeast')
      fail(`"${id}" has unknown type ${JSON.stringify(node.type)}.`);
    if (!Array.isArray(node.children)) fail(`condition "${id}" needs a children array.`);
    if (node.type === 'AtLeast' && !(Number.isInteger(node.count) && (node.count as number) >= 0)) {
      fail(`AtLeast condition "${id}" needs a count that is a whole number ≥ 0.`);
    }
    const slack = node.type === 'AtLeast' && (node.count as number) < node.children.length;
    for (const child of node.children) visit(child, node as unknown as PathwayCondition, optional || slack);
  };
  visit(pathway.requirement, undefined, false);

  for (const standing of pathway.advancedStanding ?? []) {
    if (!isObject(standing) || typeof standing.id !== 'string') fail('every advanced standing needs a string id.');
    if (!isObject(standing.match)) fail(`advanced standing "${standing.id}" needs a match object.`);
    if (typeof standing.credits !== 'number' || !Number.isFinite(standing.credits) || standing.credits < 0) {
      fail(`advanced standing "${standing.id}" needs credits ≥ 0.`);
    }
    const target = byId.get(standing.toward);
    if (!target || target.node.type === 'Component') {
      fail(
        `advanced standing "${standing.id}" is toward "${standing.toward}", which is not a condition of this pathway.`,
      );
    }
  }
  return { requirements, byId };
}
