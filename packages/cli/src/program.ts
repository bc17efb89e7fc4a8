import { readFileSync } from 'node:fs';
import { Command, CommanderError, Option } from 'commander';
import { achievementsCommand } from './commands/achievements.ts';
import { batchCommand } from './commands/batch.ts';
import { exportCommand } from './commands/export.ts';
import { issueCommand } from './commands/issue.ts';
import { keygenCommand } from './commands/keygen.ts';
import { statusCommands } from './commands/status.ts';
import { CliFailure, EXIT } from './failure.ts';

const HELP = `
Talks to a running issuer over HTTP with a bearer token (scopes: write:/achievements,
write:/credentials/issue, write:/credentials/status, read:/credentials).

Examples:
  export ISSUER_URL=https://issuer.example.org ISSUER_TOKEN=…
  certify achievements add safety-basics.json
  certify issue --csv cohort.csv --achievement https://issuer.example.org/achievements/safety-basics
  certify batch results JOB --failed
  certify revoke urn:uuid:… --reason "Exam fraud confirmed"
  certify suspend --batch JOB --reason "Exam session under review"
  certify export --format csv --from 2026-01-01 --status active -o issued.csv
  certify keygen --out secrets/issuer-key.json

issue: streams the file (Idempotency-Key = its SHA-256: running the same command again after a
network failure gets the same job, and rows already issued are never issued twice), then shows a
progress bar on stderr (plain lines when stderr is not a terminal), writes the failed rows to
<input>.errors.csv (row, rowKey, column, pointer, code, message) and prints a summary.

Problems from the service are printed on stderr as "code: detail (pointer)".

Exit codes:
  0  done
  1  the service refused, or rows / credentials failed (see the error report)
  2  the service could not be reached, or the command was used wrongly
`;

const VERSION = (JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8')) as { version: string })
  .version;

/** Every command under `command`, itself included. */
const commandsOf = (command: Command): Command[] => [command, ...command.commands.flatMap(commandsOf)];

/**
 * The `certify` program: global options `--url` (env `ISSUER_URL`), `--token` (env
 * `ISSUER_TOKEN`), `--json`, and the commands. Commander's usage errors are thrown (exit 2), not
 * exited on.
 *
 * @example
 * await buildProgram().parseAsync(['node', 'certify', 'achievements', 'list']);
 */
export function buildProgram(): Command {
  const program = new Command('certify')
    .description('The command line of certification bodies: catalogue, batch issuance, status, export, keys.')
    .version(VERSION)
    .addOption(new Option('--url <url>', 'the issuer service').env('ISSUER_URL').default('http://localhost:8080'))
    .addOption(new Option('--token <token>', 'bearer token').env('ISSUER_TOKEN'))
    .option('--json', 'machine output (JSON) on stdout', false)
    .addHelpText('after', HELP)
    .showHelpAfterError('(certify --help for usage)');
  program.addCommand(achievementsCommand());
  program.addCommand(issueCommand());
  program.addCommand(batchCommand());
  for (const command of statusCommands()) program.addCommand(command);
  program.addCommand(exportCommand());
  program.addCommand(keygenCommand());
  for (const command of commandsOf(program)) command.exitOverride();
  return program;
}

/**
 * The exit code for what stopped a command: its own ({@link CliFailure}), 0 for help, 2 for a
 * usage error found by commander, 1 for anything unexpected.
 *
 * @example
 * process.exitCode = exitCodeOf(error);
 */
export function exitCodeOf(error: unknown): number {
  if (error instanceof CliFailure) return error.exitCode;
  if (error instanceof CommanderError) return error.exitCode === 0 ? EXIT.ok : EXIT.usage;
  return EXIT.failed;
}
