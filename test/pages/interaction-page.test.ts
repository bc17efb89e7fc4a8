// The worker's interaction page (issue 10): what a browser sees at the interaction URL of an offer.
// Driven in headless Chromium (playwright-core) and scanned with axe-core for WCAG 2.2 AA. The QR
// codes are read back by jsQR (from the page's own SVG images, rendered by Chromium, and from the
// PNG decoded with pngjs) — independent readers. A file claim binds the credential to the
// worker's email as an Open Badges 3.0 IdentityObject (OB 3.0 §B.1.12 IdentityObject: identityHash
// "sha256$" + hex SHA-256 of the identity and the salt), recomputed here with node:crypto.
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { getShare } from '@repo/issuer';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { awardTemplate } from '../helpers/awards.ts';
import { axeViolations, launchChromium } from '../helpers/browser.ts';
import { FROZEN_NOW, type IssuerApp, startIssuerApp, TOKENS } from '../helpers/issuer-app.ts';
import { call } from '../helpers/issuer-process.ts';
import { decodeQrPng } from '../helpers/qr.ts';

const fixture = JSON.parse(readFileSync(new URL('../fixtures/ob3-certification.json', import.meta.url), 'utf8'));
const ACHIEVEMENT = fixture.credentialSubject.achievement;
const ISSUER_NAME = fixture.issuer.name as string;
const EMAIL = 'ada.lovelace@example.org';

let issuer: IssuerApp;
let browser: Browser;
/** Scripts are forbidden by the pages' CSP; axe-core is injected by the test, so its context bypasses CSP. */
let axeContext: BrowserContext;
let t = FROZEN_NOW.getTime();

beforeAll(async () => {
  issuer = await startIssuerApp({ loopbackPublicBaseUrl: true, clock: () => new Date(t) });
  browser = await launchChromium();
  axeContext = await browser.newContext({ bypassCSP: true });
}, 60_000);
afterAll(async () => {
  await browser?.close();
  await issuer?.close();
});

/** An award over HTTP (`POST /awards`, full-scope token): its answer, offer token and page URL. */
async function newAward(extra: Record<string, unknown> = {}, recipient: Record<string, string> | null = null) {
  const credential = awardTemplate();
  const res = await call(
    issuer.url,
    'POST',
    '/awards',
    { credential, recipient: recipient ?? { name: 'Ada Lovelace', email: EMAIL }, ...extra },
    TOKENS.full,
  );
  expect(res.status, res.text).toBe(201);
  const token = new URL(res.json.offer.interactionUrl).pathname.split('/').pop()!;
  return { ...res.json, token, pageUrl: `${issuer.url}/interactions/${token}` };
}

/** Every image of the page as Chromium rendered it (drawn on a canvas, exported as PNG), with its alt text. */
async function renderedImages(page: Page): Promise<Array<{ src: string; alt: string; png: Buffer }>> {
  const images = await page.$$eval('img', (nodes) =>
    Promise.all(
      nodes.map(async (node) => {
        const img = node as unknown as {
          src: string;
          alt: string;
          decode(): Promise<void>;
          ownerDocument: { createElement(tag: 'canvas'): any };
        };
        await img.decode();
        const canvas = img.ownerDocument.createElement('canvas');
        canvas.width = 480;
        canvas.height = 480;
        const g = canvas.getContext('2d');
        g.fillStyle = '#ffffff';
        g.fillRect(0, 0, 480, 480);
        g.imageSmoothingEnabled = false;
        g.drawImage(img, 0, 0, 480, 480);
        return { src: img.src, alt: img.alt, dataUrl: canvas.toDataURL('image/png') as string };
      }),
    ),
  );
  return images.map((i) => ({
    src: i.src,
    alt: i.alt,
    png: Buffer.from(i.dataUrl.slice(i.dataUrl.indexOf(',') + 1), 'base64'),
  }));
}

/** A form post as a browser on `site` would send it (Fetch Metadata and Origin). */
function post(url: string, body: string, headers: Record<string, string> = {}) {
  return fetch(url, {
    method: 'POST',
    redirect: 'manual',
    headers: { 'content-type': 'application/x-www-form-urlencoded', accept: 'text/html', ...headers },
    body,
  });
}

/** Whether the page scrolls sideways at 320 CSS px (WCAG 2.2 SC 1.4.10 Reflow). */
async function scrollsSideways(page: Page): Promise<boolean> {
  await page.setViewportSize({ width: 320, height: 640 });
  const width = await page.evaluate(
    () =>
      (globalThis as unknown as { document: { documentElement: { scrollWidth: number } } }).document.documentElement
        .scrollWidth,
  );
  await page.setViewportSize({ width: 1280, height: 720 });
  return width > 320;
}

