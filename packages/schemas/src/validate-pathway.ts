import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Ajv2019, type ValidateFunction } from 'ajv/dist/2019.js';
import addFormatsModule from 'ajv-formats';
import { addDuration, parseDuration } from './duration.ts';
import { formatSchemaErrors, type SchemaValidationError } from './format-schema-errors.ts';
import { SCHEMAS_DIR } from './validate-credential.ts';

/**
 * `$id` of the pathway JSON Schema (`schemas/json/pathway_schema.json`, draft 2019-09).
 *
 * @example
 * const schema = JSON.parse(readFileSync(join(SCHEMAS_DIR, 'pathway_schema.json'), 'utf8'));
 * schema.$id === PATHWAY_SCHEMA_ID; // true
 */
export const PATHWAY_SCHEMA_ID = 'https://open-credentials.example/schemas/json/pathway_schema.json';

/**
 * Outcome of {@link validatePathway}: `valid` is true exactly when `errors` is empty.
 *
 * @example
 * const result: PathwayValidationResult = {
 *   valid: false,
 *   errors: [{ pointer: '/requirement/children/1/count', message: 'Condition "electives" (Technical electives) asks for 4 of 3 children.' }],
 * };
 */
export interface PathwayValidationResult {
  valid: boolean;
  errors: SchemaValidationError[];
}

const SCHEMA_FILE = 'pathway_schema.json';
const NOUN = 'the pathway';
const DURATION_PATTERN = '^P(?!$)(\\d+Y)?(\\d+M)?(\\d+W)?(\\d+D)?$';
const CTID_PATTERN = '^ce-[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$';

// ajv-formats is CommonJS; see validate-credential.ts.
type FormatsPlugin = (ajv: Ajv2019, formats: string[]) => Ajv2019;
const addFormats: FormatsPlugin =
  (addFormatsModule as unknown as { default?: FormatsPlugin }).default ??
  (addFormatsModule as unknown as FormatsPlugin);

let compiled: ValidateFunction | undefined;

/** Compiles the pathway schema on first use; later calls reuse it. */
function schemaValidator(): ValidateFunction {
  if (compiled) return compiled;
  const ajv = new Ajv2019({ allErrors: true, verbose: true, strict: true, strictRequired: false });
  addFormats(ajv, ['uri']);
  const schema = JSON.parse(readFileSync(join(SCHEMAS_DIR, SCHEMA_FILE), 'utf8')) as { $id?: string };
  if (schema.$id !== PATHWAY_SCHEMA_ID) {
    throw new Error(`Bundled schema ${SCHEMA_FILE} has $id ${String(schema.$id)}, expected ${PATHWAY_SCHEMA_ID}.`);
  }
  compiled = ajv.compile(schema);
  return compiled;
}

/**
 * Validates a pathway definition (the format of `pathway-types.ts`, modelled on CTDL
 * `ceterms:Pathway`): first against the bundled JSON Schema, then against the rules a schema cannot
 * state:
 *
 * - ids are unique across all conditions, components and advanced standing (pointer: the
 *   duplicate's `/id`);
 * - an `AtLeast` condition has a `count` no larger than its number of children; an `AllOf` has no
 *   `count`;
 * - `advancedStanding[].toward` names a condition (not a component) of the pathway;
 * - `renewal` is present exactly when `destination.kind` is `'renewal'`, renews the destination
 *   achievement (its `id` or one listed in its `related`), and its renewal window is shorter than
 *   its validity period;
 * - every duration parses, and all but `gracePeriod` are longer than zero.
 *
 * Each error carries an RFC 6901 `pointer` at the offending rule and a `message` naming the rule
 * by id and name. Never throws because of `input`, whatever its value; it throws an `Error` only
 * if the bundled schema file cannot be read (a broken install).
 *
 * @example
 * const { valid, errors } = validatePathway(JSON.parse(readFileSync('manufacturing-aas.json', 'utf8')));
 * if (!valid) console.log(errors[0]);
 * // { pointer: '/requirement/children/1/count',
 * //   message: 'Condition "technical-electives" (Technical electives) asks for 5 of 4 children.' }
 */
