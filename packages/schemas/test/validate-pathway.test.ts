import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  ACHIEVEMENT_TYPES,
  PATHWAY_SCHEMA_ID,
  type PathwayValidationResult,
  SCHEMAS_DIR,
  validatePathway,
} from '../src/index.ts';

const PATHWAYS_DIR = join(SCHEMAS_DIR, '..', 'pathways');

/** A fresh copy of a shipped example for every test, so no test sees another's edits. */
function example(name: 'manufacturing-aas' | 'cimt-recertification'): any {
  return JSON.parse(readFileSync(join(PATHWAYS_DIR, `${name}.json`), 'utf8'));
}

function errorAt(result: PathwayValidationResult, pointer: string) {
  return result.errors.find((e) => e.pointer === pointer);
}

/** Expects exactly one error, at `pointer`, whose message contains every fragment. */
function expectOnly(result: PathwayValidationResult, pointer: string, ...fragments: string[]): void {
  expect(result.valid).toBe(false);
  expect(result.errors.map((e) => e.pointer)).toEqual([pointer]);
  for (const fragment of fragments) expect(result.errors[0]!.message).toContain(fragment);
}

// manufacturing-aas.json: requirement.children = [industry-certifications, technical-electives,
// general-education, capstone]; advancedStanding = [standing-safety-30, standing-military-training].
const ELECTIVES = '/requirement/children/1';
const GEN_ED = '/requirement/children/2';

describe('pathway JSON Schema (schemas/json/pathway_schema.json)', () => {
  const schema = JSON.parse(readFileSync(join(SCHEMAS_DIR, 'pathway_schema.json'), 'utf8'));

  it('is draft 2019-09, like the OB 3.0 schemas, with $id PATHWAY_SCHEMA_ID', () => {
    expect(schema.$schema).toBe('https://json-schema.org/draft/2019-09/schema');
    expect(schema.$id).toBe(PATHWAY_SCHEMA_ID);
  });

  it('accepts exactly the OB 3.0 achievementType vocabulary (plus ext: terms)', () => {
    expect(schema.$defs.AchievementType.anyOf[0].enum).toEqual([...ACHIEVEMENT_TYPES]);
  });

  it('uses the duration pattern of parseDuration and the CTID pattern of the Credential Registry', () => {
    expect(schema.$defs.Duration.pattern).toBe('^P(?!$)(\\d+Y)?(\\d+M)?(\\d+W)?(\\d+D)?$');
    expect(schema.$defs.Ctid.pattern).toBe('^ce-[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$');
  });
});

describe('CTDL-modelled pathway format: shipped examples', () => {
  it('accepts the AAS in Advanced Manufacturing Technology (destination kind degree)', () => {
    expect(validatePathway(example('manufacturing-aas'))).toEqual({ valid: true, errors: [] });
  });

  it('accepts the CIMT Level 1 recertification (destination kind renewal)', () => {
    expect(validatePathway(example('cimt-recertification'))).toEqual({ valid: true, errors: [] });
  });

  it('accepts a pathway without the optional ctid, advancedStanding and component credits', () => {
    const pathway = example('manufacturing-aas');
    delete pathway.ctid;
    delete pathway.advancedStanding;
    delete pathway.requirement.children[3].credits;
    expect(validatePathway(pathway)).toEqual({ valid: true, errors: [] });
  });

  it('accepts an achievementType extension term and a gracePeriod of zero (no grace)', () => {
    const pathway = example('cimt-recertification');
    pathway.requirement.children[0].match.achievementTypes = ['ext:ContinuingEducationUnit'];
    pathway.renewal.gracePeriod = 'P0D';
    expect(validatePathway(pathway)).toEqual({ valid: true, errors: [] });
  });
});

