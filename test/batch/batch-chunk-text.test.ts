/**
 * A batch chunk whose records come from the signing workers as their stored text's UTF-8 bytes
 * (`issueRows` with `bytes` and `record`, then `putBatchChunk`'s `recordBytes`) is stored byte for
 * byte as the same chunk with the records as objects: the stored text is `JSON.stringify` of the
 * record holding its credential, whichever way the record came.
 */
import { join } from 'node:path';
import { createDocumentLoader } from '@repo/core';
import { openLevelStore } from '@repo/issuer';
import { loadPinnedContexts } from '@repo/schemas';
import { describe, expect, it } from 'vitest';
import { loadKeySet } from '../../packages/issuer/src/keys/key-set.ts';
import type { BatchJob } from '../../packages/issuer/src/store/batch-types.ts';
import type { CredentialRecord, StatusAssignment } from '../../packages/issuer/src/store/types.ts';
import { issueRows } from '../../packages/issuer/src/workers/issue-rows.ts';
import { warmUpJob } from '../../packages/issuer/src/workers/warm-up-job.ts';
import { EXAMPLE_KEY } from '../helpers/issuer-app.ts';
import { tempDataDir } from '../helpers/issuer-process.ts';
import { withIssuerDb } from '../helpers/store-surgery.ts';

const job: BatchJob = {
  id: 'job-1',
  state: 'running',
  format: 'jsonl',
  createdAt: '2026-03-01T12:00:00.000Z',
  updatedAt: '2026-03-01T12:00:00.000Z',
  createdBy: 'full',
  rows: 2,
  issued: 2,
  alreadyIssued: 0,
  failed: 0,
};

/** Two rows signed as a worker signs them: each record's stored text as UTF-8 bytes. */
async function workerRows(
  name = 'Zoë "Z" Ng — Level 1',
): Promise<Array<{ id: string; used: StatusAssignment[]; bytes: Uint8Array }>> {
  const keys = await loadKeySet(EXAMPLE_KEY);
  const documentLoader = createDocumentLoader({ contexts: loadPinnedContexts() });
  const request = warmUpJob(keys.signing.controller).issue!;
  const row = request.rows[0]!;
  // A non-ASCII name and an escaped quote: the bytes are UTF-8 of what JSON.stringify wrote.
  const body = structuredClone(row.body) as { credential: { name?: string } };
  body.credential.name = name;
  const rows = [0, 1].map((n) => ({
    body: structuredClone(body),
    slots: row.slots.map((s) => ({ ...s, index: s.index + n })),
  }));
  const outcomes = await issueRows(
    { keys, documentLoader },
    { ...request, rows, bytes: true, record: { issuedBy: job.createdBy, batch: job.id } },
  );
  return outcomes.map((o, n) => {
    if (o.type !== 'signed-bytes') throw new Error(`row not signed: ${JSON.stringify(o)}`);
    return { id: o.id, used: o.used.map((j) => rows[n]!.slots[j]!), bytes: o.bytes };
  });
}

async function storedRecords(
  signed: Array<{ id: string; used: StatusAssignment[]; bytes: Uint8Array }>,
  asBytes: boolean,
): Promise<Map<string, string>> {
  const temp = tempDataDir();
  try {
    const store = await openLevelStore(join(temp.dir, 'db'));
    const records = signed.map(({ bytes }) => JSON.parse(new TextDecoder().decode(bytes)) as CredentialRecord);
    await store.putBatchChunk({
      job,
      records: asBytes ? records.map((r) => ({ ...r, credential: {} })) : records,
      ...(asBytes && { recordBytes: signed.map((s) => s.bytes) }),
      rowKeys: signed.map(({ id }, i) => ({ rowKey: `row-${i}`, id })),
      results: signed.map(({ id }, i) => ({ row: i + 1, rowKey: `row-${i}`, status: 'issued', id })),
    });
    expect((await store.getRecord(signed[0]!.id))?.credential).toEqual(records[0]!.credential);
    await store.close();
    const raw = new Map<string, string>();
    await withIssuerDb(temp.dir, async (db) => {
      for await (const [key, value] of db.iterator()) raw.set(key, value);
    });
    return raw;
  } finally {
    temp.cleanup();
  }
}

describe('batch chunk writes', () => {
  it("records given as their stored text's UTF-8 bytes (from the workers) are stored byte for byte as objects", async () => {
    const signed = await workerRows();
    const first = JSON.parse(new TextDecoder().decode(signed[0]!.bytes)) as CredentialRecord;
    expect(Object.keys(first)).toEqual([
      'id',
      'credential',
      'statuses',
      'issuedBy',
      'issuedAt',
      'revoked',
      'suspended',
      'updatedAt',
      'batch',
    ]);
    expect(first.statuses).toEqual(signed[0]!.used);
    expect((first.credential as { name: string }).name).toBe('Zoë "Z" Ng — Level 1');
    const objects = await storedRecords(signed, false);
    const bytes = await storedRecords(signed, true);
    expect([...bytes.entries()]).toEqual([...objects.entries()]);
    expect([...objects.keys()].filter((k) => k.startsWith('rec!'))).toHaveLength(2);
  });

  it("a record longer than a worker's spare buffer (8 KiB) is stored byte for byte as the object too", async () => {
    const name = `Zoë ${'ë'.repeat(6000)}`;
    const signed = await workerRows(name);
    for (const s of signed) expect(s.bytes.byteLength).toBeGreaterThan(8192);
    expect((JSON.parse(new TextDecoder().decode(signed[1]!.bytes)).credential as { name: string }).name).toBe(name);
    const objects = await storedRecords(signed, false);
    const bytes = await storedRecords(signed, true);
    expect([...bytes.entries()]).toEqual([...objects.entries()]);
  });
});
