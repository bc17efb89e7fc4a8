import { parseArgs } from 'node:util';
import { parseDateTimeStamp } from '@repo/schemas';

/** What the `verify` command was asked to do. */
export interface VerifyArgs {
  /** The credential: a file path or an http(s) URL. */
  target: string;
  json: boolean;
  /** Path of the trust registry file (`--trusted-issuers`). */
  trustedIssuers?: string;
  /** The instant dates are checked at (`--now`). */
  now?: Date;
  /** `--email`: the address the credential should have been issued to. */
  email?: string;
  allowLocalhost: boolean;
}

/** The command line read: a request, a request for help, or a usage error said in one sentence. */
export type ParsedVerifyArgs = { ok: true; args: VerifyArgs } | { ok: true; help: true } | { ok: false; error: string };

const OPTIONS = {
  json: { type: 'boolean' },
  'trusted-issuers': { type: 'string' },
  now: { type: 'string' },
  email: { type: 'string' },
  'allow-localhost': { type: 'boolean' },
  help: { type: 'boolean', short: 'h' },
} as const;

/**
 * Reads `verify FILE|URL [--json] [--trusted-issuers FILE] [--now ISO] [--email ADDRESS]
 * [--allow-localhost]`. Unknown options, a missing or second FILE|URL, an empty value and a
 * `--now` that is not a date-time with a time zone are usage errors. Never throws.
 *
 * @example
 * parseVerifyArgs(['badge.png', '--now', '2026-03-01T12:00:00Z']); // { ok: true, args: { target: 'badge.png', now: Date, json: false, allowLocalhost: false } }
 */
export function parseVerifyArgs(argv: readonly string[]): ParsedVerifyArgs {
  let parsed: ReturnType<typeof parseArgs<{ args: string[]; options: typeof OPTIONS; allowPositionals: true }>>;
  try {
    parsed = parseArgs({ args: [...argv], options: OPTIONS, allowPositionals: true, strict: true });
  } catch (err) {
    return { ok: false, error: (err as Error).message };
  }
  const { values, positionals } = parsed;
  if (values.help) return { ok: true, help: true };
  if (positionals.length !== 1) {
    return {
      ok: false,
      error:
        positionals.length === 0
          ? 'Give the credential to verify: a file or a URL.'
          : `Give one credential at a time (got ${positionals.length}: ${positionals.join(', ')}).`,
    };
  }
  const args: VerifyArgs = {
    target: positionals[0]!,
    json: values.json === true,
    allowLocalhost: values['allow-localhost'] === true,
  };
  for (const name of ['trusted-issuers', 'now', 'email'] as const) {
    if (values[name] !== undefined && values[name].trim() === '')
      return { ok: false, error: `--${name} needs a value.` };
  }
  if (values['trusted-issuers'] !== undefined) args.trustedIssuers = values['trusted-issuers'];
  if (values.email !== undefined) args.email = values.email.trim();
  if (values.now !== undefined) {
    const t = parseDateTimeStamp(values.now);
    if (t === undefined) {
      return {
        ok: false,
        error: `--now must be a date-time with a time zone, such as 2026-03-01T12:00:00Z (got "${values.now}").`,
      };
    }
    args.now = new Date(t);
  }
  return { ok: true, args };
}
