import { checkWords } from '../describe-check.ts';
import type { IssuerDescription } from '../trust-registry/trust-registry-types.ts';
import type { CredentialSummary, CredentialVerification } from '../types.ts';
import { EXIT, type ExitCode } from './exit-code.ts';
import { printable } from './printable.ts';

/** The `--email` comparison, as one more check. */
export interface RecipientCheck {
  status: 'passed' | 'failed' | 'could-not-check';
  message: string;
}

/** Everything the `verify` command prints about one credential. */
export interface VerifyReport {
  exit: ExitCode;
  result: CredentialVerification;
  issuer: IssuerDescription;
  /** Whether `--allow-localhost` was given (else a hint is printed when a local URL could not be read). */
  allowLocalhost?: boolean;
  /** Whether a trust registry was given (`--trusted-issuers`), and its name. */
  registry?: { name?: string };
  recipient?: RecipientCheck;
}

const VERDICTS: Record<ExitCode, string> = {
  [EXIT.verified]: 'VERIFIED',
  [EXIT.notVerified]: 'NOT VERIFIED',
  [EXIT.couldNotCheck]: 'COULD NOT CHECK',
  [EXIT.unusable]: 'NO VERDICT',
};

/**
 * Why, in one sentence: the library's own finding when a check failed, else a failed `--email`,
 * else the library's when a check could not check, else a could-not-check `--email`, else the
 * lifecycle (e.g. "Current; valid until …").
 */
function verdictReason(report: VerifyReport): string {
  const { result, recipient } = report;
  const lifecycle = result.lifecycle?.message ?? result.problems[0]?.detail ?? '';
  const has = (status: string) => result.checks.some((c) => c.status === status);
  if (has('failed')) return lifecycle;
  if (recipient?.status === 'failed') return recipient.message;
  if (has('could-not-check')) return lifecycle;
  if (recipient?.status === 'could-not-check') return recipient.message;
  return lifecycle;
}

function issuerLines(report: VerifyReport, selfAsserted: string | undefined): string[] {
  const { issuer, registry } = report;
  const id = issuer.id !== undefined ? [printable(issuer.id)] : [];
  const claimed = selfAsserted ? `"${printable(selfAsserted)}" (self-asserted name)` : '(the credential gives no name)';
  if (issuer.registered) {
    const where = registry?.name ? `your trust registry "${printable(registry.name)}"` : 'your trust registry';
    const also = issuer.selfAssertedName ? `; it calls itself "${printable(issuer.selfAssertedName)}"` : '';
    return [`${printable(issuer.name)} — registered in ${where}${also}`, ...id];
  }
  if (registry) return [`${claimed} — NOT in your trust registry`, ...id];
  return [`${claimed} — not checked against a trust registry (--trusted-issuers)`, ...id];
}

/**
 * The recipient as the credential names it: the subject's id, a plain `name` identity, and every
 * other identity by its type only (hashed or not) — an email address is never printed.
 */
function recipientOf(summary: CredentialSummary | undefined): string[] {
  if (!summary) return [];
  const out = summary.recipient.id ? [summary.recipient.id] : [];
  for (const { type, hashed, identity } of summary.recipient.identifiers) {
    out.push(hashed ? `${type} (hashed)` : type === 'name' ? identity : type);
  }
  return out;
}

const LOCAL_URL = /\bhttps?:\/\/(localhost|127\.0\.0\.1|\[::1\])[:/]/i;

/** A hint for a developer whose local issuer's URLs were refused (the default network policy). */
function localhostHint(report: VerifyReport): string[] {
  if (report.allowLocalhost) return [];
  const local = report.result.checks.some(
    (c) => c.status === 'could-not-check' && LOCAL_URL.test(c.problem?.detail ?? c.message ?? ''),
  );
  return local ? ['', 'Hint: for an issuer running on this machine, add --allow-localhost (development only).'] : [];
}

function row(label: string, lines: string[]): string[] {
  return lines.map((line, i) => `${(i === 0 ? label : '').padEnd(13)}${line}`);
}

/**
 * The `verify` command's text for a person: one verdict line (VERIFIED / NOT VERIFIED / COULD NOT
 * CHECK and why), the issuer (registered in the trust registry, or its self-asserted name marked as
 * such), the achievement, the recipient, the dates (from `result.summary`, the same for Open
 * Badges 3.0 and 2.0; left out when the credential could not be read), then each check in plain
 * words, and a hint when a local URL was refused without `--allow-localhost`. Everything
 * taken from the credential goes through {@link printable}.
 *
 * @example
 * process.stdout.write(formatReport(report)); // 'VERIFIED — Current; valid until 2029-03-01T12:00:00Z.\n\nIssuer …'
 */
export function formatReport(report: VerifyReport): string {
  const summary = report.result.summary;
  const recipient = recipientOf(summary);
  const reason = verdictReason(report);
  const out = [`${VERDICTS[report.exit]}${reason ? ` — ${printable(reason)}` : ''}`, ''];
  if (summary) {
    const { achievement, issuer, dates } = summary;
    out.push(...row('Issuer', issuerLines(report, issuer.name)));
    out.push(...row('Achievement', [achievement.name ? printable(achievement.name) : '(not named)']));
    out.push(...row('Recipient', [recipient.length ? recipient.map(printable).join(', ') : '(not named)']));
    out.push(...row('Issued', [dates.issued ? printable(dates.issued) : '(no date)']));
    out.push(...row('Valid until', [dates.validUntil ? printable(dates.validUntil) : '(no end date)']));
    const standing = report.result.lifecycle?.message;
    if (standing && standing !== reason) out.push(...row('Standing', [printable(standing)]));
    out.push('');
  }
  out.push('Checks');
  const lines = report.result.checks.map((check) => checkWords(check));
  if (report.recipient) {
    const { outcome } = checkWords({ id: 'issuer', status: report.recipient.status });
    lines.push({ name: 'Recipient email (--email)', outcome, reason: report.recipient.message });
  }
  for (const { name, outcome, reason } of lines) {
    out.push(`  ${outcome.padEnd(20)}${name}${reason ? ` — ${printable(reason)}` : ''}`);
  }
  out.push(...localhostHint(report));
  return `${out.join('\n')}\n`;
}
