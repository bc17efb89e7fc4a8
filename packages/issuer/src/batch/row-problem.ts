import { VcError } from '@repo/core';
import { ProblemError } from '../http/problem-error.ts';
import type { BatchRowProblem } from '../store/batch-types.ts';
import { columnOf } from './csv-template.ts';

/**
 * A row's error as its result says it: code (also the title), detail, the status the issue route
 * would have answered, and where — a JSON pointer for a JSON Lines row, the column for a CSV row
 * (its pointer when no column holds the value). Errors without a code are `INTERNAL_ERROR`.
 *
 * @example
 * rowProblem(new ProblemError(400, 'MALFORMED_VALUE_ERROR', 'bad', { pointer: '/recipient/email' }), 'csv');
 * // { code: 'MALFORMED_VALUE_ERROR', title: 'MALFORMED_VALUE_ERROR', detail: 'bad', status: 400, column: 'recipientEmail' }
 */
export function rowProblem(error: unknown, format: 'csv' | 'jsonl'): BatchRowProblem {
  let code: string;
  let detail: string;
  let status: number;
  let pointer: string | undefined;
  if (error instanceof ProblemError) {
    code = error.problem.title;
    detail = error.problem.detail ?? error.message;
    status = error.status;
    pointer = error.problem.pointer;
  } else if (error instanceof VcError) {
    code = error.code;
    detail = error.message;
    status = 422;
    pointer = error.pointer;
  } else {
    code = 'INTERNAL_ERROR';
    detail = 'The row could not be issued because of an unexpected error on the service (logged); upload it again.';
    status = 500;
  }
  const where = format === 'csv' && columnOf(pointer);
  return {
    code,
    title: code,
    detail,
    status,
    ...(where ? { column: where } : pointer !== undefined && { pointer }),
  };
}
