import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  type CredentialMatcher,
  OB_V3P0_CONTEXT,
  type Pathway,
  type PathwayComponent,
  type PathwayCondition,
  SCHEMAS_DIR,
  VC_V2_CONTEXT,
  validateCredential,
} from '../src/index.ts';

const PATHWAYS_DIR = join(SCHEMAS_DIR, '..', 'pathways');
const README = readFileSync(join(PATHWAYS_DIR, 'README.md'), 'utf8');
const CTID = /^ce-[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

function example(name: 'manufacturing-aas' | 'cimt-recertification'): Pathway {
  return JSON.parse(readFileSync(join(PATHWAYS_DIR, `${name}.json`), 'utf8'));
}

function fixture(): any {
  return JSON.parse(readFileSync(join(SCHEMAS_DIR, '..', '..', 'test', 'fixtures', 'ob3-certification.json'), 'utf8'));
}

function components(node: PathwayCondition | PathwayComponent): PathwayComponent[] {
  return node.type === 'Component' ? [node] : node.children.flatMap(components);
}

function conditions(node: PathwayCondition | PathwayComponent): PathwayCondition[] {
  return node.type === 'Component' ? [] : [node, ...node.children.flatMap(conditions)];
}

function minCredits(rule: { constraints?: PathwayCondition['constraints'] }): number | undefined {
  const constraint = rule.constraints?.find((c) => c.type === 'MinCredits');
  return constraint?.type === 'MinCredits' ? constraint.credits : undefined;
}

/**
 * The matcher semantics documented in pathway-types.ts: every present field must match (AND), a
 * list matches any entry (OR); field of study and tags case-insensitively. Only for these tests —
 * the pathway evaluator has its own.
 */
function matches(matcher: CredentialMatcher, credential: any): boolean {
  const achievement = credential.credentialSubject?.achievement ?? {};
  const issuer = typeof credential.issuer === 'string' ? credential.issuer : credential.issuer?.id;
  const list = (value: unknown): any[] => (value === undefined ? [] : Array.isArray(value) ? value : [value]);
  const lower = (values: string[]) => values.map((v) => v.toLowerCase());
  const targets = [
    ...list(achievement.alignment).flatMap((a: any) => [a.targetUrl, a.targetCode]),
    ...list(achievement.otherIdentifier).map((o: any) => o.identifier),
  ];
  const checks: Array<[string[] | undefined, string[]]> = [
    [matcher.achievementIds, [achievement.id]],
    [matcher.alignmentTargets, targets],
    [matcher.achievementTypes, list(achievement.achievementType)],
    [matcher.fieldsOfStudy && lower(matcher.fieldsOfStudy), lower(list(achievement.fieldOfStudy))],
    [matcher.tags && lower(matcher.tags), lower(list(achievement.tag))],
    [matcher.issuers, [issuer]],
  ];
  return checks.every(([wanted, present]) => wanted === undefined || wanted.some((w) => present.includes(w)));
}

/** An OB 3.0 credential built from the first value of every matcher field. */
function credentialFor(matcher: CredentialMatcher, name: string): any {
  const target = matcher.alignmentTargets?.[0];
  return {
    '@context': [VC_V2_CONTEXT, OB_V3P0_CONTEXT],
    id: 'urn:uuid:5b0e8f4a-1d2c-4e6f-9a7b-3c1d2e4f5a6b',
    type: ['VerifiableCredential', 'OpenBadgeCredential'],
    issuer: { id: matcher.issuers?.[0] ?? 'did:example:any-provider', type: ['Profile'], name: 'Provider' },
    validFrom: '2026-03-01T00:00:00Z',
    credentialSubject: {
      id: 'did:example:worker',
      type: ['AchievementSubject'],
      achievement: {
        id: matcher.achievementIds?.[0] ?? 'https://provider.example/achievements/1',
        type: ['Achievement'],
        name,
        description: `A credential that fits "${name}".`,
        criteria: { narrative: 'Completed.' },
        ...(matcher.achievementTypes && { achievementType: matcher.achievementTypes[0] }),
        ...(matcher.fieldsOfStudy && { fieldOfStudy: matcher.fieldsOfStudy[0] }),
        ...(matcher.tags && { tag: [matcher.tags[0]] }),
        ...(target &&
          !CTID.test(target) && { alignment: [{ type: ['Alignment'], targetName: name, targetUrl: target }] }),
        ...(target &&
          CTID.test(target) && {
            otherIdentifier: [{ type: 'IdentifierEntry', identifier: target, identifierType: 'identifier' }],
          }),
      },
    },
  };
}

/**
 * How an `AtLeast` counts credits. pathway-types.ts leaves it open: `'all'` counts every satisfied
 * child; `'needed'` counts only the children needed to reach `count` and the condition's own
 * `MinCredits` (satisfied first, most credits first, then pathway order). The examples are built
 * so that every README scenario comes out the same either way.
 */
type AtLeastCounting = 'all' | 'needed';

/**
 * Credit arithmetic of the pathway format, as the README states it: a component counts its
 * `credits` when earned; a condition counts its (counted) children's credits plus advanced
 * standing granted toward it; AllOf needs every child, AtLeast `count` of them, and MinCredits its
 * total.
 */
function evaluate(pathway: Pathway, earned: string[], standing: string[] = [], counting: AtLeastCounting = 'all') {
  const credits = new Map<string, number>();
  const satisfied = new Map<string, boolean>();
  const walk = (node: PathwayCondition | PathwayComponent): void => {
    if (node.type === 'Component') {
      credits.set(node.id, earned.includes(node.id) ? (node.credits ?? 0) : 0);
      satisfied.set(node.id, earned.includes(node.id));
      return;
    }
    node.children.forEach(walk);
    const granted = (pathway.advancedStanding ?? [])
      .filter((s) => s.toward === node.id && standing.includes(s.id))
      .reduce((sum, s) => sum + s.credits, 0);
    const required = minCredits(node);
    let counted = node.children;
    if (node.type === 'AtLeast' && counting === 'needed') {
      const ranked = node.children
        .map((child, i) => ({ child, i, done: satisfied.get(child.id)! }))
        .sort(
          (a, b) => Number(b.done) - Number(a.done) || credits.get(b.child.id)! - credits.get(a.child.id)! || a.i - b.i,
        );
      counted = [];
      let sum = granted;
      for (const { child, done } of ranked) {
        if (counted.length >= (node.count ?? 0) && (required === undefined || sum >= required)) break;
        if (!done && credits.get(child.id) === 0) continue;
        counted.push(child);
        sum += credits.get(child.id)!;
      }
    }
    const total = counted.reduce((sum, c) => sum + credits.get(c.id)!, granted);
    const done = node.children.filter((c) => satisfied.get(c.id)).length;
    const enough = node.type === 'AllOf' ? done === node.children.length : done >= (node.count ?? 0);
    credits.set(node.id, total);
    satisfied.set(node.id, enough && total >= (required ?? 0));
  };
  walk(pathway.requirement);
  return {
    credits,
    satisfied,
    total: credits.get(pathway.requirement.id)!,
    complete: satisfied.get(pathway.requirement.id)!,
  };
}

const CERTIFICATIONS = ['cert-cimt-level-1', 'cert-production-associate', 'cert-cnc-operator'];
const ELECTIVES = ['elective-plc', 'elective-robotics', 'elective-welding', 'elective-quality'];
const GEN_ED = [
  'gened-composition',
  'gened-technical-math',
  'gened-technical-writing',
  'gened-oral-communication',
  'gened-social-science',
  'gened-humanities',
];
const CE_TOPICS = [
  'ce-mechanical-systems',
  'ce-electrical-systems',
  'ce-fluid-power',
  'ce-automation',
  'ce-predictive-maintenance',
  'ce-rigging',
];

describe.each(['manufacturing-aas', 'cimt-recertification'] as const)('shipped pathway %s', (name) => {
  const pathway = example(name);
  const all = components(pathway.requirement);

  it('has a CTID, and a CTDL component class on every component', () => {
    expect(pathway.ctid).toMatch(CTID);
    for (const component of all) expect(component.ctdlType, component.id).toMatch(/^ceterms:\w+Component$/);
  });

  it('has, on every component and standing, a matcher that names what it accepts, not only who issued it', () => {
    const matchers = [...all, ...(pathway.advancedStanding ?? [])].map((r) => [r.id, r.match] as const);
    for (const [id, matcher] of matchers) {
      const { issuers: _issuers, ...fields } = matcher;
      const lists = Object.values(fields);
      expect(lists.length, id).toBeGreaterThan(0);
      for (const values of [...lists, ...(matcher.issuers ? [matcher.issuers] : [])]) {
        expect(values.length, id).toBeGreaterThan(0);
        for (const value of values) expect(value.trim(), id).not.toBe('');
      }
    }
    const distinct = new Set(matchers.map(([, m]) => JSON.stringify(m)));
    expect(distinct.size).toBe(matchers.length);
  });

  it('has, for every component and standing, a valid OB 3.0 credential that it accepts', () => {
    for (const rule of [...all, ...(pathway.advancedStanding ?? [])]) {
      const credential = credentialFor(rule.match, rule.name);
      expect(validateCredential(credential).errors, rule.id).toEqual([]);
      expect(matches(rule.match, credential), rule.id).toBe(true);
    }
  });

  it('leads to a destination achievement that is valid OB 3.0', () => {
    const credential = credentialFor({}, 'destination');
    credential.credentialSubject.achievement = pathway.destination.achievement;
    expect(validateCredential(credential).errors).toEqual([]);
  });

  it('sets explicit credits on every component, so its arithmetic does not depend on the credential', () => {
    for (const component of all) expect(component.credits, component.id).toBeGreaterThan(0);
  });

  it('can reach every MinCredits: the credits of all components and standing under a condition suffice', () => {
    const everything = evaluate(
      pathway,
      all.map((c) => c.id),
      (pathway.advancedStanding ?? []).map((s) => s.id),
    );
    expect(everything.complete).toBe(true);
    for (const condition of conditions(pathway.requirement)) {
      const required = minCredits(condition);
      if (required !== undefined)
        expect(everything.credits.get(condition.id), condition.id).toBeGreaterThanOrEqual(required);
    }
  });
});

describe('the repo fixture test/fixtures/ob3-certification.json against the examples', () => {
  it('fits cert-cimt-level-1 of the AAS (achievement id and issuer allow-list) and nothing else', () => {
    const pathway = example('manufacturing-aas');
    const rules = [...components(pathway.requirement), ...(pathway.advancedStanding ?? [])];
    expect(rules.filter((r) => matches(r.match, fixture())).map((r) => r.id)).toEqual(['cert-cimt-level-1']);
  });

  it('is the achievement the recertification renews, and counts as no continuing education', () => {
    const pathway = example('cimt-recertification');
    const { achievement } = fixture().credentialSubject;
    expect(pathway.renewal?.achievementId).toBe(achievement.id);
    expect(pathway.destination.achievement.id).toBe(achievement.id);
    expect(components(pathway.requirement).filter((c) => matches(c.match, fixture()))).toEqual([]);
  });
});

/** Each README equation: the components and standing earned, and the sum as the README writes it. */
const SCENARIOS: Array<{
  pathway: 'manufacturing-aas' | 'cimt-recertification';
  equation: string;
  earned: string[];
  standing?: string[];
  complete: boolean;
}> = [
  {
    pathway: 'manufacturing-aas',
    equation: 'three electives: 30 + 9 + 18 + 3 = 60',
    earned: [...CERTIFICATIONS, ...ELECTIVES.slice(0, 3), ...GEN_ED, 'capstone'],
    complete: true,
  },
  {
    pathway: 'manufacturing-aas',
    equation: 'two electives and the safety card: 30 + (6 + 3) + 18 + 3 = 60',
    earned: [...CERTIFICATIONS, ...ELECTIVES.slice(1, 3), ...GEN_ED, 'capstone'],
    standing: ['standing-safety-30'],
    complete: true,
  },
  {
    pathway: 'manufacturing-aas',
    equation: 'two electives only: 30 + 6 + 18 + 3 = 57',
    earned: [...CERTIFICATIONS, ...ELECTIVES.slice(0, 2), ...GEN_ED, 'capstone'],
    complete: false,
  },
  {
    pathway: 'manufacturing-aas',
    equation: 'veteran, three electives: 30 + 9 + 18 + 3 + 6 = 66',
    earned: [...CERTIFICATIONS, ...ELECTIVES.slice(0, 3), ...GEN_ED, 'capstone'],
    standing: ['standing-military-training'],
    complete: true,
  },
  {
    pathway: 'manufacturing-aas',
    equation: 'veteran without the capstone: 30 + 9 + 18 + 6 = 63',
    earned: [...CERTIFICATIONS, ...ELECTIVES.slice(0, 3), ...GEN_ED],
    standing: ['standing-military-training'],
    complete: false,
  },
  {
    pathway: 'cimt-recertification',
    equation: 'safety refresher and four topics: 6 + 4 × 6 = 30',
    earned: ['ce-electrical-safety', ...CE_TOPICS.slice(0, 4)],
    complete: true,
  },
  {
    pathway: 'cimt-recertification',
    equation: 'safety refresher and three topics: 6 + 3 × 6 = 24',
    earned: ['ce-electrical-safety', ...CE_TOPICS.slice(0, 3)],
    complete: false,
  },
  {
    pathway: 'cimt-recertification',
    equation: 'four topics, no safety refresher: 4 × 6 = 24',
    earned: CE_TOPICS.slice(0, 4),
    complete: false,
  },
];

/** "a: 6 + 4 × 6 = 30" → [the left side's value, 30]. */
function arithmetic(equation: string): [number, number] {
  const [left, right] = equation.slice(equation.lastIndexOf(':') + 1).split('=') as [string, string];
  const terms = left.replace(/[()]/g, '').split('+');
  const sum = terms.reduce((total, term) => {
    const [a, b] = term.split('×').map((n) => Number(n.trim()));
    return total + (b === undefined ? a! : a! * b);
  }, 0);
  return [sum, Number(right.trim())];
}

describe('credit arithmetic stated in schemas/pathways/README.md', () => {
  it.each(SCENARIOS)('$pathway — $equation', ({ pathway: name, equation, earned, standing, complete }) => {
    expect(README).toContain(equation);
    const [sum, total] = arithmetic(equation);
    expect(sum).toBe(total);
    const pathway = example(name);
    const ids = components(pathway.requirement).map((c) => c.id);
    for (const id of earned) expect(ids).toContain(id);
    for (const counting of ['all', 'needed'] as const) {
      const result = evaluate(pathway, earned, standing, counting);
      expect(result.total, counting).toBe(total);
      expect(result.complete, counting).toBe(complete);
    }
  });

  it('lets the safety card stand in for the third technical elective (MinCredits 9 above 2 × 3)', () => {
    const pathway = example('manufacturing-aas');
    const twoElectives = [...CERTIFICATIONS, ...ELECTIVES.slice(0, 2), ...GEN_ED, 'capstone'];
    for (const counting of ['all', 'needed'] as const) {
      expect(evaluate(pathway, twoElectives, [], counting).satisfied.get('technical-electives')).toBe(false);
      const withCard = evaluate(pathway, twoElectives, ['standing-safety-30'], counting);
      expect(withCard.satisfied.get('technical-electives')).toBe(true);
      expect(withCard.complete).toBe(true);
    }
  });

  it('needs no advanced standing: a worker without prior learning can complete each pathway', () => {
    const aas = example('manufacturing-aas');
    const recert = example('cimt-recertification');
    for (const counting of ['all', 'needed'] as const) {
      expect(evaluate(aas, SCENARIOS[0]!.earned, [], counting).complete).toBe(true);
      expect(evaluate(recert, SCENARIOS[5]!.earned, [], counting).complete).toBe(true);
    }
  });
});
