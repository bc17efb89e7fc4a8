/** Exit codes of `certify` (also in `certify --help`). */
export const EXIT = {
  /** Done. */
  ok: 0,
  /** The service refused the request, or some rows / credentials failed. */
  failed: 1,
  /** The service could not be reached, or the command was used wrongly (options, files). */
  unreachable: 2,
  usage: 2,
} as const;

/**
 * Why a command stops, with the exit code it stops with. Its message is printed on stderr as it is.
 *
 * @example
 * throw new CliFailure('--csv and --jsonl cannot be used together.', EXIT.usage);
 */
export class CliFailure extends Error {
  readonly exitCode: number;
  constructor(message: string, exitCode: number) {
    super(message);
    this.name = 'CliFailure';
    this.exitCode = exitCode;
  }
}

/** An RFC 9457 problem as the service sends it (`title` is the code; batch rows also carry `code`). */
export interface Problem {
  type?: string;
  title?: string;
  code?: string;
  status?: number;
  detail?: string;
  pointer?: string;
  column?: string;
  parameter?: string;
  [member: string]: unknown;
}

/**
 * A problem as one line: `code: detail (pointer)` — the pointer, or the CSV column, or the query
 * parameter it is about, when it names one.
 *
 * @example
 * formatProblem({ title: 'MALFORMED_VALUE_ERROR', detail: 'recipient.email must be an email address.', pointer: '/recipient/email' });
 * // 'MALFORMED_VALUE_ERROR: recipient.email must be an email address. (/recipient/email)'
 */
export function formatProblem(problem: Problem): string {
  const code = problem.code ?? problem.title ?? `HTTP ${problem.status ?? '?'}`;
  const where = problem.pointer ?? problem.column ?? problem.parameter;
  return `${code}: ${problem.detail ?? problem.title ?? 'no detail'}${where ? ` (${where})` : ''}`;
}

/**
 * The service answered with an error status: its problem, printed as {@link formatProblem}.
 *
 * @example
 * throw new ServiceRefusal(404, { title: 'NOT_FOUND', detail: 'No such job.' });
 */
export class ServiceRefusal extends CliFailure {
  readonly status: number;
  readonly problem: Problem;
  constructor(status: number, problem: Problem) {
    super(formatProblem({ status, ...problem }), EXIT.failed);
    this.name = 'ServiceRefusal';
    this.status = status;
    this.problem = problem;
  }
}
