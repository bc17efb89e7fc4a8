import type { CommandContext } from '../context.ts';
import { CliFailure, EXIT, type Problem } from '../failure.ts';
import { readLines } from '../http/read-lines.ts';

/** A batch job as `GET /credentials/issue/batch/:id` answers it. */
export interface BatchJob {
  id: string;
  state: 'queued' | 'running' | 'completed' | 'interrupted';
  rows: number;
  issued: number;
  alreadyIssued: number;
  failed: number;
  pending?: number;
  createdAt?: string;
  updatedAt?: string;
  finishedAt?: string;
  createdBy?: string;
  links?: Record<string, string>;
}

/** One row result (`GET …/results`). */
export interface RowResult {
  row: number;
  rowKey: string;
  status: 'issued' | 'already-issued' | 'failed';
  id?: string;
  problem?: Problem;
}

/** The path of a job, or of one of its resources. */
export const jobPath = (id: string, tail = '') => `/credentials/issue/batch/${encodeURIComponent(id)}${tail}`;

/** Whether the job will change no more. */
export const isFinished = (job: BatchJob) => job.state === 'completed' || job.state === 'interrupted';

/**
 * The job's row results, in row order (`only=failed`: the failed ones), read line by line.
 *
 * @example
 * for await (const r of rowResults(ctx, job.id, { failed: true })) console.log(r.row, r.problem?.detail);
 */
export async function* rowResults(
  ctx: CommandContext,
  id: string,
  options: { failed?: boolean } = {},
): AsyncGenerator<RowResult> {
  const res = await ctx.client.send('GET', jobPath(id, `/results${options.failed ? '?only=failed' : ''}`), {
    accept: 'application/jsonl',
  });
  for await (const line of readLines(res)) yield JSON.parse(line) as RowResult;
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * Polls the job every `intervalMs` until it is finished, calling `onUpdate` with each state. A
 * network failure while polling (the service restarting) is retried for `patienceMs` before it
 * stops the command (exit 2): the job itself survives on the service.
 *
 * @example
 * const done = await waitForJob(ctx, job.id, { intervalMs: 500, onUpdate: (j) => progress.update(j) });
 */
export async function waitForJob(
  ctx: CommandContext,
  id: string,
  options: { intervalMs: number; patienceMs?: number; onUpdate(job: BatchJob): void },
): Promise<BatchJob> {
  const patience = options.patienceMs ?? 60_000;
  let unreachableSince: number | undefined;
  for (;;) {
    let job: BatchJob;
    try {
      job = await ctx.client.json<BatchJob>('GET', jobPath(id));
      unreachableSince = undefined;
    } catch (error) {
      if (!(error instanceof CliFailure && error.exitCode === EXIT.unreachable)) throw error;
      unreachableSince ??= Date.now();
      if (Date.now() - unreachableSince > patience) {
        throw new CliFailure(
          `${error.message} The job ${id} goes on on the service: \`certify batch status ${id}\` later, or run the same command again (same file → same job).`,
          EXIT.unreachable,
        );
      }
      await sleep(options.intervalMs);
      continue;
    }
    options.onUpdate(job);
    if (isFinished(job)) return job;
    await sleep(options.intervalMs);
  }
}

/**
 * A job's counts in one line.
 *
 * @example
 * summaryLine(job); // 'job 3f…: completed — 100 rows: 97 issued, 0 already issued, 3 failed'
 */
export function summaryLine(job: BatchJob): string {
  return `job ${job.id}: ${job.state} — ${job.rows} rows: ${job.issued} issued, ${job.alreadyIssued} already issued, ${job.failed} failed${job.pending ? `, ${job.pending} pending` : ''}`;
}
