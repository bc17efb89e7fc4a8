// The employer's verify page (issue 11), driven in headless Chromium against the real issuer app:
// a credential pasted in each state the verifier tells apart — valid, expired (VC 2.0 §4.9
// validUntil, SECURITY-CHECKLIST V1), revoked (Bitstring Status List §3.2, S1), tampered (VC Data
// Integrity §4: CRYPTOGRAPHIC_SECURITY_ERROR, T1), a VC-JWT (VC-JOSE-COSE §3.1.1), a status list
// that cannot be fetched (S7: "Could not check", never valid, never "not revoked") — with the
// issuer as the operator's trust registry knows it, the recipient's hashed email (Open Badges 3.0
// "Verify the Recipient Using an Identifier"), and axe-core finding no WCAG 2.2 AA violation.
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { axeViolations, launchChromium } from '../helpers/browser.ts';
import { createTestKey, createTestLoader, signedOb3Credential, statusEntry } from '../helpers/credential-factory.ts';
import { FROZEN_NOW, type IssuerApp, startIssuerApp } from '../helpers/issuer-app.ts';
import {
  claimedFor,
  issue,
  REGISTERED_NAME,
  registryFor,
  resultOf,
  setStatus,
  verifyPasted,
} from './verify-page-helpers.ts';

let issuer: IssuerApp;
let browser: Browser;
/** Real CSP: what an employer's browser runs. */
let strict: BrowserContext;
/** CSP bypassed only so that axe-core can be injected. */
let axeContext: BrowserContext;
let t = FROZEN_NOW.getTime();

beforeAll(async () => {
  const { EXAMPLE_KEY } = await import('../helpers/issuer-app.ts');
  issuer = await startIssuerApp({
    loopbackPublicBaseUrl: true,
    clock: () => new Date(t),
    trustRegistry: registryFor(EXAMPLE_KEY.controller),
  });
  browser = await launchChromium();
  strict = await browser.newContext();
  axeContext = await browser.newContext({ bypassCSP: true });
}, 60_000);
afterAll(async () => {
  await browser?.close();
  await issuer?.close();
});

async function fresh(context: BrowserContext = strict): Promise<Page> {
  return context.newPage();
}

