import { createVerifier } from '@repo/verifier';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FROZEN_NOW, type IssuerApp, startIssuerApp, TOKENS } from '../../../test/helpers/issuer-app.ts';
import { call, expectNothingStored, expectProblem, ob3 } from './support.ts';

let issuer: IssuerApp;
let issued: Record<string, any>;
beforeAll(async () => {
  issuer = await startIssuerApp({ statusListTtlMs: 120_000 });
  issued = (await call(issuer.url, 'POST', '/credentials/issue', { credential: ob3() }, TOKENS.full)).json
    .verifiableCredential;
});
afterAll(async () => {
  await issuer?.close();
});

/** A request with a raw Authorization header (or none). */
async function withAuthorization(method: string, path: string, authorization: string | undefined, body?: unknown) {
  const headers: Record<string, string> = {};
  if (authorization !== undefined) headers.authorization = authorization;
  if (body !== undefined) headers['content-type'] = 'application/json';
  const res = await fetch(issuer.url + path, {
    method,
    headers,
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const text = await res.text();
  return { status: res.status, headers: res.headers, json: JSON.parse(text), text };
}

const statusBody = () => ({
  credentialId: issued.id,
  credentialStatus: [{ type: 'BitstringStatusListEntry', status: 'revoked' }],
});
const endpoints = [
  ['POST /credentials/issue', 'POST', '/credentials/issue', () => ({ credential: ob3() })],
  ['POST /credentials/status', 'POST', '/credentials/status', statusBody],
  ['GET /credentials/:id', 'GET', '/credentials/urn%3Auuid%3Aanything', () => undefined],
] as const;

describe('Bearer token authentication (SECURITY-CHECKLIST A1, A2, RFC 6750)', () => {
  it.each(endpoints)(
    'A1 %s without a token → 401 with WWW-Authenticate: Bearer, nothing stored',
    async (_name, method, path, body) => {
      const res = await expectNothingStored(issuer.deps, () => withAuthorization(method, path, undefined, body()));
      expectProblem(res, 401, 'UNAUTHORIZED');
      expect(res.headers.get('www-authenticate')).toMatch(/^Bearer\b/);
      expect(res.headers.get('www-authenticate')).not.toContain('error=');
    },
  );

  it.each([
    ['an unknown token', `Bearer unknown-token-${'x'.repeat(20)}`],
    ['a token one character off', `Bearer ${TOKENS.full.slice(0, -1)}X`],
    ['a token with a space inside', `Bearer ${TOKENS.full} extra`],
    ['characters outside token68', 'Bearer tok"en<script>'],
    ['an empty Bearer', 'Bearer '],
    ['another scheme', `Basic ${Buffer.from(`user:${TOKENS.full}`).toString('base64')}`],
    ['the token without a scheme', TOKENS.full],
  ])('A2 %s → 401 error="invalid_token", nothing stored', async (_name, authorization) => {
    const res = await expectNothingStored(issuer.deps, () =>
      withAuthorization('POST', '/credentials/issue', authorization, { credential: ob3() }),
    );
    expectProblem(res, 401, 'UNAUTHORIZED');
    expect(res.headers.get('www-authenticate')).toMatch(/^Bearer .*error="invalid_token"/);
  });

  it('the scheme name is case-insensitive', async () => {
    const res = await withAuthorization('POST', '/credentials/issue', `bearer ${TOKENS.full}`, { credential: ob3() });
    expect(res.status, res.text).toBe(201);
  });
});

describe('Scopes (SECURITY-CHECKLIST A5)', () => {
  it.each([
    ['the status scope only', TOKENS.statusOnly],
    ['the read scope only', TOKENS.readOnly],
  ])('A5 issuing with %s → 403 insufficient_scope, nothing stored, no index used', async (_name, token) => {
    const res = await expectNothingStored(issuer.deps, () =>
      call(issuer.url, 'POST', '/credentials/issue', { credential: ob3() }, token),
    );
    expectProblem(res, 403, 'FORBIDDEN');
    const challenge = res.headers.get('www-authenticate');
    expect(challenge).toMatch(/^Bearer .*error="insufficient_scope"/);
    expect(challenge).toContain('scope="write:/credentials/issue"');
  });

  it.each([
    ['the issue scope only', TOKENS.issueOnly],
    ['the read scope only', TOKENS.readOnly],
  ])('A5 a status update with %s → 403 insufficient_scope, the record unchanged', async (_name, token) => {
    const before = await issuer.deps.store.getRecord(issued.id);
    const res = await call(issuer.url, 'POST', '/credentials/status', statusBody(), token);
    expectProblem(res, 403, 'FORBIDDEN');
    expect(res.headers.get('www-authenticate')).toContain(
      'error="insufficient_scope", scope="write:/credentials/status"',
    );
    expect(await issuer.deps.store.getRecord(issued.id)).toEqual(before);
    expect(before?.revoked).toBe(false);
  });

  it('A5 reading a record needs read:/credentials', async () => {
    const path = `/credentials/${encodeURIComponent(issued.id)}`;
    const denied = await call(issuer.url, 'GET', path, undefined, TOKENS.issueOnly);
    expectProblem(denied, 403, 'FORBIDDEN');
    const allowed = await call(issuer.url, 'GET', path, undefined, TOKENS.readOnly);
    expect(allowed.status).toBe(200);
    expect(allowed.json.verifiableCredential).toEqual(issued);
    expect(allowed.json.record).toMatchObject({ id: issued.id, issuedBy: 'full', revoked: false, suspended: false });
    expect(allowed.headers.get('cache-control')).toBe('no-store');
  });

  it('each scoped token does what its scope allows', async () => {
    const issuedByIssueOnly = await call(
      issuer.url,
      'POST',
      '/credentials/issue',
      { credential: ob3() },
      TOKENS.issueOnly,
    );
    expect(issuedByIssueOnly.status).toBe(201);
    const id = issuedByIssueOnly.json.verifiableCredential.id;
    const suspended = await call(
      issuer.url,
      'POST',
      '/credentials/status',
      { credentialId: id, credentialStatus: [{ type: 'BitstringStatusListEntry', status: 'suspended' }] },
      TOKENS.statusOnly,
    );
    expect(suspended.status, suspended.text).toBe(200);
    expect(suspended.json).toMatchObject({ credentialId: id, suspended: true, revoked: false });
  });
});

describe('Public endpoints need no token', () => {
  it('POST /credentials/verify', async () => {
    const res = await call(issuer.url, 'POST', '/credentials/verify', { verifiableCredential: issued });
    expect(res.status, res.text).toBe(200);
    expect(res.json.verified).toBe(true);
  });

  it('POST /presentations/verify (unsigned presentation)', async () => {
    const verifiablePresentation = {
      '@context': ['https://www.w3.org/ns/credentials/v2'],
      type: ['VerifiablePresentation'],
      verifiableCredential: [issued],
    };
    const res = await call(issuer.url, 'POST', '/presentations/verify', { verifiablePresentation });
    expect(res.status, res.text).toBe(200);
    expect(res.json.verified).toBe(true);
  });

  it('a token sent to a public endpoint is neither needed nor checked', async () => {
    const res = await withAuthorization('POST', '/credentials/verify', 'Bearer not-a-real-token', {
      verifiableCredential: issued,
    });
    expect(res.status).toBe(200);
  });
});

describe('Status list publication (SECURITY-CHECKLIST A9)', () => {
  it('A9 GET /status/:purpose/:list is public, sets no cookies, Cache-Control max-age = ttl/1000', async () => {
    for (const purpose of ['revocation', 'suspension']) {
      const res = await fetch(`${issuer.url}/status/${purpose}/0`);
      expect(res.status).toBe(200);
      expect(res.headers.get('set-cookie')).toBeNull();
      expect(res.headers.get('cache-control')).toBe('public, max-age=120');
      expect(res.headers.get('content-type')).toMatch(/^application\/vc/);
      const list: any = await res.json();
      expect(list.credentialSubject).toMatchObject({
        type: 'BitstringStatusList',
        statusPurpose: purpose,
        ttl: 120_000,
      });
      expect(list.id).toBe(`https://issuer.example.test/status/${purpose}/0`);
    }
  });

  it("A9 the list's proof verifies with the verifier library", async () => {
    const list: any = await (await fetch(`${issuer.url}/status/revocation/0`)).json();
    const verifier = createVerifier({
      now: () => new Date(FROZEN_NOW),
      fetchStatusList: () => Promise.reject(new Error('no status list fetch expected')),
    });
    const result = await verifier.verifyCredential(list);
    expect(result.problems).toEqual([]);
    expect(result.verified).toBe(true);
    expect(result.checks.find((c) => c.id === 'proof')?.status).toBe('passed');
    expect(result.issuer).toBe(issued.issuer.id);
    // Changing one bit of the list breaks its proof.
    const flipped = structuredClone(list);
    flipped.credentialSubject.encodedList = `${list.credentialSubject.encodedList.slice(0, -2)}${list.credentialSubject.encodedList.endsWith('AA') ? 'AB' : 'AA'}`;
    const tampered = await verifier.verifyCredential(flipped);
    expect(tampered.verified).toBe(false);
    expect(tampered.checks.find((c) => c.id === 'proof')?.status).toBe('failed');
  });

  it.each([
    '/status/revocation/1',
    '/status/other/0',
    '/status/revocation/00',
    '/status/revocation/-1',
    '/status/revocation/0x0',
  ])('A9 %s that does not exist → 404 problem, no cookies', async (path) => {
    const res = await call(issuer.url, 'GET', path);
    expectProblem(res, 404, 'NOT_FOUND');
    expect(res.headers.get('set-cookie')).toBeNull();
  });
});
