#!/usr/bin/env node
// The `verify` command (package.json `bin`). The one file with a side effect on import: it runs the
// command with this process's arguments and sets its exit code. Everything else is in run-verify-cli.ts.
import { runVerifyCli } from './run-verify-cli.ts';

process.exitCode = await runVerifyCli(process.argv.slice(2), {
  stdout: (text) => process.stdout.write(text),
  stderr: (text) => process.stderr.write(text),
});
