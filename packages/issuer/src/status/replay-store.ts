import type { Logger } from 'pino';
import { salvageSlots } from '../store/record-codec.ts';
import type { CredentialRecord, IssuerStore, StatusAssignment, UnreadableRecord } from '../store/types.ts';
import { STATUS_PURPOSES, type StatusPurpose, type StatusRegistry, statusValue } from './status-registry.ts';

/**
 * What an index is published as when its credential's state is unknown — its record is damaged
 * (or gone) and its index entry predates the entry values: revoked, and suspended. Never clear a
 * bit that may have been set; see README "Security notes".
 */
export const FAIL_SAFE_VALUE: Readonly<Record<StatusPurpose, number>> = { revocation: 1, suspension: 1, lifecycle: 2 };

/** The document kind under which sealed lists are kept (`{ fromList, records }` per purpose). */
const SEAL = 'status-seal';

/** What {@link replayStore} found. */
export interface ReplayReport {
  records: number;
  /** Damaged records (and index entries whose record is gone), each with what was published. */
  unreadable: Array<{
    key: string;
    id: string;
    reason: string;
    indexes: number;
    published: 'last-stored' | 'fail-safe';
  }>;
}

const isRevokedValue = (purpose: StatusPurpose, value: number) =>
  (purpose === 'revocation' && value === 1) || (purpose === 'lifecycle' && value === 2);

/**
 * Per status list, one number per index (`-1`: none): which readable record holds it (by its
 * number in the scan), or whether its entry holds its record's value. Lists appear as indexes of
 * them are set; indexes outside `0 … listSize-1` are never set (the registry ignores them too).
 */
