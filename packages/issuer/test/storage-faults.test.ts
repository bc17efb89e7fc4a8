import { readFileSync } from 'node:fs';
import { decodeList, readStatus } from '@repo/core';
import { afterEach, describe, expect, it } from 'vitest';
import {
  capturingLogger,
  type IssuerApp,
  type IssuerAppOptions,
  startIssuerApp,
  TOKENS,
} from '../../../test/helpers/issuer-app.ts';
import { tempDataDir } from '../../../test/helpers/issuer-process.ts';
import { truncateRecord, withIssuerDb } from '../../../test/helpers/store-surgery.ts';
import { call, expectProblem, ob3 } from './support.ts';

// Small lists, so that "no index is ever handed out again" is checked exhaustively: every free
// index of the list is handed out, and none of the damaged record's.
const SIZE = 16;
const PURPOSES = ['revocation', 'suspension', 'lifecycle'] as const;
type Purpose = (typeof PURPOSES)[number];
type Slot = { purpose: Purpose; list: number; index: number };

const cleanups: Array<() => Promise<void> | void> = [];
afterEach(async () => {
  for (const c of cleanups.splice(0).reverse()) await c();
});

function dataFolder(): string {
  const data = tempDataDir();
  cleanups.push(data.cleanup);
  return data.dir;
}

async function start(dataDir: string, options: IssuerAppOptions = {}): Promise<IssuerApp> {
  const issuer = await startIssuerApp({ dataDir, listSize: SIZE, ...options });
  cleanups.push(() => issuer.close());
  return issuer;
}

const slotsOf = (vc: Record<string, any>): Slot[] =>
  vc.credentialStatus.map((s: any) => ({
    purpose: s.statusPurpose === 'message' ? 'lifecycle' : s.statusPurpose,
    list: Number(s.statusListCredential.split('/').pop()),
    index: Number(s.statusListIndex),
  }));
const keyOf = (s: Slot) => `${s.purpose}/${s.list}/${s.index}`;
const idxKey = (s: Slot) => `idx!${s.purpose}!${String(s.list).padStart(6, '0')}!${String(s.index).padStart(7, '0')}`;

async function issue(issuer: IssuerApp, n = 1): Promise<Array<Record<string, any>>> {
  const out = [];
  for (let i = 0; i < n; i++) {
    const res = await call(issuer.url, 'POST', '/credentials/issue', { credential: ob3() }, TOKENS.full);
    expect(res.status, res.text).toBe(201);
    out.push(res.json.verifiableCredential);
  }
  return out;
}

async function setStatus(issuer: IssuerApp, id: string, status: string) {
  const body = { credentialId: id, credentialStatus: [{ type: 'BitstringStatusListEntry', status }] };
  return call(issuer.url, 'POST', '/credentials/status', body, TOKENS.full);
}

/** The published value of one entry (read from the signed list the service serves). */
async function published(issuer: IssuerApp, slot: Slot): Promise<number> {
  const size = slot.purpose === 'lifecycle' ? 2 : 1;
  const res = await call(issuer.url, 'GET', `/status/${slot.purpose}/${slot.list}`);
  expect(res.status, res.text).toBe(200);
  return readStatus(decodeList(res.json.credentialSubject.encodedList, SIZE * size), slot.index, size);
}

async function valuesOf(issuer: IssuerApp, vc: Record<string, any>): Promise<Record<string, number>> {
  const out: Record<string, number> = {};
  for (const s of slotsOf(vc)) out[s.purpose] = await published(issuer, s);
  return out;
}

