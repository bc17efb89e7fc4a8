import { VcError } from '@repo/core';
import { Level } from 'level';
import { groupCommit, type Op } from './group-commit.ts';
import { keyFilter } from './key-filter.ts';
import { levelBatchStore, ROW_KEY } from './level-batch-store.ts';
import {
  DOC,
  IDEM,
  IDEM_EXPIRY,
  IDX,
  indexEntries,
  indexKey,
  parseIndexEntry,
  parseRecord,
  REC,
  recordText,
} from './record-codec.ts';
import { RecordUnreadableError } from './record-unreadable.ts';
import type {
  CredentialRecord,
  DocumentWrite,
  IdempotencyEntry,
  IssuerStore,
  StatusHistoryEntry,
  UnreadableRecord,
} from './types.ts';

/** Maps storage failures to coded errors: disk full → 507 (F3), anything else → 503. */
function storageError(error: unknown): VcError {
  const code = (error as { code?: string; cause?: { code?: string } })?.code;
  const text = String((error as Error)?.message ?? '');
  if (/ENOSPC|No space left/i.test(text) || code === 'ENOSPC') {
    return new VcError('INSUFFICIENT_STORAGE', 'The issuer has run out of disk space; nothing was stored.', {
      cause: error,
    });
  }
  return new VcError('SERVICE_UNAVAILABLE', 'The issuer could not write to its database; nothing was stored.', {
    cause: error,
  });
}

/** Options of {@link openLevelStore}. */
export interface LevelStoreOptions {
  /** Told about every damaged record a read meets (the server logs it, naming the key). */
  onUnreadable?: (record: Omit<UnreadableRecord, 'raw'>) => void;
}

/**
 * Key prefixes of the records' secondary index and status history (issue 12, records):
 * `issued!<issuedAt>!<id>` (empty value; `issuedAt` is always UTC whole seconds, so keys sort by
 * (issuedAt, id)) and `hist!<id>!<seq, 6 digits>` (one JSON entry each, never rewritten).
 */
const ISSUED = 'issued!';
const HIST = 'hist!';
/** Set once every record written before the `issued!` index existed has its entry. */
const ISSUED_INDEX_BUILT = 'meta!issued-index-v1';
const issuedKey = (issuedAt: string, id: string) => `${ISSUED}${issuedAt}!${id}`;
const historyKey = (id: string, seq: number) => `${HIST}${id}!${String(seq).padStart(6, '0')}`;
const HISTORY_SEQ = /^\d{6}$/;
/**
 * What the key filter holds for a history entry's key: its credential's prefix (`hist!<id>!`,
 * the key without its 6-digit sequence number), so that a credential without any history entry
 * is known to have none without opening an iterator (a bulk status change of 20,000 fresh
 * credentials opened one each: ~34 µs of main-thread CPU a credential).
 */
const historyMarker = (key: string) => key.slice(0, -6);

/**
 * Prefixes of the keys whose reads mostly find nothing — a new credential's id, a batch row's key,
 * a new `Idempotency-Key` — answered from memory once known absent ({@link openLevelStore}).
 */
const FILTERED = [REC, ROW_KEY, IDEM];
const filteredPrefix = (key: string) => FILTERED.find((p) => key.startsWith(p));
/**
 * What the key filter holds for a stored key: the key itself (a {@link FILTERED} prefix), its
 * credential's history prefix (a history entry), or nothing.
 */
const filterEntryOf = (key: string): string | undefined =>
  filteredPrefix(key) !== undefined ? key : key.startsWith(HIST) ? historyMarker(key) : undefined;

const expiryKey = (expiresAt: number, key: string) => `${IDEM_EXPIRY}${String(expiresAt).padStart(15, '0')}!${key}`;