export function validatePathway(input: unknown): PathwayValidationResult {
  const validate = schemaValidator();
  let schemaErrors: SchemaValidationError[];
  try {
    schemaErrors = validate(input) === true ? [] : describeSchemaErrors(validate);
  } catch (cause) {
    // Only reachable with values JSON cannot produce (cyclic objects, throwing getters, proxies).
    const reason = cause instanceof Error ? cause.message : String(cause);
    return { valid: false, errors: [{ pointer: '', message: `The pathway could not be validated: ${reason}.` }] };
  }
  let ruleErrors: SchemaValidationError[];
  try {
    ruleErrors = checkRules(input);
  } catch (cause) {
    const reason = cause instanceof Error ? cause.message : String(cause);
    ruleErrors = [{ pointer: '', message: `The pathway's rules could not be checked: ${reason}.` }];
  }
  // One message per place: a schema error already says what is wrong there.
  const taken = new Set(schemaErrors.map((e) => e.pointer));
  const errors = [...schemaErrors, ...ruleErrors.filter((e) => !taken.has(e.pointer))];
  return { valid: errors.length === 0, errors };
}

function describeSchemaErrors(validate: ValidateFunction): SchemaValidationError[] {
  let errors: SchemaValidationError[];
  try {
    errors = formatSchemaErrors(validate.errors ?? [], NOUN);
  } catch {
    errors = (validate.errors ?? []).map((e) => ({
      pointer: e.instancePath,
      message: `${e.instancePath || NOUN} ${e.message ?? 'is invalid'}.`,
    }));
  }
  if (errors.length === 0) return [{ pointer: '', message: 'The pathway is invalid.' }];
  return errors.map((e) => ({ pointer: e.pointer, message: polish(e.message) }));
}

/** Names our two patterns in words, and fixes "in an" before a consonant in the shared formatter's text. */
function polish(message: string): string {
  return message
    .replace(
      `a string matching ${DURATION_PATTERN}`,
      'an ISO 8601 duration of years, months, weeks and days, e.g. "P5Y", "P6M" or "P90D"',
    )
    .replace(`a string matching ${CTID_PATTERN}`, 'a CTID: "ce-" and a lower-case UUID')
    .replace(/ in an ([B-DF-HJ-NP-TV-Z])/g, ' in a $1');
}

// ---------------------------------------------------------------------------------------------
// Rules a JSON Schema cannot state. The input may be anything here (the checks also run when the
// schema failed, so one pass reports everything), hence the defensive reads.

type Json = Record<string, unknown>;

interface Rule {
  kind: 'condition' | 'component' | 'advanced standing';
  id: string;
  name: string;
  pointer: string;
  node: Json;
}

function isObject(value: unknown): value is Json {
  return value !== null && typeof value === 'object' && !Array.isArray(value);
}

function text(value: unknown): string | undefined {
  return typeof value === 'string' ? value : undefined;
}

function label(rule: Pick<Rule, 'kind' | 'id' | 'name'>): string {
  const kind = rule.kind.charAt(0).toUpperCase() + rule.kind.slice(1);
  return `${kind} "${rule.id}"${rule.name ? ` (${rule.name})` : ''}`;
}

function lower(rule: Pick<Rule, 'kind' | 'id' | 'name'>): string {
  return `${rule.kind} "${rule.id}"${rule.name ? ` (${rule.name})` : ''}`;
}

function isCondition(node: Json): boolean {
  return (
    node.type === 'AllOf' || node.type === 'AtLeast' || (node.type !== 'Component' && Array.isArray(node.children))
  );
}

