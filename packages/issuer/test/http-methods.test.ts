import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type IssuerApp, startIssuerApp, TOKENS } from '../../../test/helpers/issuer-app.ts';
import { expectProblem } from './support.ts';

let issuer: IssuerApp;
beforeAll(async () => {
  issuer = await startIssuerApp({ bodyLimit: 2048 });
});
afterAll(async () => {
  await issuer?.close();
});

async function send(method: string, path: string, body?: string) {
  const res = await fetch(issuer.url + path, {
    method,
    headers: { authorization: `Bearer ${TOKENS.full}`, ...(body ? { 'content-type': 'application/json' } : {}) },
    ...(body === undefined ? {} : { body }),
  });
  const text = await res.text();
  return { status: res.status, headers: res.headers, text, json: text ? JSON.parse(text) : undefined };
}

describe('RFC 9110 §15.5.6 405 Method Not Allowed, with Allow', () => {
  it.each([
    ['GET', '/credentials/verify', 'OPTIONS, POST'],
    ['GET', '/credentials/issue', 'OPTIONS, POST'],
    ['DELETE', '/status/revocation/0', 'GET, HEAD, OPTIONS'],
    ['PUT', '/pathways', 'GET, HEAD, OPTIONS, POST'],
    ['PATCH', '/credentials/urn%3Auuid%3Aabc', 'GET, HEAD, OPTIONS'],
  ])('%s %s → 405, Allow: %s, nothing done', async (method, path, allow) => {
    const res = await send(method, path);
    expectProblem(res as never, 405, 'METHOD_NOT_ALLOWED');
    expect(res.headers.get('allow')).toBe(allow);
  });

  it('(control) an unknown path is still 404', async () => {
    const res = await send('GET', '/nothing/here');
    expectProblem(res as never, 404, 'NOT_FOUND');
  });
});

describe('RFC 9110 §9.3.7 OPTIONS', () => {
  it('OPTIONS on a token route → 204 with Allow (no CORS: bearer-token routes are server to server)', async () => {
    const res = await send('OPTIONS', '/credentials/issue');
    expect(res.status).toBe(204);
    expect(res.headers.get('allow')).toBe('OPTIONS, POST');
    expect(res.headers.get('access-control-allow-origin')).toBeNull();
  });

  it('OPTIONS on a parametric route → 204 with Allow', async () => {
    const res = await send('OPTIONS', '/credentials/urn%3Auuid%3Aabc');
    expect(res.status).toBe(204);
    expect(res.headers.get('allow')).toBe('GET, HEAD, OPTIONS');
  });
});

describe('SECURITY-CHECKLIST I1: 413 says the limit', () => {
  it('a body over the limit → 413 naming the limit in bytes, with instance', async () => {
    const res = await send('POST', '/credentials/issue', JSON.stringify({ credential: { pad: 'x'.repeat(4096) } }));
    expectProblem(res as never, 413, 'PAYLOAD_TOO_LARGE');
    expect(res.json.detail).toContain('2048 bytes');
    expect(res.json.limit).toBe(2048);
    expect(res.json.instance).toBe('/credentials/issue');
  });
});
