// The readable API reference at GET /api: Swagger UI (swagger-ui-express over swagger-ui-dist,
// served by this service) rendering GET /openapi.json, in headless Chromium under the page's real
// Content-Security-Policy. It lists the operations and loads nothing from any other host (N-series
// spirit: no external assets, no telemetry, no validator badge from validator.swagger.io).
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchChromium } from '../helpers/browser.ts';
import { type IssuerApp, startIssuerApp } from '../helpers/issuer-app.ts';
import { send } from './world.ts';

let issuer: IssuerApp;
let browser: Browser;

beforeAll(async () => {
  issuer = await startIssuerApp({ loopbackPublicBaseUrl: true });
  browser = await launchChromium();
}, 60_000);
afterAll(async () => {
  await browser?.close();
  await issuer?.close();
});

describe('GET /openapi.json and GET /api headers', () => {
  it('the description is public JSON with CORS, like the other public GETs (Fetch §3.2)', async () => {
    const res = await send(issuer.url, 'GET', '/openapi.json', { headers: { origin: 'https://tools.example' } });
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toMatch(/^application\/json/);
    expect(res.headers.get('access-control-allow-origin')).toBe('*');
    expect(res.json.openapi).toBe('3.1.0');
    const preflight = await send(issuer.url, 'OPTIONS', '/openapi.json', {
      headers: { origin: 'https://tools.example', 'access-control-request-method': 'GET' },
    });
    expect(preflight.status).toBe(204);
    expect(preflight.headers.get('access-control-allow-methods')).toBe('GET, OPTIONS');
  });

  it("the page cannot be framed and runs only this origin's scripts (CSP script-src 'self', frame-ancestors 'none')", async () => {
    const res = await send(issuer.url, 'GET', '/api');
    expect(res.status).toBe(200);
    const csp = res.headers.get('content-security-policy') ?? '';
    expect(csp).toContain("script-src 'self'");
    expect(csp).toContain("frame-ancestors 'none'");
    expect(csp).toContain("default-src 'none'");
    expect(csp).not.toMatch(/https?:|unsafe-eval|script-src[^;]*unsafe-inline/);
    expect(res.headers.get('x-frame-options')).toBe('DENY');
    // Every script and stylesheet the page names is one of this service's files.
    const sources = [...res.text.matchAll(/(?:src|href)="([^"]+)"/g)].map((m) => m[1]!);
    expect(sources.length).toBeGreaterThanOrEqual(5);
    for (const source of sources) expect(source).toMatch(/^\/api\/[\w.-]+$/);
  });
});

describe('the API reference page in headless Chromium', () => {
  it('lists the operations from /openapi.json and requests nothing from any other host', async () => {
    const page = await browser.newPage();
    const requested: string[] = [];
    const problems: string[] = [];
    page.on('request', (request) => requested.push(request.url()));
    page.on('console', (message) => {
      if (message.type() === 'error') problems.push(message.text());
    });
    page.on('pageerror', (error) => problems.push(String(error)));
    await page.goto(`${issuer.url}/api`, { waitUntil: 'networkidle' });
    await page.waitForSelector('.opblock-summary-path', { timeout: 20_000 });
    const paths = await page.$$eval('.opblock-summary-path', (nodes) => nodes.map((n) => n.getAttribute('data-path')));
    const doc = (await send(issuer.url, 'GET', '/openapi.json')).json;
    const operations = Object.values(doc.paths as Record<string, object>).reduce(
      (n: number, item) => n + Object.keys(item).length,
      0,
    );
    expect(paths.length).toBe(operations);
    expect(paths).toContain('/credentials/issue');
    expect(paths).toContain('/oid4vci/credential');
    expect(await page.textContent('.info .title')).toContain('Open Credentials issuer');
    const origin = new URL(issuer.url).origin;
    expect(requested.length).toBeGreaterThan(4);
    expect(requested.filter((url) => new URL(url).origin !== origin)).toEqual([]);
    expect(requested).toContain(`${origin}/openapi.json`);
    // The page's CSP blocks nothing it needs (a violation is reported on the console).
    expect(problems).toEqual([]);
    await page.close();
  }, 60_000);
});
