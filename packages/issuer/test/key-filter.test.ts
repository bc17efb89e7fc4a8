import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openLevelStore } from '@repo/issuer';
import { Level } from 'level';
import { afterEach, describe, expect, it } from 'vitest';
import { keyFilter } from '../src/store/key-filter.ts';
import type { CredentialRecord } from '../src/store/types.ts';

const cleanups: Array<() => Promise<void> | void> = [];
afterEach(async () => {
  for (const c of cleanups.splice(0).reverse()) await c();
});

function tempDb(): string {
  const dir = mkdtempSync(join(tmpdir(), 'key-filter-'));
  cleanups.push(() => rmSync(dir, { recursive: true, force: true }));
  return join(dir, 'db');
}

const record = (id: string, index: number): CredentialRecord => ({
  id,
  credential: { id, type: ['VerifiableCredential'] },
  statuses: [{ purpose: 'revocation', list: 0, index }],
  issuedBy: 'ops',
  issuedAt: '2026-12-07T00:00:00Z',
  revoked: false,
  suspended: false,
  updatedAt: '2026-12-07T00:00:00Z',
});

/** Counts LevelDB iterators opened (a credential's status history is read through one). */
function countIterators(): { iterators: () => number } {
  const proto = Level.prototype as unknown as Record<'iterator', (...args: unknown[]) => unknown>;
  const { iterator } = proto;
  let n = 0;
  proto.iterator = function (this: unknown, ...args: unknown[]) {
    n++;
    return iterator.apply(this, args);
  };
  cleanups.push(() => {
    proto.iterator = iterator;
  });
  return { iterators: () => n };
}

/** Counts LevelDB point reads (the store reads through `getSync` while open, `get` otherwise). */
function countReads(): { reads: () => number } {
  const proto = Level.prototype as unknown as Record<'getSync' | 'get', (...args: unknown[]) => unknown>;
  const { getSync, get } = proto;
  let n = 0;
  proto.getSync = function (this: unknown, ...args: unknown[]) {
    n++;
    return getSync.apply(this, args);
  };
  proto.get = function (this: unknown, ...args: unknown[]) {
    n++;
    return get.apply(this, args);
  };
  cleanups.push(() => {
    proto.getSync = getSync;
    proto.get = get;
  });
  return { reads: () => n };
}

describe('key filter: a Bloom filter that grows', () => {
  it('never answers "absent" for a key it was given, across layers, and rarely "maybe" for others', () => {
    const filter = keyFilter();
    const added = Array.from({ length: 150_000 }, () => `rec!urn:uuid:${randomUUID()}`);
    for (const key of added) filter.add(key);
    expect(added.filter((key) => !filter.mayHave(key))).toEqual([]);
    const others = Array.from({ length: 50_000 }, () => `rec!urn:uuid:${randomUUID()}`);
    const falseMaybes = others.filter((key) => filter.mayHave(key)).length;
    expect(falseMaybes / others.length).toBeLessThan(0.02);
    // Keys that differ in one character, and non-ASCII ones.
    const near = keyFilter();
    near.add('browkey!row-1');
    near.add('browkey!ряд-2');
    expect(near.mayHave('browkey!row-1')).toBe(true);
    expect(near.mayHave('browkey!ряд-2')).toBe(true);
    expect(['browkey!row-2', 'browkey!row-10', 'browkey!ряд-1'].filter((k) => near.mayHave(k))).toEqual([]);
  });
});

