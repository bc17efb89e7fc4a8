import { problem } from '@repo/core';
import { schemaForCredential, validateCredential } from '@repo/schemas';
import type { Check } from '../types.ts';

/**
 * Open Badges 3.0 §9.2.1 step 1: validate an Open Badges credential against the 1EdTech JSON
 * Schema (bundled, never fetched). Other credentials: `skipped`.
 *
 * @example
 * checkSchema(obCredential).status; // 'passed'
 */
export function checkSchema(credential: Record<string, unknown>): Check {
  const schema = schemaForCredential(credential);
  if (!schema)
    return { id: 'schema', status: 'skipped', message: 'No bundled JSON Schema applies to this credential type.' };
  const result = validateCredential(credential, schema);
  if (result.valid)
    return {
      id: 'schema',
      status: 'passed',
      message: `The credential matches the Open Badges 3.0 ${schema} schema.`,
      details: { schema },
    };
  const first = result.errors[0]!;
  return {
    id: 'schema',
    status: 'failed',
    problem: problem(
      'SCHEMA_VALIDATION_ERROR',
      `The credential does not match the Open Badges 3.0 ${schema} schema: ${first.message}`,
      first.pointer,
    ),
    details: { schema, errors: result.errors },
  };
}
