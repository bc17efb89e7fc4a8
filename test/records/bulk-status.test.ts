// Bulk status change (issue 12): POST /credentials/status/bulk revokes, suspends or reinstates the
// credentials listed in `ids`, or every credential a batch job issued (by batch after real uploads:
// test/batch/bulk-status-by-batch.test.ts), each exactly as POST /credentials/status would (VC-API "Update Status"; Bitstring Status List v1.0 §2.1:
// revocation is final, suspension reversible — S11), with who/when/why in each history.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { issueCertification } from '../helpers/awards.ts';
import { type IssuerApp, startIssuerApp, TOKENS } from '../helpers/issuer-app.ts';
import { call } from '../helpers/issuer-process.ts';

let now = Date.parse('2026-03-01T12:00:00Z');
let issuer: IssuerApp;

beforeAll(async () => {
  issuer = await startIssuerApp({ clock: () => new Date(now) });
});
afterAll(async () => {
  await issuer?.close();
});

const issueOne = () => issueCertification(issuer.url);

const bulk = (body: unknown, token: string = TOKENS.full) =>
  call(issuer.url, 'POST', '/credentials/status/bulk', body, token);
const single = (credentialId: string, status: string) =>
  call(
    issuer.url,
    'POST',
    '/credentials/status',
    { credentialId, credentialStatus: [{ type: 'BitstringStatusListEntry', status }] },
    TOKENS.full,
  );
const history = async (id: string) =>
  (await call(issuer.url, 'GET', `/credentials/${encodeURIComponent(id)}/history`, undefined, TOKENS.full)).json
    .entries;
const state = async (id: string) => {
  const { record } = (await call(issuer.url, 'GET', `/credentials/${encodeURIComponent(id)}`, undefined, TOKENS.full))
    .json;
  return { revoked: record.revoked, suspended: record.suspended };
};

describe('POST /credentials/status/bulk: many credentials, each as POST /credentials/status', () => {
  it('by ids: every credential suspended, each history saying who, when and why; again → unchanged, no new entry', async () => {
    const ids = [await issueOne(), await issueOne(), await issueOne()];
    now += 60_000;
    const res = await bulk(
      { ids: [...ids, ids[0]], status: 'suspended', reason: 'Exam under review' },
      TOKENS.statusOnly,
    );
    expect(res.status).toBe(200);
    expect(res.json).toEqual({ changed: 3, unchanged: 0, failed: [] });
    for (const id of ids) {
      expect(await state(id)).toEqual({ revoked: false, suspended: true });
      expect(await history(id)).toEqual([
        { seq: 1, at: '2026-03-01T12:01:00Z', by: 'status-only', action: 'suspended', reason: 'Exam under review' },
      ]);
    }
    now += 60_000;
    expect((await bulk({ ids, status: 'suspended', reason: 'again' })).json).toEqual({
      changed: 0,
      unchanged: 3,
      failed: [],
    });
    for (const id of ids) expect(await history(id)).toHaveLength(1);
  });

  it('S11 revoked is final: reinstating a revoked one fails (409), an unknown id fails (404), the others still change', async () => {
    const [revoked, suspended, other] = [await issueOne(), await issueOne(), await issueOne()];
    expect((await single(revoked!, 'revoked')).status).toBe(200);
    expect((await single(suspended!, 'suspended')).status).toBe(200);
    const unknown = 'urn:uuid:00000000-0000-4000-8000-000000000000';
    now += 60_000;
    const res = await bulk({ ids: [revoked, suspended, unknown, other], status: 'unsuspended', reason: 'Cleared' });
    expect(res.status).toBe(200);
    expect(res.json.changed).toBe(1);
    expect(res.json.unchanged).toBe(1);
    expect(res.json.failed).toEqual([
      {
        id: revoked,
        problem: expect.objectContaining({ code: 'CONFLICT', title: 'CONFLICT', status: 409, pointer: '/ids/0' }),
      },
      {
        id: unknown,
        problem: expect.objectContaining({ code: 'NOT_FOUND', title: 'NOT_FOUND', status: 404, pointer: '/ids/2' }),
      },
    ]);
    expect(res.json.failed[0].problem.detail).toMatch(/revocation cannot be undone/);
    expect(await state(revoked!)).toEqual({ revoked: true, suspended: false });
    expect((await history(revoked!)).map((e: { action: string }) => e.action)).toEqual(['revoked']);
    expect(await state(suspended!)).toEqual({ revoked: false, suspended: false });
    expect((await history(suspended!)).at(-1)).toMatchObject({ action: 'unsuspended', reason: 'Cleared', by: 'full' });
    expect(await history(other!)).toEqual([]);
  });

  it('I3 a malformed body → 400 with its pointer, and nothing changed', async () => {
    const id = await issueOne();
    const cases: Array<[unknown, string]> = [
      [{ ids: [id], batch: 'job-x', status: 'revoked' }, '/batch'],
      [{ status: 'revoked' }, '/ids'],
      [{ ids: [id] }, '/status'],
      [{ ids: [id], status: 'deleted' }, '/status'],
      [{ ids: [], status: 'revoked' }, '/ids'],
      [{ ids: [id, 42], status: 'revoked' }, '/ids/1'],
      [{ ids: [id], status: 'revoked', reason: 'x'.repeat(501) }, '/reason'],
      [{ ids: [id], status: 'revoked', reason: '' }, '/reason'],
      [{ ids: [id], status: 'revoked', force: true }, '/force'],
      [{ ids: Array.from({ length: 10_001 }, (_, i) => `urn:x:${i}`), status: 'revoked' }, '/ids'],
    ];
    for (const [body, pointer] of cases) {
      const res = await bulk(body);
      expect(res.status, JSON.stringify(body).slice(0, 80)).toBe(400);
      expect(res.json.title).toBe('MALFORMED_VALUE_ERROR');
      expect(res.json.pointer).toBe(pointer);
    }
    expect((await bulk('{"ids": [')).json.title).toBe('PARSING_ERROR');
    expect(await state(id)).toEqual({ revoked: false, suspended: false });
    expect(await history(id)).toEqual([]);
  });

  it('A1 no token → 401; A5 a token without write:/credentials/status → 403; nothing changed', async () => {
    const id = await issueOne();
    expect((await bulk({ ids: [id], status: 'revoked' }, '')).status).toBe(401);
    expect((await bulk({ ids: [id], status: 'revoked' }, TOKENS.issueOnly)).status).toBe(403);
    expect((await bulk({ ids: [id], status: 'revoked' }, TOKENS.readOnly)).status).toBe(403);
    expect(await state(id)).toEqual({ revoked: false, suspended: false });
  });
});
