import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type IssuerApp, PUBLIC_BASE_URL, startIssuerApp, TOKENS } from '../../../test/helpers/issuer-app.ts';
import { call, ob3 } from './support.ts';

let issuer: IssuerApp;
beforeAll(async () => {
  issuer = await startIssuerApp();
  await call(issuer.url, 'POST', '/credentials/issue', { credential: ob3() }, TOKENS.full);
});
afterAll(async () => {
  await issuer?.close();
});

const get = (path: string, headers: Record<string, string> = {}) => fetch(issuer.url + path, { headers });

describe('Bitstring Status List v1.0 "Media Types": the list honours Accept', () => {
  it.each([
    [undefined, 'application/vc'],
    ['*/*', 'application/vc'],
    ['application/vc', 'application/vc'],
    ['application/vc+ld+json', 'application/vc+ld+json'],
    // what @digitalbazaar/http-client sends by default (it parses only JSON media types)
    ['application/ld+json, application/json', 'application/ld+json'],
    ['application/json', 'application/json'],
    ['application/json;q=0.9, application/ld+json;q=0.5', 'application/json'],
    ['text/html', 'application/vc'],
  ])('Accept %s → Content-Type %s, the same signed list, Vary: Accept', async (accept, type) => {
    const res = await get('/status/revocation/0', accept === undefined ? {} : { accept });
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')?.split(';')[0]).toBe(type);
    expect(res.headers.get('vary')).toMatch(/Accept/);
    const list: any = await res.json();
    expect(list.type).toContain('BitstringStatusListCredential');
    expect(list.proof).toBeDefined();
  });
});

describe('CORS (Fetch standard, CORS protocol) for public routes', () => {
  it('a cross-origin GET of a status list is allowed for any origin, without credentials', async () => {
    const res = await get('/status/suspension/0', { origin: 'https://verifier.example' });
    expect(res.status).toBe(200);
    expect(res.headers.get('access-control-allow-origin')).toBe('*');
    expect(res.headers.get('access-control-allow-credentials')).toBeNull();
  });

  it('a pre-flight OPTIONS of a status list → 204 with GET allowed', async () => {
    const res = await fetch(`${issuer.url}/status/revocation/0`, {
      method: 'OPTIONS',
      headers: { origin: 'https://verifier.example', 'access-control-request-method': 'GET' },
    });
    expect(res.status).toBe(204);
    expect(res.headers.get('access-control-allow-origin')).toBe('*');
    expect(res.headers.get('access-control-allow-methods')).toContain('GET');
  });

  it('a pre-flight of POST /credentials/verify allows POST and Content-Type', async () => {
    const res = await fetch(`${issuer.url}/credentials/verify`, {
      method: 'OPTIONS',
      headers: {
        origin: 'https://verifier.example',
        'access-control-request-method': 'POST',
        'access-control-request-headers': 'content-type',
      },
    });
    expect(res.status).toBe(204);
    expect(res.headers.get('access-control-allow-methods')).toContain('POST');
    expect(res.headers.get('access-control-allow-headers')?.toLowerCase()).toContain('content-type');
    expect(res.headers.get('access-control-allow-headers')?.toLowerCase()).toContain('idempotency-key');
  });

  it('authenticated routes get no CORS headers (bearer-token calls are server to server)', async () => {
    const res = await fetch(`${issuer.url}/credentials/issue`, {
      method: 'POST',
      headers: { origin: 'https://evil.example', 'content-type': 'application/json' },
      body: '{}',
    });
    expect(res.status).toBe(401);
    expect(res.headers.get('access-control-allow-origin')).toBeNull();
  });
});

describe('Problem types (RFC 9457 §3.1.1): W3C names keep their URL, ours point at GET /problems', () => {
  it('an error answer of ours carries <public base>/problems#CODE, and that page documents the code', async () => {
    const res = await fetch(`${issuer.url}/credentials/issue`, { method: 'POST' });
    const body: any = await res.json();
    expect(body.title).toBe('UNAUTHORIZED');
    expect(body.type).toBe(`${PUBLIC_BASE_URL}/problems#UNAUTHORIZED`);
    const page = await get('/problems');
    expect(page.headers.get('content-type')).toMatch(/^text\/html/);
    const html = await page.text();
    expect(html).toContain('<tr id="UNAUTHORIZED">');
    expect(html).toContain('<tr id="CREDENTIAL_REVOKED">');
  });

  it('a W3C-named problem keeps https://www.w3.org/ns/credentials#NAME', async () => {
    const res = await fetch(`${issuer.url}/credentials/verify`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: '{',
    });
    expect(((await res.json()) as any).type).toBe('https://www.w3.org/ns/credentials#PARSING_ERROR');
  });

  it('problems inside a verification result are absolute too', async () => {
    const res = await fetch(`${issuer.url}/credentials/verify`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ verifiableCredential: { ...ob3(), proof: undefined } }),
    });
    const text = await res.text();
    expect(text).not.toContain('"/problems#');
  });

  it('GET /problems as JSON lists every code with its meaning, and docs/problems.md lists the same codes', async () => {
    const rows = (await (await get('/problems', { accept: 'application/json' })).json()) as any[];
    const { PROBLEM_CODES } = await import('@repo/core');
    expect(rows.map((r) => r.code).sort()).toEqual(Object.keys(PROBLEM_CODES).sort());
    for (const r of rows) expect(r.meaning.length).toBeGreaterThan(10);
    const { readFileSync } = await import('node:fs');
    const doc = readFileSync(new URL('../../../docs/problems.md', import.meta.url), 'utf8');
    for (const r of rows) expect(doc, r.code).toContain(`| \`${r.code}\` |`);
  });
});