describe('LevelDB store: reads of absent keys answered from memory (issue 12)', () => {
  it('after the key scan: absent ids, row keys and idempotency keys read nothing; stored ones are found', async () => {
    const location = tempDb();
    const first = await openLevelStore(location);
    const entry = {
      fingerprint: 'f',
      status: 201,
      body: {},
      created: ['urn:uuid:old'],
      createdAt: '2026-12-07T00:00:00Z',
      expiresAt: Date.now() + 60_000,
    };
    await first.putIssued({ records: [record('urn:uuid:old', 1)], idempotency: { key: 'idem-1', entry } });
    await first.putBatchChunk({
      job: {
        id: 'job-1',
        state: 'running',
        format: 'csv',
        createdAt: '2026-12-07T00:00:00Z',
        updatedAt: '2026-12-07T00:00:00Z',
        createdBy: 'ops',
        rows: 1,
        issued: 1,
        alreadyIssued: 0,
        failed: 0,
      },
      records: [record('urn:uuid:batch', 2)],
      rowKeys: [{ rowKey: 'row-1', id: 'urn:uuid:batch' }],
      results: [{ row: 1, rowKey: 'row-1', status: 'issued', id: 'urn:uuid:batch' }],
    });
    await first.close();

    const store = await openLevelStore(location);
    cleanups.push(() => store.close());
    await store.keysScanned;
    const { reads } = countReads();
    expect(await store.getRecord('urn:uuid:new')).toBeUndefined();
    expect(await store.getRowKey('row-2')).toBeUndefined();
    expect(await store.getIdempotency('new-key')).toBeUndefined();
    expect(reads()).toBe(0);
    expect((await store.getRecord('urn:uuid:old'))?.statuses).toEqual([{ purpose: 'revocation', list: 0, index: 1 }]);
    expect((await store.getRecord('urn:uuid:batch'))?.id).toBe('urn:uuid:batch');
    expect(await store.getRowKey('row-1')).toBe('urn:uuid:batch');
    expect((await store.getIdempotency('idem-1'))?.created).toEqual(['urn:uuid:old']);
    expect(reads()).toBe(4);
  });

  it('a key written since open is read back, also while its write is still queued', async () => {
    const store = await openLevelStore(tempDb());
    cleanups.push(() => store.close());
    await store.keysScanned;
    const queued = store.putNewRecord(record('urn:uuid:fresh', 3));
    expect((await store.getRecord('urn:uuid:fresh'))?.id).toBe('urn:uuid:fresh');
    await queued;
  });

  it('a record stored damaged before open still answers RECORD_UNREADABLE (its key is known)', async () => {
    const location = tempDb();
    const raw = new Level<string, string>(location, { valueEncoding: 'utf8' });
    await raw.put('rec!urn:uuid:broken', '{"id":"urn:uuid:broken","cre');
    await raw.close();
    const store = await openLevelStore(location);
    cleanups.push(() => store.close());
    await store.keysScanned;
    await expect(store.getRecord('urn:uuid:broken')).rejects.toMatchObject({
      status: 500,
      problem: { title: 'RECORD_UNREADABLE' },
    });
  });
});

describe('LevelDB store: a credential without status history is known to have none (issue 12, bulk status)', () => {
  const entry = (reason: string) => ({
    at: '2026-12-07T00:00:00Z',
    by: 'ops',
    action: 'revoked' as const,
    reason,
  });
  it('history stored before open is found (and continues its numbering); none is read without an iterator', async () => {
    const location = tempDb();
    const first = await openLevelStore(location);
    await first.putIssued({ records: [record('urn:uuid:a', 1), record('urn:uuid:a!b', 2), record('urn:uuid:c', 3)] });
    await first.updateRecord({ ...record('urn:uuid:a', 1), revoked: true }, [entry('first')]);
    // an id that extends another's: its history key shares `hist!urn:uuid:a!` as a prefix
    await first.updateRecord({ ...record('urn:uuid:a!b', 2), revoked: true }, [entry('other')]);
    await first.close();

    const store = await openLevelStore(location);
    cleanups.push(() => store.close());
    await store.keysScanned;
    const { iterators } = countIterators();
    expect(await store.statusHistory('urn:uuid:c')).toEqual([]);
    expect(await store.statusHistory('urn:uuid:new')).toEqual([]);
    expect(iterators()).toBe(0);
    expect((await store.statusHistory('urn:uuid:a')).map((e) => [e.seq, e.reason])).toEqual([[1, 'first']]);
    expect((await store.statusHistory('urn:uuid:a!b')).map((e) => [e.seq, e.reason])).toEqual([[1, 'other']]);
    // written since open: found, and numbered after what was stored
    await store.updateRecord({ ...record('urn:uuid:a', 1), revoked: true }, [entry('second')]);
    await store.updateRecord({ ...record('urn:uuid:c', 3), suspended: true }, [entry('third')]);
    expect((await store.statusHistory('urn:uuid:a')).map((e) => [e.seq, e.reason])).toEqual([
      [1, 'first'],
      [2, 'second'],
    ]);
    expect((await store.statusHistory('urn:uuid:c')).map((e) => [e.seq, e.reason])).toEqual([[1, 'third']]);
  });
});
