#!/usr/bin/env node
// The `verify` command (package.json `bin`). The one file with a side effect on import: it runs the
// command with this process's arguments and sets its exit code. Everything else is in run-verify-cli.ts.
// Exit codes stay verdicts: a crash — even the library failing to load — is 3 ("no verdict"), never
// Node's default 1 ("not verified"); a closed pipe (`verify … | head -1`) is not an error.
const NO_VERDICT = 3;
const fail = (err: unknown) => {
  process.stderr.write(`verify: unexpected error: ${(err as Error)?.stack ?? err}\n`);
  process.exit(NO_VERDICT);
};
process.on('uncaughtException', fail);
process.on('unhandledRejection', fail);
process.stdout.on('error', (err: NodeJS.ErrnoException) => {
  if (err.code !== 'EPIPE') fail(err);
});

try {
  const { runVerifyCli } = await import('./run-verify-cli.ts');
  process.exitCode = await runVerifyCli(process.argv.slice(2), {
    stdout: (text) => process.stdout.write(text),
    stderr: (text) => process.stderr.write(text),
  });
} catch (err) {
  fail(err);
}
