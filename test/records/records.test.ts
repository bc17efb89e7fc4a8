// Records (issue 12): GET /credentials lists, searches and exports what was issued, and
// GET /credentials/:id/history keeps why a credential was revoked or suspended. Real HTTP on
// loopback, a real LevelDB. The CSV export is read back with an RFC 4180 reader written here (not
// the issuer's writer), checked first on RFC 4180 §2's own examples; hashed email recipients are
// computed here with node:crypto as Open Badges 3.0 §B.1.12 IdentityObject says ("sha256$" + hex
// SHA-256 of the address followed by the salt).
import { createHash } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { OB3_CERTIFICATION } from '../helpers/awards.ts';
import { FROZEN_NOW, type IssuerApp, startIssuerApp, TOKENS } from '../helpers/issuer-app.ts';
import { call } from '../helpers/issuer-process.ts';
import { readCsv } from './csv-reader.ts';

const ACHIEVEMENTS = [
  'https://skills-council.example/a/weld',
  'https://skills-council.example/a/pipe',
  'https://skills-council.example/a/wire',
];
const COUNT = 240;
const START = Date.parse('2026-01-01T00:00:00Z');
const HOUR = 3_600_000;

interface Issued {
  id: string;
  issuedAt: string;
  achievement: string;
  email?: string;
  subjectId?: string;
  by: string;
  expires: boolean;
}

let now = START;
let issuer: IssuerApp;
const issued: Issued[] = [];

function credentialFor(i: number): {
  credential: Record<string, any>;
  email?: string;
  subjectId?: string;
  expires: boolean;
} {
  const c = structuredClone(OB3_CERTIFICATION);
  const achievement = ACHIEVEMENTS[i % 3]!;
  c.credentialSubject.achievement = { ...c.credentialSubject.achievement, id: achievement, name: `Skill ${i % 3}` };
  const expires = i % 10 === 5;
  // Expiring ones are valid for 30 minutes after issue: expired by the time the list is read.
  if (expires) c.validUntil = new Date(now + 30 * 60_000).toISOString().replace(/\.\d{3}Z$/, 'Z');
  if (i % 4 === 0) {
    const email = `Person${i}@Example.org`.toLowerCase();
    const salt = `salt-${i}`;
    delete c.credentialSubject.id;
    c.credentialSubject.identifier = [
      {
        type: 'IdentityObject',
        identityType: 'emailAddress',
        hashed: true,
        salt,
        identityHash: `sha256$${createHash('sha256')
          .update(email + salt)
          .digest('hex')}`,
      },
    ];
    return { credential: c, email, expires };
  }
  c.credentialSubject.id = `did:example:worker-${i}`;
  return { credential: c, subjectId: c.credentialSubject.id, expires };
}

async function get(path: string, options: { token?: string; accept?: string } = {}) {
  const headers: Record<string, string> = { authorization: `Bearer ${options.token ?? TOKENS.full}` };
  if (options.accept) headers.accept = options.accept;
  const res = await fetch(issuer.url + path, { headers });
  return { status: res.status, headers: res.headers, text: await res.text() };
}

const byOrder = (a: Issued, b: Issued) =>
  a.issuedAt < b.issuedAt ? -1 : a.issuedAt > b.issuedAt ? 1 : a.id < b.id ? -1 : a.id > b.id ? 1 : 0;

beforeAll(async () => {
  issuer = await startIssuerApp({ clock: () => new Date(now) });
  for (let i = 0; i < COUNT; i++) {
    // Two credentials share each hour, so the id breaks ties in the order.
    now = START + Math.floor(i / 2) * HOUR;
    const { credential, email, subjectId, expires } = credentialFor(i);
    const token = i % 5 === 0 ? TOKENS.issueOnly : TOKENS.full;
    const res = await call(issuer.url, 'POST', '/credentials/issue', { credential }, token);
    if (res.status !== 201) throw new Error(`issue ${i}: ${res.status} ${res.text}`);
    const id = res.json.verifiableCredential.id as string;
    const issuedAt = new Date(now).toISOString().replace(/\.\d{3}Z$/, 'Z');
    issued.push({
      id,
      issuedAt,
      achievement: ACHIEVEMENTS[i % 3]!,
      ...(email && { email }),
      ...(subjectId && { subjectId }),
      by: i % 5 === 0 ? 'issue-only' : 'full',
      expires,
    });
  }
  now = FROZEN_NOW.getTime();
}, 120_000);
afterAll(async () => {
  await issuer?.close();
});

