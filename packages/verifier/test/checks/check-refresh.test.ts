import type { DocumentLoader, SigningKey } from '@repo/core';
import { type Check, type CredentialVerification, createVerifier, type VerifierOptions } from '@repo/verifier';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import {
  createTestKey,
  createTestLoader,
  frozenClock,
  statusListServer,
} from '../../../../test/helpers/credential-factory.ts';
import {
  LIFECYCLE,
  lifecycleEntry,
  lifecycleListUrl,
  refreshServer,
  refreshService,
  refreshUrl,
  relatedResource,
  renewalPolicy,
  signedCertification,
  signedLifecycleList,
} from '../../../../test/helpers/lifecycle-fixtures.ts';
import { spyOnNetwork } from '../network-spy.ts';

const PREDECESSOR_ID = 'urn:uuid:6f1c0a52-0000-4000-8000-000000000001';
const SUCCESSOR_ID = 'urn:uuid:6f1c0a52-0000-4000-8000-000000000002';
const LINEAGE_URL = refreshUrl(PREDECESSOR_ID);
/** In the predecessor's renewal window, after the successor was issued. */
const NOW = new Date('2028-10-01T00:00:00Z');

let key: SigningKey;
let other: SigningKey;
let documentLoader: DocumentLoader;
let didResolver: ReturnType<typeof createTestLoader>['didResolver'];

beforeAll(async () => {
  ({ documentLoader, didResolver } = createTestLoader());
  [key, other] = await Promise.all([createTestKey(), createTestKey()]);
});

function check(r: CredentialVerification, id: Check['id']): Check | undefined {
  return r.checks.find((c) => c.id === id);
}

function refreshProblemDetail(r: CredentialVerification): string | undefined {
  return (check(r, 'refresh')?.details?.problem as { detail?: string } | undefined)?.detail;
}

/** The first certification of the lineage (2026–2029), pointing at the lineage's refresh URL. */
function predecessor(overrides: Record<string, unknown> = {}) {
  return signedCertification(key, documentLoader, {
    id: PREDECESSOR_ID,
    validFrom: '2026-01-01T00:00:00Z',
    validUntil: '2029-01-01T00:00:00Z',
    refreshService: refreshService(PREDECESSOR_ID),
    ...overrides,
  });
}

/** The renewal (2028–2031), naming its predecessor in relatedResource (VC 2.0 §5.3). */
async function successor(signer: SigningKey = key, overrides: Record<string, unknown> = {}) {
  return signedCertification(signer, documentLoader, {
    id: SUCCESSOR_ID,
    validFrom: '2028-09-01T00:00:00Z',
    validUntil: '2031-09-01T00:00:00Z',
    refreshService: refreshService(PREDECESSOR_ID),
    relatedResource: relatedResource(await predecessor()),
    ...overrides,
  });
}

function world(options: Partial<VerifierOptions> = {}) {
  const lists = statusListServer();
  const refresh = refreshServer();
  const verifier = createVerifier({
    now: frozenClock(NOW).now,
    didResolver,
    fetchStatusList: lists.fetchStatusList,
    fetchRefresh: refresh.fetchRefresh,
    refresh: true,
    renewalPolicies: [renewalPolicy()],
    ...options,
  });
  return { lists, refresh, verifier };
}

/** The refresh did not count: skipped with a problem, no supersededBy, `verified` as without refresh. */
async function expectNotTrusted(r: CredentialVerification, code: string): Promise<void> {
  expect(check(r, 'refresh')).toMatchObject({
    status: 'skipped',
    details: { url: LINEAGE_URL, problem: { title: code } },
  });
  expect(check(r, 'refresh')?.problem).toBeUndefined();
  expect(check(r, 'refresh')?.details).not.toHaveProperty('current');
  expect(r.lifecycle?.supersededBy).toBeUndefined();
  expect(r.lifecycle?.state).toBe('current');
  expect(r.problems).toEqual([]);
  expect(r.verified).toBe(true);
}

