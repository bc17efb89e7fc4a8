// The verify page's inputs (issue 11), in headless Chromium against the real issuer app: the
// landing page; files picked (a baked PNG, OB 3.0 §5.3.1 iTXt "openbadgecredential"; a baked SVG,
// §5.3.2 <openbadges:credential>) and dropped (the same-origin script, under the real CSP);
// credential page URLs — this service's own /c/ links read from the store with no network, another
// service's fetched through the guarded fetch, anything else refused in words (SECURITY-CHECKLIST
// N1); refusals as pages with their status (I1 too large → 413, I6 nothing or unreadable → 400);
// the page with scripts off; keyboard only (WCAG 2.2 SC 2.1.1, 2.4.3, 2.4.7); axe-core WCAG 2.2 AA.
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createGuardedFetch, type GuardedFetch } from '@repo/core';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { axeViolations, launchChromium } from '../helpers/browser.ts';
import { handMadePng } from '../helpers/hand-made-png.ts';
import { EXAMPLE_KEY, type IssuerApp, startIssuerApp } from '../helpers/issuer-app.ts';
import {
  errorOf,
  focused,
  issue,
  openForm,
  REGISTERED_NAME,
  registryFor,
  resultOf,
  shareUrlOf,
  startSibling,
  submit,
  verifyPasted,
} from './verify-page-helpers.ts';

const LIMIT = 64 * 1024;
let issuer: IssuerApp;
let browser: Browser;
let strict: BrowserContext;
let axeContext: BrowserContext;
let credential: Record<string, any>;
let shareUrl: string;

beforeAll(async () => {
  issuer = await startIssuerApp({
    loopbackPublicBaseUrl: true,
    bodyLimit: LIMIT,
    trustRegistry: registryFor(EXAMPLE_KEY.controller),
  });
  credential = await issue(issuer);
  shareUrl = await shareUrlOf(issuer, credential.id);
  browser = await launchChromium();
  strict = await browser.newContext();
  axeContext = await browser.newContext({ bypassCSP: true });
}, 60_000);
afterAll(async () => {
  await browser?.close();
  await issuer?.close();
});

async function download(url: string): Promise<Buffer> {
  const res = await fetch(url);
  expect(res.status).toBe(200);
  return Buffer.from(await res.arrayBuffer());
}

/** Console errors of a page (a CSP violation is one). */
function consoleErrors(page: Page): string[] {
  const errors: string[] = [];
  page.on('console', (m) => {
    if (m.type() === 'error') errors.push(m.text());
  });
  page.on('pageerror', (e) => errors.push(String(e)));
  return errors;
}

describe('GET / and GET /verify', () => {
  it('the landing page links to the verify page, the API reference and the OpenAPI description; no framing; axe finds no WCAG 2.2 AA violation', async () => {
    const page = await axeContext.newPage();
    const res = await page.goto(`${issuer.url}/`);
    expect(res?.status()).toBe(200);
    expect(res?.headers()['x-frame-options']).toBe('DENY');
    expect(res?.headers()['content-security-policy']).toContain("frame-ancestors 'none'");
    const hrefs = await page.locator('main a').evaluateAll((as) => as.map((a) => (a as any).href as string));
    expect(hrefs).toEqual([
      `${issuer.url}/verify`,
      `${issuer.url}/api`,
      `${issuer.url}/openapi.json`,
      `${issuer.url}/problems`,
    ]);
    expect(await axeViolations(page)).toEqual([]);
    await page.close();
  });

  it('the empty form: axe finds no violation; under the real CSP the same-origin script runs (the drop hint appears) with no console error, and no external request is made', async () => {
    const page = await axeContext.newPage();
    await openForm(page, issuer.url);
    expect(await axeViolations(page)).toEqual([]);
    await page.close();

    const real = await strict.newPage();
    const errors = consoleErrors(real);
    const requested: string[] = [];
    real.on('request', (r) => requested.push(r.url()));
    await openForm(real, issuer.url);
    await real.waitForSelector('#file-drop-hint:not([hidden])');
    expect(await real.locator('#file-field').getAttribute('class')).toContain('drop-ready');
    expect(errors).toEqual([]);
    expect(requested.every((u) => u.startsWith(`${issuer.url}/`))).toBe(true);
    expect(requested).toEqual(
      expect.arrayContaining([`${issuer.url}/verify/verify.js`, `${issuer.url}/verify/verify.css`]),
    );
    const script = await fetch(`${issuer.url}/verify/verify.js`);
    expect(script.headers.get('content-type')).toBe('text/javascript; charset=utf-8');
    await real.close();
  });

  it('with scripts off the form still verifies a pasted credential (the drop hint stays hidden)', async () => {
    const noScript = await browser.newContext({ javaScriptEnabled: false });
    const page = await noScript.newPage();
    await openForm(page, issuer.url);
    expect(await page.locator('#file-drop-hint').isHidden()).toBe(true);
    const res = await verifyPasted(page, issuer.url, JSON.stringify(credential));
    expect(res.status()).toBe(200);
    expect((await resultOf(page)).answer.startsWith('Valid:')).toBe(true);
    await noScript.close();
  });
});