describe('A damaged record does not stop the issuer (issue 9; SECURITY-CHECKLIST F1, S10, S11)', () => {
  it('F1 a truncated record: the issuer starts, that id alone answers 500 RECORD_UNREADABLE; S10 its indexes are never handed out again; S11 its bits keep their last stored value', async () => {
    const dir = dataFolder();
    let issuer = await start(dir);
    const [revoked, suspended, active, ...fine] = await issue(issuer, 5);
    expect((await setStatus(issuer, revoked!.id, 'revoked')).status).toBe(200);
    expect((await setStatus(issuer, suspended!.id, 'suspended')).status).toBe(200);
    const usage = issuer.deps.registry.usage();
    expect(usage).toEqual({ revocation: [5], suspension: [5], lifecycle: [5] });
    await issuer.close();

    const damaged = [revoked!, suspended!, active!];
    const before = new Map<string, string>();
    await withIssuerDb(dir, async (db) => {
      for (const vc of damaged) {
        before.set(vc.id, (await db.get(`rec!${vc.id}`))!);
        await truncateRecord(db, vc.id);
      }
    });

    const { logger, lines } = capturingLogger();
    issuer = await start(dir, { logger });
    for (const vc of damaged) {
      const line = lines.find((l) => l.includes('"level":50') && l.includes(`"credentialId":"${vc.id}"`));
      expect(line, `a log line names ${vc.id}`).toBeDefined();
      expect(JSON.parse(line!).key).toBe(`rec!${vc.id}`);
    }
    expect(issuer.deps.registry.usage()).toEqual(usage);

    for (const vc of damaged) {
      const res = await call(issuer.url, 'GET', `/credentials/${encodeURIComponent(vc.id)}`, undefined, TOKENS.full);
      expectProblem(res, 500, 'RECORD_UNREADABLE');
      expect(res.json.detail).toContain(vc.id);
      expect(res.json.id).toBe(vc.id);
    }
    for (const vc of fine) {
      const res = await call(issuer.url, 'GET', `/credentials/${encodeURIComponent(vc.id)}`, undefined, TOKENS.full);
      expect(res.status).toBe(200);
      expect(res.json.verifiableCredential).toEqual(vc);
    }

    // Published as last stored: revoked stays revoked, suspended stays suspended, active stays active.
    expect(await valuesOf(issuer, revoked!)).toEqual({ revocation: 1, suspension: 0, lifecycle: 2 });
    expect(await valuesOf(issuer, suspended!)).toEqual({ revocation: 0, suspension: 1, lifecycle: 1 });
    expect(await valuesOf(issuer, active!)).toEqual({ revocation: 0, suspension: 0, lifecycle: 0 });

    // A damaged record can still be suspended and revoked — through its index entries — but not
    // reinstated; it cannot be re-issued over; the stored bytes stay as they are.
    const suspend = await setStatus(issuer, active!.id, 'suspended');
    expect(suspend.status, suspend.text).toBe(200);
    expect(suspend.json).toMatchObject({ revoked: false, suspended: true, recordDamaged: true });
    expect(await valuesOf(issuer, active!)).toEqual({ revocation: 0, suspension: 1, lifecycle: 1 });
    expectProblem(await setStatus(issuer, active!.id, 'unsuspended'), 409, 'CONFLICT');
    const revoke = await setStatus(issuer, active!.id, 'revoked');
    expect(revoke.json).toMatchObject({ revoked: true, recordDamaged: true });
    expect(await valuesOf(issuer, active!)).toEqual({ revocation: 1, suspension: 1, lifecycle: 2 });
    expectProblem(await setStatus(issuer, active!.id, 'suspended'), 409, 'CONFLICT');
    const reuse = await call(
      issuer.url,
      'POST',
      '/credentials/issue',
      { credential: { ...ob3(), id: active!.id } },
      TOKENS.full,
    );
    expectProblem(reuse, 500, 'RECORD_UNREADABLE');

    // Every other index of list 0 is handed out, none of the originals'; the next goes to list 1.
    const taken = new Set([revoked, suspended, active, ...fine].flatMap((vc) => slotsOf(vc!).map(keyOf)));
    const fresh = await issue(issuer, SIZE - 5);
    for (const s of fresh.flatMap(slotsOf)) {
      expect(s.list).toBe(0);
      expect(taken.has(keyOf(s)), `${keyOf(s)} handed out twice`).toBe(false);
      taken.add(keyOf(s));
    }
    expect(taken.size).toBe(SIZE * 3);
    const [next] = await issue(issuer);
    expect(slotsOf(next!).map((s) => s.list)).toEqual([1, 1, 1]);
    await issuer.close();
    // The revocation written through the index entries survives a restart.
    issuer = await start(dir);
    expect(await valuesOf(issuer, active!)).toEqual({ revocation: 1, suspension: 1, lifecycle: 2 });
    await issuer.close();

    await withIssuerDb(dir, async (db) => {
      for (const vc of damaged) {
        const raw = (await db.get(`rec!${vc.id}`))!;
        expect(before.get(vc.id)!.startsWith(raw)).toBe(true);
        expect(raw.length).toBeLessThan(before.get(vc.id)!.length);
      }
    });
  });

  it('S11 a damaged record whose index entries predate entry values is published fail-safe: revoked and suspended', async () => {
    const dir = dataFolder();
    let issuer = await start(dir);
    const [lost, kept] = await issue(issuer, 2);
    await issuer.close();
    // Entries as stored before issue 9: only the credential id.
    await withIssuerDb(dir, async (db) => {
      for (const vc of [lost!, kept!]) for (const s of slotsOf(vc)) await db.put(idxKey(s), vc.id);
      await truncateRecord(db, lost!.id);
    });
    issuer = await start(dir);
    expect(await valuesOf(issuer, lost!)).toEqual({ revocation: 1, suspension: 1, lifecycle: 2 });
    expect(await valuesOf(issuer, kept!)).toEqual({ revocation: 0, suspension: 0, lifecycle: 0 });
    expect(issuer.deps.registry.usage()).toEqual({ revocation: [2], suspension: [2], lifecycle: [2] });
    await issuer.close();
    // The readable record's entries were rewritten with their values; the damaged one's left alone.
    await withIssuerDb(dir, async (db) => {
      for (const s of slotsOf(kept!))
        expect(JSON.parse((await db.get(idxKey(s)))!)).toEqual({ id: kept!.id, value: 0 });
      for (const s of slotsOf(lost!)) expect(await db.get(idxKey(s))).toBe(lost!.id);
    });
  });

  it('S10 a damaged record stored without index entries: indexes salvaged from its text, or its lists sealed for good', async () => {
    const dir = dataFolder();
    let issuer = await start(dir);
    const [salvaged, unknown, fine] = await issue(issuer, 3);
    await issuer.close();
    await withIssuerDb(dir, async (db) => {
      for (const vc of [salvaged!, unknown!]) for (const s of slotsOf(vc)) await db.del(idxKey(s));
      // Cut after its statuses: they can still be read. Cut before its credentialStatus: nothing can.
      await truncateRecord(db, salvaged!.id, (raw) => raw.indexOf('"issuedBy"'));
      await truncateRecord(db, unknown!.id, 40);
    });
    const { logger, lines } = capturingLogger();
    issuer = await start(dir, { logger });
    expect(lines.some((l) => l.includes('sealed') && l.includes(unknown!.id))).toBe(true);
    expect(await valuesOf(issuer, salvaged!)).toEqual({ revocation: 1, suspension: 1, lifecycle: 2 });
    expect(await valuesOf(issuer, fine!)).toEqual({ revocation: 0, suspension: 0, lifecycle: 0 });
    // List 0 (and the list after it) may hold the unknown record's indexes: new ones come from list 2.
    const [first] = await issue(issuer);
    expect(slotsOf(first!).map((s) => s.list)).toEqual([2, 2, 2]);
    await issuer.close();

    // The seal is kept and does not move on later starts.
    issuer = await start(dir);
    const [second] = await issue(issuer);
    expect(slotsOf(second!).map((s) => s.list)).toEqual([2, 2, 2]);
    const used = new Set([...slotsOf(first!), ...slotsOf(second!)].map(keyOf));
    expect(used.size).toBe(6);
  });

  it('S11 a deleted record (the old way to "recover") keeps its indexes reserved and its revocation bit set', async () => {
    const dir = dataFolder();
    let issuer = await start(dir);
    const [gone, ...others] = await issue(issuer, 3);
    expect((await setStatus(issuer, gone!.id, 'revoked')).status).toBe(200);
    await issuer.close();
    await withIssuerDb(dir, (db) => db.del(`rec!${gone!.id}`));
    issuer = await start(dir);
    expect(issuer.deps.registry.usage()).toEqual({ revocation: [3], suspension: [3], lifecycle: [3] });
    expect(await valuesOf(issuer, gone!)).toEqual({ revocation: 1, suspension: 0, lifecycle: 2 });
    const res = await call(issuer.url, 'GET', `/credentials/${encodeURIComponent(gone!.id)}`, undefined, TOKENS.full);
    expectProblem(res, 404, 'NOT_FOUND');
    const taken = new Set([gone, ...others].flatMap((vc) => slotsOf(vc!).map(keyOf)));
    for (const s of (await issue(issuer, SIZE - 3)).flatMap(slotsOf)) expect(taken.has(keyOf(s))).toBe(false);
  });

  it('S11 a record restored from an older backup cannot un-revoke: its index entries say revoked, and it is corrected', async () => {
    const dir = dataFolder();
    let issuer = await start(dir);
    const [vc] = await issue(issuer);
    let backup = '';
    await issuer.close();
    await withIssuerDb(dir, async (db) => {
      backup = (await db.get(`rec!${vc!.id}`))!;
    });
    issuer = await start(dir);
    expect((await setStatus(issuer, vc!.id, 'revoked')).status).toBe(200);
    await issuer.close();
    await withIssuerDb(dir, (db) => db.put(`rec!${vc!.id}`, backup));
    const { logger, lines } = capturingLogger();
    issuer = await start(dir, { logger });
    expect(lines.some((l) => l.includes('"level":40') && l.includes(vc!.id))).toBe(true);
    expect(await valuesOf(issuer, vc!)).toEqual({ revocation: 1, suspension: 0, lifecycle: 2 });
    const res = await call(issuer.url, 'GET', `/credentials/${encodeURIComponent(vc!.id)}`, undefined, TOKENS.full);
    expect(res.json.record.revoked).toBe(true);
    expect((await setStatus(issuer, vc!.id, 'unsuspended')).status).toBe(409);
  });

  it('F1 a damaged pathway document: the issuer starts, the other pathways are served, that one answers 500', async () => {
    const dir = dataFolder();
    let issuer = await start(dir);
    const pathways = ['manufacturing-aas', 'cimt-recertification'].map((name) =>
      JSON.parse(readFileSync(new URL(`../../../schemas/pathways/${name}.json`, import.meta.url), 'utf8')),
    );
    for (const p of pathways) expect((await call(issuer.url, 'POST', '/pathways', p, TOKENS.full)).status).toBe(201);
    await issuer.close();
    await withIssuerDb(dir, async (db) => {
      const key = `doc!pathway!${pathways[0].id}`;
      await db.put(key, (await db.get(key))!.slice(0, 100));
    });
    issuer = await start(dir);
    const list = await call(issuer.url, 'GET', '/pathways');
    expect(list.status).toBe(200);
    expect(list.json.pathways.map((p: any) => p.id)).toEqual([pathways[1].id]);
    expectProblem(
      await call(issuer.url, 'GET', `/pathways/${encodeURIComponent(pathways[0].id)}`),
      500,
      'RECORD_UNREADABLE',
    );
    expect((await call(issuer.url, 'GET', `/pathways/${encodeURIComponent(pathways[1].id)}`)).status).toBe(200);
  });
});