describe('OB 3.0 §9.1 step 3 "Refresh the OpenBadgeCredential" (1EdTechCredentialRefresh), after the proof check', () => {
  it('a newer credential of the lineage, same issuer, verified → refresh passed, lifecycle superseded by it', async () => {
    const { refresh, verifier } = world({ checkSchema: true });
    const next = await successor();
    refresh.publish(LINEAGE_URL, next);
    const r = await verifier.verifyCredential(await predecessor());
    expect(check(r, 'refresh')).toEqual({
      id: 'refresh',
      status: 'passed',
      message: `A newer version of this credential exists: ${SUCCESSOR_ID}.`,
      details: { url: LINEAGE_URL, currentId: SUCCESSOR_ID, current: next, namesThisAsPredecessor: true },
    });
    expect(r.lifecycle).toEqual({
      state: 'superseded',
      message: `Superseded by ${SUCCESSOR_ID}, issued 2028-09-01T00:00:00Z.`,
      supersededBy: SUCCESSOR_ID,
      validUntil: '2029-01-01T00:00:00Z',
      graceEndsAt: '2029-04-01T00:00:00Z',
      renewalOpensAt: '2028-07-01T00:00:00Z',
    });
    // Superseded is not a failure: the older credential is still authentic and valid.
    expect(r.problems).toEqual([]);
    expect(r.verified).toBe(true);
    expect(refresh.calls).toEqual([LINEAGE_URL]);
  });

  it('the same id back → refresh passed, "This is the current version.", lifecycle current', async () => {
    const { refresh, verifier } = world();
    const current = await predecessor();
    refresh.publish(LINEAGE_URL, current);
    const r = await verifier.verifyCredential(current);
    expect(check(r, 'refresh')).toMatchObject({ status: 'passed', message: 'This is the current version.' });
    expect(r.lifecycle?.state).toBe('current');
    expect(r.verified).toBe(true);
  });

  it('only once: the refreshed credential is verified without following its own refreshService', async () => {
    const { refresh, verifier } = world();
    refresh.publish(LINEAGE_URL, await successor());
    await verifier.verifyCredential(await predecessor());
    expect(refresh.calls).toEqual([LINEAGE_URL]);
  });

  it('off by default: no refresh check and nothing fetched; on per call when asked', async () => {
    const { refresh, verifier } = world({ refresh: undefined });
    refresh.publish(LINEAGE_URL, await successor());
    const r = await verifier.verifyCredential(await predecessor());
    expect(check(r, 'refresh')).toBeUndefined();
    expect(r.checks.map((c) => c.id)).toEqual(['format', 'proof', 'issuer', 'validity', 'status', 'schema']);
    expect(r.lifecycle?.state).toBe('current');
    expect(refresh.calls).toEqual([]);
    const asked = await verifier.verifyCredential(await predecessor(), { refresh: true });
    expect(asked.lifecycle?.supersededBy).toBe(SUCCESSOR_ID);
  });

  it('no 1EdTechCredentialRefresh service → refresh skipped, nothing fetched; other service types are ignored', async () => {
    const { refresh, verifier } = world();
    for (const refreshService of [
      undefined,
      { id: LINEAGE_URL, type: 'https://refresh.example.test/vocab#OtherRefresh' },
    ]) {
      const r = await verifier.verifyCredential(await predecessor({ refreshService }));
      expect(check(r, 'refresh')).toMatchObject({
        status: 'skipped',
        message: 'The credential has no 1EdTechCredentialRefresh service.',
      });
      expect(r.verified).toBe(true);
    }
    expect(refresh.calls).toEqual([]);
    refresh.publish(LINEAGE_URL, await successor());
    const list = await verifier.verifyCredential(
      await predecessor({
        refreshService: [
          { id: 'https://elsewhere.example.test/refresh', type: 'https://refresh.example.test/vocab#OtherRefresh' },
          refreshService(PREDECESSOR_ID),
        ],
      }),
    );
    expect(list.lifecycle?.supersededBy).toBe(SUCCESSOR_ID);
    expect(refresh.calls).toEqual([LINEAGE_URL]);
  });

  describe('"Refresh must be completed after checking the proof": a forged credential fetches nothing', () => {
    it('tampered credential → proof failed, refresh skipped, zero refresh calls (and zero status calls)', async () => {
      const { lists, refresh, verifier } = world();
      refresh.publish(LINEAGE_URL, await successor());
      const forged = await predecessor({ credentialStatus: lifecycleEntry() });
      forged.validUntil = '2039-01-01T00:00:00Z';
      const r = await verifier.verifyCredential(forged);
      expect(check(r, 'proof')?.status).toBe('failed');
      expect(check(r, 'refresh')).toMatchObject({ status: 'skipped' });
      expect(r.lifecycle?.supersededBy).toBeUndefined();
      expect(r.verified).toBe(false);
      expect(refresh.calls).toEqual([]);
      expect(lists.calls).toEqual([]);
    });

    it('a refreshService URL swapped after signing is not fetched either', async () => {
      const { refresh, verifier } = world();
      const forged = await predecessor();
      forged.refreshService = { id: 'https://attacker.example.test/collect', type: '1EdTechCredentialRefresh' };
      const r = await verifier.verifyCredential(forged);
      expect(check(r, 'proof')?.status).toBe('failed');
      expect(refresh.calls).toEqual([]);
    });
  });

  describe('"If the refresh is not successful, continue the verification process using the original"', () => {
    it('a credential of another issuer → not trusted (UNTRUSTED_ISSUER), no supersededBy', async () => {
      const { refresh, verifier } = world();
      refresh.publish(LINEAGE_URL, await successor(other));
      await expectNotTrusted(await verifier.verifyCredential(await predecessor()), 'UNTRUSTED_ISSUER');
    });

    it('a tampered successor (changed after signing) → not trusted, no supersededBy', async () => {
      const { refresh, verifier } = world();
      const next = await successor();
      next.validUntil = '2041-09-01T00:00:00Z';
      refresh.publish(LINEAGE_URL, next);
      const r = await verifier.verifyCredential(await predecessor());
      await expectNotTrusted(r, 'CRYPTOGRAPHIC_SECURITY_ERROR');
      expect(refreshProblemDetail(r)).toContain(SUCCESSOR_ID);
    });

    it('a successor signed by another key but claiming our issuer → not trusted', async () => {
      const { refresh, verifier } = world();
      const { signWith } = await import('../../../../test/helpers/credential-factory.ts');
      const { certification } = await import('../../../../test/helpers/lifecycle-fixtures.ts');
      const impostor = await signWith(
        other,
        documentLoader,
        certification(key, { id: SUCCESSOR_ID, validFrom: '2028-09-01T00:00:00Z' }),
      );
      refresh.publish(LINEAGE_URL, impostor);
      const r = await verifier.verifyCredential(await predecessor());
      expect(check(r, 'refresh')?.status).toBe('skipped');
      expect(r.lifecycle?.supersededBy).toBeUndefined();
      expect(r.verified).toBe(true);
    });

    it('a successor that is revoked on its status list → not trusted', async () => {
      const { lists, refresh, verifier } = world();
      lists.publish(
        lifecycleListUrl(),
        await signedLifecycleList({ key, documentLoader, values: { 200: LIFECYCLE.revoked } }),
      );
      refresh.publish(LINEAGE_URL, await successor(key, { credentialStatus: lifecycleEntry(200) }));
      await expectNotTrusted(await verifier.verifyCredential(await predecessor()), 'CREDENTIAL_REVOKED');
    });

    it('a successor about another subject → not trusted', async () => {
      const { refresh, verifier } = world();
      const next = await successor(key, {
        credentialSubject: { ...(await predecessor()).credentialSubject, id: 'did:example:someone-else' },
      });
      refresh.publish(LINEAGE_URL, next);
      await expectNotTrusted(await verifier.verifyCredential(await predecessor()), 'MALFORMED_VALUE_ERROR');
    });

    it('a fetch that throws → refresh skipped with the problem; every other check and `verified` unchanged', async () => {
      const plain = world({ refresh: false });
      const baseline = await plain.verifier.verifyCredential(await predecessor());
      const { verifier } = world({
        fetchRefresh: async () => {
          throw new Error('connect ECONNREFUSED');
        },
      });
      const r = await verifier.verifyCredential(await predecessor());
      await expectNotTrusted(r, 'SERVICE_UNAVAILABLE');
      expect(refreshProblemDetail(r)).not.toContain('ECONNREFUSED');
      expect(r.checks.filter((c) => c.id !== 'refresh')).toEqual(baseline.checks);
      expect(r.verified).toBe(baseline.verified);
      expect(r.lifecycle).toEqual(baseline.lifecycle);
    });

    it('an answer that is not a credential (404 page, null, a list) → not trusted', async () => {
      for (const answer of ['<html>Not found</html>', null, [await successor()]]) {
        const { refresh, verifier } = world();
        refresh.publish(LINEAGE_URL, answer);
        await expectNotTrusted(await verifier.verifyCredential(await predecessor()), 'MALFORMED_VALUE_ERROR');
      }
    });

    it('a refresh failure never hides a status-list "superseded": lifecycle superseded without supersededBy', async () => {
      const { lists, verifier } = world();
      lists.publish(
        lifecycleListUrl(),
        await signedLifecycleList({ key, documentLoader, values: { 123: LIFECYCLE.superseded } }),
      );
      const r = await verifier.verifyCredential(await predecessor({ credentialStatus: lifecycleEntry(123) }));
      expect(check(r, 'refresh')?.status).toBe('skipped');
      expect(r.lifecycle).toMatchObject({
        state: 'superseded',
        message: 'Superseded by a newer credential; ask the holder for the current one.',
      });
      expect(r.lifecycle?.supersededBy).toBeUndefined();
      expect(r.verified).toBe(true);
    });

    it('status-list "superseded" and a successful refresh → supersededBy filled', async () => {
      const { lists, refresh, verifier } = world();
      lists.publish(
        lifecycleListUrl(),
        await signedLifecycleList({ key, documentLoader, values: { 123: LIFECYCLE.superseded } }),
      );
      refresh.publish(LINEAGE_URL, await successor(key, { credentialStatus: lifecycleEntry(124) }));
      const r = await verifier.verifyCredential(await predecessor({ credentialStatus: lifecycleEntry(123) }));
      expect(r.lifecycle).toMatchObject({ state: 'superseded', supersededBy: SUCCESSOR_ID });
    });
  });

  describe('the default refresh fetcher is the guarded fetch (like status lists)', () => {
    let network: ReturnType<typeof spyOnNetwork> | undefined;
    afterEach(() => {
      network?.restore();
      network = undefined;
    });

    for (const url of ['http://certs.example.test/credentials/refresh/x', 'https://127.0.0.1/credentials/refresh/x']) {
      it(`${url} is refused before any connection; the credential still verifies`, async () => {
        network = spyOnNetwork();
        const verifier = createVerifier({
          now: frozenClock(NOW).now,
          didResolver,
          fetchStatusList: statusListServer().fetchStatusList,
          refresh: true,
          checkSchema: false,
        });
        const r = await verifier.verifyCredential(
          await predecessor({ refreshService: { id: url, type: '1EdTechCredentialRefresh' } }),
        );
        expect(check(r, 'refresh')).toMatchObject({
          status: 'skipped',
          details: { url, problem: { title: 'SERVICE_UNAVAILABLE' } },
        });
        expect(r.verified).toBe(true);
        expect(network.attempts()).toEqual([]);
      });
    }
  });
});