describe('files: baked badge images picked and dropped', () => {
  it('OB 3.0 §5.3.1: the baked PNG from /c/:token/badge.png, picked as a file → valid, registered', async () => {
    const png = await download(`${shareUrl}/badge.png`);
    const page = await strict.newPage();
    await openForm(page, issuer.url);
    await page.setInputFiles('#file', { name: 'badge.png', mimeType: 'image/png', buffer: png });
    expect((await submit(page)).status()).toBe(200);
    const r = await resultOf(page);
    expect(r.answer).toBe(
      `Valid: authentic, unchanged, not revoked or suspended, and current; issued by ${REGISTERED_NAME} (registered).`,
    );
    expect(r.text).toContain('the credential was read from the file badge.png');
    expect(r.machine.credentialId).toBe(credential.id);
    await page.close();
  });

  it('OB 3.0 §5.3.2: the baked SVG from /c/:token/badge.svg, picked as a file → valid', async () => {
    const svg = await download(`${shareUrl}/badge.svg`);
    const page = await axeContext.newPage();
    await openForm(page, issuer.url);
    await page.setInputFiles('#file', { name: 'badge.svg', mimeType: 'image/svg+xml', buffer: svg });
    await submit(page);
    const r = await resultOf(page);
    expect(r.answer.startsWith('Valid:')).toBe(true);
    expect(r.machine.credentialId).toBe(credential.id);
    expect(await axeViolations(page)).toEqual([]);
    await page.close();
  });

  it('the baked SVG dropped onto the file field (the progressive enhancement, under the real CSP) is chosen, announced and verified', async () => {
    const svg = (await download(`${shareUrl}/badge.svg`)).toString('utf8');
    const page = await strict.newPage();
    await openForm(page, issuer.url);
    await page.waitForSelector('#file-field.drop-ready');
    await page.evaluate((text) => {
      const g = globalThis as any;
      const data = new g.DataTransfer();
      data.items.add(new g.File([text], 'dropped-badge.svg', { type: 'image/svg+xml' }));
      const zone = g.document.getElementById('file-field');
      zone.dispatchEvent(new g.DragEvent('dragover', { dataTransfer: data, bubbles: true, cancelable: true }));
      zone.dispatchEvent(new g.DragEvent('drop', { dataTransfer: data, bubbles: true, cancelable: true }));
    }, svg);
    expect(await page.locator('#file-status').textContent()).toBe('Chosen: dropped-badge.svg');
    expect(await page.locator('#file').evaluate((i) => (i as any).files.length)).toBe(1);
    await submit(page);
    const r = await resultOf(page);
    expect(r.answer.startsWith('Valid:')).toBe(true);
    expect(r.text).toContain('the credential was read from the file dropped-badge.svg');
    await page.close();
  });
});