/** Conditions and components in document order (depth first), then advanced standing. */
function collectRules(pathway: Json): Rule[] {
  const rules: Rule[] = [];
  const seen = new Set<unknown>();
  const visit = (node: unknown, pointer: string): void => {
    if (!isObject(node) || seen.has(node)) return;
    seen.add(node);
    const condition = isCondition(node);
    const id = text(node.id);
    if (id !== undefined) {
      rules.push({ kind: condition ? 'condition' : 'component', id, name: text(node.name) ?? '', pointer, node });
    }
    if (condition && Array.isArray(node.children)) {
      node.children.forEach((child, i) => {
        visit(child, `${pointer}/children/${i}`);
      });
    }
  };
  visit(pathway.requirement, '/requirement');
  if (Array.isArray(pathway.advancedStanding)) {
    pathway.advancedStanding.forEach((standing, i) => {
      if (!isObject(standing)) return;
      const id = text(standing.id);
      if (id === undefined) return;
      rules.push({
        kind: 'advanced standing',
        id,
        name: text(standing.name) ?? '',
        pointer: `/advancedStanding/${i}`,
        node: standing,
      });
    });
  }
  return rules;
}

function checkRules(input: unknown): SchemaValidationError[] {
  if (!isObject(input)) return [];
  const errors: SchemaValidationError[] = [];
  const rules = collectRules(input);
  checkUniqueIds(rules, errors);
  for (const rule of rules) {
    if (rule.kind === 'condition') checkCount(rule, errors);
    checkConstraintDurations(rule, errors);
  }
  checkAdvancedStanding(rules, errors);
  checkRenewal(input, errors);
  return errors;
}

function checkUniqueIds(rules: Rule[], errors: SchemaValidationError[]): void {
  const first = new Map<string, Rule>();
  for (const rule of rules) {
    const earlier = first.get(rule.id);
    if (!earlier) {
      first.set(rule.id, rule);
      continue;
    }
    errors.push({
      pointer: `${rule.pointer}/id`,
      message: `${label(rule)} reuses the id of ${lower(earlier)} at ${earlier.pointer}; ids must be unique across conditions, components and advanced standing.`,
    });
  }
}

function checkCount(rule: Rule, errors: SchemaValidationError[]): void {
  const { node } = rule;
  const children = Array.isArray(node.children) ? node.children.length : 0;
  const hasCount = Object.hasOwn(node, 'count');
  if (node.type === 'AtLeast') {
    if (!hasCount) {
      errors.push({
        pointer: `${rule.pointer}/count`,
        message: `${label(rule)} is AtLeast but has no \`count\`: say how many of its ${children} ${children === 1 ? 'child' : 'children'} are required.`,
      });
    } else if (typeof node.count === 'number' && node.count > children) {
      errors.push({
        pointer: `${rule.pointer}/count`,
        message: `${label(rule)} asks for ${node.count} of ${children} ${children === 1 ? 'child' : 'children'}.`,
      });
    }
  } else if (node.type === 'AllOf' && hasCount) {
    errors.push({
      pointer: `${rule.pointer}/count`,
      message: `${label(rule)} is AllOf, which requires every child; remove \`count\`, or make it AtLeast to require only some.`,
    });
  }
}

function checkConstraintDurations(rule: Rule, errors: SchemaValidationError[]): void {
  const { constraints } = rule.node;
  if (!Array.isArray(constraints)) return;
  constraints.forEach((constraint, i) => {
    if (!isObject(constraint) || constraint.type !== 'AwardedWithin') return;
    const problem = durationProblem(constraint.duration, false);
    if (problem) {
      errors.push({
        pointer: `${rule.pointer}/constraints/${i}/duration`,
        message: `The AwardedWithin constraint of ${lower(rule)} ${problem}.`,
      });
    }
  });
}

function checkAdvancedStanding(rules: Rule[], errors: SchemaValidationError[]): void {
  const byId = new Map<string, Rule>();
  for (const rule of rules) if (!byId.has(rule.id)) byId.set(rule.id, rule);
  for (const rule of rules) {
    if (rule.kind !== 'advanced standing') continue;
    const toward = text(rule.node.toward);
    if (toward === undefined) continue;
    const target = byId.get(toward);
    if (target?.kind === 'condition') continue;
    const why = target
      ? `which is ${lower(target).replace(/^\w+/, (k) => `a ${k}`)}, not a condition; standing counts credits toward a condition`
      : 'but no condition has that id';
    errors.push({
      pointer: `${rule.pointer}/toward`,
      message: `${label(rule)} counts toward "${toward}", ${why}.`,
    });
  }
}

