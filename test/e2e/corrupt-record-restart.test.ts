import { readFileSync } from 'node:fs';
import { decodeList, readStatus } from '@repo/core';
import { afterAll, describe, expect, it } from 'vitest';
import { call, type IssuerProcess, startIssuer, tempDataDir } from '../helpers/issuer-process.ts';
import { truncateRecord, withIssuerDb } from '../helpers/store-surgery.ts';

const TOKEN = 'dev-token-NOT-FOR-PRODUCTION';
const PUBLIC = 'https://issuer.example.test';
const fixture = JSON.parse(readFileSync(new URL('../fixtures/ob3-certification.json', import.meta.url), 'utf8'));

type Slot = { purpose: string; list: number; index: number };
const slotsOf = (vc: Record<string, any>): Slot[] =>
  vc.credentialStatus.map((s: any) => ({
    purpose: s.statusPurpose === 'message' ? 'lifecycle' : s.statusPurpose,
    list: Number(s.statusListCredential.split('/').pop()),
    index: Number(s.statusListIndex),
  }));
const keyOf = (s: Slot) => `${s.purpose}/${s.list}/${s.index}`;

async function issue(server: IssuerProcess, headers: Record<string, string> = {}, credential = fixture) {
  const res = await fetch(`${server.url}/credentials/issue`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${TOKEN}`, ...headers },
    body: JSON.stringify({ credential }),
  });
  return { status: res.status, headers: res.headers, json: (await res.json()) as any };
}

async function published(server: IssuerProcess, s: Slot): Promise<number> {
  const size = s.purpose === 'lifecycle' ? 2 : 1;
  const list = await call(server.url, 'GET', `/status/${s.purpose}/${s.list}`);
  return readStatus(decodeList(list.json.credentialSubject.encodedList), s.index, size);
}

/** The `usage` the server logs when it starts listening (indexes taken per list). */
function usageAtStart(server: IssuerProcess): Record<string, number[]> {
  const line = server
    .output()
    .split('\n')
    .find((l) => l.includes('"issuer listening"'));
  return JSON.parse(line!).usage;
}

describe('The real server restarts over a damaged record (issue 9; SECURITY-CHECKLIST F1, S10, S11)', () => {
  const data = tempDataDir();
  const env = { DATA_DIR: data.dir, PUBLIC_BASE_URL: PUBLIC, LOG_LEVEL: 'info' };
  let server: IssuerProcess | undefined;
  afterAll(async () => {
    await server?.stop();
    data.cleanup();
  });

  it('F1 starts, reports the record by id and key, answers 500 RECORD_UNREADABLE for it alone; other credentials verify; S10 none of its indexes is handed out; S11 its revoked bits stay set', async () => {
    server = await startIssuer(env);
    const issued: Array<Record<string, any>> = [];
    for (let i = 0; i < 6; i++) {
      const res = await issue(server);
      expect(res.status).toBe(201);
      issued.push(res.json.verifiableCredential);
    }
    const [revoked, active, suspended, ...others] = issued as [any, any, any, ...any[]];
    const change = (id: string, status: string) =>
      call(
        server!.url,
        'POST',
        '/credentials/status',
        { credentialId: id, credentialStatus: [{ type: 'BitstringStatusListEntry', status }] },
        TOKEN,
      );
    expect((await change(revoked.id, 'revoked')).status).toBe(200);
    expect((await change(suspended.id, 'suspended')).status).toBe(200);
    // An Idempotency-Key answer stored before the restart (checked after it).
    const keyed = await issue(server, { 'idempotency-key': '"e2e-restart-0001"' });
    expect(keyed.status).toBe(201);
    await server.stop();

    // A torn write: the revoked and the active credential's records cut in half, on disk.
    await withIssuerDb(data.dir, async (db) => {
      await truncateRecord(db, revoked.id);
      await truncateRecord(db, active.id, 0.3);
    });

    server = await startIssuer(env);
    const log = server.output();
    for (const vc of [revoked, active]) {
      const line = log.split('\n').find((l) => l.includes('"level":50') && l.includes(`"credentialId":"${vc.id}"`));
      expect(line, `a start-up log line names ${vc.id}`).toBeDefined();
      expect(JSON.parse(line!).key).toBe(`rec!${vc.id}`);
    }
    // Every index is still taken, the damaged records' included.
    expect(usageAtStart(server)).toEqual({ revocation: [7], suspension: [7], lifecycle: [7] });

    for (const vc of [revoked, active]) {
      const res = await call(server.url, 'GET', `/credentials/${encodeURIComponent(vc.id)}`, undefined, TOKEN);
      expect(res.status).toBe(500);
      expect(res.headers.get('content-type')).toMatch(/^application\/problem\+json/);
      expect(res.json.title).toBe('RECORD_UNREADABLE');
      expect(res.json.type).toBe(`${PUBLIC}/problems#RECORD_UNREADABLE`);
      expect(res.json.detail).toContain(vc.id);
      expect(res.text).not.toMatch(/Unterminated|JSON\.parse|at .*\.ts/);
    }
    for (const vc of [suspended, ...others]) {
      const res = await call(server.url, 'GET', `/credentials/${encodeURIComponent(vc.id)}`, undefined, TOKEN);
      expect(res.status).toBe(200);
      expect(res.json.verifiableCredential).toEqual(vc);
    }

    // The others verify; the revoked one still reads revoked, the active one (state kept) active.
    const verify = (vc: unknown) => call(server!.url, 'POST', '/credentials/verify', { verifiableCredential: vc });
    for (const vc of others) {
      const res = await verify(vc);
      expect(res.status, res.text).toBe(200);
      expect(res.json.verified).toBe(true);
    }
    const r = await verify(revoked);
    expect(r.status).toBe(422);
    expect(r.json.problems.map((p: any) => p.title)).toContain('CREDENTIAL_REVOKED');
    expect((await verify(suspended)).json.problems.map((p: any) => p.title)).toContain('CREDENTIAL_SUSPENDED');
    expect((await verify(active)).json.verified).toBe(true);
    for (const s of slotsOf(revoked))
      expect(await published(server, s)).toBe(s.purpose === 'lifecycle' ? 2 : s.purpose === 'revocation' ? 1 : 0);

    // Many new credentials: none takes an index of the damaged records (or of anyone else).
    const taken = new Map<string, string>();
    for (const vc of [...issued, keyed.json.verifiableCredential])
      for (const s of slotsOf(vc)) taken.set(keyOf(s), vc.id);
    for (let i = 0; i < 40; i++) {
      const res = await issue(server);
      expect(res.status).toBe(201);
      for (const s of slotsOf(res.json.verifiableCredential)) {
        expect(taken.get(keyOf(s)), `${keyOf(s)} handed out again`).toBeUndefined();
        taken.set(keyOf(s), res.json.verifiableCredential.id);
      }
    }

    // The Idempotency-Key answer survived the restart: the same request gets the same answer.
    const again = await issue(server, { 'idempotency-key': '"e2e-restart-0001"' });
    expect(again.status).toBe(201);
    expect(again.headers.get('idempotent-replayed')).toBe('true');
    expect(again.json).toEqual(keyed.json);
    const other = await issue(server, { 'idempotency-key': '"e2e-restart-0001"' }, { ...fixture, name: 'Other' });
    expect(other.status).toBe(422);
    expect(other.json.title).toBe('IDEMPOTENCY_KEY_REUSED');
    expect(usageAtStart(server)).toEqual({ revocation: [7], suspension: [7], lifecycle: [7] });
    const read = await call(
      server.url,
      'GET',
      '/credentials/urn%3Auuid%3A00000000-0000-4000-8000-000000000000',
      undefined,
      TOKEN,
    );
    expect(read.status).toBe(404);
  }, 120_000);
});
