// Open Badges 2.0 on the verify page (issue 11): the 1EdTech reference validator's basic 2.0 badge
// (test/fixtures/ob2, recorded) served from a loopback server standing in for example.org, verified
// through the same page and the same verifier as OB 3.0 — hosted verification (OB 2.0
// Implementation › Verification › HostedBadge Verification), the issuer Profile URL named by the
// trust registry, and the `recipient` IdentityObject (OB 2.0 §IdentityObject) matched by email.
import { createHash } from 'node:crypto';
import { createVerifier } from '@repo/verifier';
import type { Browser, BrowserContext } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { axeViolations, launchChromium } from '../helpers/browser.ts';
import { type IssuerApp, startIssuerApp } from '../helpers/issuer-app.ts';
import { type BadgeHosts, fixture, startBadgeHosts } from '../ob2/ob2-loopback.ts';
import { openForm, resultOf, startSibling, submit, verifyPasted } from './verify-page-helpers.ts';

const ISSUER_PROFILE = 'https://example.org/organization.json';
const ASSERTION_URL = 'https://example.org/beths-robotics-badge.json';
let issuer: IssuerApp;
let hosts: BadgeHosts;
let page2: { url: string; close(): Promise<void> };
let browser: Browser;
let context: BrowserContext;
let assertion: Record<string, unknown>;
const salted = { id: 'https://example.org/assertions/ada.json', salt: 'r0bot' };

beforeAll(async () => {
  issuer = await startIssuerApp({ loopbackPublicBaseUrl: true });
  hosts = await startBadgeHosts();
  assertion = fixture('validator-core/2_0_basic_assertion.json');
  hosts.serve(ASSERTION_URL, assertion);
  hosts.serve('https://example.org/robotics-badge.json', fixture('validator-core/2_0_basic_badgeclass.json'));
  hosts.serve(ISSUER_PROFILE, fixture('validator-core/2_0_basic_issuer.json'));
  // The same badge awarded to an address we know: hashed here with node:crypto (OB 2.0 IdentityHash).
  hosts.serve(salted.id, {
    ...assertion,
    id: salted.id,
    recipient: {
      type: 'email',
      hashed: true,
      salt: salted.salt,
      identity: `sha256$${createHash('sha256').update(`ada@example.org${salted.salt}`).digest('hex')}`,
    },
  });
  // The service's page, with a verifier whose OB 2.0 fetcher reaches the loopback "example.org"
  // (the real guarded fetch underneath), and a registry naming the OB 2.0 issuer by its Profile URL.
  const deps = issuer.deps;
  page2 = await startSibling({
    ...deps,
    verifier: createVerifier({ now: deps.clock, documentLoader: deps.documentLoader, fetchOb2: hosts.fetcher() }),
    config: {
      ...deps.config,
      trustRegistry: { issuers: [{ name: 'Example Robotics Guild', ids: [ISSUER_PROFILE], pathways: [] }] },
    },
  });
  browser = await launchChromium();
  context = await browser.newContext({ bypassCSP: true });
}, 60_000);
afterAll(async () => {
  await browser?.close();
  await page2?.close();
  await hosts?.close();
  await issuer?.close();
});

describe('Open Badges 2.0 hosted badge on the verify page', () => {
  it('the assertion pasted: verified against its hosted copy, the issuer registered by its Profile URL, the BadgeClass shown; axe finds no violation', async () => {
    const page = await context.newPage();
    expect((await verifyPasted(page, page2.url, JSON.stringify(assertion))).status()).toBe(200);
    const r = await resultOf(page);
    expect(r.answer).toBe(
      'Valid: authentic, unchanged, not revoked or suspended, and current; issued by Example Robotics Guild (registered).',
    );
    expect(r.standing).toBe('Registered: Example Robotics Guild — in your trust registry');
    expect(r.checks.proof).toBe('Passed');
    expect(r.checks.status).toBe('Passed');
    expect(r.text).toContain('Awesome Robotics Badge');
    expect(r.text).toContain(ISSUER_PROFILE);
    expect(r.machine.summary.version).toBe('ob2');
    expect(hosts.requests).toContain('/example.org/beths-robotics-badge.json');
    expect(await axeViolations(page)).toEqual([]);
    await page.close();
  });

  it('the hosted assertion URL given in the address field: the verifier fetches it once and verifies it', async () => {
    const before = hosts.requests.filter((p) => p === '/example.org/beths-robotics-badge.json').length;
    const page = await context.newPage();
    await openForm(page, page2.url);
    await page.fill('#url', ASSERTION_URL);
    expect((await submit(page)).status()).toBe(200);
    const r = await resultOf(page);
    expect(r.answer.startsWith('Valid:')).toBe(true);
    expect(r.text).toContain(`the credential was fetched from ${ASSERTION_URL}`);
    expect(hosts.requests.filter((p) => p === '/example.org/beths-robotics-badge.json').length).toBe(before + 1);
    await page.close();
  });

  it('the OB 2.0 recipient (hashed, salted email) matches the candidate’s email; another does not', async () => {
    const page = await context.newPage();
    const served = (await await hosts.fetcher()(salted.id)) as Record<string, unknown>;
    await verifyPasted(page, page2.url, JSON.stringify(served), 'Ada@Example.org');
    expect((await resultOf(page)).answer.startsWith('Valid:')).toBe(true);
    expect(await page.locator('#email-match').textContent()).toBe(
      'The credential’s recipient matches this email (the credential holds it only as a salted hash).',
    );
    await verifyPasted(page, page2.url, JSON.stringify(served), 'beth@example.org');
    expect(await page.locator('#email-match').textContent()).toBe(
      'The credential’s recipient does not match this email.',
    );
    await page.close();
  });

  it('a presented copy that differs from the hosted one is not verified: HOSTED_ASSERTION_MISMATCH in words, the issuer not confirmed', async () => {
    const page = await context.newPage();
    await verifyPasted(page, page2.url, JSON.stringify({ ...assertion, issuedOn: '2012-01-01T00:00:00Z' }));
    const r = await resultOf(page);
    expect(r.answer).toBe(
      'Not verified: this copy differs from the one its issuer hosts — it was changed after it was issued.',
    );
    expect(r.checks.proof).toBe('Failed');
    expect(r.machine.checks.find((c: any) => c.id === 'proof').problem.title).toBe('HOSTED_ASSERTION_MISMATCH');
    expect(r.text).not.toContain('Registered:');
    expect(r.standing).toBe(
      'Not confirmed: the credential did not verify, so the issuer it names may not have issued it.',
    );
    await page.close();
  });
});
