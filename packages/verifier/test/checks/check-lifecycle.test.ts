import { type DocumentLoader, type Problem, type ProblemCode, problem, type SigningKey } from '@repo/core';
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

/** A signed certification; `signedAt` is the proof's `created` (default FROZEN_NOW). */
function certification(overrides: Record<string, unknown> = {}, signedAt?: Date) {
  return signedOb3Credential(key, documentLoader, { validUntil: VALID_UNTIL, ...overrides }, signedAt);
}

/** Before validFrom (2026-01-01), and after the proofs the not-yet-valid tests sign. */
const BEFORE_VALID_FROM = new Date('2025-12-01T00:00:00Z');
const SIGNED_EARLY = new Date('2025-11-01T00:00:00Z');

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
    const { verifier } = verifierAt(BEFORE_VALID_FROM);
    const r = await verifier.verifyCredential(await certification({}, SIGNED_EARLY));
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

  it('filled even when the proof fails — unverified, never current (the dates as written); absent when the format check fails', async () => {
    const { verifier } = verifierAt(new Date('2027-03-01T00:00:00Z'));
    const tampered = await certification();
    tampered.name = 'Changed after signing';
    const r = await verifier.verifyCredential(tampered);
    expect(r.verified).toBe(false);
    expect(r.lifecycle).toMatchObject({ state: 'unverified', validUntil: VALID_UNTIL });
    expect(r.lifecycle?.message).toMatch(/^Not verified: the proof check failed\. /);
    expect((await verifier.verifyCredential({ nope: true })).lifecycle).toBeUndefined();
  });

  it('a validity period that cannot be read (validUntil before validFrom) → unverified naming the validity check', async () => {
    const { verifier } = verifierAt(new Date('2027-03-01T00:00:00Z'));
    const r = await verifier.verifyCredential(await certification({ validUntil: '2025-01-01T00:00:00Z' }));
    expect(check(r, 'validity').problem?.title).toBe('MALFORMED_VALUE_ERROR');
    expect(r.lifecycle).toEqual({
      state: 'unverified',
      message: `Not verified: the validity check failed. ${check(r, 'validity').problem?.detail}`,
      validUntil: '2025-01-01T00:00:00Z',
    });
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

describe('Lifecycle never says a good state for a credential that failed or could not be checked', () => {
  const problemOf = (title: ProblemCode): Problem => problem(title, `${title} detail.`);
  type Variant = { name: string; check: Check };
  const proofs: Variant[] = [
    { name: 'proof passed', check: { id: 'proof', status: 'passed' } },
    {
      name: 'proof failed',
      check: { id: 'proof', status: 'failed', problem: problemOf('CRYPTOGRAPHIC_SECURITY_ERROR') },
    },
  ];
  const validities: Variant[] = [
    { name: 'validity passed', check: { id: 'validity', status: 'passed' } },
    {
      name: 'validity passed in grace',
      check: {
        id: 'validity',
        status: 'passed',
        message: 'In grace.',
        details: { state: 'in-grace-period', graceEndsAt: GRACE_ENDS },
      },
    },
    {
      name: 'validity failed expired',
      check: { id: 'validity', status: 'failed', problem: problemOf('CREDENTIAL_EXPIRED') },
    },
    {
      name: 'validity failed not yet valid',
      check: { id: 'validity', status: 'failed', problem: problemOf('CREDENTIAL_NOT_YET_VALID') },
    },
    {
      name: 'validity failed unreadable',
      check: { id: 'validity', status: 'failed', problem: problemOf('MALFORMED_VALUE_ERROR') },
    },
  ];
  const statuses: Variant[] = [
    { name: 'status passed', check: { id: 'status', status: 'passed' } },
    { name: 'status skipped', check: { id: 'status', status: 'skipped' } },
    {
      name: 'status could-not-check',
      check: { id: 'status', status: 'could-not-check', problem: problemOf('STATUS_RETRIEVAL_ERROR') },
    },
    {
      name: 'status failed revoked',
      check: { id: 'status', status: 'failed', problem: problemOf('CREDENTIAL_REVOKED') },
    },
    {
      name: 'status failed suspended',
      check: { id: 'status', status: 'failed', problem: problemOf('CREDENTIAL_SUSPENDED') },
    },
    {
      name: 'status list does not verify',
      check: { id: 'status', status: 'failed', problem: problemOf('STATUS_VERIFICATION_ERROR') },
    },
  ];
  const schemas: Variant[] = [
    { name: 'schema passed', check: { id: 'schema', status: 'passed' } },
    {
      name: 'schema warning',
      check: { id: 'schema', status: 'warning', problem: problemOf('SCHEMA_VALIDATION_ERROR') },
    },
    { name: 'schema failed', check: { id: 'schema', status: 'failed', problem: problemOf('SCHEMA_VALIDATION_ERROR') } },
    {
      name: 'schema could-not-check',
      check: { id: 'schema', status: 'could-not-check', problem: problemOf('SCHEMA_VALIDATION_ERROR') },
    },
  ];

  /** The rule, stated once, that every combination must follow. */
  function expected(checks: Check[]): { state: string; names?: string } {
    const byId = (id: string) => checks.find((c) => c.id === id)!;
    const title = (id: string) => (byId(id).status === 'failed' ? byId(id).problem?.title : undefined);
    if (title('status') === 'CREDENTIAL_REVOKED') return { state: 'revoked' };
    if (title('status') === 'CREDENTIAL_SUSPENDED') return { state: 'suspended' };
    if (byId('proof').status === 'failed') return { state: 'unverified', names: 'proof' };
    if (title('validity') === 'CREDENTIAL_NOT_YET_VALID') return { state: 'not-yet-valid' };
    if (title('validity') === 'CREDENTIAL_EXPIRED') return { state: 'lapsed' };
    const failed = checks.find((c) => c.status === 'failed');
    if (failed) return { state: 'unverified', names: failed.id };
    const unchecked = checks.find((c) => c.status === 'could-not-check');
    if (unchecked) return { state: 'undetermined', names: unchecked.id };
    return { state: byId('validity').details?.state === 'in-grace-period' ? 'in-grace-period' : 'current' };
  }

  it('every combination of proof, validity, status and schema outcomes (240 cases) follows the rule', () => {
    let cases = 0;
    for (const p of proofs)
      for (const v of validities)
        for (const st of statuses)
          for (const sc of schemas) {
            const checks: Check[] = [{ id: 'format', status: 'passed' }, p.check, v.check, st.check, sc.check];
            const name = [p.name, v.name, st.name, sc.name].join(', ');
            const lifecycle = describeLifecycle({
              credential: { validUntil: VALID_UNTIL },
              checks,
              now: at(VALID_UNTIL),
            });
            const want = expected(checks);
            expect(lifecycle.state, name).toBe(want.state);
            const bad = checks.some((c) => c.status === 'failed' || c.status === 'could-not-check');
            if (bad) expect(['current', 'in-grace-period'], name).not.toContain(lifecycle.state);
            if (want.names === undefined) continue;
            const verb = want.state === 'unverified' ? 'failed' : 'could not be completed';
            expect(lifecycle.message, name).toContain(`the ${want.names} check ${verb}.`);
            expect(lifecycle.message, name).toContain(`${checks.find((c) => c.id === want.names)!.problem!.detail}`);
            cases++;
          }
    expect(cases).toBeGreaterThan(100);
  });

  it('a proof that could not be checked (an internal error) → undetermined, whatever the dates say', () => {
    const lifecycle = describeLifecycle({
      credential: { validUntil: VALID_UNTIL },
      now: at(VALID_UNTIL, 86_400_000 * 200),
      checks: [
        { id: 'format', status: 'passed' },
        { id: 'proof', status: 'could-not-check', problem: problemOf('INTERNAL_ERROR') },
        { id: 'validity', status: 'failed', problem: problemOf('CREDENTIAL_EXPIRED') },
      ],
    });
    expect(lifecycle).toEqual({
      state: 'undetermined',
      message:
        'Could not be checked: the proof check could not be completed. INTERNAL_ERROR detail. Until it can be, do not treat the credential as current.',
      validUntil: VALID_UNTIL,
    });
  });
});

describe('Lifecycle of failed and unchecked credentials, end to end through the verifier', () => {
  it('proof failed in the grace period → unverified, not in-grace-period', async () => {
    const { verifier } = verifierAt(at(VALID_UNTIL, 86_400_000));
    const tampered = await certification();
    tampered.credentialSubject.achievement.name = 'Something grander';
    const r = await verifier.verifyCredential(tampered);
    expect(check(r, 'proof').status).toBe('failed');
    expect(r.lifecycle?.state).toBe('unverified');
    expect(r.verified).toBe(false);
  });

  it('proof failed and past the grace end → still unverified: a forger’s dates are not a lapse', async () => {
    const { verifier } = verifierAt(at(GRACE_ENDS, 86_400_000));
    const tampered = await certification();
    tampered.name = 'Changed';
    expect((await verifier.verifyCredential(tampered)).lifecycle?.state).toBe('unverified');
  });

  it('S7 status list unreachable (could-not-check) → undetermined with the reason, not current', async () => {
    const { verifier } = verifierAt(new Date('2027-03-01T00:00:00Z'));
    const r = await verifier.verifyCredential(await certification({ credentialStatus: lifecycleEntry() }));
    expect(check(r, 'status')).toMatchObject({
      status: 'could-not-check',
      problem: { title: 'STATUS_RETRIEVAL_ERROR' },
    });
    expect(r.lifecycle).toMatchObject({
      state: 'undetermined',
      validUntil: VALID_UNTIL,
      renewalOpensAt: RENEWAL_OPENS,
    });
    expect(r.lifecycle?.message).toMatch(/^Could not be checked: the status check could not be completed\. /);
    expect(r.lifecycle?.message).toContain(check(r, 'status').problem!.detail);
    expect(r.verified).toBe(false);
  });

  it('S7 status list unreachable in the grace period → undetermined, not in-grace-period', async () => {
    const { verifier } = verifierAt(at(VALID_UNTIL, 86_400_000));
    const r = await verifier.verifyCredential(await certification({ credentialStatus: lifecycleEntry() }));
    expect(r.lifecycle?.state).toBe('undetermined');
  });

  it('V1 status list unreachable past the grace end → lapsed (expiry of an authentic credential stands)', async () => {
    const { verifier } = verifierAt(at(GRACE_ENDS, 86_400_000));
    const r = await verifier.verifyCredential(await certification({ credentialStatus: lifecycleEntry() }));
    expect(check(r, 'status').status).toBe('could-not-check');
    expect(r.lifecycle?.state).toBe('lapsed');
  });

  it('V2 status list unreachable before validFrom → not-yet-valid', async () => {
    const { verifier } = verifierAt(BEFORE_VALID_FROM);
    const r = await verifier.verifyCredential(
      await certification({ credentialStatus: lifecycleEntry() }, SIGNED_EARLY),
    );
    expect(r.lifecycle?.state).toBe('not-yet-valid');
  });

  it('a proof created after now (Data Integrity 1.0 §2.1) fails, so before validFrom it is unverified, not not-yet-valid', async () => {
    const { verifier } = verifierAt(BEFORE_VALID_FROM);
    const r = await verifier.verifyCredential(await certification());
    expect(check(r, 'proof').status).toBe('failed');
    expect(r.lifecycle?.state).toBe('unverified');
  });

  it('OB 3.0 §9.1 schema failed (a subject with neither id nor identifier) → unverified naming the schema check', async () => {
    const { verifier } = verifierAt(new Date('2027-03-01T00:00:00Z'), { checkSchema: true });
    const subject = { ...ob3Credential('did:example:x').credentialSubject };
    delete subject.id;
    const r = await verifier.verifyCredential(await certification({ credentialSubject: subject }));
    expect(check(r, 'schema')).toMatchObject({ status: 'failed', problem: { title: 'SCHEMA_VALIDATION_ERROR' } });
    expect(r.lifecycle?.state).toBe('unverified');
    expect(r.lifecycle?.message).toContain('the schema check failed.');
  });

  it('S1 revoked and the schema failed → revoked (the issuer’s own word wins)', async () => {
    const { server, verifier } = verifierAt(new Date('2027-03-01T00:00:00Z'), { checkSchema: true });
    server.publish(
      lifecycleListUrl(),
      await signedLifecycleList({
        key,
        documentLoader,
        values: { 123: LIFECYCLE.revoked },
        now: new Date('2027-01-01T00:00:00Z'),
      }),
    );
    const subject = { ...ob3Credential('did:example:x').credentialSubject };
    delete subject.id;
    const r = await verifier.verifyCredential(
      await certification({ credentialSubject: subject, credentialStatus: lifecycleEntry() }),
    );
    expect(check(r, 'schema').status).toBe('failed');
    expect(r.lifecycle?.state).toBe('revoked');
  });

  it('an untrusted issuer → unverified naming the issuer check', async () => {
    const { verifier } = verifierAt(new Date('2027-03-01T00:00:00Z'), { trustedIssuers: ['did:example:someone'] });
    const r = await verifier.verifyCredential(await certification());
    expect(check(r, 'issuer').status).toBe('failed');
    expect(r.lifecycle?.message).toMatch(/^Not verified: the issuer check failed\. /);
  });

  it('J2 a JWT credential past its exp → lapsed; a tampered JWT → unverified', async () => {
    const { verifier } = verifierAt(new Date('2027-03-01T00:00:00Z'));
    const { signCredentialJwt } = await import('@repo/core');
    const jwt = await signCredentialJwt(ob3Credential(key, { validUntil: VALID_UNTIL }), {
      key,
      now: new Date('2026-06-01T00:00:00Z'),
    });
    expect((await verifier.verifyCredential(jwt)).lifecycle?.state).toBe('current');
    const [h, p, sig] = jwt.split('.') as [string, string, string];
    const payload = JSON.parse(Buffer.from(p, 'base64url').toString('utf8'));
    payload.name = 'Changed';
    const tampered = `${h}.${Buffer.from(JSON.stringify(payload)).toString('base64url')}.${sig}`;
    const r = await verifier.verifyCredential(tampered);
    expect(check(r, 'proof').status).toBe('failed');
    expect(r.lifecycle?.state).toBe('unverified');
    const late = verifierAt(at(GRACE_ENDS, 86_400_000));
    expect((await late.verifier.verifyCredential(jwt)).lifecycle?.state).toBe('lapsed');
  });
});