describe('credential page URLs', () => {
  let sibling: { url: string; close(): Promise<void> };
  let other: Server;
  let otherPort: number;
  const otherRequests: string[] = [];
  const publicFetches: string[] = [];
  const otherToken = 'o'.repeat(43);
  const jwtOnlyToken = 'j'.repeat(43);
  let jwt: string;

  beforeAll(async () => {
    const envelope = await issue(issuer, { format: 'jwt' });
    jwt = envelope.id.slice(envelope.id.indexOf(',') + 1);
    // "Another service": answers its share links' downloads as this software does.
    other = createServer((req, res) => {
      otherRequests.push(req.url ?? '');
      if (req.url === `/c/${otherToken}/credential.json`)
        return void res.writeHead(200, { 'content-type': 'application/vc' }).end(JSON.stringify(credential));
      if (req.url === `/c/${jwtOnlyToken}/credential.jwt`)
        return void res.writeHead(200, { 'content-type': 'application/vc+jwt' }).end(jwt);
      res.writeHead(404, { 'content-type': 'text/html' }).end('<p>not available</p>');
    });
    await new Promise<void>((r) => other.listen(0, '127.0.0.1', r));
    otherPort = (other.address() as AddressInfo).port;
    // TESTS ONLY: the guarded fetch with http allowed and one made-up host routed to loopback; every
    // fetch is recorded, so "no network" for this service's own links is observable.
    const guarded = createGuardedFetch({
      allowHttp: true,
      lookup: async () => [{ address: '127.0.0.1', family: 4 }],
      unsafeAllowPrivateForTests: ['127.0.0.1'],
    });
    const fetchPublic: GuardedFetch = (url, opts) => {
      publicFetches.push(url);
      return guarded(url, opts);
    };
    sibling = await startSibling({ ...issuer.deps, fetchPublic });
  });
  afterAll(async () => {
    await sibling?.close();
    await new Promise<void>((r) => other?.close(() => r()));
  });

  async function verifyUrl(base: string, url: string) {
    const page = await strict.newPage();
    await openForm(page, base);
    await page.fill('#url', url);
    const res = await submit(page);
    return { page, status: res.status() };
  }

  it("this service's own /c/ link is read from the store: valid, and nothing is fetched", async () => {
    const before = publicFetches.length;
    const { page, status } = await verifyUrl(sibling.url, shareUrl);
    expect(status).toBe(200);
    const r = await resultOf(page);
    expect(r.answer.startsWith('Valid:')).toBe(true);
    expect(r.text).toContain(`read from this service’s credential page ${shareUrl}`);
    expect(publicFetches.length).toBe(before);
    await page.close();
  });

  it("another service's /c/ link is fetched as its credential.json through the guarded fetch (and credential.jwt when it has no JSON)", async () => {
    const link = `http://other-issuer.test:${otherPort}/c/${otherToken}`;
    const { page, status } = await verifyUrl(sibling.url, link);
    expect(status).toBe(200);
    expect((await resultOf(page)).answer.startsWith('Valid:')).toBe(true);
    expect(otherRequests).toContain(`/c/${otherToken}/credential.json`);
    await page.close();

    const jwtLink = `http://other-issuer.test:${otherPort}/c/${jwtOnlyToken}`;
    const second = await verifyUrl(sibling.url, jwtLink);
    const r = await resultOf(second.page);
    expect(r.answer.startsWith('Valid:')).toBe(true);
    expect(otherRequests).toEqual(
      expect.arrayContaining([`/c/${jwtOnlyToken}/credential.json`, `/c/${jwtOnlyToken}/credential.jwt`]),
    );
    await second.page.close();
  });

  it('an address that answers 404 is a 502 page saying so', async () => {
    const { page, status } = await verifyUrl(sibling.url, `http://other-issuer.test:${otherPort}/c/${'x'.repeat(43)}`);
    expect(status).toBe(502);
    expect(await errorOf(page)).toEqual({
      title: 'Error 502: the address could not be read',
      detail: 'That address answered HTTP 404 (not found: the link may be wrong or turned off).',
    });
    await page.close();
  });

  const refused: Array<[string, string, number, string]> = [
    [
      'N1 an IP literal',
      'https://127.0.0.1/assertions/1',
      400,
      'That address is on a private or local network; only public https addresses are fetched.',
    ],
    [
      'N1 localhost',
      'https://localhost/assertions/1',
      400,
      'That address is on a private or local network; only public https addresses are fetched.',
    ],
    [
      'plain http',
      'http://badges.example.org/assertions/1',
      400,
      'Only https addresses are fetched (or this service’s own credential links), not http ones.',
    ],
    [
      'a file: URL',
      'file:///etc/passwd',
      400,
      'Only https addresses are fetched (or this service’s own credential links), not file ones.',
    ],
    ['not a URL', 'my badge', 400, 'That is not a web address: give a full https link.'],
  ];
  for (const [what, url, status, detail] of refused) {
    it(`refuses ${what} in words, before any request`, async () => {
      const { page, status: got } = await verifyUrl(issuer.url, url);
      expect(got).toBe(status);
      expect((await errorOf(page)).detail).toBe(detail);
      expect(await page.inputValue('#url')).toBe(url);
      expect(await page.locator('#url').getAttribute('aria-invalid')).toBe('true');
      await page.close();
    });
  }

  it("N1 the production guarded fetch refuses another service's link on localhost, in words", async () => {
    const { page, status } = await verifyUrl(issuer.url, `https://localhost/c/${otherToken}`);
    expect(status).toBe(400);
    expect((await errorOf(page)).detail).toBe(
      'That address is on a private or local network; only public https addresses are fetched.',
    );
    await page.close();
  });

  it("this service's other addresses, and an unknown /c/ link, are refused", async () => {
    const a = await verifyUrl(issuer.url, `${issuer.url}/credentials/verify`);
    expect(a.status).toBe(400);
    expect((await errorOf(a.page)).detail).toBe(
      'Of this service’s own addresses, only credential page links (…/c/…) can be verified.',
    );
    await a.page.close();
    const b = await verifyUrl(issuer.url, `${issuer.url}/c/${'u'.repeat(43)}`);
    expect(b.status).toBe(404);
    expect((await errorOf(b.page)).detail).toBe(
      'There is no credential at this link: it may be incomplete, or its owner may have turned it off.',
    );
    await b.page.close();
  });
});

