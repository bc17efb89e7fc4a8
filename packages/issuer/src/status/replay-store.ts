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

const slotKey = (s: StatusAssignment) => `${s.purpose}/${s.list}/${s.index}`;
const isRevokedValue = (purpose: StatusPurpose, value: number) =>
  (purpose === 'revocation' && value === 1) || (purpose === 'lifecycle' && value === 2);

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
 * Each damaged record is logged with its key and id.
 *
 * @example
 * await replayStore(store, registry, logger);
 */
export async function replayStore(store: IssuerStore, registry: StatusRegistry, logger: Logger): Promise<ReplayReport> {
  const readable = new Map<string, CredentialRecord>();
  const damaged = new Map<string, UnreadableRecord>();
  for await (const item of store.scanRecords()) {
    if ('record' in item) {
      readable.set(item.record.id, item.record);
      registry.load(item.record);
    } else damaged.set(item.unreadable.id, item.unreadable);
  }
  const holder = new Map<string, string>();
  for (const r of readable.values()) for (const s of r.statuses) holder.set(slotKey(s), r.id);

  const current = new Set<string>(); // slots whose entry holds their readable record's value
  const staleRevoked = new Set<string>();
  const orphans = new Map<string, { indexes: number; failSafe: boolean }>();
  for await (const a of store.allocations()) {
    if (a.slot.index >= registry.listSize) continue;
    registry.reserve(a.slot);
    const key = slotKey(a.slot);
    const owner = holder.get(key);
    if (owner !== undefined) {
      const record = readable.get(owner)!;
      if (a.id !== owner || a.value === undefined) continue;
      if (a.value === statusValue(a.slot.purpose, record)) current.add(key);
      else if (isRevokedValue(a.slot.purpose, a.value) && !record.revoked) staleRevoked.add(owner);
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

  for (const id of staleRevoked) {
    const repaired: CredentialRecord = { ...readable.get(id)!, revoked: true };
    for (const s of repaired.statuses) registry.set(s, statusValue(s.purpose, repaired));
    for (const s of repaired.statuses) current.add(slotKey(s));
    logger.warn({ credentialId: id }, 'record says not revoked but its index entries say revoked: kept revoked (S11)');
    await tryWrite(logger, () => store.updateRecord(repaired));
  }

  const report: ReplayReport = { records: readable.size, unreadable: [] };
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
    const slots = salvageSlots(bad.raw).filter((s) => !holder.has(slotKey(s)) && s.index < registry.listSize);
    for (const s of slots) {
      registry.reserve(s);
      registry.set(s, FAIL_SAFE_VALUE[s.purpose]);
    }
    if (!/"statuses":\[[^\]]*\]/.test(bad.raw)) unknown.push(bad.id);
    report.unreadable.push({
      key: bad.key,
      id: bad.id,
      reason: bad.reason,
      indexes: slots.length,
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
  const backfill = [...readable.values()].filter((r) => r.statuses.some((s) => !current.has(slotKey(s))));
  for (let i = 0; i < backfill.length; i += 500) {
    await tryWrite(logger, () => store.putIndexEntries(backfill.slice(i, i + 500)));
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