describe('CTDL ComponentCondition / requiredNumber: conditions', () => {
  it('rejects an AtLeast count larger than the number of children, naming the condition', () => {
    const pathway = example('manufacturing-aas');
    pathway.requirement.children[1].count = 5;
    expectOnly(
      validatePathway(pathway),
      `${ELECTIVES}/count`,
      'Condition "technical-electives" (Technical electives) asks for 5 of 4 children.',
    );
  });

  it('rejects an AtLeast condition without count, pointing where count belongs', () => {
    const pathway = example('manufacturing-aas');
    delete pathway.requirement.children[1].count;
    expectOnly(
      validatePathway(pathway),
      `${ELECTIVES}/count`,
      'Condition "technical-electives" (Technical electives) is AtLeast but has no `count`',
      '4 children',
    );
  });

  it('rejects count on an AllOf condition', () => {
    const pathway = example('manufacturing-aas');
    pathway.requirement.children[2].count = 3;
    expectOnly(
      validatePathway(pathway),
      `${GEN_ED}/count`,
      'Condition "general-education" (General education) is AllOf',
      'remove `count`',
    );
  });

  it('rejects a count below 1 as a schema error, not twice', () => {
    const pathway = example('cimt-recertification');
    pathway.requirement.children[1].count = 0;
    expectOnly(validatePathway(pathway), '/requirement/children/1/count', 'must be at least 1');
  });

  it('rejects a condition without children', () => {
    const pathway = example('manufacturing-aas');
    pathway.requirement.children[2].children = [];
    expectOnly(validatePathway(pathway), `${GEN_ED}/children`, 'at least 1 item');
  });
});

describe('pathway ids: unique across conditions, components and advanced standing', () => {
  it('points at the duplicate component id and names both rules', () => {
    const pathway = example('manufacturing-aas');
    pathway.requirement.children[1].children[1].id = 'elective-plc';
    expectOnly(
      validatePathway(pathway),
      `${ELECTIVES}/children/1/id`,
      'Component "elective-plc" (Industrial robotics)',
      'component "elective-plc" (PLC programming) at /requirement/children/1/children/0',
    );
  });

  it('points at a condition reusing a component id', () => {
    const pathway = example('manufacturing-aas');
    pathway.requirement.children[2].id = 'cert-cimt-level-1';
    const result = validatePathway(pathway);
    expect(result.errors.map((e) => e.pointer)).toEqual([`${GEN_ED}/id`]);
    expect(result.errors[0]!.message).toContain('Condition "cert-cimt-level-1" (General education) reuses the id');
  });

  it('points at advanced standing reusing a condition id', () => {
    const pathway = example('manufacturing-aas');
    pathway.advancedStanding[1].id = 'aas-amt';
    expectOnly(
      validatePathway(pathway),
      '/advancedStanding/1/id',
      'Advanced standing "aas-amt" (Military maintenance training (credit for prior learning))',
      'condition "aas-amt"',
    );
  });
});

describe('CTDL isAdvancedStandingFor: advancedStanding.toward', () => {
  it('rejects toward an id that does not exist', () => {
    const pathway = example('manufacturing-aas');
    pathway.advancedStanding[0].toward = 'electives';
    expectOnly(
      validatePathway(pathway),
      '/advancedStanding/0/toward',
      'Advanced standing "standing-safety-30" (General Industry Safety 30-Hour Card) counts toward "electives"',
      'no condition has that id',
    );
  });

  it('rejects toward a component', () => {
    const pathway = example('manufacturing-aas');
    pathway.advancedStanding[0].toward = 'elective-welding';
    expectOnly(
      validatePathway(pathway),
      '/advancedStanding/0/toward',
      'a component "elective-welding" (Welding fundamentals), not a condition',
    );
  });
});

describe('CTDL renewal ConditionProfile: destination kind renewal', () => {
  it('requires a renewal policy for destination kind renewal', () => {
    const pathway = example('cimt-recertification');
    delete pathway.renewal;
    expectOnly(
      validatePathway(pathway),
      '/renewal',
      'Pathway "https://skills-council.example/pathways/cimt-level-1-recertification" (CIMT Level 1 recertification)',
      'no `renewal` policy',
    );
  });

  it('rejects a renewal policy on any other destination kind', () => {
    const pathway = example('cimt-recertification');
    pathway.destination.kind = 'certification';
    expectOnly(validatePathway(pathway), '/renewal', 'destination kind is "certification"');
  });

  it('rejects a renewal policy for another achievement than the destination', () => {
    const pathway = example('cimt-recertification');
    pathway.renewal.achievementId = 'https://skills-council.example/achievements/cimt-level-2';
    expectOnly(
      validatePathway(pathway),
      '/renewal/achievementId',
      'renews "https://skills-council.example/achievements/cimt-level-2"',
    );
  });

  it('accepts a renewed edition that lists the renewed achievement in related', () => {
    const pathway = example('cimt-recertification');
    pathway.destination.achievement.id = 'https://skills-council.example/achievements/cimt-level-1/2029';
    pathway.destination.achievement.related = [
      { id: 'https://skills-council.example/achievements/cimt-level-1', type: ['Related'] },
    ];
    expect(validatePathway(pathway)).toEqual({ valid: true, errors: [] });
  });

  it('rejects a zero validity period and a renewal window as long as the validity period', () => {
    const pathway = example('cimt-recertification');
    pathway.renewal.validityPeriod = 'P0Y';
    expectOnly(validatePathway(pathway), '/renewal/validityPeriod', '"P0Y", which is zero');
    const other = example('cimt-recertification');
    other.renewal.renewalWindow = 'P36M';
    expectOnly(
      validatePathway(other),
      '/renewal/renewalWindow',
      'renewal window of pathway "https://skills-council.example/pathways/cimt-level-1-recertification"',
      '(P36M) must be shorter than its validity period (P3Y)',
    );
  });
});