describe('refusals are pages with their status code, never a JSON problem', () => {
  it('I6 nothing given → 400, the error summary focused and linking to the paste box; axe finds no violation', async () => {
    const page = await axeContext.newPage();
    await openForm(page, issuer.url);
    const res = await submit(page);
    expect(res.status()).toBe(400);
    expect(res.headers()['content-type']).toBe('text/html; charset=utf-8');
    expect(res.headers()['cache-control']).toBe('no-store');
    expect(await errorOf(page)).toEqual({
      title: 'Error 400: the submission could not be used',
      detail: 'Nothing to verify: paste a credential, choose a file, or give the address of a credential page.',
    });
    expect(await page.title()).toBe('Error 400: verify a credential');
    expect(await focused(page)).toBe('error-summary');
    expect(await page.locator('#error-summary a').getAttribute('href')).toBe('#credential');
    expect(await axeViolations(page)).toEqual([]);
    await page.close();
  });

  it('I1 a file over the body limit → 413, and the next request is served', async () => {
    const page = await strict.newPage();
    await openForm(page, issuer.url);
    await page.setInputFiles('#file', { name: 'huge.png', mimeType: 'image/png', buffer: Buffer.alloc(LIMIT + 1, 1) });
    const res = await submit(page);
    expect(res.status()).toBe(413);
    expect(await errorOf(page)).toEqual({
      title: 'Error 413: too large',
      detail: `The submission is larger than ${LIMIT / 1024} KB, the most this service reads. A credential, even baked into a badge image, is usually far smaller: check that this is the right file.`,
    });
    expect((await verifyPasted(page, issuer.url, JSON.stringify(credential))).status()).toBe(200);
    await page.close();
  });

  it('unreadable files: bytes that are no credential → 400; a PNG with nothing baked in → 422; a JPEG → 415', async () => {
    const page = await strict.newPage();
    const cases: Array<[string, string, Buffer, number, RegExp]> = [
      ['noise.bin', 'application/octet-stream', Buffer.from([0, 159, 146, 150, 255, 0, 1]), 400, /not JSON, not a JWT/],
      ['plain.png', 'image/png', handMadePng(), 422, /carries no badge/i],
      ['photo.jpg', 'image/jpeg', Buffer.from([0xff, 0xd8, 0xff, 0xe0]), 415, /image\/jpeg image cannot carry a badge/],
    ];
    for (const [name, mimeType, buffer, status, detail] of cases) {
      await openForm(page, issuer.url);
      await page.setInputFiles('#file', { name, mimeType, buffer });
      const res = await submit(page);
      expect([name, res.status()]).toEqual([name, status]);
      expect((await errorOf(page)).detail).toMatch(detail);
      expect(await page.locator('#file').getAttribute('aria-invalid')).toBe('true');
    }
    await page.close();
  });

  it('two inputs at once, and a malformed email, are refused with what was typed kept', async () => {
    const page = await strict.newPage();
    await openForm(page, issuer.url);
    await page.fill('#credential', '{"a":1}');
    await page.fill('#url', shareUrl);
    expect((await submit(page)).status()).toBe(400);
    expect((await errorOf(page)).detail).toBe(
      'Give one credential at a time: paste it, choose a file, or give its address — not more than one of these.',
    );
    expect(await page.inputValue('#credential')).toBe('{"a":1}');
    expect(await page.inputValue('#url')).toBe(shareUrl);

    await page.fill('#url', '');
    await page.fill('#credential', JSON.stringify(credential));
    await page.fill('#email', 'not an address');
    expect((await submit(page)).status()).toBe(400);
    expect((await errorOf(page)).detail).toBe('That email address is not valid: it should look like name@example.org.');
    expect(await page.locator('#email').getAttribute('aria-invalid')).toBe('true');
    expect(await page.inputValue('#email')).toBe('not an address');
    await page.close();
  });

  it('I6 a POST that is not a form → 415 page; PUT /verify → 405', async () => {
    const res = await fetch(`${issuer.url}/verify`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(credential),
    });
    expect(res.status).toBe(415);
    expect(res.headers.get('content-type')).toBe('text/html; charset=utf-8');
    expect(await res.text()).toContain('Send the verify form as multipart/form-data');
    expect((await fetch(`${issuer.url}/verify`, { method: 'PUT' })).status).toBe(405);
  });
});

