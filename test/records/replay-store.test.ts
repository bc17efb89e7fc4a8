/**
 * The status registry rebuilt at start-up from a real LevelDB store (status/replay-store.ts; issue
 * 9's rules, SECURITY-CHECKLIST S10 / S11 / F1), every branch: records replayed into their bits,
 * index entries that say "revoked" winning over a record that says otherwise (and the record
 * corrected), missing or value-less index entries rewritten, an index entry whose record is gone
 * published with its last stored value, and a damaged record stored without entries salvaged and
 * its lists sealed. A second start over the repaired store changes nothing more.
 */
import { join } from 'node:path';
import { decodeList, readStatus } from '@repo/core';
import { openLevelStore } from '@repo/issuer';
import pino from 'pino';
import { afterAll, describe, expect, it } from 'vitest';
import { replayStore } from '../../packages/issuer/src/status/replay-store.ts';
import { STATUS_SIZE, type StatusPurpose, StatusRegistry } from '../../packages/issuer/src/status/status-registry.ts';
import { indexKey } from '../../packages/issuer/src/store/record-codec.ts';
import type { CredentialRecord, StatusAssignment } from '../../packages/issuer/src/store/types.ts';
import { tempDataDir } from '../helpers/issuer-process.ts';
import { truncateRecord, withIssuerDb } from '../helpers/store-surgery.ts';

const AT = '2026-03-01T12:00:00Z';
const slot = (purpose: StatusPurpose, index: number, list = 0): StatusAssignment => ({ purpose, list, index });
const slots = (index: number): StatusAssignment[] => [
  slot('revocation', index),
  slot('suspension', index),
  slot('lifecycle', index),
];

function record(n: number, state: Partial<CredentialRecord> = {}): CredentialRecord {
  const id = `urn:uuid:00000000-0000-4000-8000-${String(n).padStart(12, '0')}`;
  const statuses = slots(n);
  return {
    id,
    credential: {
      '@context': ['https://www.w3.org/ns/credentials/v2'],
      id,
      type: ['VerifiableCredential'],
      issuer: 'did:example:issuer',
      credentialSubject: { id: 'did:example:holder', name: 'Zoë — Level 1' },
      credentialStatus: statuses.map((s) => ({
        id: `https://issuer.example/status/${s.purpose}/${s.list}#${s.index}`,
        type: 'BitstringStatusListEntry',
      })),
    },
    statuses,
    issuedBy: 'test',
    issuedAt: AT,
    revoked: false,
    suspended: false,
    updatedAt: AT,
    ...state,
  };
}

/** The published value of one index. */
function published(registry: StatusRegistry, s: StatusAssignment): number {
  const bits = decodeList(registry.snapshot(s.purpose, s.list).encodedList, 64 * STATUS_SIZE[s.purpose]);
  return readStatus(bits, s.index, STATUS_SIZE[s.purpose]);
}

async function replay(dir: string) {
  const lines: string[] = [];
  const logger = pino({ level: 'info' }, { write: (line: string) => void lines.push(line) });
  const store = await openLevelStore(join(dir, 'db'));
  const registry = new StatusRegistry({ listSize: 64 });
  // the repair writes it makes (index entries rewritten, records corrected)
  const writes: string[] = [];
  const counted = Object.assign(Object.create(store), {
    putIndexEntries: (records: readonly CredentialRecord[]) => {
      writes.push(...records.map((r) => `entries ${r.id}`));
      return store.putIndexEntries(records);
    },
    updateRecord: (r: CredentialRecord) => {
      writes.push(`record ${r.id}`);
      return store.updateRecord(r);
    },
  }) as typeof store;
  try {
    const report = await replayStore(counted, registry, logger);
    const entries = new Map<string, string>();
    for await (const a of store.allocations())
      entries.set(indexKey(a.slot), JSON.stringify({ id: a.id, value: a.value }));
    const records = new Map<string, CredentialRecord>();
    for await (const r of store.records()) records.set(r.id, r);
    return { report, registry, lines: lines.map((l) => JSON.parse(l)), entries, records, writes };
  } finally {
    await store.close();
  }
}