async function allPages(query: string, limit: number): Promise<any[]> {
  const items: any[] = [];
  let cursor: string | null = null;
  for (let page = 0; page < 1000; page++) {
    const sep = query ? '&' : '';
    const res = await get(`/credentials?${query}${sep}limit=${limit}${cursor ? `&cursor=${cursor}` : ''}`);
    expect(res.status, res.text).toBe(200);
    const body = JSON.parse(res.text);
    items.push(...body.items);
    cursor = body.next;
    if (cursor === null) return items;
    expect(body.items).toHaveLength(limit);
  }
  throw new Error('the cursor never ended');
}

describe("RFC 4180 §2 reader (the test's own, checked on the RFC's examples)", () => {
  it('reads RFC 4180 §2 items 1, 6 and 7 verbatim', () => {
    expect(readCsv('aaa,bbb,ccc\r\nzzz,yyy,xxx\r\n')).toEqual([
      ['aaa', 'bbb', 'ccc'],
      ['zzz', 'yyy', 'xxx'],
    ]);
    expect(readCsv('"aaa","b\r\nbb","ccc"\r\nzzz,yyy,xxx')).toEqual([
      ['aaa', 'b\r\nbb', 'ccc'],
      ['zzz', 'yyy', 'xxx'],
    ]);
    expect(readCsv('"aaa","b""bb","ccc"')).toEqual([['aaa', 'b"bb', 'ccc']]);
  });
});

