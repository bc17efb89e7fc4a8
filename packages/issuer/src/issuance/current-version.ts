import type { CredentialRecord, IssuerStore } from '../store/types.ts';

/**
 * The newest record of a credential's renewal lineage: follows `supersededBy` from `id`
 * (at most 1,000 steps, so a corrupt loop cannot hang a request).
 *
 * @example
 * (await currentVersion(store, firstCertificationId))?.id; // the latest renewal's id
 */
export async function currentVersion(store: IssuerStore, id: string): Promise<CredentialRecord | undefined> {
  let record = await store.getRecord(id);
  for (let i = 0; record?.supersededBy && i < 1000; i++) {
    const next = await store.getRecord(record.supersededBy);
    if (!next) break;
    record = next;
  }
  return record;
}
