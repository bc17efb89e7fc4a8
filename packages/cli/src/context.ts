import type { Command } from 'commander';
import { IssuerClient } from './http/client.ts';

/** The global options every command reads. */
export interface GlobalOptions {
  url: string;
  token?: string;
  json: boolean;
}

/** What a command runs with: the client of the service and how to print. */
export interface CommandContext {
  client: IssuerClient;
  json: boolean;
  /** A line on stdout (the command's output). */
  out(line: string): void;
  /** A line on stderr (progress, notes, problems). */
  note(line: string): void;
}

/**
 * The context of the command being run, from its global options (`--url`, `--token`, `--json`).
 *
 * @example
 * .action(async (file, _opts, command) => addAchievement(contextOf(command), file));
 */
export function contextOf(command: Command): CommandContext {
  const options = command.optsWithGlobals<GlobalOptions>();
  return {
    client: new IssuerClient(options.url, options.token),
    json: options.json === true,
    out: (line) => void process.stdout.write(`${line}\n`),
    note: (line) => void process.stderr.write(`${line}\n`),
  };
}

/**
 * Prints `value` as JSON on stdout (`--json`), or `human()`'s lines.
 *
 * @example
 * print(ctx, job, () => [`job ${job.id}: ${job.state}`]);
 */
export function print(ctx: CommandContext, value: unknown, human: () => string[]): void {
  if (ctx.json) ctx.out(JSON.stringify(value, null, 2));
  else for (const line of human()) ctx.out(line);
}