async function openPage(url: string, context?: BrowserContext): Promise<{ page: Page; status: number }> {
  const page = await (context ?? browser).newPage();
  const res = await page.goto(url);
  return { page, status: res!.status() };
}

describe('Interaction page of an offer (WCAG 2.2 AA; VCALM interaction URL; OID4VCI 1.0 §4.1.3)', () => {
  it('shows who it is from, what, until when, and QR codes that jsQR reads as the interaction URL and the openid-credential-offer:// link', async () => {
    const { offer, pageUrl } = await newAward();
    const res = await fetch(pageUrl, { headers: { accept: 'text/html' } });
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toMatch(/^text\/html/);
    expect(res.headers.get('cache-control')).toBe('no-store');
    expect(res.headers.get('referrer-policy')).toBe('no-referrer');
    expect(res.headers.get('x-robots-tag')).toBe('noindex');
    expect(res.headers.get('content-security-policy')).toContain("frame-ancestors 'none'");

    // The real page, CSP enforced: the images load from this service.
    const { page, status } = await openPage(pageUrl);
    expect(status).toBe(200);
    expect(await page.locator('h1').textContent()).toBe(ACHIEVEMENT.name);
    const text = await page.locator('main').textContent();
    expect(text).toContain(ACHIEVEMENT.description);
    expect(text).toContain(ISSUER_NAME);
    expect(text).toContain('15 March 2026 at 12:00 UTC'); // 14 days after FROZEN_NOW
    const images = await renderedImages(page);
    expect(images.map((i) => i.src)).toEqual([offer.qr.svg, `${offer.qr.svg}?protocol=OID4VCI`]);
    for (const image of images) expect(image.alt).toMatch(/^QR code of this offer/);
    expect(images.map((i) => decodeQrPng(i.png))).toEqual([offer.interactionUrl, offer.credentialOffer]);
    const wallet = page.getByRole('link', { name: 'Open in your wallet app (OpenID4VCI)' });
    expect(await wallet.getAttribute('href')).toBe(offer.credentialOffer);
    const lcw = page.getByRole('link', { name: 'Open in Learner Credential Wallet' });
    expect(await lcw.getAttribute('href')).toBe(offer.lcwDeepLink);
    expect(await page.getByRole('button', { name: 'Get it as a file' }).count()).toBe(1);
    expect(await scrollsSideways(page)).toBe(false);
    await page.close();

    // The PNG codes, fetched and decoded by pngjs + jsQR.
    const png = Buffer.from(await (await fetch(offer.qr.png)).arrayBuffer());
    expect(decodeQrPng(png)).toBe(offer.interactionUrl);
    const oid = Buffer.from(await (await fetch(`${offer.qr.png}?protocol=OID4VCI`)).arrayBuffer());
    expect(decodeQrPng(oid)).toBe(offer.credentialOffer);

    const scanned = await openPage(pageUrl, axeContext);
    expect(await axeViolations(scanned.page)).toEqual([]);
    await scanned.page.close();
  });

  it('with a transaction code (OID4VCI tx_code), says the wallet will ask for it and never shows it', async () => {
    const { offer, pageUrl } = await newAward({ txCode: true });
    const { page } = await openPage(pageUrl);
    const text = await page.locator('main').textContent();
    expect(text).toContain('your wallet will ask for a 6-digit code');
    expect(text).not.toContain(offer.txCode);
    expect(await page.content()).not.toContain(offer.txCode);
    await page.close();
  });

  it('offers no file without an email (nothing to bind it to): no form, and a post is refused (422)', async () => {
    const { pageUrl } = await newAward({}, { name: 'Grace Hopper' });
    const { page } = await openPage(pageUrl);
    expect(await page.getByRole('button', { name: 'Get it as a file' }).count()).toBe(0);
    await page.close();
    const res = await post(`${pageUrl}/file`, '', { 'sec-fetch-site': 'same-origin' });
    expect(res.status).toBe(422);
  });

  it('an unknown offer token is a 404 page', async () => {
    const { page, status } = await openPage(`${issuer.url}/interactions/${'A'.repeat(43)}`);
    expect(status).toBe(404);
    expect(await page.locator('h1').textContent()).toBe('Not found');
    await page.close();
  });

  it('a withdrawn offer is a 410 page saying so, and cannot be claimed', async () => {
    const { award, pageUrl } = await newAward();
    const withdrawn = await call(issuer.url, 'POST', `/awards/${award.id}/withdraw`, undefined, TOKENS.full);
    expect(withdrawn.status, withdrawn.text).toBe(200);
    const { page, status } = await openPage(pageUrl);
    expect(status).toBe(410);
    expect(await page.locator('h1').textContent()).toBe('This offer was withdrawn');
    expect(await page.locator('main').textContent()).toContain(`Ask ${ISSUER_NAME} for a new offer.`);
    await page.close();
    const res = await post(`${pageUrl}/file`, '', { 'sec-fetch-site': 'same-origin' });
    expect(res.status).toBe(410);
  });

  it('an expired offer is a 410 page telling the worker to ask the issuer, and cannot be claimed', async () => {
    const { pageUrl } = await newAward({ expiresIn: 60 });
    t += 60_000;
    try {
      const { page, status } = await openPage(pageUrl);
      expect(status).toBe(410);
      expect(await page.locator('h1').textContent()).toBe('This offer has expired');
      expect(await page.locator('main').textContent()).toContain(`Ask ${ISSUER_NAME} for a new offer.`);
      expect(await page.getByRole('button').count()).toBe(0);
      await page.close();
      const res = await post(`${pageUrl}/file`, '', { 'sec-fetch-site': 'same-origin' });
      expect(res.status).toBe(410);
      const scanned = await openPage(pageUrl, axeContext);
      expect(await axeViolations(scanned.page)).toEqual([]);
      await scanned.page.close();
    } finally {
      t = FROZEN_NOW.getTime();
    }
  });
});

