import { type Problem, problem } from '@repo/core';
import { asList, isObject } from '@repo/schemas';
import { isHttpUrl } from './ob2-values.ts';

/**
 * Whether a hosted assertion's `id` is within its issuer's verification policy (OB 2.0
 * VerificationObject; "HostedBadge Verification"): it must start with one of the Profile's
 * `verification.startsWith` values when there are any, and its host must be one of
 * `verification.allowedOrigins` — by default the host of the issuer Profile's own `id`. Hosts are
 * compared as RFC 3986 host (`example.org`) or host:port (`127.0.0.1:8080`, as the 1EdTech
 * reference validator compares authorities). Undefined when it is; a problem saying why not.
 *
 * @example
 * ob2PolicyProblem('https://evil.example/a/1', { id: 'https://example.org/issuer' })?.title; // 'VERIFICATION_POLICY_ERROR'
 */
export function ob2PolicyProblem(assertionId: string, issuer: Record<string, unknown>): Problem | undefined {
  const fail = (detail: string) => problem('VERIFICATION_POLICY_ERROR', detail, '/id');
  if (!isHttpUrl(assertionId)) return fail(`A hosted assertion's id must be an http(s) URL; it is ${assertionId}.`);
  const policy = isObject(issuer.verification) ? issuer.verification : {};
  const property = policy.verificationProperty;
  if (property !== undefined && property !== 'id')
    return fail(`The issuer's verification policy names verificationProperty ${String(property)}; only id is defined.`);
  const startsWith = asList(policy.startsWith).filter((s): s is string => typeof s === 'string');
  if (startsWith.length > 0 && !startsWith.some((s) => assertionId.startsWith(s)))
    return fail(`The assertion ${assertionId} is not under any path its issuer allows (${startsWith.join(', ')}).`);
  let allowed = asList(policy.allowedOrigins).filter((s): s is string => typeof s === 'string');
  if (allowed.length === 0) {
    const issuerId = typeof issuer.id === 'string' ? issuer.id : undefined;
    if (!isHttpUrl(issuerId))
      return fail(
        'The issuer Profile has no http(s) id and no allowedOrigins, so nothing ties this hosted assertion to it.',
      );
    allowed = [new URL(issuerId).host];
  }
  const url = new URL(assertionId);
  const lower = allowed.map((a) => a.toLowerCase());
  if (lower.includes(url.host.toLowerCase()) || lower.includes(url.hostname.toLowerCase())) return undefined;
  return fail(
    `The assertion is hosted on ${url.host}, which its issuer does not allow (allowed: ${allowed.join(', ')}): anyone can host a copy elsewhere.`,
  );
}