describe('ISO 8601 durations (AwardedWithin, renewal)', () => {
  it('rejects a duration that is not ISO 8601, in words', () => {
    const pathway = example('cimt-recertification');
    pathway.renewal.validityPeriod = 'three years';
    const result = validatePathway(pathway);
    expectOnly(result, '/renewal/validityPeriod', 'ISO 8601 duration', '(got "three years")');
    expect(result.errors[0]!.message).not.toContain('(?!$)');
  });

  it('rejects time-of-day durations (P1DT12H), which parseDuration does not read', () => {
    const pathway = example('manufacturing-aas');
    pathway.requirement.children[1].children[0].constraints[0].duration = 'P1DT12H';
    expectOnly(validatePathway(pathway), `${ELECTIVES}/children/0/constraints/0/duration`, 'ISO 8601 duration');
  });

  it('rejects an AwardedWithin of zero, naming the component', () => {
    const pathway = example('manufacturing-aas');
    pathway.requirement.children[1].children[2].constraints[0].duration = 'P0D';
    expectOnly(
      validatePathway(pathway),
      `${ELECTIVES}/children/2/constraints/0/duration`,
      'The AwardedWithin constraint of component "elective-welding" (Welding fundamentals) is "P0D", which is zero',
    );
  });
});

describe('pathway JSON Schema errors carry pointers', () => {
  it('reports a missing name where it belongs', () => {
    const pathway = example('manufacturing-aas');
    delete pathway.requirement.children[0].children[1].name;
    expectOnly(validatePathway(pathway), '/requirement/children/0/children/1/name', 'is required');
  });

  it('reports a bad enum value with the allowed values', () => {
    const pathway = example('manufacturing-aas');
    pathway.destination.kind = 'diploma';
    expectOnly(validatePathway(pathway), '/destination/kind', 'degree, certificate, certification, renewal');
    const other = example('manufacturing-aas');
    other.requirement.type = 'AnyOf';
    expect(errorAt(validatePathway(other), '/requirement/type')?.message).toContain('AllOf, AtLeast');
  });

  it('reports a misspelt achievementType', () => {
    const pathway = example('manufacturing-aas');
    pathway.requirement.children[1].children[0].match.achievementTypes = ['Microcredential'];
    expectOnly(
      validatePathway(pathway),
      `${ELECTIVES}/children/0/match/achievementTypes/0`,
      'MicroCredential',
      '`ext:`',
    );
  });

  it('reports a matcher with no field, and one with an empty list', () => {
    const pathway = example('manufacturing-aas');
    pathway.requirement.children[3].match = {};
    expectOnly(validatePathway(pathway), '/requirement/children/3/match', 'must name at least one of `achievementIds`');
    const other = example('manufacturing-aas');
    other.advancedStanding[0].match.achievementIds = [];
    expectOnly(validatePathway(other), '/advancedStanding/0/match/achievementIds', 'at least 1 item');
  });

  it('reports MinCredits on a component and AwardedWithin on a condition', () => {
    const pathway = example('manufacturing-aas');
    pathway.requirement.children[3].constraints = [{ type: 'MinCredits', credits: 3 }];
    expectOnly(validatePathway(pathway), '/requirement/children/3/constraints/0/type', 'AwardedWithin, MinResult');
    const other = example('manufacturing-aas');
    other.requirement.constraints.push({ type: 'AwardedWithin', duration: 'P5Y' });
    expectOnly(validatePathway(other), '/requirement/constraints/1/type', 'MinCredits');
  });

  it('reports negative credits, a bad CTID, an alignment target that is neither URL nor CTID', () => {
    const pathway = example('manufacturing-aas');
    pathway.advancedStanding[1].credits = -6;
    pathway.ctid = 'ce-NOT-A-UUID';
    pathway.requirement.children[0].children[1].match.alignmentTargets[0] = 'production associate';
    const result = validatePathway(pathway);
    expect(result.errors.map((e) => e.pointer).sort()).toEqual([
      '/advancedStanding/1/credits',
      '/ctid',
      '/requirement/children/0/children/1/match/alignmentTargets/0',
    ]);
    expect(errorAt(result, '/ctid')?.message).toContain('a CTID: "ce-" and a lower-case UUID');
    expect(errorAt(result, '/advancedStanding/1/credits')?.message).toContain('at least 0');
  });

  it('reports properties the format does not have, on our objects only', () => {
    const pathway = example('manufacturing-aas');
    pathway.requirement.children[3].creditHours = 3;
    pathway.destination.achievement.inLanguage = 'en'; // an OB 3.0 Achievement may carry more
    expectOnly(validatePathway(pathway), '/requirement/children/3/creditHours', 'not allowed in a PathwayComponent');
  });

  it('requires the destination achievement fields OB 3.0 requires', () => {
    const pathway = example('manufacturing-aas');
    delete pathway.destination.achievement.criteria;
    pathway.destination.achievement.type = ['Credential'];
    pathway.destination.achievement.id = 'aas-amt';
    const result = validatePathway(pathway);
    expect(result.errors.map((e) => e.pointer).sort()).toEqual([
      '/destination/achievement/criteria',
      '/destination/achievement/id',
      '/destination/achievement/type',
    ]);
  });

  it('reports schema and rule errors together', () => {
    const pathway = example('manufacturing-aas');
    delete pathway.name;
    pathway.requirement.children[1].count = 9;
    expect(validatePathway(pathway).errors.map((e) => e.pointer)).toEqual(['/name', `${ELECTIVES}/count`]);
  });
});

