import { isObject } from '@repo/schemas';
import { checkIssuer } from '../checks/check-issuer.ts';
import { checkValidityPeriod } from '../checks/check-validity-period.ts';
import { describeLifecycle } from '../describe-lifecycle.ts';
import { summarizeCredential } from '../summary/credential-summary.ts';
import type { Check, CheckId, CredentialVerification } from '../types.ts';
import type { VerifierContext } from '../verify/resolve-options.ts';
import { summarize } from '../verify/summarize.ts';
import { checkOb2Data } from './check-ob2-data.ts';
import { checkOb2Revocation } from './check-ob2-revocation.ts';
import { ob2CredentialView } from './ob2-credential-view.ts';
import { ob2IdOf } from './ob2-values.ts';

/** Per-call options the OB 2.0 verification honours (a subset of `CallOptions`). */
export interface Ob2CallOptions {
  now?: () => Date;
  trustedIssuers?: readonly string[];
  checks?: readonly CheckId[];
}

/** What the `format` and `proof` checks established about an OB 2.0 assertion. */
export interface Ob2Established {
  format: Check;
  proof: Check;
  /** The assertion to trust for everything else: the hosted copy, the JWS payload, or (unauthenticated) the presented one. */
  assertion: Record<string, unknown>;
  assertionId: string;
  badgeClass?: Record<string, unknown>;
  issuer?: Record<string, unknown>;
  /** The hosted assertion's URL answered 410 Gone. */
  gone?: boolean;
}

const POINTERS: Record<string, string> = { '/validFrom': '/issuedOn', '/validUntil': '/expires' };

/**
 * The checks after `format` and `proof` for an OB 2.0 assertion — issuer (trusted issuers), validity
 * (`issuedOn`, `expires`), status (revocation; read only once the proof passed), schema (OB 2.0
 * Data Validation) — and the result in the same shape as for OB 3.0: `summary`, `credential` (the
 * OB 3.0-shaped view), `lifecycle`, `ob2` (the documents used).
 *
 * @example
 * const result = await finishOb2(ctx, established, overrides);
 */
export async function finishOb2(
  ctx: VerifierContext,
  e: Ob2Established,
  overrides: Ob2CallOptions,
): Promise<CredentialVerification> {
  const at = (overrides.now ?? ctx.now)();
  const wanted = (id: CheckId) => overrides.checks === undefined || overrides.checks.includes(id);
  const notAsked = (id: CheckId): Check => ({
    id,
    status: 'skipped',
    message: 'Not asked for (options.checks).',
    details: { notAsked: true },
  });
  const badge = e.badgeClass ?? (isObject(e.assertion.badge) ? e.assertion.badge : {});
  const issuer = e.issuer ?? (isObject(badge.issuer) ? badge.issuer : {});
  const issuerId = ob2IdOf(e.issuer ?? badge.issuer);
  const view = ob2CredentialView(e.assertion, badge, issuer);
  const checks: Check[] = [e.format, e.proof];
  const unchecked = e.proof.status === 'could-not-check';
  checks.push(
    !wanted('issuer')
      ? notAsked('issuer')
      : issuerId === undefined && unchecked
        ? { id: 'issuer', status: 'could-not-check', message: 'The issuer Profile could not be fetched.' }
        : checkIssuer(issuerId, overrides.trustedIssuers ?? ctx.options.trustedIssuers),
  );
  checks.push(wanted('validity') ? ob2Validity(view, at, ctx.skew) : notAsked('validity'));
  checks.push(
    !wanted('status')
      ? notAsked('status')
      : e.proof.status === 'passed'
        ? await checkOb2Revocation({
            assertion: e.assertion,
            assertionId: e.assertionId,
            gone: e.gone === true,
            issuer,
            fetchOb2: ctx.ob2Fetcher(),
          })
        : unchecked
          ? {
              id: 'status',
              status: 'could-not-check',
              message: 'Whether the badge was revoked is unknown: the badge could not be checked.',
            }
          : {
              id: 'status',
              status: 'skipped',
              message: 'Revocation is not checked for an assertion whose proof failed.',
            },
  );
  checks.push(
    !wanted('schema')
      ? notAsked('schema')
      : ctx.checkSchemas && e.badgeClass && e.issuer
        ? checkOb2Data(e.badgeClass, e.issuer, ctx.schemaChecking)
        : { id: 'schema', status: 'skipped' },
  );
  const result = summarize(checks);
  if (issuerId !== undefined) result.issuer = issuerId;
  result.credentialId = e.assertionId;
  result.lifecycle = describeLifecycle({ credential: view, checks, now: at });
  result.credential = view;
  result.summary = summarizeCredential(view, 'ob2');
  result.ob2 = { assertion: e.assertion };
  if (e.badgeClass) result.ob2.badgeClass = e.badgeClass;
  if (e.issuer) result.ob2.issuer = e.issuer;
  return result;
}

/** `issuedOn`/`expires` through the one validity check (V1, V2), pointers named as OB 2.0 names them. */
function ob2Validity(view: Record<string, unknown>, at: Date, skew: number): Check {
  const dates: Record<string, unknown> = {};
  if (view.validFrom !== undefined) dates.validFrom = view.validFrom;
  if (view.validUntil !== undefined) dates.validUntil = view.validUntil;
  const check = checkValidityPeriod(dates, at, skew, undefined);
  const pointer = check.problem?.pointer;
  if (check.problem && pointer !== undefined && POINTERS[pointer])
    check.problem = { ...check.problem, pointer: POINTERS[pointer] };
  return check;
}