/**
 * LevelDB's table block size (its default: 4 KiB). Blocks are compressed (snappy) one by one, so
 * a block of several records compresses the text they share (contexts, achievement, status
 * entries): less to write and to compact again. A batch of 100,000 (bench/batch-api.ts, twice,
 * interleaved): LevelDB's thread 93/85 → 59/65 µs a credential, peak RSS no higher (295–299 →
 * 281–286 MB); plain-level microbench, 100,000 records: 109 → 79 µs a record (16 KiB: 90, 64 KiB:
 * 79). A point read of a stored key reads one block; tables written before keep their blocks.
 */
const BLOCK_SIZE = 32 * 1024;

/**
 * Options of a scan over a whole key range (start-up: every record, index entry and key):
 * classic-level fetches entries from LevelDB in batches of about `highWaterMarkBytes` (default
 * 16 KiB, ~6 records), one threadpool round trip each; 64 KiB batches cost half the CPU. 100,000
 * records (~2.5 KB each) iterated: 940-1,144 -> 392-426 ms CPU (load ~3, alternating runs).
 */
const SCAN = { highWaterMarkBytes: 64 * 1024 } as const;

/** What {@link openLevelStore} returns: the store, and when its key scans are done. */
export type LevelIssuerStore = IssuerStore & {
  /**
   * Resolves once the keys of records, row keys and idempotency answers stored before the store
   * opened are all known to its key filter (a background scan at open; until then, and for a
   * prefix whose scan failed, those reads ask LevelDB).
   */
  keysScanned: Promise<void>;
};

/**
 * {@link IssuerStore} on a `level` (LevelDB) database. Writes are one atomic batch with
 * `sync: true`: a record, its status index entries (`idx!…`, each with the credential's id and
 * its current value in the list, so indexes and bits are known without the record) and, for a
 * request with an `Idempotency-Key`, the remembered answer. LevelDB's lock file makes a second
 * process on the same folder fail to open (F6). A damaged record never stops a read of others:
 * scans report it, `getRecord` throws {@link RecordUnreadableError} for that id only.
 *
 * Reads of keys that do not exist — the id of a credential about to be stored, a batch row's key,
 * a new `Idempotency-Key`, a few per credential issued — are answered from memory: a Bloom filter
 * ({@link keyFilter}) holds every key of those prefixes written since open (added when the write
 * is queued) and, after a scan of each prefix at open, every key stored before. A key it has
 * never seen is absent; any other is read from LevelDB. LevelDB counts a point read that looks in
 * more than one table file against the first one and compacts a file after ~100 such reads
 * (seek compaction): in a batch these reads of absent keys (three a row) doubled the compaction
 * (20,000 rows: ~74 → ~39 µs a credential on LevelDB's thread, whole server ~650 → ~535).
 *
 * @example
 * const store = await openLevelStore('./data/db', { onUnreadable: (r) => logger.error(r, 'record unreadable') });
 */