class IndexTable {
  readonly #lists = new Map<string, Int32Array>();
  readonly #listSize: number;
  constructor(listSize: number) {
    this.#listSize = listSize;
  }
  #inRange(s: StatusAssignment): boolean {
    return Number.isSafeInteger(s.index) && s.index >= 0 && s.index < this.#listSize;
  }
  set(s: StatusAssignment, value: number): void {
    if (!this.#inRange(s)) return;
    const name = `${s.purpose}/${s.list}`;
    let list = this.#lists.get(name);
    if (list === undefined) {
      list = new Int32Array(this.#listSize).fill(-1);
      this.#lists.set(name, list);
    }
    list[s.index] = value;
  }
  get(s: StatusAssignment): number {
    return this.#inRange(s) ? (this.#lists.get(`${s.purpose}/${s.list}`)?.[s.index] ?? -1) : -1;
  }
}

/** A readable record's state as {@link statusValue} reads it, in three bits. */
const REVOKED = 1;
const SUSPENDED = 2;
const SUPERSEDED = 4;
const stateOf = (r: CredentialRecord) =>
  (r.revoked ? REVOKED : 0) | (r.suspended ? SUSPENDED : 0) | (r.supersededBy ? SUPERSEDED : 0);
const asRecord = (state: number) => ({
  revoked: (state & REVOKED) !== 0,
  suspended: (state & SUSPENDED) !== 0,
  ...((state & SUPERSEDED) !== 0 && { supersededBy: 'superseded' }),
});
/** {@link statusValue} for each of the 8 states and each purpose, computed once. */
const VALUES = Array.from({ length: 8 }, (_, state) => {
  const record = asRecord(state);
  return Object.fromEntries(STATUS_PURPOSES.map((p) => [p, statusValue(p, record)])) as Record<StatusPurpose, number>;
});

/**
 * Rebuilds the status registry at start-up from the store, and never dies on a damaged record
 * (issue 9):
 *
 * - every readable record is replayed (its indexes taken, its bits set);
 * - every index entry (`idx!…`, written in the same atomic batch as its record and rewritten with
 *   every status change) takes its index too, whether or not its record can be read — so the
 *   indexes of a damaged or deleted record are never handed out again (S10);
 * - an index no readable record holds is published with the value its entry kept (the
 *   credential's last stored state: a revoked credential stays revoked, an active one stays
 *   active), or {@link FAIL_SAFE_VALUE} when the entry has no value (written before values were
 *   kept) — a bit is never cleared because a record cannot be read;
 * - a revocation an index entry holds wins over a record that says otherwise (a record restored
 *   from an older backup): revocation is final (S11), and the record is corrected;
 * - a damaged record with no index entries at all (stored before entries existed) has its indexes
 *   salvaged from its text (published fail-safe), and unless its whole `statuses` list survived,
 *   the lists it may have used are sealed: new indexes come from later lists, for good;
 * - readable records whose entries are missing or carry no value get them rewritten.
 *
 * Each damaged record is logged with its key and id. Records are read one at a time and not kept:
 * the second pass needs of each only its id, its state and its indexes, so memory stays flat
 * however many credentials the store holds; the few records to correct or complete are read
 * again. (Keeping every parsed record, as before, held ~5 KB of heap a credential through the
 * start: 100,000 records peaked at ~700 MB RSS and 12 s CPU, and a million would pass V8's ~4 GB
 * default heap limit; now 265 MB and 7–8 s.)
 *
 * @example
 * await replayStore(store, registry, logger);
 */
export async function replayStore(store: IssuerStore, registry: StatusRegistry, logger: Logger): Promise<ReplayReport> {
  // Readable records by number: id, state, and their indexes (flattened: record r's are
  // slots[slotStart[r] … slotStart[r + 1] - 1]).
  const ids: string[] = [];
  const states: number[] = [];
  const slotStart: number[] = [];
  const slots: StatusAssignment[] = [];
  const damaged = new Map<string, UnreadableRecord>();
  const holder = new IndexTable(registry.listSize);
  for await (const item of store.scanRecords()) {
    if ('record' in item) {
      const r = ids.length;
      ids.push(item.record.id);
      states.push(stateOf(item.record));
      slotStart.push(slots.length);
      for (const s of item.record.statuses) {
        slots.push(s);
        holder.set(s, r);
      }
      registry.load(item.record);
    } else damaged.set(item.unreadable.id, item.unreadable);
  }
  slotStart.push(slots.length);
  const slotsOf = (r: number) => slots.slice(slotStart[r], slotStart[r + 1]);

  /** 1: the index's entry holds its readable record's value. */
  const current = new IndexTable(registry.listSize);
  const staleRevoked = new Set<number>();
  const orphans = new Map<string, { indexes: number; failSafe: boolean }>();
  for await (const a of store.allocations()) {
    if (a.slot.index >= registry.listSize) continue;
    registry.reserve(a.slot);
    const owner = holder.get(a.slot);
    if (owner >= 0) {
      if (a.id !== ids[owner] || a.value === undefined) continue;
      const state = states[owner]!;
      if (a.value === VALUES[state]![a.slot.purpose]) current.set(a.slot, 1);
      else if (isRevokedValue(a.slot.purpose, a.value) && (state & REVOKED) === 0) staleRevoked.add(owner);
      continue;
    }
    // No readable record holds this index: its record is damaged, deleted, or the entry unreadable.
    registry.set(a.slot, a.value ?? FAIL_SAFE_VALUE[a.slot.purpose]);
    const id = a.id ?? '(unreadable index entry)';
    const o = orphans.get(id) ?? { indexes: 0, failSafe: false };
    o.indexes++;
    o.failSafe ||= a.value === undefined;
    orphans.set(id, o);
  }

  for (const r of staleRevoked) {
    const id = ids[r]!;
    for (const s of slotsOf(r)) {
      registry.set(s, VALUES[states[r]! | REVOKED]![s.purpose]);
      current.set(s, 1);
    }
    logger.warn({ credentialId: id }, 'record says not revoked but its index entries say revoked: kept revoked (S11)');
    await tryWrite(logger, async () => {
      const record = await store.getRecord(id);
      if (record) await store.updateRecord({ ...record, revoked: true });
    });
  }

  const report: ReplayReport = { records: ids.length, unreadable: [] };
  for (const [id, o] of orphans) {
    const bad = damaged.get(id);
    const entry = {
      key: bad?.key ?? `rec!${id}`,
      id,
      reason: bad?.reason ?? 'no record (deleted?) but its status index entries remain',
      indexes: o.indexes,
      published: o.failSafe ? ('fail-safe' as const) : ('last-stored' as const),
    };
    report.unreadable.push(entry);
  }
  const unknown: string[] = [];
  for (const bad of damaged.values()) {
    if (orphans.has(bad.id)) continue;
    // Stored before index entries existed: what can still be read of its indexes.
    const salvaged = salvageSlots(bad.raw).filter((s) => holder.get(s) < 0 && s.index < registry.listSize);
    for (const s of salvaged) {
      registry.reserve(s);
      registry.set(s, FAIL_SAFE_VALUE[s.purpose]);
    }
    if (!/"statuses":\[[^\]]*\]/.test(bad.raw)) unknown.push(bad.id);
    report.unreadable.push({
      key: bad.key,
      id: bad.id,
      reason: bad.reason,
      indexes: salvaged.length,
      published: 'fail-safe',
    });
  }
  await applySeals(store, registry, logger, unknown);

  for (const u of report.unreadable) {
    logger.error(
      { key: u.key, credentialId: u.id, reason: u.reason, indexes: u.indexes, published: u.published },
      `stored credential record unreadable: ${u.id} answers 500 RECORD_UNREADABLE until it is restored; its status indexes stay reserved and are published ${u.published === 'fail-safe' ? 'as revoked and suspended (state unknown)' : 'with their last stored values'}`,
    );
  }
  // Records with an index whose entry is missing or out of date get their entries written again.
  const backfill: string[] = [];
  for (let r = 0; r < ids.length; r++) {
    for (let k = slotStart[r]!; k < slotStart[r + 1]!; k++) {
      if (current.get(slots[k]!) === 1) continue;
      backfill.push(ids[r]!);
      break;
    }
  }
  for (let i = 0; i < backfill.length; i += 500) {
    await tryWrite(logger, async () => {
      const records = await Promise.all(backfill.slice(i, i + 500).map((id) => store.getRecord(id)));
      await store.putIndexEntries(records.filter((r): r is CredentialRecord => r !== undefined));
    });
  }
  return report;
}

