// The public credential page (issue 10): reached by an unguessable share link the worker controls;
// shows the achievement, issuer, dates and the LIVE status; downloads the credential (JSON, JWT)
// and baked badges (Open Badges 3.0 §5.3); "Verify this credential" renders every check. Driven in
// headless Chromium (playwright-core) and scanned with axe-core for WCAG 2.2 AA; baked images are
// read back with png-chunks-extract and pngjs — independent readers.
import { readFileSync } from 'node:fs';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { PNG_CREDENTIAL_KEYWORD, unbakeSvg } from '@repo/core';
import { claimAward, getShare, setShare } from '@repo/issuer';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import extractChunks from 'png-chunks-extract';
import { PNG } from 'pngjs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BADGE_COLOURS } from '../../packages/issuer/src/pages/draw-badge-png.ts';
import { awardTemplate } from '../helpers/awards.ts';
import { axeViolations, launchChromium } from '../helpers/browser.ts';
import { createTestKey } from '../helpers/credential-factory.ts';
import { FROZEN_NOW, type IssuerApp, startIssuerApp, TOKENS } from '../helpers/issuer-app.ts';
import { call } from '../helpers/issuer-process.ts';

const fixture = JSON.parse(readFileSync(new URL('../fixtures/ob3-certification.json', import.meta.url), 'utf8'));
const ACHIEVEMENT = fixture.credentialSubject.achievement.name as string;
const ISSUER_NAME = fixture.issuer.name as string;
const EMAIL = 'Ada.Lovelace@Example.org';

let issuer: IssuerApp;
let browser: Browser;
let context: BrowserContext;
let holder: string;
let t = FROZEN_NOW.getTime(); // moved only forward, by the last test

beforeAll(async () => {
  issuer = await startIssuerApp({ loopbackPublicBaseUrl: true, clock: () => new Date(t) });
  holder = (await createTestKey()).controller;
  browser = await launchChromium();
  // The pages forbid every script (CSP); axe-core is injected by the test, so the test context bypasses CSP.
  context = await browser.newContext({ bypassCSP: true });
}, 60_000);
afterAll(async () => {
  await browser?.close();
  await issuer?.close();
});

/** An award made over HTTP and claimed by the holder's did:key: its record and share page URL. */
async function claimed(options?: Record<string, unknown>, change?: (c: any) => void) {
  const res = await call(
    issuer.url,
    'POST',
    '/awards',
    {
      credential: awardTemplate(change),
      recipient: { name: 'Ada Lovelace', email: EMAIL },
      ...(options && { options }),
    },
    TOKENS.full,
  );
  expect(res.status, res.text).toBe(201);
  const { record, share } = await claimAward(issuer.deps, res.json.award.id, { holderDid: holder, via: 'vcapi' });
  return { record, share, url: `${issuer.url}/c/${share.token}` };
}

async function setStatus(credentialId: string, status: 'revoked' | 'suspended' | 'unsuspended') {
  const body = { credentialId, credentialStatus: [{ type: 'BitstringStatusListEntry', status }] };
  const res = await call(issuer.url, 'POST', '/credentials/status', body, TOKENS.statusOnly);
  expect(res.status, res.text).toBe(200);
}

async function statusText(page: Page): Promise<string> {
  return ((await page.locator('strong.status').textContent()) ?? '').trim();
}

/** POST /credentials/verify with a credential (object) or a compact JWS. */
async function verifyOverHttp(credential: Record<string, unknown> | string) {
  const res = await fetch(`${issuer.url}/credentials/verify`, {
    method: 'POST',
    headers: { 'content-type': typeof credential === 'string' ? 'application/vc+jwt' : 'application/json' },
    body: typeof credential === 'string' ? credential : JSON.stringify({ verifiableCredential: credential }),
  });
  return { status: res.status, json: (await res.json()) as any };
}