function checkRenewal(pathway: Json, errors: SchemaValidationError[]): void {
  const destination = isObject(pathway.destination) ? pathway.destination : undefined;
  const kind = destination?.kind;
  const has = Object.hasOwn(pathway, 'renewal');
  const id = text(pathway.id);
  const name = text(pathway.name);
  const self = id ? `Pathway "${id}"${name ? ` (${name})` : ''}` : 'The pathway';
  const of = id ? `pathway "${id}"${name ? ` (${name})` : ''}` : 'the pathway';
  if (kind === 'renewal' && !has) {
    errors.push({
      pointer: '/renewal',
      message: `${self} leads to a renewal but has no \`renewal\` policy (achievementId, validityPeriod, renewalWindow, gracePeriod).`,
    });
    return;
  }
  if (!has) return;
  if (typeof kind === 'string' && kind !== 'renewal') {
    errors.push({
      pointer: '/renewal',
      message: `${self} has a \`renewal\` policy but its destination kind is "${kind}"; a renewal policy belongs only to destination kind "renewal".`,
    });
  }
  const renewal = pathway.renewal;
  if (!isObject(renewal)) return;
  for (const [field, zeroAllowed] of [
    ['validityPeriod', false],
    ['renewalWindow', false],
    ['gracePeriod', true],
  ] as const) {
    const problem = durationProblem(renewal[field], zeroAllowed);
    if (problem) errors.push({ pointer: `/renewal/${field}`, message: `The renewal ${field} of ${of} ${problem}.` });
  }
  const validity = text(renewal.validityPeriod);
  const window = text(renewal.renewalWindow);
  if (validity && window && positive(validity) && positive(window) && longerOrEqual(window, validity)) {
    errors.push({
      pointer: '/renewal/renewalWindow',
      message: `The renewal window of ${of} (${window}) must be shorter than its validity period (${validity}).`,
    });
  }
  const achievement = isObject(destination?.achievement) ? destination.achievement : undefined;
  const renewed = text(renewal.achievementId);
  const destinationId = text(achievement?.id);
  if (kind === 'renewal' && renewed && destinationId && renewed !== destinationId && !isRelated(achievement, renewed)) {
    errors.push({
      pointer: '/renewal/achievementId',
      message: `${self} renews "${renewed}" but its destination achievement is "${destinationId}"; they must be the same achievement (or the destination must list it in \`related\`).`,
    });
  }
}

function isRelated(achievement: Json | undefined, id: string): boolean {
  const related = achievement?.related;
  const list = Array.isArray(related) ? related : [related];
  return list.some((r) => isObject(r) && r.id === id);
}

/** Undefined when `value` is a usable duration, else the end of a sentence saying why not. */
function durationProblem(value: unknown, zeroAllowed: boolean): string | undefined {
  const d = parseDuration(value);
  if (!d)
    return `is ${JSON.stringify(value) ?? 'missing'}, which is not an ISO 8601 duration of years, months, weeks and days (e.g. "P5Y")`;
  if (!zeroAllowed && d.years + d.months + d.weeks + d.days === 0) {
    return `is ${JSON.stringify(value)}, which is zero; it must be longer than zero`;
  }
  return undefined;
}

function positive(duration: string): boolean {
  const d = parseDuration(duration);
  return d !== undefined && d.years + d.months + d.weeks + d.days > 0;
}

/** Compares calendar durations by adding both to the same instant (leap-year neutral start). */
function longerOrEqual(a: string, b: string): boolean {
  const start = new Date(Date.UTC(2001, 0, 1));
  return addDuration(start, a).getTime() >= addDuration(start, b).getTime();
}
