import type { ProblemCode } from '@repo/core';
import type { CredentialInput, CredentialInputFailure } from '@repo/verifier';
import { ProblemError } from '../http/problem-error.ts';

/** The credential to verify, read from the form, and how it came. */
export interface ResolvedInput {
  /** What `verifyCredential` takes: a credential or assertion object, a compact JWS, or a URL. */
  value: Record<string, unknown> | string;
  /** How it came, for the page: "pasted", "read from the file badge.png", "fetched from https://…". */
  source: string;
}

/** The form field a problem is about (the error summary links to it). */
export type FormField = 'credential' | 'file' | 'url' | 'email';

/**
 * A {@link ProblemError} that names the form field it is about (the error summary links to it).
 *
 * @example
 * throw fieldProblem(400, 'MALFORMED_VALUE_ERROR', 'That email address is not valid.', 'email');
 */
export function fieldProblem(status: number, code: ProblemCode, detail: string, field: FormField): ProblemError {
  return new ProblemError(status, code, detail, { extra: { field } });
}

/** HTTP status of an input that could not be read: a request that cannot be a credential, or one that is not one. */
const STATUS: Record<CredentialInputFailure, number> = {
  empty: 400,
  'not-recognised': 400,
  'bad-json': 400,
  'not-a-credential': 422,
  presentation: 422,
  'badge-class': 422,
  'bad-png': 400,
  'bad-svg': 400,
  'png-without-badge': 422,
  'svg-without-badge': 422,
  'bad-baked-text': 422,
  'bad-url': 400,
  'unsupported-media-type': 415,
  'media-type-mismatch': 400,
};

/**
 * The input when it could be read; otherwise its problem as a {@link ProblemError} about `field`,
 * 400/415 for what cannot be a credential, 422 for a readable input that is not one.
 *
 * @example
 * const { value } = acceptInput(readCredentialInput(text), 'credential');
 */
export function acceptInput(input: CredentialInput, field: FormField): Extract<CredentialInput, { ok: true }> {
  if (input.ok) return input;
  throw fieldProblem(STATUS[input.reason], input.problem.title, input.problem.detail, field);
}
