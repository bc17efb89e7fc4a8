/**
 * Helpers of the verify page tests: issue credentials over HTTP, drive the form in Chromium, and
 * read the result page by its landmarks (the answer, the issuer standing, each check).
 */
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { type AppDeps, claimAward, createApp } from '@repo/issuer';
import type { TrustRegistry } from '@repo/verifier';
import type { Page, Response as PageResponse } from 'playwright-core';
import { expect } from 'vitest';
import { awardTemplate, OB3_CERTIFICATION } from '../helpers/awards.ts';
import type { IssuerApp } from '../helpers/issuer-app.ts';
import { TOKENS } from '../helpers/issuer-app.ts';
import { call } from '../helpers/issuer-process.ts';

/** The registry name the tests give the in-process issuer (the fixture calls itself something else). */
export const REGISTERED_NAME = 'Midwest Industrial Skills Council';

/** A trust registry naming `did` as {@link REGISTERED_NAME}. */
export function registryFor(did: string): TrustRegistry {
  return {
    name: 'Acme hiring team',
    issuers: [{ name: REGISTERED_NAME, ids: [did], url: 'https://skills-council.example', pathways: [] }],
  };
}

/** POST /credentials/issue of the certification fixture (changed by `change`), answered 201. */
export async function issue(
  issuer: IssuerApp,
  options?: Record<string, unknown>,
  change: (c: Record<string, any>) => void = () => {},
): Promise<Record<string, any>> {
  const credential = structuredClone(OB3_CERTIFICATION);
  delete credential.id;
  change(credential);
  const res = await call(
    issuer.url,
    'POST',
    '/credentials/issue',
    { credential, ...(options && { options }) },
    TOKENS.full,
  );
  expect(res.status, res.text).toBe(201);
  return res.json.verifiableCredential;
}

/** An award to `email`, claimed by `holderDid`: the stored credential carries the hashed email. */
export async function claimedFor(issuer: IssuerApp, email: string, holderDid: string) {
  const res = await call(
    issuer.url,
    'POST',
    '/awards',
    { credential: awardTemplate(), recipient: { name: 'Ada Lovelace', email } },
    TOKENS.full,
  );
  expect(res.status, res.text).toBe(201);
  return claimAward(issuer.deps, res.json.award.id, { holderDid, via: 'vcapi' });
}

/** Sets a credential's status over HTTP (POST /credentials/status). */
export async function setStatus(issuer: IssuerApp, credentialId: string, status: 'revoked' | 'suspended') {
  const body = { credentialId, credentialStatus: [{ type: 'BitstringStatusListEntry', status }] };
  const res = await call(issuer.url, 'POST', '/credentials/status', body, TOKENS.full);
  expect(res.status, res.text).toBe(200);
}

/** Turns on the share link of a directly issued credential: its /c/… URL. */
export async function shareUrlOf(issuer: IssuerApp, credentialId: string): Promise<string> {
  const res = await call(
    issuer.url,
    'POST',
    `/credentials/${encodeURIComponent(credentialId)}/share`,
    { enabled: true },
    TOKENS.full,
  );
  expect(res.status, res.text).toBe(200);
  return res.json.shareUrl;
}

/** Clicks Verify (or does `how`) and waits until the page POST /verify answers with has loaded: its response. */
export async function submit(page: Page, how: () => Promise<void> = () => page.click('button[type="submit"]')) {
  const [response] = await Promise.all([
    page.waitForResponse((r) => r.request().method() === 'POST' && new URL(r.url()).pathname === '/verify'),
    // The new document, not the form's (which is already loaded when the POST is sent).
    page.waitForEvent('domcontentloaded'),
    how(),
  ]);
  return response as PageResponse;
}

/** Opens the empty form. */
export async function openForm(page: Page, base: string): Promise<void> {
  const res = await page.goto(`${base}/verify`);
  expect(res?.status()).toBe(200);
}

/** Opens the form, pastes `text` (and types `email`), submits: the answer. */
export async function verifyPasted(page: Page, base: string, text: string, email?: string) {
  await openForm(page, base);
  await page.fill('#credential', text);
  if (email !== undefined) await page.fill('#email', email);
  return submit(page);
}

const textOf = async (page: Page, selector: string) =>
  ((await page.locator(selector).textContent()) ?? '').replace(/\s+/g, ' ').trim();

/** The result page as a person reads it. */
export async function resultOf(page: Page) {
  const checks: Record<string, string> = {};
  for (const li of await page.locator('[data-check]').all()) {
    checks[(await li.getAttribute('data-check'))!] = ((await li.locator('.check-outcome').textContent()) ?? '').trim();
  }
  const machine = JSON.parse((await page.locator('#machine-result code').textContent()) ?? 'null');
  return {
    answer: await textOf(page, '#answer'),
    standing: await textOf(page, '#issuer-standing'),
    lifecycle: await textOf(page, '#lifecycle'),
    checks,
    machine,
    /** What a person reads: the page without the machine-readable JSON. */
    text: (
      await page.evaluate(() => {
        const main = (globalThis as any).document.querySelector('main').cloneNode(true);
        main.querySelector('#machine-result')?.remove();
        return String(main.textContent);
      })
    )
      .replace(/\s+/g, ' ')
      .trim(),
  };
}

/** The refusal shown on the form: its heading and reason. */
export async function errorOf(page: Page) {
  return { title: await textOf(page, '#error-title'), detail: await textOf(page, '#error-detail') };
}

/** `id` (or tag name) of the focused element. */
export async function focused(page: Page): Promise<string> {
  return page.evaluate(() => {
    const a = (globalThis as any).document.activeElement;
    return String(a?.id || a?.tagName || '');
  });
}

/** Another app on the same deps (the same store and keys), listening on its own loopback port. */
export async function startSibling(deps: AppDeps): Promise<{ url: string; close(): Promise<void> }> {
  const server = createServer(createApp({ ...deps }));
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
