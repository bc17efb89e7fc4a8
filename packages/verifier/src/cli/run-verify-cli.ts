import { readFile, stat } from 'node:fs/promises';
import { isObject } from '@repo/schemas';
import { createVerifier } from '../create-verifier.ts';
import { matchesIdentity } from '../identity/match-identity.ts';
import { readCredentialInput } from '../input/read-credential-input.ts';
import { describeIssuer, trustedIssuerIds } from '../trust-registry/describe-issuer.ts';
import { readTrustRegistry } from '../trust-registry/parse-trust-registry.ts';
import type { TrustRegistry } from '../trust-registry/trust-registry-types.ts';
import type { CredentialVerification } from '../types.ts';
import { EXIT, type ExitCode, exitCodeOf } from './exit-code.ts';
import { formatReport, type RecipientCheck, type VerifyReport } from './format-report.ts';
import { parseVerifyArgs, type VerifyArgs } from './parse-verify-args.ts';
import { USAGE } from './usage.ts';

/** Where the command writes: standard output (the verdict, or JSON) and standard error (why there is no verdict). */
export interface VerifyCliIo {
  stdout(text: string): void;
  stderr(text: string): void;
}

/** Files larger than this are not credentials anyone sends (a baked PNG is usually under 1 MB). */
const MAX_INPUT_BYTES = 8 * 1024 * 1024;
const IS_URL = /^https?:\/\//i;

class Unusable extends Error {}

async function readBytes(path: string, what: string): Promise<Uint8Array> {
  let size: number;
  try {
    const info = await stat(path);
    if (!info.isFile()) throw new Unusable(`${path} is not a file.`);
    size = info.size;
  } catch (err) {
    if (err instanceof Unusable) throw err;
    throw new Unusable(
      `Cannot read ${what} ${path}: ${(err as NodeJS.ErrnoException).code ?? (err as Error).message}.`,
    );
  }
  if (size > MAX_INPUT_BYTES) throw new Unusable(`${path} is larger than ${MAX_INPUT_BYTES / 1024 / 1024} MB.`);
  return new Uint8Array(await readFile(path));
}

async function loadRegistry(path: string): Promise<TrustRegistry> {
  const bytes = await readBytes(path, 'the trust registry');
  try {
    return readTrustRegistry(new TextDecoder().decode(bytes));
  } catch (err) {
    throw new Unusable(`${path}: ${(err as Error).message}`);
  }
}

function recipientCheck(credential: Record<string, unknown> | undefined, email: string): RecipientCheck {
  const match = matchesIdentity(credential ?? {}, email);
  if (match.outcome === 'match') return { status: 'passed', message: `Issued to ${email}.` };
  if (match.outcome === 'no-match') {
    return { status: 'failed', message: `Not issued to ${email}: the credential's email identity is another address.` };
  }
  return { status: 'could-not-check', message: `The credential names no email address to compare ${email} with.` };
}

async function verifyOne(args: VerifyArgs, io: VerifyCliIo): Promise<ExitCode> {
  const registry = args.trustedIssuers === undefined ? undefined : await loadRegistry(args.trustedIssuers);
  const input = IS_URL.test(args.target)
    ? readCredentialInput(args.target)
    : readCredentialInput(await readBytes(args.target, 'the file'));
  if (!input.ok) {
    if (args.json)
      io.stdout(`${JSON.stringify({ verified: false, checks: [], problems: [input.problem] }, null, 2)}\n`);
    throw new Unusable(`${args.target}: ${input.problem.detail}`);
  }
  const now = args.now;
  const verifier = createVerifier({
    allowLocalhost: args.allowLocalhost,
    ...(now && { now: () => now }),
    ...(registry && { trustedIssuers: trustedIssuerIds(registry) }),
  });
  const result: CredentialVerification = await verifier.verifyCredential(input.value);
  // The recipient is in the OB 2.0 assertion as served, else in the credential (a JWT's, or the input).
  const credential = result.ob2?.assertion ?? result.credential ?? (isObject(input.value) ? input.value : undefined);
  const issuer = describeIssuer(registry, result.issuer ?? result.summary?.issuer.id, result.summary?.issuer.name);
  const recipient = args.email === undefined ? undefined : recipientCheck(credential, args.email);
  let exit = exitCodeOf([...result.checks, ...(recipient ? [recipient] : [])]);
  if (!result.verified && exit === EXIT.verified) exit = EXIT.notVerified;
  if (args.json) {
    const machine = { ...result, issuerDescription: issuer, ...(recipient && { recipientEmail: recipient }) };
    io.stdout(`${JSON.stringify(machine, null, 2)}\n`);
  } else {
    const report: VerifyReport = {
      exit,
      result,
      issuer,
      allowLocalhost: args.allowLocalhost,
      ...(registry && { registry: registry.name === undefined ? {} : { name: registry.name } }),
      ...(recipient && { recipient }),
    };
    io.stdout(formatReport(report));
  }
  return exit;
}

/**
 * The `verify` command: `verify FILE|URL [--json] [--trusted-issuers FILE] [--now ISO]
 * [--email ADDRESS] [--allow-localhost]`. Reads the credential (JSON, JWT, baked PNG/SVG, or a
 * URL) with `readCredentialInput`, verifies it with the library's default, offline-first verifier
 * and prints the verdict. Returns the exit code: 0 verified, 1 not verified, 2 could not check,
 * 3 no verdict (bad arguments or input that is not a credential; said on stderr). Never throws.
 *
 * @example
 * process.exitCode = await runVerifyCli(process.argv.slice(2), {
 *   stdout: (t) => process.stdout.write(t),
 *   stderr: (t) => process.stderr.write(t),
 * });
 */
export async function runVerifyCli(argv: readonly string[], io: VerifyCliIo): Promise<ExitCode> {
  const parsed = parseVerifyArgs(argv);
  if (!parsed.ok) {
    io.stderr(`verify: ${parsed.error}\nRun "verify --help" for usage.\n`);
    return EXIT.unusable;
  }
  if ('help' in parsed) {
    io.stdout(USAGE);
    return EXIT.verified;
  }
  try {
    return await verifyOne(parsed.args, io);
  } catch (err) {
    const message = err instanceof Unusable ? err.message : `unexpected error: ${(err as Error)?.message ?? err}`;
    io.stderr(`verify: ${message}\n`);
    return EXIT.unusable;
  }
}