describe('GET /credentials: list and search what was issued', () => {
  it('CSV export (Accept: text/csv) read back by an RFC 4180 reader: header row, one row each, in (issuedAt, id) order', async () => {
    const res = await get('/credentials', { accept: 'text/csv' });
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('text/csv; charset=utf-8; header=present');
    const rows = readCsv(res.text);
    expect(rows[0]).toEqual([
      'id',
      'achievementId',
      'achievementName',
      'recipient',
      'issuedAt',
      'validUntil',
      'status',
      'issuedBy',
    ]);
    const expected = [...issued].sort(byOrder);
    expect(rows.slice(1).map((r) => r[0])).toEqual(expected.map((e) => e.id));
    for (const [k, row] of rows.slice(1).entries()) {
      const e = expected[k]!;
      expect(row[1]).toBe(e.achievement);
      expect(row[3]).toBe(e.subjectId ?? row[3]);
      if (e.email) expect(row[3]).toMatch(/^sha256\$[0-9a-f]{64}$/);
      expect(row[4]).toBe(e.issuedAt);
      expect(row[6]).toBe(e.expires ? 'expired' : 'active');
      expect(row[7]).toBe(e.by);
    }
  });

  it('JSON pages (limit 37) chain through `next` to every credential exactly once, in (issuedAt, id) order', async () => {
    const items = await allPages('', 37);
    expect(items.map((s) => s.id)).toEqual([...issued].sort(byOrder).map((e) => e.id));
    const firstIssued = [...issued].sort(byOrder)[0]!;
    expect(items[0]).toMatchObject({
      id: firstIssued.id,
      achievementId: firstIssued.achievement,
      achievementName: `Skill ${ACHIEVEMENTS.indexOf(firstIssued.achievement)}`,
      issuedAt: '2026-01-01T00:00:00Z',
      status: 'active',
      validUntil: '2029-06-30T23:59:59Z',
    });
    const first = JSON.parse((await get('/credentials')).text);
    expect(first.items).toHaveLength(100);
  });

  it('filters: achievement, issuedBy, status, and from/to (issued in [from, to)) combine', async () => {
    const items = await allPages(
      `achievement=${encodeURIComponent(ACHIEVEMENTS[1]!)}&issuedBy=issue-only&from=2026-01-02&to=2026-01-05T00:00:00Z`,
      5,
    );
    const expected = issued
      .filter((e) => e.achievement === ACHIEVEMENTS[1] && e.by === 'issue-only')
      .filter((e) => e.issuedAt >= '2026-01-02T00:00:00Z' && e.issuedAt < '2026-01-05T00:00:00Z')
      .sort(byOrder);
    expect(expected.length).toBeGreaterThan(2);
    expect(items.map((s) => s.id)).toEqual(expected.map((e) => e.id));
    const expired = await allPages('status=expired', 1000);
    expect(expired.map((s) => s.id).sort()).toEqual(
      issued
        .filter((e) => e.expires)
        .map((e) => e.id)
        .sort(),
    );
  });

  it('recipient: a subject DID, or an email matched against the hashed IdentityObject (any case)', async () => {
    const withEmail = issued.find((e) => e.email)!;
    const byEmail = await allPages(`recipient=${encodeURIComponent(withEmail.email!.toUpperCase())}`, 10);
    expect(byEmail.map((s) => s.id)).toEqual([withEmail.id]);
    const withDid = issued.find((e) => e.subjectId)!;
    const byDid = await allPages(`recipient=${encodeURIComponent(withDid.subjectId!)}`, 10);
    expect(byDid.map((s) => s.id)).toEqual([withDid.id]);
    expect(await allPages('recipient=nobody%40example.org', 10)).toEqual([]);
  });

  it('JSON Lines export (?format=jsonl): one stored credential a line, each with its proof', async () => {
    const res = await get(`/credentials?format=jsonl&achievement=${encodeURIComponent(ACHIEVEMENTS[2]!)}`);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('application/jsonl; charset=utf-8');
    const lines = res.text.split('\n');
    expect(lines.pop()).toBe('');
    const credentials = lines.map((l) => JSON.parse(l));
    const expected = issued.filter((e) => e.achievement === ACHIEVEMENTS[2]).sort(byOrder);
    expect(credentials.map((c) => c.id)).toEqual(expected.map((e) => e.id));
    expect(credentials.every((c) => c.proof?.type === 'DataIntegrityProof')).toBe(true);
    const accepted = await get('/credentials?limit=3', { accept: 'application/jsonl' });
    expect(accepted.text.trim().split('\n')).toHaveLength(3);
  });

  it('bad queries are 400 naming the parameter; unknown parameters UNKNOWN_OPTION_PROVIDED', async () => {
    for (const [query, parameter] of [
      ['limit=0', 'limit'],
      ['limit=1001', 'limit'],
      ['limit=ten', 'limit'],
      ['status=lost', 'status'],
      ['from=yesterday', 'from'],
      ['to=2026-02-30', 'to'],
      ['cursor=%25%25', 'cursor'],
      ['format=xml', 'format'],
      ['status=active&status=revoked', 'status'],
    ]) {
      const res = await get(`/credentials?${query}`);
      expect(res.status, query).toBe(400);
      const body = JSON.parse(res.text);
      expect(body.title, query).toBe('MALFORMED_VALUE_ERROR');
      expect(body.parameter, query).toBe(parameter);
    }
    const unknown = JSON.parse((await get('/credentials?achievment=x')).text);
    expect(unknown).toMatchObject({ title: 'UNKNOWN_OPTION_PROVIDED', parameter: 'achievment' });
  });

  it('A1 no token → 401 with WWW-Authenticate: Bearer; A5 a token without read:/credentials → 403', async () => {
    const none = await fetch(`${issuer.url}/credentials`);
    expect(none.status).toBe(401);
    expect(none.headers.get('www-authenticate')).toMatch(/^Bearer/);
    expect((await get('/credentials', { token: TOKENS.issueOnly })).status).toBe(403);
    expect(
      (await get(`/credentials/${encodeURIComponent(issued[0]!.id)}/history`, { token: TOKENS.statusOnly })).status,
    ).toBe(403);
    expect((await get('/credentials', { token: TOKENS.readOnly })).status).toBe(200);
  });

  it('RFC 9110 §15.5.6: POST /credentials is 405 with Allow, and GET /credentials/:id still answers the credential', async () => {
    const post = await call(issuer.url, 'POST', '/credentials', {}, TOKENS.full);
    expect(post.status).toBe(405);
    expect(post.headers.get('allow')).toBe('GET, HEAD, OPTIONS');
    const one = await get(`/credentials/${encodeURIComponent(issued[1]!.id)}`);
    expect(one.status).toBe(200);
    expect(JSON.parse(one.text).verifiableCredential?.id ?? JSON.parse(one.text).id).toBe(issued[1]!.id);
  });
});
