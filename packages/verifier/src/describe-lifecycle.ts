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

/**
 * Sums up a verified (or not) credential's checks as one lifecycle state, worst first: revoked,
 * suspended (status), superseded (refresh, or a `superseded` status message), not-yet-valid,
 * lapsed (expired, past any grace period), in-grace-period, current. Dates come from the
 * validity check (with `graceEndsAt`/`renewalOpensAt` when a renewal policy applied). Undefined
 * when the validity period could not be read at all (a malformed date): no state would be true.
 *
 * @example
 * describeLifecycle({ credential, checks: result.checks, now: new Date() }); // { state: 'current', message: 'Current; valid until 2029-01-01T00:00:00Z.' }
 */
export function describeLifecycle(input: LifecycleInput): CredentialLifecycle | undefined {
  const { credential, checks, now, current } = input;
  const validity = checks.find((c) => c.id === 'validity');
  const status = checks.find((c) => c.id === 'status');
  const vd = validity?.details ?? {};
  const validityCode = validity?.status === 'failed' ? validity.problem?.title : undefined;
  if (
    validityCode !== undefined &&
    validityCode !== 'CREDENTIAL_EXPIRED' &&
    validityCode !== 'CREDENTIAL_NOT_YET_VALID'
  ) {
    return undefined;
  }
  const untilRaw = credential.validUntil ?? credential.expirationDate;
  const base: Omit<CredentialLifecycle, 'state' | 'message'> = {};
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
