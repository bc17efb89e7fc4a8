import type { CredentialRecord, IssuerStore } from '../store/types.ts';
import { type RecordQuery, startOf } from './query.ts';
import { issuedTo, type RecordSummary, summarize } from './summary.ts';

/** A record that matched, with its summary. */
export interface FoundRecord {
  record: CredentialRecord;
  summary: RecordSummary;
}

/**
 * The records matching `q`, in (issuedAt, id) order, read through the store's `issued!` index
 * from the cursor (or `from`) on and stopping at `to`. Other filters are checked record by record:
 * a page costs the records scanned to fill it, so a rare filter over many records scans many (see
 * the README's measurement). `now` decides "expired".
 *
 * @example
 * for await (const { summary } of findRecords(store, parseRecordQuery({ status: 'revoked' }), new Date())) console.log(summary.id);
 */
export async function* findRecords(store: IssuerStore, q: RecordQuery, now: Date): AsyncGenerator<FoundRecord> {
  for await (const record of store.issuedRecords(startOf(q))) {
    const at = Date.parse(record.issuedAt);
    if (q.to !== undefined && at >= q.to) return;
    if (q.from !== undefined && at < q.from) continue;
    if (q.issuedBy !== undefined && record.issuedBy !== q.issuedBy) continue;
    if (q.batch !== undefined && record.batch !== q.batch) continue;
    const summary = summarize(record, now);
    if (q.achievement !== undefined && summary.achievementId !== q.achievement) continue;
    if (q.status !== undefined && !q.status.has(summary.status)) continue;
    if (q.recipient !== undefined && !issuedTo(record, q.recipient)) continue;
    yield { record, summary };
  }
}
