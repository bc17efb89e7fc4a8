import { type Problem, type ProblemCode, problem } from '@repo/core';

/**
 * An HTTP error with an RFC 9457 body. Routes throw it; `problemHandler` writes it.
 *
 * @example
 * throw new ProblemError(422, 'MALFORMED_VALUE_ERROR', 'credentialSubject must be an object.', { pointer: '/credential/credentialSubject' });
 */
export class ProblemError extends Error {
  readonly status: number;
  readonly problem: Problem;
  readonly headers: Record<string, string>;
  readonly extra: Record<string, unknown>;
  constructor(
    status: number,
    code: ProblemCode,
    detail: string,
    options: {
      pointer?: string;
      headers?: Record<string, string>;
      extra?: Record<string, unknown>;
      cause?: unknown;
    } = {},
  ) {
    super(detail, options.cause === undefined ? undefined : { cause: options.cause });
    this.name = 'ProblemError';
    this.status = status;
    this.problem = problem(code, detail, options.pointer);
    this.headers = options.headers ?? {};
    this.extra = options.extra ?? {};
  }
}
