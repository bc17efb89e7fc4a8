import { type ProblemCode, problem } from '@repo/core';
import type { CredentialInput, CredentialInputFailure } from './input-types.ts';

/**
 * A failed {@link CredentialInput}: the reason for software, a coded problem for a person.
 *
 * @example
 * fail('empty', 'PARSING_ERROR', 'The input is empty.');
 */
export function fail(reason: CredentialInputFailure, code: ProblemCode, detail: string): CredentialInput {
  return { ok: false, reason, problem: problem(code, detail, '') };
}
