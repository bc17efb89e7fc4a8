import type { DocumentLoader, SigningKey } from '@repo/core';
import { addDuration } from '@repo/schemas';
import {
  type Check,
  type CredentialVerification,
  checkValidityPeriod,
  createVerifier,
  describeLifecycle,
  findRenewalPolicy,
  type VerifierOptions,
  verifyPresentation,
} from '@repo/verifier';
import { beforeAll, describe, expect, it } from 'vitest';
import {
  createTestKey,
  createTestLoader,
  frozenClock,
  ob3Credential,
  presentation,
  signedOb3Credential,
  statusListServer,
} from '../../../../test/helpers/credential-factory.ts';
import {
  CERT_ACHIEVEMENT_ID,
  LIFECYCLE,
  lifecycleEntry,
  lifecycleListUrl,
  renewalPolicy,
  signedLifecycleList,
} from '../../../../test/helpers/lifecycle-fixtures.ts';

const VALID_UNTIL = '2029-01-01T00:00:00Z';
/** VALID_UNTIL + P90D. */
const GRACE_ENDS = '2029-04-01T00:00:00Z';
/** VALID_UNTIL − P6M. */
const RENEWAL_OPENS = '2028-07-01T00:00:00Z';
const SKEW_MS = 60_000;
const at = (iso: string, deltaMs = 0) => new Date(Date.parse(iso) + deltaMs);

let key: SigningKey;
let documentLoader: DocumentLoader;
let didResolver: ReturnType<typeof createTestLoader>['didResolver'];

beforeAll(async () => {
  ({ documentLoader, didResolver } = createTestLoader());
  key = await createTestKey();
});

function check(r: CredentialVerification, id: Check['id']): Check {
  const c = r.checks.find((x) => x.id === id);
  if (!c) throw new Error(`no ${id} check`);
  return c;
}

/** A verifier at `now` (frozen) with the renewal policy unless `options` says otherwise. */
function verifierAt(now: Date, options: Partial<VerifierOptions> = {}) {
  const server = statusListServer();
  const verifier = createVerifier({
    now: frozenClock(now).now,
    didResolver,
    fetchStatusList: server.fetchStatusList,
    checkSchema: false,
    renewalPolicies: [renewalPolicy()],
    ...options,
  });
  return { server, verifier };
}

function certification(overrides: Record<string, unknown> = {}) {
  return signedOb3Credential(key, documentLoader, { validUntil: VALID_UNTIL, ...overrides });
}

describe('fixtures agree with @repo/schemas addDuration', () => {
  it('grace end and renewal opening', () => {
    expect(addDuration(new Date(VALID_UNTIL), 'P90D').toISOString()).toBe('2029-04-01T00:00:00.000Z');
    expect(addDuration(new Date(VALID_UNTIL), 'P6M', -1).toISOString()).toBe('2028-07-01T00:00:00.000Z');
  });
});