describe('Claiming as a file, then sharing (OB 3.0 IdentityObject; WCAG 2.2 AA)', () => {
  let award: { award: any; offer: any; token: string; pageUrl: string };
  let page: Page;
  let credentialId: string;

  beforeAll(async () => {
    award = await newAward();
    page = await axeContext.newPage();
    await page.goto(award.pageUrl);
  });
  afterAll(async () => {
    await page?.close();
  });

  it('"Get it as a file" claims; the credential names the worker by an IdentityObject whose identityHash is "sha256$" + SHA-256(email + salt) (OB 3.0 §B.1.12)', async () => {
    await page.getByRole('button', { name: 'Get it as a file' }).click();
    await page.waitForLoadState();
    expect(page.url()).toBe(award.pageUrl); // 303 back to the page
    const text = await page.locator('main').textContent();
    expect(text).toContain('Claimed on 1 March 2026 at 12:00 UTC with a file from this page');

    const state = await call(issuer.url, 'GET', `/awards/${award.award.id}`, undefined, TOKENS.readOnly);
    expect(state.json.award.state).toBe('claimed');
    expect(state.json.award.claim).toMatchObject({ via: 'file', holder: 'email' });
    credentialId = state.json.award.claim.credentialId;

    const stored = await call(
      issuer.url,
      'GET',
      `/credentials/${encodeURIComponent(credentialId)}`,
      undefined,
      TOKENS.readOnly,
    );
    const subject = stored.json.verifiableCredential.credentialSubject;
    expect(subject.id).toBeUndefined();
    const identifiers = Array.isArray(subject.identifier) ? subject.identifier : [subject.identifier];
    expect(identifiers).toHaveLength(1);
    const identity = identifiers[0];
    expect(identity).toMatchObject({ type: 'IdentityObject', identityType: 'emailAddress', hashed: true });
    expect(identity.salt).toMatch(/^[0-9a-f]{32}$/);
    const expected = `sha256$${createHash('sha256')
      .update(EMAIL + identity.salt)
      .digest('hex')}`;
    expect(identity.identityHash).toBe(expected);

    // The page links the credential page and a download of the credential itself.
    const share = await getShare(issuer.deps, credentialId);
    const link = page.getByRole('link', { name: `${issuer.url}/c/${share!.token}` });
    expect(await link.getAttribute('href')).toBe(`${issuer.url}/c/${share!.token}`);
    const download = await fetch(
      (await page.getByRole('link', { name: 'Download your credential (file)' }).getAttribute('href'))!,
    );
    expect(download.headers.get('content-type')).toMatch(/^application\/vc/);
    expect(download.headers.get('content-disposition')).toMatch(/^attachment; filename=".+\.json"$/);
    expect(await download.json()).toEqual(stored.json.verifiableCredential);

    expect(await scrollsSideways(page)).toBe(false);
    expect(await axeViolations(page)).toEqual([]);
  });

  it('the sharing switch turns the credential page off (its link stops working) and on again; the page says which', async () => {
    const share = await getShare(issuer.deps, credentialId);
    const shareUrl = `${issuer.url}/c/${share!.token}`;
    expect(await page.locator('main').textContent()).toContain('Sharing is on');
    expect((await fetch(`${shareUrl}/progress`)).status).toBe(200);

    await page.getByRole('button', { name: 'Turn sharing off' }).click();
    await page.waitForLoadState();
    expect(page.url()).toBe(award.pageUrl);
    expect(await page.locator('main').textContent()).toContain('Sharing is off');
    expect(await page.getByRole('link', { name: shareUrl }).count()).toBe(0);
    expect((await getShare(issuer.deps, credentialId))?.enabled).toBe(false);
    expect((await fetch(shareUrl)).status).toBe(404);
    expect((await fetch(`${shareUrl}/progress`)).status).toBe(404);
    expect(await axeViolations(page)).toEqual([]);

    await page.getByRole('button', { name: 'Turn sharing on' }).click();
    await page.waitForLoadState();
    expect(await page.locator('main').textContent()).toContain('Sharing is on');
    expect(await getShare(issuer.deps, credentialId)).toMatchObject({ enabled: true, token: share!.token });
    expect((await fetch(shareUrl)).status).toBe(200);
  });

  it('a second claim is refused: a 409 page for a browser, an OFFER_CLAIMED problem for a JSON client', async () => {
    const again = await post(`${award.pageUrl}/file`, '', { 'sec-fetch-site': 'same-origin' });
    expect(again.status).toBe(409);
    expect(again.headers.get('content-type')).toMatch(/^text\/html/);
    expect(await again.text()).toContain('This offer was already claimed');
    const json = await post(`${award.pageUrl}/file`, '', {
      'sec-fetch-site': 'same-origin',
      accept: 'application/json',
    });
    expect(json.status).toBe(409);
    expect(json.headers.get('content-type')).toMatch(/^application\/problem\+json/);
    expect(((await json.json()) as { title: string }).title).toBe('OFFER_CLAIMED');
  });

  it('the switch takes only enabled=on or enabled=off (400), and is refused before the claim (409)', async () => {
    const bad = await post(`${award.pageUrl}/share`, 'enabled=maybe', { 'sec-fetch-site': 'same-origin' });
    expect(bad.status).toBe(400);
    const fresh = await newAward();
    const early = await post(`${fresh.pageUrl}/share`, 'enabled=off', { 'sec-fetch-site': 'same-origin' });
    expect(early.status).toBe(409);
  });
});

