import type { RenewalPolicy } from '@repo/schemas';
import type { Check, CredentialLifecycle } from './types.ts';

/**
 * The renewal policy for a credential: the first whose `achievementId` is the id of the
 * achievement of (one of) its `credentialSubject`s.
 *
 * @example
 * findRenewalPolicy(credential, [{ achievementId: 'https://certs.example/achievements/cimt', validityPeriod: 'P3Y', renewalWindow: 'P6M', gracePeriod: 'P90D' }]);
 */
export function findRenewalPolicy(
  credential: Record<string, unknown>,
  policies: readonly RenewalPolicy[] | undefined,
): RenewalPolicy | undefined {
  if (!policies?.length) return undefined;
  const raw = credential.credentialSubject;
  const subjects = Array.isArray(raw) ? raw : [raw];
  for (const subject of subjects) {
    const achievement =
      subject && typeof subject === 'object' ? (subject as { achievement?: unknown }).achievement : undefined;
    const id = achievement && typeof achievement === 'object' ? (achievement as { id?: unknown }).id : undefined;
    if (typeof id !== 'string') continue;
    const policy = policies.find((p) => p.achievementId === id);
    if (policy) return policy;
  }
  return undefined;
}

/** What {@link describeLifecycle} reads. */
export interface LifecycleInput {
  credential: Record<string, unknown>;
  checks: readonly Check[];
  now: Date;
  /** The newer credential a refresh found and verified, if any. */
  current?: Record<string, unknown>;
}

type Base = Omit<CredentialLifecycle, 'state' | 'message'>;

const isFailed = (c: Check) => c.status === 'failed';
const isUnchecked = (c: Check) => c.status === 'could-not-check';
/** The checks that say whether the credential is the issuer's, unchanged: nothing else is trusted without them. */
const isAuthenticity = (c: Check) => c.id === 'format' || c.id === 'proof';

function reasonOf(check: Check): string {
  const detail = check.problem?.detail?.trim() || check.problem?.title || check.message || 'no reason given';
  return /[.!?]$/.test(detail) ? detail : `${detail}.`;
}

/** A check failed: whatever else the credential says cannot be relied on. */
function unverified(check: Check, base: Base): CredentialLifecycle {
  return { state: 'unverified', message: `Not verified: the ${check.id} check failed. ${reasonOf(check)}`, ...base };
}

/** A check could not be completed: where the credential stands is unknown. */
function undetermined(check: Check, base: Base): CredentialLifecycle {
  return {
    state: 'undetermined',
    message: `Could not be checked: the ${check.id} check could not be completed. ${reasonOf(check)} Until it can be, do not treat the credential as current.`,
    ...base,
  };
}

/**
 * Sums up a credential's checks as one lifecycle state, worst first, and never a good state
 * (`current`, `in-grace-period`) for a credential that failed a check or could not be checked:
 *
 * 1. `revoked`, `suspended` — the issuer's own status list says so (status is only read once the
 *    proof passed);
 * 2. `unverified` — the format or proof check failed (`undetermined` when it could not check):
 *    nothing the credential says, not even its dates, is the issuer's;
 * 3. `superseded` (refresh, or a `superseded` status message), `not-yet-valid`, `lapsed` (expired,
 *    past any grace period) — facts of an authentic credential;
 * 4. `unverified` — any other check failed (issuer not trusted, schema, a status list that does not
 *    verify, a validity period that cannot be read…), naming the check and its reason;
 * 5. `undetermined` — a check could not check (a status list that cannot be fetched, a status type
 *    we do not know): revoked or not is unknown;
 * 6. `in-grace-period` (expired, still honoured while renewal is pending), `current`.
 *
 * Dates come from the validity check (with `graceEndsAt`/`renewalOpensAt` when a renewal policy
 * applied); `validUntil` is as written in the credential.
 *
 * @example
 * describeLifecycle({ credential, checks: result.checks, now: new Date() }); // { state: 'current', message: 'Current; valid until 2029-01-01T00:00:00Z.' }
 */
export function describeLifecycle(input: LifecycleInput): CredentialLifecycle {
  const { credential, checks, now, current } = input;
  const validity = checks.find((c) => c.id === 'validity');
  const status = checks.find((c) => c.id === 'status');
  const vd = validity?.details ?? {};
  const validityCode = validity?.status === 'failed' ? validity.problem?.title : undefined;
  const untilRaw = credential.validUntil ?? credential.expirationDate;
  const base: Base = {};
  if (typeof untilRaw === 'string') base.validUntil = untilRaw;
  if (typeof vd.graceEndsAt === 'string') base.graceEndsAt = vd.graceEndsAt;
  if (typeof vd.renewalOpensAt === 'string') base.renewalOpensAt = vd.renewalOpensAt;

  const statusCode = status?.status === 'failed' ? status.problem?.title : undefined;
  if (statusCode === 'CREDENTIAL_REVOKED' || statusCode === 'CREDENTIAL_SUSPENDED') {
    return {
      state: statusCode === 'CREDENTIAL_REVOKED' ? 'revoked' : 'suspended',
      message: status!.problem!.detail,
      ...base,
    };
  }
  const forged = checks.find((c) => isAuthenticity(c) && isFailed(c));
  if (forged) return unverified(forged, base);
  const unauthenticated = checks.find((c) => isAuthenticity(c) && isUnchecked(c));
  if (unauthenticated) return undetermined(unauthenticated, base);
  if (current && typeof current.id === 'string') {
    const issued = current.validFrom ?? current.issuanceDate;
    return {
      state: 'superseded',
      message: `Superseded by ${current.id}, issued ${typeof issued === 'string' ? issued : 'at an unknown date'}.`,
      supersededBy: current.id,
      ...base,
    };
  }
  if (status?.details?.superseded === true) {
    return {
      state: 'superseded',
      message: 'Superseded by a newer credential; ask the holder for the current one.',
      ...base,
    };
  }
  if (validityCode === 'CREDENTIAL_NOT_YET_VALID') {
    return { state: 'not-yet-valid', message: validity!.problem!.detail, ...base };
  }
  if (validityCode === 'CREDENTIAL_EXPIRED') {
    const message =
      base.graceEndsAt !== undefined
        ? `Lapsed on ${base.graceEndsAt}: it expired on ${base.validUntil} and its grace period is over.`
        : `Lapsed: it expired on ${base.validUntil}.`;
    return { state: 'lapsed', message, ...base };
  }
  const failed = checks.find(isFailed);
  if (failed) return unverified(failed, base);
  const unchecked = checks.find(isUnchecked);
  if (unchecked) return undetermined(unchecked, base);
  // A caller that ran only some checks (VC-API options.checks) learns nothing about the others.
  const notAsked = checks.find(
    (c) => (c.id === 'validity' || c.id === 'status') && c.status === 'skipped' && c.details?.notAsked === true,
  );
  if (notAsked) {
    return {
      state: 'undetermined',
      message: `Not fully checked: the ${notAsked.id} check was not asked for, so whether the credential is current is not known.`,
      ...base,
    };
  }
  if (vd.state === 'in-grace-period') {
    return { state: 'in-grace-period', message: validity!.message!, ...base };
  }
  let message =
    base.validUntil === undefined ? 'Current; valid with no end date.' : `Current; valid until ${base.validUntil}.`;
  if (base.renewalOpensAt !== undefined) {
    message +=
      now.getTime() >= Date.parse(base.renewalOpensAt)
        ? ` Renewal has been open since ${base.renewalOpensAt}.`
        : ` Renewal opens on ${base.renewalOpensAt}.`;
  }
  return { state: 'current', message, ...base };
}