describe('VC 2.0 §4.9 validity period with a renewal policy (CTDL ceterms:renewal): grace period', () => {
  it('V1 boundary: validUntil + skew is still plainly valid (lifecycle current), not in grace', async () => {
    const { verifier } = verifierAt(at(VALID_UNTIL, SKEW_MS));
    const r = await verifier.verifyCredential(await certification());
    expect(check(r, 'validity')).toMatchObject({
      status: 'passed',
      message: `The credential is valid until ${VALID_UNTIL}.`,
    });
    expect(check(r, 'validity').details).not.toHaveProperty('state');
    expect(r.lifecycle?.state).toBe('current');
    expect(r.verified).toBe(true);
  });

  it('just past validUntil + skew → validity passed in-grace-period, lifecycle in-grace-period, verified', async () => {
    const { verifier } = verifierAt(at(VALID_UNTIL, SKEW_MS + 1000));
    const r = await verifier.verifyCredential(await certification());
    const message = `Expired on ${VALID_UNTIL}; still honoured in its grace period until ${GRACE_ENDS} while renewal is pending.`;
    expect(check(r, 'validity')).toMatchObject({
      status: 'passed',
      message,
      details: { state: 'in-grace-period', graceEndsAt: GRACE_ENDS },
    });
    expect(r.lifecycle).toEqual({
      state: 'in-grace-period',
      message,
      validUntil: VALID_UNTIL,
      graceEndsAt: GRACE_ENDS,
      renewalOpensAt: RENEWAL_OPENS,
    });
    expect(r.problems).toEqual([]);
    expect(r.verified).toBe(true);
  });

  it('at the grace end and up to its skew → still in grace', async () => {
    for (const delta of [-1000, 0, SKEW_MS]) {
      const { verifier } = verifierAt(at(GRACE_ENDS, delta));
      const r = await verifier.verifyCredential(await certification());
      expect(r.lifecycle?.state, `grace end ${delta} ms`).toBe('in-grace-period');
      expect(r.verified).toBe(true);
    }
  });

  it('just past the grace end + skew → CREDENTIAL_EXPIRED as without a policy, lifecycle lapsed naming when', async () => {
    const { verifier } = verifierAt(at(GRACE_ENDS, SKEW_MS + 1000));
    const r = await verifier.verifyCredential(await certification());
    expect(check(r, 'validity')).toMatchObject({
      status: 'failed',
      problem: {
        title: 'CREDENTIAL_EXPIRED',
        detail: `This credential expired on ${VALID_UNTIL}.`,
        pointer: '/validUntil',
      },
      details: { state: 'lapsed', graceEndsAt: GRACE_ENDS },
    });
    expect(r.lifecycle).toEqual({
      state: 'lapsed',
      message: `Lapsed on ${GRACE_ENDS}: it expired on ${VALID_UNTIL} and its grace period is over.`,
      validUntil: VALID_UNTIL,
      graceEndsAt: GRACE_ENDS,
      renewalOpensAt: RENEWAL_OPENS,
    });
    expect(r.problems.map((p) => p.title)).toEqual(['CREDENTIAL_EXPIRED']);
    expect(r.verified).toBe(false);
  });

  it('V1 unchanged without a policy: just past validUntil + skew → CREDENTIAL_EXPIRED, lifecycle lapsed', async () => {
    for (const options of [{ renewalPolicies: [] }, { renewalPolicies: undefined }]) {
      const { verifier } = verifierAt(at(VALID_UNTIL, SKEW_MS + 1000), options);
      const r = await verifier.verifyCredential(await certification());
      expect(check(r, 'validity')).toEqual({
        id: 'validity',
        status: 'failed',
        problem: expect.objectContaining({
          title: 'CREDENTIAL_EXPIRED',
          detail: `This credential expired on ${VALID_UNTIL}.`,
        }),
        details: {
          now: at(VALID_UNTIL, SKEW_MS + 1000).toISOString(),
          clockSkewSeconds: 60,
          validFrom: '2026-01-01T00:00:00Z',
          validUntil: VALID_UNTIL,
        },
      });
      expect(r.lifecycle).toEqual({
        state: 'lapsed',
        message: `Lapsed: it expired on ${VALID_UNTIL}.`,
        validUntil: VALID_UNTIL,
      });
      expect(r.verified).toBe(false);
    }
  });

  it('a policy for another achievement does not apply', async () => {
    const { verifier } = verifierAt(at(VALID_UNTIL, SKEW_MS + 1000), {
      renewalPolicies: [renewalPolicy({ achievementId: 'https://skills-council.example/achievements/other' })],
    });
    const r = await verifier.verifyCredential(await certification());
    expect(check(r, 'validity').problem?.title).toBe('CREDENTIAL_EXPIRED');
    expect(r.lifecycle?.graceEndsAt).toBeUndefined();
  });

  it('the clock skew option moves both boundaries', async () => {
    const { verifier } = verifierAt(at(GRACE_ENDS, 5 * 60_000), { clockSkewSeconds: 300 });
    expect((await verifier.verifyCredential(await certification())).lifecycle?.state).toBe('in-grace-period');
    const late = verifierAt(at(GRACE_ENDS, 5 * 60_000 + 1000), { clockSkewSeconds: 300 });
    expect((await late.verifier.verifyCredential(await certification())).lifecycle?.state).toBe('lapsed');
  });

  it('VC 1.1 expirationDate gets the same grace', () => {
    const v1 = { issuanceDate: '2026-01-01T00:00:00Z', expirationDate: VALID_UNTIL };
    expect(checkValidityPeriod(v1, at(VALID_UNTIL, 86_400_000), 60, renewalPolicy())).toMatchObject({
      status: 'passed',
      details: { state: 'in-grace-period', graceEndsAt: GRACE_ENDS },
    });
  });

  it('bad renewal policies are a caller mistake → TypeError when the verifier is built', () => {
    const bad: unknown[] = [
      'P90D',
      [{ ...renewalPolicy(), gracePeriod: '90 days' }],
      [{ ...renewalPolicy(), renewalWindow: 'PT6H' }],
      [{ ...renewalPolicy(), achievementId: 42 }],
      [null],
    ];
    for (const renewalPolicies of bad) {
      expect(
        () => createVerifier({ renewalPolicies: renewalPolicies as never, didResolver }),
        JSON.stringify(renewalPolicies),
      ).toThrow(TypeError);
    }
  });
});

