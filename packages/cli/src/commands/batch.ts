import { createWriteStream } from 'node:fs';
import { Readable, type Writable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { Command } from 'commander';
import { type CommandContext, contextOf, print } from '../context.ts';
import { formatProblem } from '../failure.ts';
import { type BatchJob, jobPath, rowResults, summaryLine } from './batch-job.ts';

async function status(ctx: CommandContext, id: string): Promise<void> {
  const job = await ctx.client.json<BatchJob>('GET', jobPath(id));
  print(ctx, job, () => [
    summaryLine(job),
    ...(job.createdAt ? [`created ${job.createdAt}${job.createdBy ? ` by ${job.createdBy}` : ''}`] : []),
    ...(job.finishedAt ? [`finished ${job.finishedAt}`] : []),
  ]);
}

async function list(ctx: CommandContext): Promise<void> {
  const answer = await ctx.client.json<{ jobs?: BatchJob[]; items?: BatchJob[] } | BatchJob[]>(
    'GET',
    '/credentials/issue/batch',
  );
  const jobs = Array.isArray(answer) ? answer : (answer.jobs ?? answer.items ?? []);
  print(ctx, answer, () => (jobs.length === 0 ? ['no batch jobs'] : jobs.map(summaryLine)));
}

async function results(ctx: CommandContext, id: string, failed: boolean): Promise<void> {
  for await (const r of rowResults(ctx, id, { failed })) {
    if (ctx.json) ctx.out(JSON.stringify(r));
    else
      ctx.out(
        `row ${r.row}\t${r.rowKey}\t${r.status}\t${r.status === 'failed' && r.problem ? formatProblem(r.problem) : (r.id ?? '')}`,
      );
  }
}

async function credentials(ctx: CommandContext, id: string, file: string | undefined): Promise<void> {
  const res = await ctx.client.send('GET', jobPath(id, '/credentials'), { accept: 'application/jsonl' });
  const sink: Writable = file === undefined ? process.stdout : createWriteStream(file);
  if (res.body) await pipeline(Readable.fromWeb(res.body as never), sink, { end: file !== undefined });
  if (file !== undefined) ctx.note(`wrote ${file}`);
}

/**
 * `certify batch status|results|credentials|list`: a batch job's progress and counts, its row
 * results (JSON Lines with `--json`; `--failed` for the failed rows only), its signed credentials.
 *
 * @example
 * program.addCommand(batchCommand());
 */
export function batchCommand(): Command {
  const group = new Command('batch').description('batch issuance jobs');
  group
    .command('status')
    .description("a job's state and counts")
    .argument('<job>', 'the job id')
    .action((id: string, _o, command: Command) => status(contextOf(command), id));
  group
    .command('results')
    .description("a job's row results, in row order")
    .argument('<job>', 'the job id')
    .option('--failed', 'only the failed rows')
    .action((id: string, o: { failed?: boolean }, command: Command) =>
      results(contextOf(command), id, o.failed === true),
    );
  group
    .command('credentials')
    .description("a job's signed credentials (JSON Lines)")
    .argument('<job>', 'the job id')
    .option('-o, --out <file>', 'write them to this file instead of stdout')
    .action((id: string, o: { out?: string }, command: Command) => credentials(contextOf(command), id, o.out));
  group
    .command('list')
    .description('the jobs, newest first')
    .action((_o, command: Command) => list(contextOf(command)));
  return group;
}