/** A start-up repair write that fails (disk full) is logged, not fatal: the next start retries it. */
async function tryWrite(logger: Logger, write: () => Promise<void>): Promise<void> {
  try {
    await write();
  } catch (error) {
    logger.warn({ err: { message: (error as Error).message } }, 'start-up repair write failed; retried at next start');
  }
}

/**
 * Seals the lists a damaged record without index entries may have used (every list that exists,
 * and the next one), for every purpose, and keeps the seal so later starts do not move it again.
 */
async function applySeals(store: IssuerStore, registry: StatusRegistry, logger: Logger, unknown: string[]) {
  for (const purpose of STATUS_PURPOSES) {
    const seal = (await store.getDocument(SEAL, purpose).catch(() => undefined)) as
      | { fromList: number; records: string[] }
      | undefined;
    const fresh = unknown.filter((id) => !seal?.records.includes(id));
    let fromList = seal?.fromList ?? 0;
    if (fresh.length > 0) {
      fromList = Math.max(fromList, registry.lastList(purpose) + 2);
      logger.error(
        { purpose, fromList, credentialIds: fresh },
        'damaged records without status index entries: their lists are sealed, new indexes come from later lists',
      );
      const next = { fromList, records: [...(seal?.records ?? []), ...fresh] };
      await tryWrite(logger, () => store.putDocument(SEAL, purpose, next));
    }
    if (fromList > 0) registry.sealBelow(purpose, fromList);
  }
}
