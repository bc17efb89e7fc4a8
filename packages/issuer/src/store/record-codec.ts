import { STATUS_PURPOSES, type StatusPurpose, statusValue } from '../status/status-registry.ts';
import type { CredentialRecord, StatusAssignment, StoredAllocation } from './types.ts';

/** Key prefixes of the database. */
export const REC = 'rec!';
export const IDX = 'idx!';
export const DOC = 'doc!';
export const IDEM = 'idem!';
export const IDEM_EXPIRY = 'idemexp!';

const isPurpose = (p: unknown): p is StatusPurpose => (STATUS_PURPOSES as readonly unknown[]).includes(p);
const isCount = (n: unknown): n is number => Number.isSafeInteger(n) && (n as number) >= 0;

/**
 * The key of one status index's entry: `idx!<purpose>!<list, 6 digits>!<index, 7 digits>`.
 *
 * @example
 * indexKey({ purpose: 'revocation', list: 0, index: 42 }); // 'idx!revocation!000000!0000042'
 */
export function indexKey(slot: StatusAssignment): string {
  return `${IDX}${slot.purpose}!${String(slot.list).padStart(6, '0')}!${String(slot.index).padStart(7, '0')}`;
}

/**
 * The index entries of a record, each with the record's current value in its list.
 *
 * @example
 * await db.batch([{ type: 'put', key: REC + record.id, value: JSON.stringify(record) }, ...indexEntries(record)]);
 */
export function indexEntries(record: CredentialRecord): Array<{ type: 'put'; key: string; value: string }> {
  return record.statuses.map((s) => ({
    type: 'put' as const,
    key: indexKey(s),
    value: JSON.stringify({ id: record.id, value: statusValue(s.purpose, record) }),
  }));
}

/**
 * Reads one index entry. Its key alone says the index is taken; its value names the credential
 * and, since issue 9, the entry's value in its list (before: only the id).
 *
 * @example
 * parseIndexEntry('idx!revocation!000000!0000042', '{"id":"urn:uuid:1","value":1}');
 * // { slot: { purpose: 'revocation', list: 0, index: 42 }, id: 'urn:uuid:1', value: 1 }
 */
export function parseIndexEntry(key: string, raw: string): StoredAllocation | undefined {
  const m = /^idx!(revocation|suspension|lifecycle)!(\d{6})!(\d{7})$/.exec(key);
  if (!m) return undefined;
  const slot: StatusAssignment = { purpose: m[1] as StatusPurpose, list: Number(m[2]), index: Number(m[3]) };
  if (!raw.startsWith('{')) return { slot, id: raw === '' ? undefined : raw, value: undefined };
  try {
    const v = JSON.parse(raw) as { id?: unknown; value?: unknown };
    const max = slot.purpose === 'lifecycle' ? 3 : 1;
    return {
      slot,
      id: typeof v.id === 'string' ? v.id : undefined,
      value:
        Number.isInteger(v.value) && (v.value as number) >= 0 && (v.value as number) <= max
          ? (v.value as number)
          : undefined,
    };
  } catch {
    return { slot, id: undefined, value: undefined };
  }
}

/**
 * Parses a stored record and checks its shape: a record that parses but is not a whole record
 * (a truncation that happens to be JSON, another id) is as unreadable as one that does not parse.
 * Returns the record, or why it cannot be used.
 *
 * @example
 * parseRecord('urn:uuid:1', '{"id":"urn:uuid:1","cre'); // { reason: 'not JSON (23 bytes; truncated or garbled)' }
 */
export function parseRecord(id: string, raw: string): { record: CredentialRecord } | { reason: string } {
  let v: unknown;
  try {
    v = JSON.parse(raw);
  } catch {
    return { reason: `not JSON (${raw.length} bytes; truncated or garbled)` };
  }
  const r = v as Partial<CredentialRecord> | null;
  if (!r || typeof r !== 'object' || Array.isArray(r)) return { reason: 'not a JSON object' };
  if (r.id !== id) return { reason: 'its id does not match its key' };
  if (!r.credential || typeof r.credential !== 'object') return { reason: 'no credential' };
  if (typeof r.revoked !== 'boolean' || typeof r.suspended !== 'boolean') return { reason: 'no status state' };
  if (
    !Array.isArray(r.statuses) ||
    !r.statuses.every((s) => s && isPurpose(s.purpose) && isCount(s.list) && isCount(s.index))
  ) {
    return { reason: 'no readable status list entries' };
  }
  return { record: r as CredentialRecord };
}

/**
 * The status indexes that can still be read out of a damaged record's text: its `statuses`
 * (`"purpose":"…","list":n,"index":m`) and its credential's `credentialStatus` ids
 * (`…/status/<purpose>/<list>#<index>`). Only for records stored without index entries; the
 * caller ignores indexes that a readable record holds (a CLR embeds other credentials).
 *
 * @example
 * salvageSlots('{"id":"urn:uuid:1","credential":{"credentialStatus":[{"id":"https://x/status/revocation/0#7"');
 * // [{ purpose: 'revocation', list: 0, index: 7 }]
 */
export function salvageSlots(raw: string): StatusAssignment[] {
  const found = new Map<string, StatusAssignment>();
  const add = (purpose: string, list: string, index: string) => {
    const slot = { purpose: purpose as StatusPurpose, list: Number(list), index: Number(index) };
    found.set(indexKey(slot), slot);
  };
  for (const m of raw.matchAll(/"purpose":"(revocation|suspension|lifecycle)","list":(\d{1,6}),"index":(\d{1,7})[,}]/g))
    add(m[1]!, m[2]!, m[3]!);
  for (const m of raw.matchAll(/\/status\/(revocation|suspension|lifecycle)\/(\d{1,6})#(\d{1,7})"/g))
    add(m[1]!, m[2]!, m[3]!);
  return [...found.values()];
}

/**
 * A record's stored text: `JSON.stringify(record)`, or, with `credentialJson` (the JSON text of its
 * credential, when the record holds `{}` in its place), the same text with that credential in it.
 * `id` is a record's first member and `credential` its second.
 *
 * @example
 * recordText({ id: 'urn:uuid:1', credential: {}, ... }, '{"@context":[…]}'); // '{"id":"urn:uuid:1","credential":{"@context":[…]},…}'
 */
export function recordText(record: CredentialRecord, credentialJson?: string): string {
  const text = JSON.stringify(record);
  if (credentialJson === undefined) return text;
  const at = JSON.stringify(record.id).length + 7;
  const stub = '"credential":{}';
  if (text.slice(at, at + stub.length) !== stub)
    throw new TypeError('A record given its credential as text must begin with its id and an empty credential.');
  return `${text.slice(0, at)}"credential":${credentialJson}${text.slice(at + stub.length)}`;
}
