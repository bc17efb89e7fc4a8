import { VcError } from '@repo/core';
import { Level } from 'level';
import type { CredentialRecord, IssuerStore } from './types.ts';

const REC = 'rec!';
const IDX = 'idx!';
const DOC = 'doc!';

function indexKey(purpose: string, list: number, index: number): string {
  return `${IDX}${purpose}!${String(list).padStart(6, '0')}!${String(index).padStart(7, '0')}`;
}

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

/**
 * {@link IssuerStore} on a `level` (LevelDB) database. Writes are one atomic batch with
 * `sync: true`. LevelDB's lock file makes a second process on the same folder fail to open (F6).
 *
 * @example
 * const store = await openLevelStore('./data/db');
 */
export async function openLevelStore(location: string): Promise<IssuerStore> {
  const db = new Level<string, string>(location, { valueEncoding: 'utf8' });
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
  // When the fsync of a write fails, LevelDB keeps that error and refuses every later write until
  // the database is reopened (DBImpl::Write records it as a background error). So after any
  // failed write the next one reopens the database first, and the service recovers by itself once
  // space returns (F3). A plain ENOSPC on append is not sticky; test/e2e/disk-full.test.ts covers
  // that case with a real full tmpfs.
  let broken = false;
  async function write(ops: Array<{ type: 'put'; key: string; value: string }>): Promise<void> {
    try {
      if (broken) {
        await db.close();
        await db.open();
        broken = false;
      }
      await db.batch(ops, { sync: true });
    } catch (error) {
      broken = true;
      throw storageError(error);
    }
  }
  return {
    async getRecord(id) {
      const v = await db.get(REC + id);
      return v === undefined ? undefined : (JSON.parse(v) as CredentialRecord);
    },
    async putNewRecord(record) {
      await write([
        { type: 'put', key: REC + record.id, value: JSON.stringify(record) },
        ...record.statuses.map((s) => ({
          type: 'put' as const,
          key: indexKey(s.purpose, s.list, s.index),
          value: record.id,
        })),
      ]);
    },
    async putRenewal(record, predecessor) {
      await write([
        { type: 'put', key: REC + record.id, value: JSON.stringify(record) },
        ...record.statuses.map((s) => ({
          type: 'put' as const,
          key: indexKey(s.purpose, s.list, s.index),
          value: record.id,
        })),
        { type: 'put', key: REC + predecessor.id, value: JSON.stringify(predecessor) },
      ]);
    },
    async getDocument(kind, id) {
      const v = await db.get(`${DOC}${kind}!${id}`);
      return v === undefined ? undefined : JSON.parse(v);
    },
    async putDocument(kind, id, document) {
      await write([{ type: 'put', key: `${DOC}${kind}!${id}`, value: JSON.stringify(document) }]);
    },
    async listDocuments(kind) {
      const out: unknown[] = [];
      for await (const v of db.values({ gte: `${DOC}${kind}!`, lt: `${DOC}${kind}!\xff` })) out.push(JSON.parse(v));
      return out;
    },
    async updateRecord(record) {
      await write([{ type: 'put', key: REC + record.id, value: JSON.stringify(record) }]);
    },
    async *records() {
      for await (const value of db.values({ gte: REC, lt: `${REC}\xff` })) yield JSON.parse(value) as CredentialRecord;
    },
    async close() {
      await db.close();
    },
  };
}
