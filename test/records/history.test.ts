// Status history (issue 12): POST /credentials/status takes an optional `reason` (≤ 500
// characters), kept with who (the token's name), when and what in an append-only history per
// credential, written in the same atomic write as the change (VC-API "Update Status"; Bitstring
// Status List v1.0 §2.1 statusPurpose revocation is final, suspension reversible — S11).
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

const change = (credentialId: string, status: string, reason?: string, token: string = TOKENS.full) =>
  call(
    issuer.url,
    'POST',
    '/credentials/status',
    {
      credentialId,
      credentialStatus: [{ type: 'BitstringStatusListEntry', status }],
      ...(reason !== undefined && { reason }),
    },
    token,
  );
const history = (id: string, token: string = TOKENS.full) =>
  call(issuer.url, 'GET', `/credentials/${encodeURIComponent(id)}/history`, undefined, token);

describe('status history: who, when, what, why — append-only', () => {
  it('suspend, reinstate, suspend, revoke: four entries in order, earlier ones unchanged; a no-op change adds none', async () => {
    const id = await issueOne();
    expect((await history(id)).json).toEqual({ credentialId: id, entries: [] });
    now += 60_000;
    expect((await change(id, 'suspended', 'Exam under review')).status).toBe(200);
    const afterOne = (await history(id)).json.entries;
    now += 60_000;
    expect((await change(id, 'unsuspended', undefined, TOKENS.statusOnly)).status).toBe(200);
    now += 60_000;
    expect((await change(id, 'suspended', 'Second review: =cmd|"/c calc"!A1')).status).toBe(200);
    expect((await change(id, 'suspended', 'already suspended')).status).toBe(200);
    now += 60_000;
    expect((await change(id, 'revoked', 'Exam fraud confirmed — Prüfungsbetrug ✓')).status).toBe(200);
    const { status, json } = await history(id);
    expect(status).toBe(200);
    expect(json.entries).toEqual([
      { seq: 1, at: '2026-03-01T12:01:00Z', by: 'full', action: 'suspended', reason: 'Exam under review' },
      { seq: 2, at: '2026-03-01T12:02:00Z', by: 'status-only', action: 'unsuspended' },
      {
        seq: 3,
        at: '2026-03-01T12:03:00Z',
        by: 'full',
        action: 'suspended',
        reason: 'Second review: =cmd|"/c calc"!A1',
      },
      {
        seq: 4,
        at: '2026-03-01T12:04:00Z',
        by: 'full',
        action: 'revoked',
        reason: 'Exam fraud confirmed — Prüfungsbetrug ✓',
      },
    ]);
    expect(json.entries[0]).toEqual(afterOne[0]);
    // S11: revocation is final; the refused change adds nothing.
    expect((await change(id, 'unsuspended', 'try to undo')).status).toBe(409);
    expect((await history(id)).json.entries).toHaveLength(4);
  });

  it('I3 a reason over 500 characters (or empty, or not a string) → 400 naming /reason; nothing stored, status unchanged', async () => {
    const id = await issueOne();
    for (const reason of ['x'.repeat(501), '', 42]) {
      const res = await call(
        issuer.url,
        'POST',
        '/credentials/status',
        { credentialId: id, credentialStatus: [{ type: 'BitstringStatusListEntry', status: 'revoked' }], reason },
        TOKENS.full,
      );
      expect(res.status).toBe(400);
      expect(res.json.title).toBe('MALFORMED_VALUE_ERROR');
      expect(JSON.stringify(res.json)).toContain('/reason');
    }
    expect((await history(id)).json.entries).toEqual([]);
    const record = await call(issuer.url, 'GET', `/credentials/${encodeURIComponent(id)}`, undefined, TOKENS.full);
    expect(record.json.record.revoked).toBe(false);
    expect((await change(id, 'revoked', 'y'.repeat(500))).status).toBe(200);
    expect((await history(id)).json.entries[0].reason).toHaveLength(500);
  });

  it('A1 no token → 401; A5 issue-only token → 403; unknown credential → 404', async () => {
    const id = await issueOne();
    const none = await fetch(`${issuer.url}/credentials/${encodeURIComponent(id)}/history`);
    expect(none.status).toBe(401);
    expect(none.headers.get('www-authenticate')).toMatch(/^Bearer/);
    expect((await history(id, TOKENS.issueOnly)).status).toBe(403);
    expect((await history(id, TOKENS.readOnly)).status).toBe(200);
    const missing = await history('urn:uuid:00000000-0000-4000-8000-000000000000');
    expect(missing.status).toBe(404);
    expect(missing.json.title).toBe('NOT_FOUND');
  });

  it('the records list shows the status the history led to', async () => {
    const id = await issueOne();
    await change(id, 'suspended', 'pending');
    const res = await call(issuer.url, 'GET', '/credentials?status=suspended&limit=1000', undefined, TOKENS.full);
    expect(res.json.items.map((s: { id: string }) => s.id)).toContain(id);
    expect(res.json.items.every((s: { status: string }) => s.status === 'suspended')).toBe(true);
  });
});
