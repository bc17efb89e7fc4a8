import { realpathSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { type Command, CommanderError } from 'commander';
import { CliFailure } from './failure.ts';
import { buildProgram, exitCodeOf } from './program.ts';

/**
 * Runs a command (whose commander errors are thrown: `exitOverride`) with `argv` (`process.argv`
 * form) and sets `process.exitCode`; a failure is printed on stderr as one line (problems from the
 * service as "code: detail (pointer)").
 *
 * @example
 * await runCommand(keygenCommand('gen-key').exitOverride(), process.argv);
 */
export async function runCommand(command: Command, argv: readonly string[] = process.argv): Promise<void> {
  try {
    await command.parseAsync([...argv]);
  } catch (error) {
    // Commander has printed its own usage errors.
    if (error instanceof CliFailure) process.stderr.write(`${command.name()}: ${error.message}\n`);
    else if (!(error instanceof CommanderError)) {
      process.stderr.write(`${command.name()}: unexpected error: ${(error as Error)?.message ?? String(error)}\n`);
    }
    process.exitCode = exitCodeOf(error);
  }
}

/**
 * Runs `certify` with `argv` (`process.argv` form).
 *
 * @example
 * await main(['node', 'certify', 'batch', 'status', 'job-1']);
 */
export async function main(argv: readonly string[] = process.argv): Promise<void> {
  process.stdout.on('error', (error: NodeJS.ErrnoException) => {
    if (error.code !== 'EPIPE') throw error;
  });
  await runCommand(buildProgram(), argv);
}

// `node --import tsx packages/cli/src/main.ts …` (the bin imports it and calls main itself).
const entry = process.argv[1];
if (entry !== undefined && realpathSync(entry) === fileURLToPath(import.meta.url)) await main();
