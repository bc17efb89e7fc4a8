import { createVerifier, readCredentialInput } from '@repo/verifier';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { type BadgeHosts, fixture, startBadgeHosts } from './ob2-loopback.ts';

const at = (iso: string) => () => new Date(iso);
const NOW_2026 = at('2026-03-01T12:00:00Z');
const IN_2017 = at('2017-03-01T12:00:00Z');
const statusOf = (r: { checks: Array<{ id: string; status: string }> }, id: string) =>
  r.checks.find((c) => c.id === id)?.status;
const codeOf = (r: { checks: Array<{ id: string; problem?: { title: string } }> }, id: string) =>
  r.checks.find((c) => c.id === id)?.problem?.title;

let hosts: BadgeHosts;
beforeEach(async () => {
  hosts = await startBadgeHosts();
});
afterEach(async () => {
  await hosts.close();
});

/** Serves the 1EdTech reference validator's basic OB 2.0 badge at the URLs it names. */
function serveValidatorCoreBadge() {
  const assertion = fixture('validator-core/2_0_basic_assertion.json');
  hosts.serve('https://example.org/beths-robotics-badge.json', assertion);
  hosts.serve('https://example.org/robotics-badge.json', fixture('validator-core/2_0_basic_badgeclass.json'));
  hosts.serve('https://example.org/organization.json', fixture('validator-core/2_0_basic_issuer.json'));
  return assertion;
}

/** Serves the OB 2.0 specification's Assertion, BadgeClass, Issuer and RevocationList examples. */
function serveSpecBadge() {
  const assertion = fixture('spec/assertion.json');
  hosts.serve('https://example.org/beths-robotics-badge.json', assertion);
  hosts.serve('https://example.org/robotics-badge.json', fixture('spec/badgeclass.json'));
  hosts.serve('https://example.org/organization.json', fixture('spec/issuer.json'));
  hosts.serve('https://example.org/revocationList.json', fixture('spec/revocation-list.json'));
  return assertion;
}