describe('Cross-site form posts are refused (Fetch Metadata Sec-Fetch-Site, Origin)', () => {
  let attacker: Server;
  let attackerUrl: string;
  let target: { pageUrl: string; award: any };
  let credentialId: string;

  beforeAll(async () => {
    target = await newAward();
    const claim = await post(`${target.pageUrl}/file`, '', { 'sec-fetch-site': 'same-origin' });
    expect(claim.status).toBe(303);
    const state = await call(issuer.url, 'GET', `/awards/${target.award.id}`, undefined, TOKENS.readOnly);
    credentialId = state.json.award.claim.credentialId;
    // Another site (localhost is not the same site as 127.0.0.1) with a form aimed at the switch.
    attacker = createServer((_req, res) => {
      res.setHeader('content-type', 'text/html');
      res.end(
        `<!doctype html><title>x</title><form method="post" action="${target.pageUrl}/share"><input type="hidden" name="enabled" value="off"><button>Win a prize</button></form>`,
      );
    });
    await new Promise<void>((resolve) => attacker.listen(0, '127.0.0.1', () => resolve()));
    attackerUrl = `http://localhost:${(attacker.address() as AddressInfo).port}/`;
  });
  afterAll(async () => {
    await new Promise<void>((resolve) => attacker?.close(() => resolve()));
  });

  it('a form on another site, submitted in Chromium, gets 403 and the link stays on', async () => {
    const { page } = await openPage(attackerUrl);
    const [response] = await Promise.all([
      page.waitForResponse((r) => r.url() === `${target.pageUrl}/share`),
      page.getByRole('button', { name: 'Win a prize' }).click(),
    ]);
    expect(response.status()).toBe(403);
    expect((await getShare(issuer.deps, credentialId))?.enabled).toBe(true);
    await page.close();
  });

  it('Sec-Fetch-Site cross-site or same-site, or a foreign Origin, is 403; same-origin passes', async () => {
    const foreign: Array<Record<string, string>> = [
      { 'sec-fetch-site': 'cross-site' },
      { 'sec-fetch-site': 'same-site' },
      { origin: 'https://evil.example' },
    ];
    for (const headers of foreign) {
      const res = await post(`${target.pageUrl}/share`, 'enabled=off', headers);
      expect(res.status, JSON.stringify(headers)).toBe(403);
    }
    expect((await getShare(issuer.deps, credentialId))?.enabled).toBe(true);
    const ok = await post(`${target.pageUrl}/share`, 'enabled=off', { origin: issuer.url });
    expect(ok.status).toBe(303);
    expect((await getShare(issuer.deps, credentialId))?.enabled).toBe(false);
  });
});
