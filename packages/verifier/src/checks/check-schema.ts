import { type Problem, problem } from '@repo/core';
import {
  findBundledSchema,
  isObject,
  JSON_SCHEMA_VALIDATOR_TYPE,
  type SchemaName,
  type SchemaValidationError,
  schemaForCredential,
  validateCredential,
} from '@repo/schemas';
import type { Check, CheckStatus, VerifierOptions } from '../types.ts';

/** One schema the credential was checked against, or named and could not be. */
interface SchemaResult {
  schema?: SchemaName;
  /** `credentialSchema` when the credential names it, else `data model` (our pick). */
  source: 'credentialSchema' | 'data model';
  /** The `credentialSchema` entry's `id`, as written. */
  url?: unknown;
  at?: string;
  errors?: SchemaValidationError[];
}

/**
 * Open Badges 3.0 §9.1 step 1, "check that the credential conforms to the specification", on the
 * bundled JSON Schemas (never fetched) of the credential's own data model (VC 1.1 or 2.0):
 *
 * - a `credentialSubject` with neither `id` nor `identifier` → `failed`;
 * - a `credentialSchema` of type `1EdTechJsonSchemaValidator2019` that we bundle (matched by URL)
 *   and the credential does not meet → `failed`, as the procedure says;
 * - one we do not bundle → `warning` saying it was not checked (`could-not-check` when strict);
 * - findings against the schema we picked ourselves, which the procedure does not make binding →
 *   `warning` (`failed` when strict). The credential is accepted; the problem stays on the check.
 *
 * Credentials that are not Open Badges: `skipped`.
 *
 * @example
 * checkSchema(obCredential).status; // 'passed'
 * checkSchema(credentialWithoutCriteria).status; // 'warning'
 * checkSchema(credentialWithoutCriteria, { schemaChecking: 'strict' }).status; // 'failed'
 */
export function checkSchema(
  credential: Record<string, unknown>,
  options: Pick<VerifierOptions, 'schemaChecking'> = {},
): Check {
  const picked = schemaForCredential(credential);
  if (!picked)
    return { id: 'schema', status: 'skipped', message: 'No bundled JSON Schema applies to this credential type.' };
  const strict = options.schemaChecking === 'strict';
  const results: SchemaResult[] = namedSchemas(credential).map(({ url, at }) => {
    const schema = findBundledSchema(url, credential);
    return schema
      ? { schema, source: 'credentialSchema', url, at, errors: validateCredential(credential, schema).errors }
      : { source: 'credentialSchema', url, at };
  });
  if (!results.some((r) => r.schema === picked)) {
    results.push({ schema: picked, source: 'data model', errors: validateCredential(credential, picked).errors });
  }
  const unidentified = picked.startsWith('Achievement') ? unidentifiedSubject(credential) : undefined;
  const namedFailure = results.find((r) => r.source === 'credentialSchema' && r.errors?.length);
  const ownFinding = results.find((r) => r.source === 'data model' && r.errors?.length);
  const unknown = results.find((r) => r.schema === undefined);
  const errors = results.flatMap((r) => r.errors ?? []);
  const details: Record<string, unknown> = { schema: picked, mode: strict ? 'strict' : 'report', results };
  if (errors.length) details.errors = errors;

  let status: CheckStatus = 'passed';
  let found: Problem | undefined;
  let message: string | undefined;
  if (unidentified) {
    [status, found] = ['failed', unidentified];
  } else if (namedFailure) {
    [status, found] = ['failed', mismatch(namedFailure, 'it names in credentialSchema')];
  } else if (ownFinding && strict) {
    [status, found] = ['failed', mismatch(ownFinding)];
  } else if (unknown && strict) {
    [status, found] = ['could-not-check', notBundled(unknown)];
  } else if (ownFinding || unknown) {
    status = 'warning';
    found = ownFinding ? mismatch(ownFinding) : notBundled(unknown!);
    message = ownFinding
      ? `Accepted with ${plural(ownFinding.errors!.length, 'schema finding')} (details.errors): the credential does not name the ${label(picked)} schema in credentialSchema (type ${JSON_SCHEMA_VALIDATOR_TYPE}), so Open Badges 3.0 §9.1 does not make it binding.`
      : `Accepted: the JSON Schema it names at ${unknown!.at} is not bundled with this verifier and was not checked.`;
  } else {
    message = `The credential matches the Open Badges 3.0 ${results.map((r) => label(r.schema!)).join(' and ')} schema.`;
  }
  const check: Check = { id: 'schema', status, details };
  if (found) check.problem = found;
  if (message) check.message = message;
  return check;
}

/** `credentialSchema` entries of type `1EdTechJsonSchemaValidator2019`, with their pointers. */
function namedSchemas(credential: Record<string, unknown>): Array<{ url: unknown; at: string }> {
  const value = credential.credentialSchema;
  const list = Array.isArray(value) ? value : value === undefined ? [] : [value];
  return list.flatMap((entry, i) =>
    isObject(entry) && entry.type === JSON_SCHEMA_VALIDATOR_TYPE
      ? [{ url: entry.id, at: Array.isArray(value) ? `/credentialSchema/${i}` : '/credentialSchema' }]
      : [],
  );
}

/** OB 3.0 §9.1 step 1: "Check that the credentialSubject is identified by an id and/or an identifier." */
function unidentifiedSubject(credential: Record<string, unknown>): Problem | undefined {
  const value = credential.credentialSubject;
  const subjects = Array.isArray(value) ? value : [value];
  for (const [i, subject] of subjects.entries()) {
    const id = isObject(subject) ? subject.id : undefined;
    const identifier = isObject(subject) ? subject.identifier : undefined;
    const identified =
      (typeof id === 'string' && id !== '') ||
      (Array.isArray(identifier) ? identifier.length > 0 : isObject(identifier));
    if (!identified) {
      return problem(
        'SCHEMA_VALIDATION_ERROR',
        'The credentialSubject has neither an id nor an identifier, so it does not say who earned the achievement (Open Badges 3.0 §9.1 step 1).',
        Array.isArray(value) ? `/credentialSubject/${i}` : '/credentialSubject',
      );
    }
  }
  return undefined;
}

function mismatch(result: SchemaResult, how = ''): Problem {
  const first = result.errors![0]!;
  const which = how
    ? `${label(result.schema!)} schema ${how} (${String(result.url)})`
    : `${label(result.schema!)} schema`;
  return problem(
    'SCHEMA_VALIDATION_ERROR',
    `The credential does not match the Open Badges 3.0 ${which}: ${first.message}`,
    first.pointer,
  );
}

function notBundled(result: SchemaResult): Problem {
  return problem(
    'SCHEMA_VALIDATION_ERROR',
    `The credential names the JSON Schema ${JSON.stringify(result.url)} (${JSON_SCHEMA_VALIDATOR_TYPE}), which this verifier does not bundle and never fetches, so the credential was not checked against it.`,
    result.at,
  );
}

/** `AchievementCredentialv1p1` → "AchievementCredential (VC Data Model 1.1)". */
function label(name: SchemaName): string {
  if (name === 'Profile') return name;
  return name.endsWith('v1p1') ? `${name.slice(0, -4)} (VC Data Model 1.1)` : `${name} (VC Data Model 2.0)`;
}

function plural(n: number, noun: string): string {
  return `${n} ${noun}${n === 1 ? '' : 's'}`;
}