describe('replayStore over a real LevelDB store (issue 9 rules; S10, S11, F1)', () => {
  const data = tempDataDir();
  afterAll(() => data.cleanup());

  const active = record(1);
  const revoked = record(2, { revoked: true });
  const suspended = record(3, { suspended: true });
  const superseded = record(4, { supersededBy: 'urn:uuid:renewal' });
  const staleRecord = record(5); // its entries say revoked: the record is an older copy
  const noEntries = record(6); // its index entries are gone
  const oldEntries = record(7); // entries written before values were kept: `{ id }` only
  const gone = record(8, { revoked: true }); // its record is deleted, its entries remain
  const damaged = record(9); // stored without index entries, then torn
  const all = [active, revoked, suspended, superseded, staleRecord, noEntries, oldEntries, gone, damaged];

  it('rebuilds every bit, repairs what the entries say, keeps every index taken, and a second start changes nothing', async () => {
    const store = await openLevelStore(join(data.dir, 'db'));
    await store.putIssued({ records: all });
    await store.close();
    await withIssuerDb(data.dir, async (db) => {
      await db.put(indexKey(slot('revocation', 5)), JSON.stringify({ id: staleRecord.id, value: 1 }));
      for (const s of noEntries.statuses) await db.del(indexKey(s));
      for (const s of oldEntries.statuses) await db.put(indexKey(s), JSON.stringify({ id: oldEntries.id }));
      await db.del(`rec!${gone.id}`);
      for (const s of damaged.statuses) await db.del(indexKey(s));
      // torn inside the credential: its credentialStatus ids survive, its `statuses` list does not
      await truncateRecord(db, damaged.id, (raw) => raw.indexOf('"statuses"') - 10);
    });

    const first = await replay(data.dir);
    const { registry } = first;
    expect(first.writes.sort()).toEqual(
      [`record ${staleRecord.id}`, `entries ${noEntries.id}`, `entries ${oldEntries.id}`].sort(),
    );
    // records replayed into their bits (lifecycle: 0 active, 1 suspended, 2 revoked, 3 superseded)
    expect(slots(1).map((s) => published(registry, s))).toEqual([0, 0, 0]);
    expect(slots(2).map((s) => published(registry, s))).toEqual([1, 0, 2]);
    expect(slots(3).map((s) => published(registry, s))).toEqual([0, 1, 1]);
    expect(slots(4).map((s) => published(registry, s))).toEqual([0, 0, 3]);
    // S11: the entry's revocation wins over the record, and the record is corrected
    expect(slots(5).map((s) => published(registry, s))).toEqual([1, 0, 2]);
    expect(first.records.get(staleRecord.id)?.revoked).toBe(true);
    expect(first.lines.some((l) => l.credentialId === staleRecord.id && /kept revoked/.test(l.msg))).toBe(true);
    // missing and value-less entries are written again, with the record's values
    for (const r of [noEntries, oldEntries])
      for (const s of r.statuses) expect(first.entries.get(indexKey(s))).toBe(JSON.stringify({ id: r.id, value: 0 }));
    expect(first.entries.get(indexKey(slot('revocation', 5)))).toBe(JSON.stringify({ id: staleRecord.id, value: 1 }));
    // a record that is gone: its entries' last stored values are published (revoked stays revoked)
    expect(slots(8).map((s) => published(registry, s))).toEqual([1, 0, 2]);
    // the torn record without entries: indexes salvaged from its text, published fail-safe
    expect(slots(9).map((s) => published(registry, s))).toEqual([1, 1, 2]);
    expect(first.report.records).toBe(7);
    expect(first.report.unreadable).toEqual([
      expect.objectContaining({ id: gone.id, key: `rec!${gone.id}`, indexes: 3, published: 'last-stored' }),
      expect.objectContaining({ id: damaged.id, key: `rec!${damaged.id}`, indexes: 3, published: 'fail-safe' }),
    ]);
    for (const u of [gone, damaged])
      expect(first.lines.some((l) => l.level === 50 && l.credentialId === u.id && l.key === `rec!${u.id}`)).toBe(true);
    // S10: every index of the nine credentials stays taken; the torn record's `statuses` is lost,
    // so every list that exists (0) and the next (1) are sealed: new indexes come from list 2
    expect(registry.usage()).toEqual({ revocation: [9], suspension: [9], lifecycle: [9] });
    for (const purpose of ['revocation', 'suspension', 'lifecycle'] as const)
      expect(registry.allocate(purpose).list).toBe(2);

    const second = await replay(data.dir);
    expect(second.writes).toEqual([]);
    expect(second.report).toEqual(first.report);
    expect(second.entries).toEqual(first.entries);
    expect(second.records).toEqual(first.records);
    expect(second.lines.some((l) => /kept revoked/.test(l.msg ?? ''))).toBe(false);
    for (const r of all)
      for (const s of r.statuses) expect(published(second.registry, s), indexKey(s)).toBe(published(registry, s));
    expect(second.registry.usage()).toEqual({ revocation: [9], suspension: [9], lifecycle: [9] });
    expect(second.registry.allocate('suspension').list).toBe(2);
  });
});