export async function openLevelStore(location: string, options: LevelStoreOptions = {}): Promise<LevelIssuerStore> {
  const db = new Level<string, string>(location, { valueEncoding: 'utf8', blockSize: BLOCK_SIZE });
  try {
    await db.open();
  } catch (error) {
    const cause = (error as { cause?: { message?: string } }).cause;
    const locked = /lock/i.test(String(cause?.message ?? (error as Error).message));
    throw new Error(
      locked
        ? `The database at ${location} is in use by another process (LevelDB lock held). Only one issuer may use a data folder.`
        : `Could not open the database at ${location}: ${cause?.message ?? (error as Error).message}`,
      { cause: error },
    );
  }
  const report = options.onUnreadable ?? (() => undefined);
  // When the fsync of a write fails, LevelDB keeps that error and refuses every later write until
  // the database is reopened (DBImpl::Write records it as a background error). So after any
  // failed write the next one reopens the database first, and the service recovers by itself once
  // space returns (F3). A plain ENOSPC on append is not sticky; test/e2e/disk-full.test.ts covers
  // that case with a real full tmpfs. Concurrent writes are committed together (group commit: one
  // synced batch for all of them; a failed batch refuses each of its writes).
  let broken = false;
  // classic-level's own batch (`_batch`, what `batch` calls after abstract-level has copied,
  // checked and re-encoded every op): our keys are strings and our values UTF-8 text, as strings
  // or as their bytes (which the binding copies as they are), so that layer costs ~40 µs of
  // main-thread CPU a record and changes nothing. Through `batch` while the database is not open
  // (it defers or refuses as it should; its utf8 encoding turns bytes into the same text).
  const direct = (db as unknown as { _batch?: (ops: Op[], options: { sync: boolean }) => Promise<void> })._batch;
  const commitOps = (ops: Op[]): Promise<void> =>
    db.status === 'open' && typeof direct === 'function'
      ? direct.call(db, ops, { sync: true })
      : db.batch(ops as Array<{ type: 'put'; key: string; value: string } | { type: 'del'; key: string }>, {
          sync: true,
        });
  const group = groupCommit(async (ops) => {
    try {
      if (broken) {
        await db.close();
        await db.open();
        broken = false;
      }
      await commitOps(ops);
    } catch (error) {
      broken = true;
      throw storageError(error);
    }
  });
  const present = keyFilter();
  /** Prefixes whose stored keys are all in `present` (their scan at open is done). */
  const scanned = new Set<string>();
  const write = (ops: Op[]): Promise<void> => {
    for (const op of ops) {
      const entry = op.type === 'put' ? filterEntryOf(op.key) : undefined;
      if (entry !== undefined) present.add(entry);
    }
    return group.write(ops);
  };
  /**
   * One key's value, after any queued write of `key` settled (a read never misses a write queued
   * before it). Read synchronously (`getSync`: a point read from LevelDB's memtable, block cache
   * and memory-mapped tables, ~4 µs) rather than through the thread pool (~60 µs of CPU a read in
   * hand-offs); while the database reopens after a failed write, the read waits for it.
   */
  async function get(key: string): Promise<string | undefined> {
    // Never written since open nor stored before (a queued write is in the filter already).
    const prefix = filteredPrefix(key);
    if (prefix !== undefined && scanned.has(prefix) && !present.mayHave(key)) return undefined;
    const inFlight = group.settled(key);
    if (inFlight) await inFlight;
    return db.status === 'open' ? db.getSync(key) : db.get(key);
  }
  const documentOp = (d: DocumentWrite): Op => ({
    type: 'put',
    key: `${DOC}${d.kind}!${d.id}`,
    value: JSON.stringify(d.document),
  });
  /** A record's ops; `stored`: its stored text (default `recordText(record)`), as a string or its UTF-8 bytes. */
  const recordOps = (record: CredentialRecord, stored: string | Uint8Array = recordText(record)): Op[] => [
    { type: 'put', key: REC + record.id, value: stored },
    ...indexEntries(record),
    { type: 'put', key: issuedKey(record.issuedAt, record.id), value: '' },
  ];
  async function historyOf(id: string): Promise<StatusHistoryEntry[]> {
    const out: StatusHistoryEntry[] = [];
    const prefix = `${HIST}${id}!`;
    // No history entry was ever stored for this id (most credentials: none changed status yet).
    if (scanned.has(HIST) && !present.mayHave(prefix)) return out;
    for await (const [key, value] of db.iterator({ gte: prefix, lt: `${prefix}\xff` })) {
      const seq = key.slice(prefix.length);
      // An id that extends this one (`a!b` after `a`) shares the prefix: only `<prefix><6 digits>` is ours.
      if (!HISTORY_SEQ.test(seq)) continue;
      try {
        out.push({ ...(JSON.parse(value) as Omit<StatusHistoryEntry, 'seq'>), seq: Number(seq) });
      } catch {
        report({ key, id, reason: 'status history entry not JSON' });
      }
    }
    return out;
  }
  // Records written before the `issued!` index existed get their entries once (one scan).
  if ((await db.get(ISSUED_INDEX_BUILT)) === undefined) {
    let ops: Op[] = [];
    for await (const [key, value] of db.iterator({ gte: REC, lt: `${REC}\xff`, ...SCAN })) {
      const read = readRecord(key, value);
      if ('credential' in read) ops.push({ type: 'put', key: issuedKey(read.issuedAt, read.id), value: '' });
      if (ops.length >= 1000) {
        await write(ops);
        ops = [];
      }
    }
    await write([...ops, { type: 'put', key: ISSUED_INDEX_BUILT, value: '1' }]);
  }
  function readRecord(key: string, raw: string): CredentialRecord | UnreadableRecord {
    const id = key.slice(REC.length);
    const parsed = parseRecord(id, raw);
    return 'record' in parsed ? parsed.record : { key, id, reason: parsed.reason, raw };
  }
  function parseDocument(key: string, raw: string): unknown {
    try {
      return JSON.parse(raw);
    } catch {
      report({ key, id: key.slice(key.indexOf('!', DOC.length) + 1), reason: 'not JSON' });
      throw new RecordUnreadableError(key, key.slice(key.indexOf('!', DOC.length) + 1), 'document');
    }
  }
  // Keys stored before open, in the background. Started after `write` adds every key it queues,
  // so a key is either on disk when a scan's snapshot is taken or added when queued. A scan cut
  // short (the database closed or reopened after a failed write) leaves its prefix to LevelDB.
  const keysScanned = (async () => {
    for (const prefix of [...FILTERED, HIST]) {
      for await (const key of db.keys({ gte: prefix, lt: `${prefix}\xff`, fillCache: false, ...SCAN }))
        present.add(filterEntryOf(key)!);
      scanned.add(prefix);
    }
  })().catch(() => undefined);
  const store: LevelIssuerStore = {
    keysScanned,
    // Batch issuance jobs, rows and row keys (issue 12), written through the same `write`.
    ...levelBatchStore(db, write, get, recordOps),
    async getRecord(id) {
      const key = REC + id;
      const v = await get(key);
      if (v === undefined) return undefined;
      const read = readRecord(key, v);
      if ('credential' in read) return read;
      report({ key, id, reason: read.reason });
      throw new RecordUnreadableError(key, id, 'credential');
    },
    async putNewRecord(record) {
      await store.putIssued({ records: [record] });
    },
    async putRenewal(record, predecessor) {
      await store.putIssued({ records: [record], predecessor });
    },
    async putIssued({ records, credentialJson, predecessor, idempotency, documents }) {
      const ops: Op[] = records.flatMap((r, i) => recordOps(r, recordText(r, credentialJson?.[i])));
      for (const d of documents ?? []) ops.push(documentOp(d));
      if (predecessor) ops.push(...recordOps(predecessor));
      if (idempotency) {
        ops.push(
          { type: 'put', key: IDEM + idempotency.key, value: JSON.stringify(idempotency.entry) },
          { type: 'put', key: expiryKey(idempotency.entry.expiresAt, idempotency.key), value: '' },
        );
      }
      await write(ops);
    },
    async updateRecord(record, history = []) {
      await store.updateRecords([{ record, history }]);
    },
    async updateRecords(updates) {
      // The stored history of each record, read at once: its new entries follow them.
      const seqs = await Promise.all(
        updates.map(async (u) =>
          (u.history?.length ?? 0) > 0 ? (await historyOf(u.record.id)).reduce((max, e) => Math.max(max, e.seq), 0) : 0,
        ),
      );
      const ops: Op[] = [];
      updates.forEach(({ record, history = [] }, i) => {
        ops.push(...recordOps(record));
        history.forEach((entry, n) => {
          ops.push({ type: 'put', key: historyKey(record.id, seqs[i]! + n + 1), value: JSON.stringify(entry) });
        });
      });
      if (ops.length > 0) await write(ops);
    },
    statusHistory: historyOf,
    async *issuedRecords(start) {
      const range =
        start?.id === undefined
          ? { gte: `${ISSUED}${start?.issuedAt ?? ''}` }
          : { gt: issuedKey(start.issuedAt, start.id) };
      for await (const key of db.keys({ ...range, lt: `${ISSUED}\xff` })) {
        const id = key.slice(ISSUED.length + key.slice(ISSUED.length).indexOf('!') + 1);
        const raw = await get(REC + id);
        if (raw === undefined) continue;
        const read = readRecord(REC + id, raw);
        if ('credential' in read) yield read;
        else report({ key: read.key, id, reason: read.reason });
      }
    },
    async putIndexEntries(records) {
      if (records.length > 0) await write(records.flatMap(indexEntries));
    },
    async putAllocationValues(entries) {
      if (entries.length === 0) return;
      await write(
        entries.map((e) => ({
          type: 'put' as const,
          key: indexKey(e.slot),
          value: JSON.stringify({ id: e.id, value: e.value }),
        })),
      );
    },
    async *records() {
      for await (const item of store.scanRecords()) {
        if ('record' in item) yield item.record;
        else report({ key: item.unreadable.key, id: item.unreadable.id, reason: item.unreadable.reason });
      }
    },
    async *scanRecords() {
      for await (const [key, value] of db.iterator({ gte: REC, lt: `${REC}\xff`, ...SCAN })) {
        const read = readRecord(key, value);
        yield 'credential' in read ? { record: read } : { unreadable: read };
      }
    },
    async *allocations() {
      for await (const [key, value] of db.iterator({ gte: IDX, lt: `${IDX}\xff`, ...SCAN })) {
        const entry = parseIndexEntry(key, value);
        if (entry) yield entry;
      }
    },
    async getIdempotency(key) {
      const v = await get(IDEM + key);
      if (v === undefined) return undefined;
      try {
        const entry = JSON.parse(v) as IdempotencyEntry;
        if (typeof entry.fingerprint === 'string' && Number.isFinite(entry.expiresAt)) return entry;
      } catch {}
      report({ key: IDEM + key, id: key, reason: 'idempotency answer not readable' });
      throw new RecordUnreadableError(IDEM + key, key, 'idempotency answer');
    },
    async purgeIdempotency(now) {
      const ops: Op[] = [];
      for await (const key of db.keys({ gte: IDEM_EXPIRY, lt: expiryKey(now + 1, '') })) {
        ops.push({ type: 'del', key });
        const idemKey = key.slice(key.indexOf('!', IDEM_EXPIRY.length) + 1);
        // A key re-used after its answer expired holds the newer answer: keep that one.
        const v = await get(IDEM + idemKey);
        let expiresAt = 0;
        try {
          expiresAt = v === undefined ? 0 : Number((JSON.parse(v) as IdempotencyEntry).expiresAt);
        } catch {}
        if (v !== undefined && !(expiresAt > now)) ops.push({ type: 'del', key: IDEM + idemKey });
      }
      if (ops.length > 0) await write(ops);
      return ops.filter((o) => o.key.startsWith(IDEM)).length;
    },
    async getDocument(kind, id) {
      const key = `${DOC}${kind}!${id}`;
      const v = await get(key);
      return v === undefined ? undefined : parseDocument(key, v);
    },
    async putDocument(kind, id, document) {
      await write([documentOp({ kind, id, document })]);
    },
    async putDocuments(documents) {
      if (documents.length > 0) await write(documents.map(documentOp));
    },
    async listDocuments(kind) {
      const out: unknown[] = [];
      for await (const [key, v] of db.iterator({ gte: `${DOC}${kind}!`, lt: `${DOC}${kind}!\xff` })) {
        try {
          out.push(parseDocument(key, v));
        } catch {
          // Reported by parseDocument; the other documents are still served.
        }
      }
      return out;
    },
    async close() {
      await db.close();
    },
  };
  return store;
}
