import { join } from 'node:path';
import { Level } from 'level';

/**
 * Opens a stopped issuer's LevelDB (`<dataDir>/db`) directly, as an operator — or a disk fault —
 * would, runs `change`, and closes it.
 *
 * @example
 * await withIssuerDb(dataDir, (db) => truncateRecord(db, id));
 */
export async function withIssuerDb(dataDir: string, change: (db: Level<string, string>) => Promise<void>) {
  const db = new Level<string, string>(join(dataDir, 'db'), { valueEncoding: 'utf8' });
  await db.open();
  try {
    await change(db);
  } finally {
    await db.close();
  }
}

/**
 * Cuts the stored JSON of credential `id` (key `rec!<id>`) short — a torn write: at a number of
 * characters, a fraction of its length (default half), or where `at(raw)` says. Returns the
 * original text.
 *
 * @example
 * const original = await truncateRecord(db, 'urn:uuid:…');
 */
export async function truncateRecord(
  db: Level<string, string>,
  id: string,
  at: number | ((raw: string) => number) = 0.5,
): Promise<string> {
  const raw = await db.get(`rec!${id}`);
  if (raw === undefined) throw new Error(`No record rec!${id} in the database.`);
  const cut = typeof at === 'function' ? at(raw) : at < 1 ? Math.floor(raw.length * at) : at;
  await db.put(`rec!${id}`, raw.slice(0, cut));
  return raw;
}