/** The text of every iTXt chunk with our keyword, read with png-chunks-extract (PNG §11.3.4.5 layout). */
function bakedTexts(png: Uint8Array): string[] {
  return extractChunks(png)
    .filter((c) => c.name === 'iTXt')
    .map((c) => Buffer.from(c.data))
    .filter((b) => b.toString('latin1', 0, b.indexOf(0)) === PNG_CREDENTIAL_KEYWORD)
    .map((b) => {
      const k = b.indexOf(0);
      expect(b[k + 1]).toBe(0); // not compressed
      const lang = b.indexOf(0, k + 3);
      return b.toString('utf8', b.indexOf(0, lang + 1) + 1);
    });
}

async function download(url: string) {
  const res = await fetch(url);
  return { res, bytes: new Uint8Array(await res.arrayBuffer()) };
}

describe('the credential page (WCAG 2.2 AA, axe-core in headless Chromium)', () => {
  it('WCAG 2.2 AA: shows the achievement, issuer and live status "Valid"; after POST /credentials/status revokes it, a reload says revoked', async () => {
    const { record, url } = await claimed();
    const page = await context.newPage();
    const res = await page.goto(url);
    expect(res?.status()).toBe(200);
    const headers = res!.headers();
    expect(headers['cache-control']).toBe('no-store');
    expect(headers['x-robots-tag']).toBe('noindex');
    expect(headers['referrer-policy']).toBe('no-referrer');
    expect((await page.locator('h1').textContent())?.trim()).toBe(ACHIEVEMENT);
    const text = (await page.locator('main').textContent()) ?? '';
    expect(text).toContain(ISSUER_NAME);
    expect(text).toContain(issuer.deps.key.controller);
    expect(text).toContain(fixture.credentialSubject.achievement.criteria.narrative);
    expect(text).toContain(holder);
    expect(text).toContain('1 March 2026'); // issued (frozen clock)
    expect(text).toContain('30 June 2029'); // validUntil
    expect(await statusText(page)).toBe('Valid');
    // Without an image of its own, the achievement is shown with the generated badge (badge.png),
    // loaded under the page's real CSP (this page is not in the CSP-bypassing axe context).
    const strict = await browser.newPage();
    await strict.goto(url);
    const badge = strict.locator('main img').first();
    expect(await badge.getAttribute('src')).toBe(`${url}/badge.png`);
    expect(await badge.evaluate((img) => (img as unknown as { naturalWidth: number }).naturalWidth)).toBe(256);
    await strict.close();
    // The recipient only as the credential names them: never the email, nor its hash.
    const html = await page.content();
    expect(html.toLowerCase()).not.toContain(EMAIL.toLowerCase());
    const identifier = (record.credential.credentialSubject as any).identifier[0];
    expect(html).not.toContain(identifier.identityHash);
    expect(text).toContain('an email address (kept only as a salted hash)');
    expect(await page.locator('script').count()).toBe(0);
    expect(await axeViolations(page)).toEqual([]);

    try {
      await setStatus(record.id, 'revoked');
      await page.reload();
      expect(await statusText(page)).toBe('Revoked by the issuer on 1 March 2026');
      expect(await axeViolations(page)).toEqual([]);
    } finally {
      await page.close();
    }
  });

  it('WCAG 2.2 AA: "Verify this credential" renders every check in plain words and how to verify independently; both pages reflow at 320 px (SC 1.4.10)', async () => {
    const { url } = await claimed({ format: 'di+jwt' });
    const page = await context.newPage();
    await page.setViewportSize({ width: 320, height: 640 });
    const scrollWidth = () => page.evaluate(() => (globalThis as any).document.documentElement.scrollWidth);
    try {
      await page.goto(url);
      expect(await scrollWidth()).toBeLessThanOrEqual(320);
      await page.getByRole('link', { name: 'Verify this credential' }).click();
      expect(page.url()).toBe(`${url}/verify`);
      expect(await scrollWidth()).toBeLessThanOrEqual(320);
      const rows = await page
        .locator('ul.checks li')
        .evaluateAll((lis) =>
          lis.map((li) => [
            li.querySelector('.check-name')!.textContent!.trim(),
            li.querySelector('.check-outcome')!.textContent!.trim(),
          ]),
        );
      expect(rows).toEqual(
        expect.arrayContaining([
          ['Issuer’s signature', 'Passed'],
          ['Dates (valid from, valid until)', 'Passed'],
          ['Revocation and suspension', 'Passed'],
        ]),
      );
      expect(rows.every(([, outcome]) => outcome !== 'Failed' && outcome !== 'Could not check')).toBe(true);
      const text = (await page.locator('main').textContent()) ?? '';
      expect(text).toContain(`curl -X POST ${issuer.url}/credentials/verify`);
      expect(await axeViolations(page)).toEqual([]);
    } finally {
      await page.close();
    }
  });

  it('a share link turned off (setShare) answers the same 404 page as a link that never existed, for the page and every download', async () => {
    const { record, share, url } = await claimed();
    await setShare(issuer.deps, record.id, false);
    const page = await context.newPage();
    try {
      const res = await page.goto(url);
      expect(res?.status()).toBe(404);
      expect(res!.headers()['cache-control']).toBe('no-store');
      expect(res!.headers()['x-robots-tag']).toBe('noindex');
      expect(res!.headers()['referrer-policy']).toBe('no-referrer');
      expect((await page.locator('h1').textContent())?.trim()).toBe('This link is not available');
      expect(await axeViolations(page)).toEqual([]);
    } finally {
      await page.close();
    }
    const off = await (await fetch(url)).text();
    const unknown = await fetch(`${issuer.url}/c/${'A'.repeat(43)}`);
    expect(unknown.status).toBe(404);
    expect(await unknown.text()).toBe(off);
    expect((await fetch(`${issuer.url}/c/not-a-token`)).status).toBe(404);
    for (const file of ['verify', 'credential.json', 'badge.png', 'badge.svg']) {
      expect((await fetch(`${url}/${file}`)).status, file).toBe(404);
    }
    // On again: the same link works again.
    await setShare(issuer.deps, record.id, true);
    expect((await getShare(issuer.deps, record.id))?.token).toBe(share.token);
    expect((await fetch(url)).status).toBe(200);
  });
});

