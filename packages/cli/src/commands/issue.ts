import { createHash } from 'node:crypto';
import { createReadStream, createWriteStream } from 'node:fs';
import { stat } from 'node:fs/promises';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { Command, Option } from 'commander';
import { type CommandContext, contextOf, print } from '../context.ts';
import { csvRow } from '../csv-row.ts';
import { CliFailure, EXIT } from '../failure.ts';
import { startProgress } from '../progress.ts';
import { type BatchJob, jobPath, rowResults, summaryLine, waitForJob } from './batch-job.ts';

interface IssueOptions {
  csv?: string;
  jsonl?: string;
  achievement?: string;
  achievementVersion?: string;
  errors?: string;
  out?: string;
  wait?: boolean;
  pollInterval: string;
}

/** The error report's columns. */
export const ERROR_REPORT_COLUMNS = ['row', 'rowKey', 'column', 'pointer', 'code', 'message'];

/** SHA-256 of the file, read as a stream. */
async function sha256Of(file: string): Promise<string> {
  const hash = createHash('sha256');
  try {
    await pipeline(createReadStream(file), hash);
  } catch (error) {
    throw new CliFailure(`Cannot read ${file}: ${(error as NodeJS.ErrnoException).code ?? 'error'}.`, EXIT.usage);
  }
  return hash.digest('hex');
}

/**
 * The upload's Idempotency-Key: the file's SHA-256, with the query folded in when there is one, so
 * that running the same command again (after a network failure) gets the same job back.
 */
export function idempotencyKeyOf(fileSha256: string, query: string): string {
  return query === '' ? fileSha256 : createHash('sha256').update(`${fileSha256}?${query}`).digest('hex');
}

/** Writes the failed rows of the job to `file` as CSV ({@link ERROR_REPORT_COLUMNS}); how many. */
async function writeErrorReport(ctx: CommandContext, id: string, file: string): Promise<number> {
  const out = createWriteStream(file);
  let count = 0;
  const lines = async function* () {
    yield csvRow(ERROR_REPORT_COLUMNS);
    for await (const r of rowResults(ctx, id, { failed: true })) {
      count++;
      const p = r.problem ?? {};
      yield csvRow([r.row, r.rowKey, p.column, p.pointer, p.code ?? p.title, p.detail]);
    }
  };
  await pipeline(Readable.from(lines()), out);
  return count;
}

/** Saves the signed credentials of the job (JSON Lines) to `file`. */
async function saveCredentials(ctx: CommandContext, id: string, file: string): Promise<void> {
  const res = await ctx.client.send('GET', jobPath(id, '/credentials'), { accept: 'application/jsonl' });
  if (!res.body) throw new CliFailure('The service sent no credentials.', EXIT.failed);
  await pipeline(Readable.fromWeb(res.body as never), createWriteStream(file));
}

async function issue(ctx: CommandContext, options: IssueOptions): Promise<number> {
  if ((options.csv === undefined) === (options.jsonl === undefined)) {
    throw new CliFailure('Give the rows with exactly one of --csv FILE or --jsonl FILE.', EXIT.usage);
  }
  const file = (options.csv ?? options.jsonl)!;
  const type = options.csv !== undefined ? 'text/csv' : 'application/jsonl';
  const interval = Number(options.pollInterval);
  if (!Number.isInteger(interval) || interval < 10) {
    throw new CliFailure('--poll-interval must be a whole number of milliseconds (≥ 10).', EXIT.usage);
  }
  if (!(await stat(file).catch(() => undefined))?.isFile()) {
    throw new CliFailure(`Cannot read ${file}: no such file.`, EXIT.usage);
  }
  const params = new URLSearchParams();
  if (options.achievement !== undefined) params.set('achievement', options.achievement);
  if (options.achievementVersion !== undefined) params.set('achievementVersion', options.achievementVersion);
  const query = params.toString();
  const key = idempotencyKeyOf(await sha256Of(file), query);
  const res = await ctx.client.send('POST', `/credentials/issue/batch${query ? `?${query}` : ''}`, {
    stream: Readable.toWeb(createReadStream(file)) as ReadableStream<Uint8Array>,
    type,
    accept: 'application/json',
    headers: { 'idempotency-key': `"${key}"` }, // an RFC 8941 sf-string (draft-ietf-httpapi-idempotency-key-header)
  });
  let job = (await res.json()) as BatchJob;
  if (options.wait === false) {
    print(ctx, job, () => [
      `job ${job.id}: ${job.state}, ${job.rows} rows`,
      `follow it: certify batch status ${job.id}`,
    ]);
    return EXIT.ok;
  }
  const progress = startProgress(process.stderr);
  try {
    job = await waitForJob(ctx, job.id, { intervalMs: interval, onUpdate: (j) => progress.update(j) });
  } finally {
    progress.stop();
  }
  let errorReport: string | undefined;
  if (job.failed > 0) {
    errorReport = options.errors ?? `${file}.errors.csv`;
    await writeErrorReport(ctx, job.id, errorReport);
  }
  if (options.out !== undefined) await saveCredentials(ctx, job.id, options.out);
  print(ctx, { ...job, ...(errorReport && { errorReport }), ...(options.out && { credentials: options.out }) }, () => [
    summaryLine(job),
    ...(errorReport ? [`error report (failed rows): ${errorReport}`] : []),
    ...(options.out !== undefined ? [`signed credentials (JSON Lines): ${options.out}`] : []),
    ...(job.state === 'interrupted'
      ? ['the upload was interrupted: nothing of it was issued; run the command again']
      : []),
  ]);
  return job.failed > 0 || job.state === 'interrupted' ? EXIT.failed : EXIT.ok;
}

/**
 * `certify issue --csv cohort.csv [--achievement ID]`: streams the file to
 * `POST /credentials/issue/batch` (Idempotency-Key: the file's SHA-256), follows the job with a
 * progress bar, writes the failed rows to an error report and prints a summary.
 *
 * @example
 * program.addCommand(issueCommand());
 */
export function issueCommand(): Command {
  return new Command('issue')
    .description(
      'issue a cohort from a CSV file (the template: GET /credentials/issue/batch/template.csv) or JSON Lines; exit 1 when rows failed',
    )
    .option('--csv <file>', 'the rows as CSV (header row, one row a person)')
    .option('--jsonl <file>', 'the rows as JSON Lines (one POST /credentials/issue body a line, with rowKey)')
    .option('--achievement <id>', 'the catalogue achievement of rows that name none')
    .option('--achievement-version <n>', 'that achievement at this version')
    .option('--errors <file>', 'where to write the failed rows (CSV; default <input>.errors.csv)')
    .option('--out <file>', 'save the signed credentials (JSON Lines)')
    .option('--wait', 'follow the job to its end with a progress bar (the default)')
    .option('--no-wait', 'print the job id and return at once')
    .addOption(new Option('--poll-interval <ms>', 'how often to ask for progress').default('500').hideHelp())
    .action(async (options: IssueOptions, command: Command) => {
      process.exitCode = await issue(contextOf(command), options);
    });
}