describe('Lifecycle in the result (renewal window = validUntil − renewalWindow)', () => {
  it('before the renewal window: current, renewalOpensAt reported', async () => {
    const { verifier } = verifierAt(new Date('2027-03-01T00:00:00Z'));
    const r = await verifier.verifyCredential(await certification());
    expect(r.lifecycle).toEqual({
      state: 'current',
      message: `Current; valid until ${VALID_UNTIL}. Renewal opens on ${RENEWAL_OPENS}.`,
      validUntil: VALID_UNTIL,
      graceEndsAt: GRACE_ENDS,
      renewalOpensAt: RENEWAL_OPENS,
    });
    expect(check(r, 'validity').details).toMatchObject({ renewalOpensAt: RENEWAL_OPENS, graceEndsAt: GRACE_ENDS });
  });

  it('inside the renewal window: still current, the message says renewal is open', async () => {
    const { verifier } = verifierAt(at(RENEWAL_OPENS));
    const r = await verifier.verifyCredential(await certification());
    expect(r.lifecycle).toMatchObject({
      state: 'current',
      message: `Current; valid until ${VALID_UNTIL}. Renewal has been open since ${RENEWAL_OPENS}.`,
    });
  });

  it('no validUntil: current with no end date and no renewal dates', async () => {
    const { verifier } = verifierAt(new Date('2027-03-01T00:00:00Z'));
    const r = await verifier.verifyCredential(await certification({ validUntil: undefined }));
    expect(r.lifecycle).toEqual({ state: 'current', message: 'Current; valid with no end date.' });
  });

  it('V2 not yet valid → lifecycle not-yet-valid', async () => {
    const { verifier } = verifierAt(new Date('2025-12-01T00:00:00Z'));
    const r = await verifier.verifyCredential(await certification());
    expect(r.lifecycle).toMatchObject({
      state: 'not-yet-valid',
      message: 'This credential is not valid until 2026-01-01T00:00:00Z.',
      renewalOpensAt: RENEWAL_OPENS,
    });
  });

  it('revoked wins over the grace period; superseded too', async () => {
    for (const [value, state] of [
      [LIFECYCLE.revoked, 'revoked'],
      [LIFECYCLE.suspended, 'suspended'],
      [LIFECYCLE.superseded, 'superseded'],
    ] as const) {
      const { server, verifier } = verifierAt(at(VALID_UNTIL, 86_400_000));
      server.publish(
        lifecycleListUrl(),
        await signedLifecycleList({ key, documentLoader, values: { 123: value }, now: at(VALID_UNTIL) }),
      );
      const r = await verifier.verifyCredential(await certification({ credentialStatus: lifecycleEntry() }));
      expect(r.lifecycle).toMatchObject({ state, graceEndsAt: GRACE_ENDS });
    }
  });

  it('filled even when the proof fails (the dates as written); absent when the format check fails', async () => {
    const { verifier } = verifierAt(new Date('2027-03-01T00:00:00Z'));
    const tampered = await certification();
    tampered.name = 'Changed after signing';
    const r = await verifier.verifyCredential(tampered);
    expect(r.verified).toBe(false);
    expect(r.lifecycle?.state).toBe('current');
    expect((await verifier.verifyCredential({ nope: true })).lifecycle).toBeUndefined();
  });

  it('absent when the validity period cannot be read (validUntil before validFrom: no state would be true)', async () => {
    const { verifier } = verifierAt(new Date('2027-03-01T00:00:00Z'));
    const r = await verifier.verifyCredential(await certification({ validUntil: '2025-01-01T00:00:00Z' }));
    expect(check(r, 'validity').problem?.title).toBe('MALFORMED_VALUE_ERROR');
    expect(r.lifecycle).toBeUndefined();
  });

  it('each credential of a presentation has its lifecycle', async () => {
    const r = await verifyPresentation(presentation([await certification()]), {
      now: () => at(VALID_UNTIL, 86_400_000),
      didResolver,
      checkSchema: false,
      unsignedPresentation: true,
      renewalPolicies: [renewalPolicy()],
    });
    expect(r.credentialResults[0]?.lifecycle?.state).toBe('in-grace-period');
    expect(r.verified).toBe(true);
  });

  it('findRenewalPolicy matches credentialSubject.achievement.id (also in a subject array)', () => {
    const policy = renewalPolicy();
    const credential = ob3Credential('did:example:issuer');
    expect(findRenewalPolicy(credential, [policy])).toBe(policy);
    expect(findRenewalPolicy({ credentialSubject: [{ id: 'x' }, credential.credentialSubject] }, [policy])).toBe(
      policy,
    );
    expect(
      findRenewalPolicy(credential, [renewalPolicy({ achievementId: `${CERT_ACHIEVEMENT_ID}-2` })]),
    ).toBeUndefined();
    expect(findRenewalPolicy(credential, undefined)).toBeUndefined();
  });

  it('describeLifecycle reads the checks it is given', () => {
    const credential = { validUntil: VALID_UNTIL };
    expect(
      describeLifecycle({
        credential,
        now: new Date('2027-01-01T00:00:00Z'),
        checks: [
          { id: 'validity', status: 'passed' },
          { id: 'status', status: 'skipped' },
        ],
      }),
    ).toEqual({ state: 'current', message: `Current; valid until ${VALID_UNTIL}.`, validUntil: VALID_UNTIL });
  });
});