describe('Open Badges 3.0 §5.3 baked badge downloads', () => {
  it('OB 3.0 §5.3.1: badge.png holds one uncompressed iTXt "openbadgecredential" chunk (png-chunks-extract) whose credential verifies', async () => {
    const { record, url } = await claimed();
    const { res, bytes } = await download(`${url}/badge.png`);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('image/png');
    expect(res.headers.get('content-disposition')).toBe('attachment; filename="badge.png"');
    expect(res.headers.get('cache-control')).toBe('no-store');
    const texts = bakedTexts(bytes);
    expect(texts).toHaveLength(1);
    const credential = JSON.parse(texts[0]!);
    expect(credential).toEqual(record.credential);
    const verified = await verifyOverHttp(credential);
    expect(verified.status, JSON.stringify(verified.json.problems)).toBe(200);
    expect(verified.json.verified).toBe(true);
    // No usable image in the achievement: the generated badge, 256 × 256, transparent corners,
    // a disc in one of the badge colours, the same bytes every time.
    const image = PNG.sync.read(Buffer.from(bytes));
    expect([image.width, image.height]).toEqual([256, 256]);
    expect(image.data[3]).toBe(0);
    const at = (12 * 256 + 128) * 4; // on the disc, outside the white ring (radius 116 of 124)
    const hex = `#${[0, 1, 2].map((k) => image.data[at + k]!.toString(16).padStart(2, '0')).join('')}`;
    expect(BADGE_COLOURS).toContain(hex);
    expect(Buffer.from((await download(`${url}/badge.png`)).bytes).equals(Buffer.from(bytes))).toBe(true);
  });

  it('OB 3.0 §5.3.2: badge.svg carries the credential in <openbadges:credential>; unbaked, it verifies', async () => {
    const { record, url } = await claimed();
    const { res, bytes } = await download(`${url}/badge.svg`);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toMatch(/^image\/svg\+xml/);
    expect(res.headers.get('content-disposition')).toBe('attachment; filename="badge.svg"');
    expect(res.headers.get('content-security-policy')).toContain('sandbox');
    const svg = Buffer.from(bytes).toString('utf8');
    expect(svg).toContain('xmlns:openbadges="https://purl.imsglobal.org/ob/v3p0"');
    expect(svg).toContain(`<title id="badge-title">${ACHIEVEMENT}</title>`);
    const credential = unbakeSvg(svg);
    expect(credential).toEqual(record.credential);
    const verified = await verifyOverHttp(credential as Record<string, unknown>);
    expect(verified.json.verified).toBe(true);
  });

  it('OB 3.0 §5.3 with a VC-JWT credential (format "jwt"): the PNG and SVG carry the compact JWS, which verifies; the page offers the .jwt', async () => {
    const { record, url } = await claimed({ format: 'jwt' });
    expect(record.jwt).toBeDefined();
    expect(record.credential.proof).toBeUndefined();
    const page = await context.newPage();
    try {
      await page.goto(url);
      expect(await statusText(page)).toBe('Valid');
      expect(await page.getByRole('link', { name: 'Download credential (.jwt)' }).count()).toBe(1);
    } finally {
      await page.close();
    }
    const jwt = await download(`${url}/credential.jwt`);
    expect(jwt.res.headers.get('content-type')).toMatch(/^application\/vc\+jwt/);
    expect(Buffer.from(jwt.bytes).toString('utf8')).toBe(record.jwt);
    const png = bakedTexts((await download(`${url}/badge.png`)).bytes);
    expect(png).toEqual([record.jwt]);
    expect((await verifyOverHttp(png[0]!)).json.verified).toBe(true);
    const svg = Buffer.from((await download(`${url}/badge.svg`)).bytes).toString('utf8');
    expect(svg).toContain(`<openbadges:credential verify="${record.jwt}">`);
    expect(unbakeSvg(svg)).toBe(record.jwt);
    // The .json of a JWT-only credential is its VC 2.0 EnvelopedVerifiableCredential (§4.13.1).
    const json = JSON.parse(Buffer.from((await download(`${url}/credential.json`)).bytes).toString('utf8'));
    expect(json.type).toBe('EnvelopedVerifiableCredential');
    expect((await verifyOverHttp(json)).json.verified).toBe(true);
  });

  it('credential.json is the signed credential as an attachment; a Data Integrity credential has no .jwt', async () => {
    const { record, url } = await claimed();
    const json = await download(`${url}/credential.json`);
    expect(json.res.headers.get('content-disposition')).toBe('attachment; filename="credential.json"');
    expect(JSON.parse(Buffer.from(json.bytes).toString('utf8'))).toEqual(record.credential);
    expect((await fetch(`${url}/credential.jwt`)).status).toBe(404);
  });

  it("bakes the achievement's own PNG (a data: URL) and never fetches a remote image", async () => {
    // A 3 × 2 PNG drawn with pngjs (not our writer).
    const own = new PNG({ width: 3, height: 2 });
    own.data.fill(200);
    const ownBytes = PNG.sync.write(own);
    const withData = await claimed(undefined, (c) => {
      c.credentialSubject.achievement.image = {
        id: `data:image/png;base64,${ownBytes.toString('base64')}`,
        type: 'Image',
        caption: 'A grey square',
      };
    });
    const baked = (await download(`${withData.url}/badge.png`)).bytes;
    const image = PNG.sync.read(Buffer.from(baked));
    expect([image.width, image.height]).toEqual([3, 2]);
    expect(JSON.parse(bakedTexts(baked)[0]!)).toEqual(withData.record.credential);
    const page = await context.newPage();
    try {
      await page.goto(withData.url);
      expect(await page.getByRole('img', { name: 'A grey square' }).count()).toBe(1);
    } finally {
      await page.close();
    }

    let requests = 0;
    const server = createServer((_req, res) => {
      requests++;
      res.end();
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    try {
      const port = (server.address() as AddressInfo).port;
      const remote = await claimed(undefined, (c) => {
        c.credentialSubject.achievement.image = { id: `http://127.0.0.1:${port}/badge.png`, type: 'Image' };
      });
      const generated = PNG.sync.read(Buffer.from((await download(`${remote.url}/badge.png`)).bytes));
      expect([generated.width, generated.height]).toEqual([256, 256]);
      await download(`${remote.url}/badge.svg`);
      await fetch(remote.url);
      expect(requests).toBe(0);
    } finally {
      server.close();
    }
  });
});

describe('POST /credentials/:id/share (scope write:/credentials/status)', () => {
  async function issued(): Promise<string> {
    const credential = awardTemplate((c) => (c.credentialSubject.id = holder));
    const res = await call(issuer.url, 'POST', '/credentials/issue', { credential }, TOKENS.full);
    expect(res.status, res.text).toBe(201);
    return res.json.verifiableCredential.id;
  }
  const share = (id: string, body: unknown, token: string | null = TOKENS.statusOnly) =>
    call(issuer.url, 'POST', `/credentials/${encodeURIComponent(id)}/share`, body, token ?? undefined);

  it('turns the page of a directly issued credential on and off: { shareUrl, enabled }', async () => {
    const id = await issued();
    const on = await share(id, { enabled: true });
    expect(on.status, on.text).toBe(200);
    expect(on.headers.get('cache-control')).toBe('no-store');
    expect(on.json).toEqual({ shareUrl: expect.stringMatching(/\/c\/[A-Za-z0-9_-]{43}$/), enabled: true });
    expect(on.json.shareUrl.startsWith(`${issuer.url}/c/`)).toBe(true);
    expect((await fetch(on.json.shareUrl)).status).toBe(200);
    const off = await share(id, { enabled: false });
    expect(off.json).toEqual({ shareUrl: on.json.shareUrl, enabled: false });
    expect((await fetch(on.json.shareUrl)).status).toBe(404);
  });

  it('refuses a claimed credential (its holder decides, 409), an unknown id (404) and a malformed body (400, I3)', async () => {
    const { record } = await claimed();
    expect((await share(record.id, { enabled: false })).status).toBe(409);
    expect((await share('urn:uuid:00000000-0000-4000-8000-00000000beef', { enabled: true })).status).toBe(404);
    const id = await issued();
    const bad = await share(id, { enabled: 'yes' });
    expect(bad.status).toBe(400);
    expect(bad.json.pointer).toBe('/enabled');
    expect((await share(id, { enabled: true, extra: 1 })).json.pointer).toBe('/extra');
  });

  it('needs a token with the status scope (A1, A5)', async () => {
    const id = await issued();
    const none = await share(id, { enabled: true }, null);
    expect(none.status).toBe(401);
    expect(none.headers.get('www-authenticate')).toMatch(/^Bearer/);
    expect((await share(id, { enabled: true }, TOKENS.readOnly)).status).toBe(403);
    expect(await getShare(issuer.deps, id)).toBeUndefined();
  });
});

describe('live status in plain words', () => {
  // Last in the file: the clock only moves forward (status lists signed "in the future" would not verify).
  it('suspended, reinstated, then expired on its validUntil (VC 2.0 §4.9, V1)', async () => {
    const { record, url } = await claimed();
    const page = await context.newPage();
    try {
      await setStatus(record.id, 'suspended');
      await page.goto(url);
      expect(await statusText(page)).toBe('Suspended by the issuer on 1 March 2026');
      await setStatus(record.id, 'unsuspended');
      await page.reload();
      expect(await statusText(page)).toBe('Valid');
      t = Date.parse('2029-07-02T00:00:00Z');
      await page.reload();
      expect(await statusText(page)).toBe('Expired on 30 June 2029');
    } finally {
      await page.close();
    }
  });
});