describe('WCAG 2.2 SC 1.4.10 Reflow', () => {
  it('at 320 px wide, the form, a refusal and a result need no sideways scrolling', async () => {
    const narrow = await browser.newContext({ viewport: { width: 320, height: 800 } });
    const page = await narrow.newPage();
    // The page's scroll width (320 when nothing overflows), or the elements that stick out.
    const overflow = () =>
      page.evaluate(() => {
        const d = (globalThis as any).document;
        const wide = [...d.querySelectorAll('main *')].filter((e: any) => e.getBoundingClientRect().right > 321);
        return wide.length
          ? wide.map((e: any) => `${e.tagName}#${e.id}.${e.className}`).join(' ')
          : (d.documentElement.scrollWidth as number);
      });
    await openForm(page, issuer.url);
    expect(await overflow()).toBe(320);
    await submit(page);
    expect(await overflow()).toBe(320);
    await verifyPasted(page, issuer.url, JSON.stringify(credential), 'ada@example.org');
    expect((await resultOf(page)).answer.startsWith('Valid:')).toBe(true);
    expect(await overflow()).toBe(320);
    await narrow.close();
  });
});

describe('keyboard only (WCAG 2.2 SC 2.1.1 Keyboard, 2.4.3 Focus Order, 2.4.7 Focus Visible)', () => {
  it('Tab reaches each control in order; paste, type, submit with Enter; Tab reaches the result links and the details toggle, Enter opens it', async () => {
    const page = await strict.newPage();
    await openForm(page, issuer.url);
    const order: string[] = [];
    for (let i = 0; i < 5; i++) {
      await page.keyboard.press('Tab');
      order.push(await focused(page));
      if (i === 0) await page.keyboard.insertText(JSON.stringify(credential));
      if (i === 3) await page.keyboard.type('ada@example.org');
    }
    expect(order).toEqual(['credential', 'file', 'url', 'email', 'BUTTON']);
    // Focus is visible: the focused control has an outline (SC 2.4.7).
    expect(
      await page.evaluate(
        () => (globalThis as any).getComputedStyle((globalThis as any).document.activeElement).outlineStyle,
      ),
    ).toBe('solid');
    const res = await submit(page, () => page.keyboard.press('Enter'));
    expect(res.status()).toBe(200);
    expect((await resultOf(page)).answer.startsWith('Valid:')).toBe(true);

    const seen: string[] = [];
    for (let i = 0; i < 30 && seen.at(-1) !== 'SUMMARY'; i++) {
      await page.keyboard.press('Tab');
      seen.push(await focused(page));
    }
    expect(seen[0]).toBe('A'); // "Verify another credential"
    expect(seen.at(-1)).toBe('SUMMARY');
    expect(await page.locator('#machine-result').getAttribute('open')).toBeNull();
    await page.keyboard.press('Enter');
    expect(await page.locator('#machine-result').getAttribute('open')).toBe('');
    await page.keyboard.press('Space');
    expect(await page.locator('#machine-result').getAttribute('open')).toBeNull();
    await page.close();
  });

  it('Space on the Verify button submits; the refusal takes focus, and its link leads to the field', async () => {
    const page = await strict.newPage();
    await openForm(page, issuer.url);
    for (let i = 0; i < 5; i++) await page.keyboard.press('Tab');
    expect(await focused(page)).toBe('BUTTON');
    const res = await submit(page, () => page.keyboard.press('Space'));
    expect(res.status()).toBe(400);
    expect(await focused(page)).toBe('error-summary');
    await page.keyboard.press('Tab');
    expect(await page.evaluate(() => (globalThis as any).document.activeElement.getAttribute('href'))).toBe(
      '#credential',
    );
    await page.keyboard.press('Enter');
    await page.keyboard.press('Tab');
    // From the field the link led to, Tab moves on to the next control.
    expect(await focused(page)).toBe('file');
    await page.close();
  });
});