describe('Open Badges 2.0 HostedBadge Verification (OB 2.0 Implementation › Verification › HostedBadge Verification)', () => {
  it('the 1EdTech reference validator’s basic 2.0 badge verifies: the hosted copy matches, dates current, not revoked; one result shape (summary, OB 3.0-shaped credential)', async () => {
    const presented = serveValidatorCoreBadge();
    const verifier = createVerifier({ now: NOW_2026, fetchOb2: hosts.fetcher() });
    const r = await verifier.verifyCredential(presented);
    expect(r.checks.map((c) => [c.id, c.status])).toEqual([
      ['format', 'passed'],
      ['proof', 'passed'],
      ['issuer', 'skipped'],
      ['validity', 'passed'],
      ['status', 'passed'],
      ['schema', 'passed'],
    ]);
    expect(r.verified).toBe(true);
    expect(r.lifecycle?.state).toBe('current');
    expect(r.issuer).toBe('https://example.org/organization.json');
    expect(r.credentialId).toBe('https://example.org/beths-robotics-badge.json');
    expect(r.summary).toEqual({
      version: 'ob2',
      id: 'https://example.org/beths-robotics-badge.json',
      achievement: {
        id: 'https://example.org/robotics-badge.json',
        name: 'Awesome Robotics Badge',
        description: 'For doing awesome things with robots that people think is pretty great.',
        image: 'https://example.org/robotics-badge.png',
        criteria: { id: 'https://example.org/robotics-badge.html' },
      },
      issuer: {
        id: 'https://example.org/organization.json',
        name: 'An Example Badge Issuer',
        url: 'https://example.org',
        email: 'contact@example.org',
      },
      recipient: {
        identifiers: [
          {
            type: 'emailAddress',
            hashed: true,
            identity: 'sha256$ecf5409f3f4b91ab60cc5ef4c02aef7032354375e70cf4d8e43f6a1d29891942',
            salt: 'deadsea',
          },
        ],
      },
      dates: { issued: '2016-12-31T23:59:59Z', validFrom: '2016-12-31T23:59:59Z' },
    });
    const credential = r.credential as {
      credentialSubject: { achievement: { name: string } };
      issuer: { name: string };
    };
    expect(credential.credentialSubject.achievement.name).toBe('Awesome Robotics Badge');
    expect(credential.issuer.name).toBe('An Example Badge Issuer');
    expect(hosts.requests).toEqual([
      '/example.org/beths-robotics-badge.json',
      '/example.org/robotics-badge.json',
      '/example.org/organization.json',
    ]);
  });

  it('the specification’s own examples (Assertion, BadgeClass, Issuer, RevocationList) verify while current; the revocation list is read', async () => {
    const presented = serveSpecBadge();
    const r = await createVerifier({ now: IN_2017, fetchOb2: hosts.fetcher() }).verifyCredential(presented);
    expect(r.verified).toBe(true);
    const status = r.checks.find((c) => c.id === 'status');
    expect(status?.status).toBe('passed');
    expect(status?.details?.revocationList).toBe('https://example.org/revocationList.json');
    expect(r.summary?.dates.validUntil).toBe('2017-06-30T23:59:59Z');
  });

  it('V1 Assertion `expires` passed: the spec’s Assertion example in 2026 → CREDENTIAL_EXPIRED, lifecycle lapsed, still authentic', async () => {
    const presented = serveSpecBadge();
    const r = await createVerifier({ now: NOW_2026, fetchOb2: hosts.fetcher() }).verifyCredential(presented);
    expect(r.verified).toBe(false);
    expect(statusOf(r, 'proof')).toBe('passed');
    expect(codeOf(r, 'validity')).toBe('CREDENTIAL_EXPIRED');
    expect(r.checks.find((c) => c.id === 'validity')?.problem?.pointer).toBe('/expires');
    expect(r.lifecycle?.state).toBe('lapsed');
  });

  it('a real public hosted badge (rcl-cloudtnt.github.io) verifies; its issuer Profile without `email` is a schema warning (OB 2.0 Data Validation, Profile required properties)', async () => {
    const presented = fixture('rcl-cloudtnt/assertion.json');
    hosts.serve(String(presented.id), presented);
    hosts.serve(
      'https://rcl-cloudtnt.github.io/badges/netProgramming/badgeClass/writing-code-with-csharp.json',
      fixture('rcl-cloudtnt/badgeclass.json'),
    );
    hosts.serve('https://rcl-cloudtnt.github.io/badges/issuer/profile.json', fixture('rcl-cloudtnt/profile.json'));
    const r = await createVerifier({ now: NOW_2026, fetchOb2: hosts.fetcher() }).verifyCredential(presented);
    expect(r.verified).toBe(true);
    const schema = r.checks.find((c) => c.id === 'schema');
    expect(schema?.status).toBe('warning');
    expect(schema?.problem?.pointer).toBe('/badge/issuer/email');
    expect(r.summary?.achievement.name).toBe('Writing Code With C#');
    expect(r.summary?.issuer.name).toBe('RCL CloudTnT');
    expect(r.summary?.dates.validUntil).toBe('2044-03-25T19:56:11.3017186Z');
  });

  it('Revoking Hosted Assertions: the spec’s revoked example answered with 410 Gone → CREDENTIAL_REVOKED, lifecycle revoked', async () => {
    const presented = serveValidatorCoreBadge();
    hosts.serve('https://example.org/beths-robotics-badge.json', fixture('spec/revoked-hosted-assertion.json'), 410);
    const r = await createVerifier({ now: NOW_2026, fetchOb2: hosts.fetcher() }).verifyCredential(presented);
    expect(r.verified).toBe(false);
    expect(codeOf(r, 'status')).toBe('CREDENTIAL_REVOKED');
    expect(r.lifecycle?.state).toBe('revoked');
  });

  it('Revoking Hosted Assertions: a 200 answer with `revoked: true` (the spec’s revoked example) → CREDENTIAL_REVOKED with its reason', async () => {
    const presented = serveValidatorCoreBadge();
    hosts.serve('https://example.org/beths-robotics-badge.json', fixture('spec/revoked-hosted-assertion.json'));
    const r = await createVerifier({ now: NOW_2026, fetchOb2: hosts.fetcher() }).verifyCredential(presented);
    expect(codeOf(r, 'status')).toBe('CREDENTIAL_REVOKED');
    expect(r.problems.map((p) => p.title)).toEqual(['CREDENTIAL_REVOKED']);
    expect(r.problems[0]?.detail).toContain('three stacked children in a trenchcoat');
  });

  it('RevocationList: an assertion id listed in the issuer Profile’s revocationList → CREDENTIAL_REVOKED with the listed reason', async () => {
    const presented = serveSpecBadge();
    const list = fixture('spec/revocation-list.json');
    list.revokedAssertions = [
      ...(list.revokedAssertions as unknown[]),
      { id: 'https://example.org/beths-robotics-badge.json', revocationReason: 'Awarded in error.' },
    ];
    hosts.serve('https://example.org/revocationList.json', list);
    const r = await createVerifier({ now: IN_2017, fetchOb2: hosts.fetcher() }).verifyCredential(presented);
    expect(codeOf(r, 'status')).toBe('CREDENTIAL_REVOKED');
    expect(r.problems[0]?.detail).toContain('Awarded in error.');
    expect(r.lifecycle?.state).toBe('revoked');
  });

  it('S7 a revocation list that cannot be fetched (503) → status could-not-check STATUS_RETRIEVAL_ERROR, never passed', async () => {
    const presented = serveSpecBadge();
    hosts.serve('https://example.org/revocationList.json', 'busy', 503);
    const r = await createVerifier({ now: IN_2017, fetchOb2: hosts.fetcher() }).verifyCredential(presented);
    expect(statusOf(r, 'status')).toBe('could-not-check');
    expect(codeOf(r, 'status')).toBe('STATUS_RETRIEVAL_ERROR');
    expect(r.verified).toBe(false);
    expect(r.lifecycle?.state).toBe('undetermined');
  });

  it('T1 the presented copy differs from the hosted one (issuedOn, recipient identity) → HOSTED_ASSERTION_MISMATCH naming the fields; revocation not read', async () => {
    const hosted = serveSpecBadge();
    const presented = {
      ...hosted,
      issuedOn: '2016-06-30T00:00:00Z',
      recipient: {
        ...(hosted.recipient as object),
        identity: 'sha256$0000000000000000000000000000000000000000000000000000000000000000',
      },
    };
    const r = await createVerifier({ now: IN_2017, fetchOb2: hosts.fetcher() }).verifyCredential(presented);
    const proof = r.checks.find((c) => c.id === 'proof');
    expect(proof?.status).toBe('failed');
    expect(proof?.problem?.title).toBe('HOSTED_ASSERTION_MISMATCH');
    expect(proof?.details?.differences).toEqual(['/recipient/identity', '/issuedOn']);
    expect(statusOf(r, 'status')).toBe('skipped');
    expect(hosts.requests).not.toContain('/example.org/revocationList.json');
    expect(r.lifecycle?.state).toBe('unverified');
  });

  it('an embedded BadgeClass and its IRI name the same thing (OB 2.0 "Open Badges in Linked Data"): the spec’s linked-data form matches the hosted copy', async () => {
    const hosted = serveValidatorCoreBadge();
    const presented = { ...hosted, badge: fixture('validator-core/2_0_basic_badgeclass.json') };
    const r = await createVerifier({ now: NOW_2026, fetchOb2: hosts.fetcher() }).verifyCredential(presented);
    expect(statusOf(r, 'proof')).toBe('passed');
  });

  it('VerificationObject allowedOrigins: an assertion hosted on an origin its issuer does not allow → VERIFICATION_POLICY_ERROR; one it allows passes', async () => {
    serveValidatorCoreBadge();
    const elsewhere = { ...fixture('validator-core/2_0_basic_assertion.json'), id: 'https://copies.example/beth.json' };
    hosts.serve('https://copies.example/beth.json', elsewhere);
    const verifier = createVerifier({ now: NOW_2026, fetchOb2: hosts.fetcher() });
    const refused = await verifier.verifyCredential(elsewhere);
    expect(codeOf(refused, 'proof')).toBe('VERIFICATION_POLICY_ERROR');
    hosts.serve('https://example.org/organization.json', {
      ...fixture('validator-core/2_0_basic_issuer.json'),
      verification: { type: 'VerificationObject', allowedOrigins: ['example.org', 'copies.example'] },
    });
    const allowed = await createVerifier({ now: NOW_2026, fetchOb2: hosts.fetcher() }).verifyCredential(elsewhere);
    expect(statusOf(allowed, 'proof')).toBe('passed');
  });

  it('VerificationObject startsWith: an id outside the issuer’s path → VERIFICATION_POLICY_ERROR', async () => {
    const presented = serveValidatorCoreBadge();
    hosts.serve('https://example.org/organization.json', {
      ...fixture('validator-core/2_0_basic_issuer.json'),
      verification: { type: 'VerificationObject', startsWith: 'https://example.org/assertions/' },
    });
    const r = await createVerifier({ now: NOW_2026, fetchOb2: hosts.fetcher() }).verifyCredential(presented);
    expect(codeOf(r, 'proof')).toBe('VERIFICATION_POLICY_ERROR');
  });

  it.each([
    ['an unknown host path (404)', (h: BadgeHosts) => h.serve('https://example.org/other', {})],
    ['a 503 answer', (h: BadgeHosts) => h.serve('https://example.org/beths-robotics-badge.json', 'busy', 503)],
  ])(
    'could not check: the hosted assertion cannot be fetched (%s) → proof could-not-check BADGE_RETRIEVAL_ERROR, status could-not-check, never passed',
    async (_, arrange) => {
      const presented = fixture('validator-core/2_0_basic_assertion.json');
      arrange(hosts);
      const r = await createVerifier({ now: NOW_2026, fetchOb2: hosts.fetcher() }).verifyCredential(presented);
      expect(statusOf(r, 'proof')).toBe('could-not-check');
      expect(codeOf(r, 'proof')).toBe('BADGE_RETRIEVAL_ERROR');
      expect(statusOf(r, 'status')).toBe('could-not-check');
      expect(r.verified).toBe(false);
      expect(r.lifecycle?.state).toBe('undetermined');
    },
  );

  it('N4 a host that never answers → could-not-check within the time limit', async () => {
    const presented = fixture('validator-core/2_0_basic_assertion.json');
    hosts.hang('https://example.org/beths-robotics-badge.json');
    const started = Date.now();
    const r = await createVerifier({ now: NOW_2026, fetchOb2: hosts.fetcher({ timeoutMs: 300 }) }).verifyCredential(
      presented,
    );
    expect(Date.now() - started).toBeLessThan(5_000);
    expect(statusOf(r, 'proof')).toBe('could-not-check');
  });

  it('an unreachable host (connection refused) → could-not-check', async () => {
    const presented = fixture('validator-core/2_0_basic_assertion.json');
    const fetchOb2 = hosts.fetcher();
    await hosts.close();
    const r = await createVerifier({ now: NOW_2026, fetchOb2 }).verifyCredential(presented);
    expect(codeOf(r, 'proof')).toBe('BADGE_RETRIEVAL_ERROR');
    expect(r.verified).toBe(false);
    hosts = await startBadgeHosts();
  });
});