describe('validatePathway never throws', () => {
  it.each([
    ['null', null],
    ['undefined', undefined],
    ['a number', 42],
    ['a string', 'Pathway'],
    ['an array', [example('manufacturing-aas')]],
    ['a function', () => 1],
  ])('returns errors for %s', (_, input) => {
    const result = validatePathway(input);
    expect(result.valid).toBe(false);
    expect(result.errors.length).toBeGreaterThan(0);
    expect(result.errors[0]!.pointer).toBe('');
  });

  it('lists every missing required field of an empty object', () => {
    expect(validatePathway({}).errors.map((e) => e.pointer)).toEqual([
      '/type',
      '/id',
      '/name',
      '/description',
      '/destination',
      '/requirement',
    ]);
  });

  it('survives a cyclic requirement tree and a throwing getter', () => {
    const pathway = example('manufacturing-aas');
    pathway.requirement.children.push(pathway.requirement);
    expect(validatePathway(pathway).valid).toBe(false);
    const hostile = example('manufacturing-aas');
    Object.defineProperty(hostile, 'renewal', {
      enumerable: true,
      get() {
        throw new Error('boom');
      },
    });
    expect(validatePathway(hostile).valid).toBe(false);
  });

  it('survives every field of the examples replaced by a wrong value or removed', () => {
    const wrong: unknown[] = [null, 0, -1, 'x', [], {}, [null], true, undefined];
    for (const name of ['manufacturing-aas', 'cimt-recertification'] as const) {
      const pointers = allPointers(example(name));
      for (const pointer of pointers) {
        for (const value of wrong) {
          const doc = example(name);
          const keys = pointer.slice(1).split('/');
          const last = keys.pop()!;
          const parent = keys.reduce((node: any, key) => node[key], doc);
          if (value === undefined) delete parent[last];
          else parent[last] = value;
          const result = validatePathway(doc);
          expect(Array.isArray(result.errors), pointer).toBe(true);
          expect(result.valid, pointer).toBe(result.errors.length === 0);
        }
      }
    }
  });
});

function allPointers(value: unknown, pointer = ''): string[] {
  if (value === null || typeof value !== 'object') return [];
  const out: string[] = [];
  for (const [key, child] of Object.entries(value)) {
    const here = `${pointer}/${key}`;
    out.push(here, ...allPointers(child, here));
  }
  return out;
}