describe('the verify page in headless Chromium: every state in plain words', () => {
  it('a valid credential issued here, pasted: "Valid", the issuer registered by the registry name, every check Passed or Skipped, the JSON one click away', async () => {
    const credential = await issue(issuer);
    const page = await fresh();
    const res = await verifyPasted(page, issuer.url, JSON.stringify(credential, null, 2));
    expect(res.status()).toBe(200);
    const headers = res.headers();
    expect(headers['cache-control']).toBe('no-store');
    expect(headers['x-frame-options']).toBe('DENY');
    expect(headers['content-security-policy']).toContain("frame-ancestors 'none'");
    expect(headers['content-security-policy']).toContain("script-src 'self'");
    const r = await resultOf(page);
    expect(r.answer).toBe(
      `Valid: authentic, unchanged, not revoked or suspended, and current; issued by ${REGISTERED_NAME} (registered).`,
    );
    expect(r.standing).toBe(`Registered: ${REGISTERED_NAME} — in your trust registry (Acme hiring team)`);
    // The fixture's own name for its issuer is shown too, marked as the issuer's claim.
    expect(r.text).toContain(`${credential.issuer.name} (self-asserted)`);
    expect(r.checks).toEqual({
      format: 'Passed',
      proof: 'Passed',
      issuer: 'Skipped',
      validity: 'Passed',
      status: 'Passed',
      schema: 'Passed',
      refresh: 'Passed',
    });
    expect(r.lifecycle).toBe('Current. Current; valid until 2029-06-30T23:59:59Z.');
    expect(r.text).toContain(credential.credentialSubject.achievement.name);
    expect(r.text).toContain('30 June 2029');
    // The machine result is the verifier's own answer, behind one <details>.
    expect(await page.locator('#machine-result').getAttribute('open')).toBeNull();
    await page.click('#machine-result summary');
    expect(await page.locator('#machine-result').getAttribute('open')).toBe('');
    expect(r.machine.verified).toBe(true);
    expect(r.machine.credentialId).toBe(credential.id);
    await page.close();
  });

  it('V1 expired: "Not valid: this credential expired on …", the dates check Failed, lifecycle lapsed', async () => {
    const credential = await issue(issuer, undefined, (c) => {
      c.validUntil = '2026-03-02T00:00:00Z';
    });
    t = Date.parse('2026-03-05T00:00:00Z');
    try {
      const page = await fresh();
      expect((await verifyPasted(page, issuer.url, JSON.stringify(credential))).status()).toBe(200);
      const r = await resultOf(page);
      expect(r.answer).toBe('Not valid: this credential expired on 2 March 2026.');
      expect(r.checks.validity).toBe('Failed');
      expect(r.checks.proof).toBe('Passed');
      expect(r.lifecycle).toMatch(/^Expired\. Lapsed: it expired on 2026-03-02T00:00:00Z\.$/);
      expect(r.machine.checks.find((c: any) => c.id === 'validity').problem.title).toBe('CREDENTIAL_EXPIRED');
      await page.close();
    } finally {
      t = FROZEN_NOW.getTime();
    }
  });

  it('S1 revoked: "Not valid: the issuer has revoked this credential.", revocation Failed', async () => {
    const credential = await issue(issuer);
    await setStatus(issuer, credential.id, 'revoked');
    const page = await fresh(axeContext);
    await verifyPasted(page, issuer.url, JSON.stringify(credential));
    const r = await resultOf(page);
    expect(r.answer).toBe('Not valid: the issuer has revoked this credential.');
    expect(r.checks.status).toBe('Failed');
    expect(r.lifecycle.startsWith('Revoked by the issuer.')).toBe(true);
    expect(r.machine.checks.find((c: any) => c.id === 'status').problem.title).toBe('CREDENTIAL_REVOKED');
    expect(await axeViolations(page)).toEqual([]);
    await page.close();
  });

  it('T1 tampered (achievement name changed after signing): CRYPTOGRAPHIC_SECURITY_ERROR shown as the signature Failed, and the issuer not confirmed — never "Registered"', async () => {
    const credential = await issue(issuer);
    credential.credentialSubject.achievement.name = 'Master Electrician';
    const page = await fresh(axeContext);
    await verifyPasted(page, issuer.url, JSON.stringify(credential));
    const r = await resultOf(page);
    expect(r.answer).toBe(
      'Not verified: the issuer’s signature does not match — the credential was changed after it was issued, or was not issued by whom it names.',
    );
    expect(r.checks.proof).toBe('Failed');
    expect(r.machine.verified).toBe(false);
    expect(r.machine.checks.find((c: any) => c.id === 'proof').problem.title).toBe('CRYPTOGRAPHIC_SECURITY_ERROR');
    expect(r.standing).toBe(
      'Not confirmed: the credential did not verify, so the issuer it names may not have issued it.',
    );
    expect(r.text).not.toContain('Registered:');
    expect(r.text).toContain('it is not confirmed, because it did not verify');
    expect(await axeViolations(page)).toEqual([]);
    await page.close();
  });

  it('a VC-JWT (the compact JWS of an EnvelopedVerifiableCredential) pasted: valid, its contents shown from the JWT', async () => {
    const envelope = await issue(issuer, { format: 'jwt' });
    expect(envelope.type).toBe('EnvelopedVerifiableCredential');
    const jwt = envelope.id.slice(envelope.id.indexOf(',') + 1);
    expect(jwt.split('.')).toHaveLength(3);
    const page = await fresh();
    await verifyPasted(page, issuer.url, jwt);
    const r = await resultOf(page);
    expect(r.answer.startsWith('Valid:')).toBe(true);
    expect(r.standing.startsWith(`Registered: ${REGISTERED_NAME}`)).toBe(true);
    expect(r.checks.proof).toBe('Passed');
    expect(r.text).toContain('Certified Industrial Maintenance Technician — Level 1');
    expect(r.text).toContain('the credential was pasted (a JWT)');
    await page.close();
  });

  it('S7 a status list that cannot be fetched (another issuer, its list at a URL the guarded fetch refuses): "Could not check", the answer not valid and never "not revoked"; the issuer not in the registry, its own name marked self-asserted', async () => {
    const key = await createTestKey();
    const { documentLoader } = createTestLoader();
    // N1: an IP literal is refused before any connection, so this stays offline and deterministic.
    const credential = await signedOb3Credential(
      key,
      documentLoader,
      { credentialStatus: statusEntry({ index: '42', url: 'https://192.0.2.1/status/revocation/0' }) },
      new Date(t),
    );
    const page = await fresh(axeContext);
    await verifyPasted(page, issuer.url, JSON.stringify(credential));
    const r = await resultOf(page);
    expect(r.checks.status).toBe('Could not check');
    expect(r.checks.proof).toBe('Passed');
    expect(r.answer).toBe(
      'Could not be fully checked: the revocation and suspension could not be checked right now, so do not treat this credential as valid until it can be.',
    );
    expect(r.answer).not.toMatch(/^Valid/);
    expect(r.text.toLowerCase()).not.toContain('not revoked');
    expect(r.machine.verified).toBe(false);
    expect(r.machine.checks.find((c: any) => c.id === 'status').problem.title).toBe('STATUS_RETRIEVAL_ERROR');
    expect(r.lifecycle.startsWith('Could not be determined.')).toBe(true);
    expect(r.standing).toBe('Not in your registry (Acme hiring team)');
    expect(r.text).toContain('Midwest Industrial Skills Council (test) (self-asserted)');
    expect(r.text).toContain(key.controller);
    expect(await axeViolations(page)).toEqual([]);
    await page.close();
  });
});