describe('a hosted assertion URL given to verifyCredential, with the default fetcher (OB 2.0 "starting with the verification URL")', () => {
  /** The validator-core badge with its ids on this loopback server. */
  function serveOnLoopback(): string {
    const swap = (doc: Record<string, unknown>) =>
      JSON.parse(JSON.stringify(doc).replaceAll('https://example.org', hosts.origin)) as Record<string, unknown>;
    const assertion = swap(fixture('validator-core/2_0_basic_assertion.json'));
    hosts.serve(String(assertion.id), assertion);
    hosts.serve(`${hosts.origin}/robotics-badge.json`, swap(fixture('validator-core/2_0_basic_badgeclass.json')));
    hosts.serve(`${hosts.origin}/organization.json`, swap(fixture('validator-core/2_0_basic_issuer.json')));
    return String(assertion.id);
  }

  it('readCredentialInput(url) → verifyCredential(value) with allowLocalhost: the assertion is fetched once and verified', async () => {
    const url = serveOnLoopback();
    const input = readCredentialInput(url);
    expect(input).toEqual({ ok: true, kind: 'url', version: 'unknown', value: url });
    if (!input.ok) return;
    const r = await createVerifier({ now: NOW_2026, allowLocalhost: true }).verifyCredential(input.value);
    expect(r.verified).toBe(true);
    expect(r.summary?.version).toBe('ob2');
    expect(hosts.requests.filter((p) => p === new URL(url).pathname)).toHaveLength(1);
  });

  it('N1 without allowLocalhost the same URL is refused before any request → could-not-check, never verified', async () => {
    const url = serveOnLoopback();
    const r = await createVerifier({ now: NOW_2026 }).verifyCredential(url);
    expect(r.verified).toBe(false);
    expect(statusOf(r, 'format')).toBe('could-not-check');
    expect(r.problems[0]?.title).toBe('BADGE_RETRIEVAL_ERROR');
    expect(hosts.requests).toEqual([]);
  });
});