describe('the recipient: Open Badges 3.0 hashed email identity', () => {
  const EMAIL = 'Ada.Lovelace@Example.org';

  it('the candidate’s email matches (typed in another case, with spaces), another does not, and a credential without one says so', async () => {
    const holder = (await createTestKey()).controller;
    const { record } = await claimedFor(issuer, EMAIL, holder);
    const identifier = (record.credential.credentialSubject as any).identifier.at(-1);
    expect(identifier).toMatchObject({ identityType: 'emailAddress', hashed: true });
    const page = await fresh(axeContext);

    await verifyPasted(page, issuer.url, JSON.stringify(record.credential), '  ada.lovelace@EXAMPLE.org ');
    expect((await resultOf(page)).answer.startsWith('Valid:')).toBe(true);
    expect(await page.locator('#email-match').textContent()).toBe(
      'The credential’s recipient matches this email (the credential holds it only as a salted hash).',
    );
    // What a person reads shows neither the hash nor the salt (the JSON result carries them, as the credential does).
    const shown = (await resultOf(page)).text;
    expect(shown).not.toContain(identifier.identityHash.slice(7));
    expect(shown).not.toContain(identifier.salt);
    expect(shown).toContain('an email address (as a salted hash)');
    expect(await axeViolations(page)).toEqual([]);

    await verifyPasted(page, issuer.url, JSON.stringify(record.credential), 'grace.hopper@example.org');
    expect(await page.locator('#email-match').textContent()).toBe(
      'The credential’s recipient does not match this email.',
    );

    await verifyPasted(page, issuer.url, JSON.stringify(await issue(issuer)), EMAIL);
    expect(await page.locator('#email-match').textContent()).toBe(
      'The credential carries no email identity, so this email cannot be checked against it.',
    );
    await page.close();
  });

  it('a match on a credential that did not verify is said to prove nothing', async () => {
    const holder = (await createTestKey()).controller;
    const { record } = await claimedFor(issuer, EMAIL, holder);
    const forged = structuredClone(record.credential) as any;
    forged.validUntil = '2099-12-31T23:59:59Z';
    const page = await fresh();
    await verifyPasted(page, issuer.url, JSON.stringify(forged), EMAIL);
    expect(await page.locator('#email-match').textContent()).toBe(
      'The credential’s recipient matches this email (the credential holds it only as a salted hash). But the credential did not verify, so this proves nothing.',
    );
    await page.close();
  });
});
