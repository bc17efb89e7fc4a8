/**
 * A batch chunk whose credentials come as JSON text or as its UTF-8 bytes (`credentialJson`; the
 * signing workers send bytes) is stored byte for byte as the same chunk with the credentials as objects: the record's text is
 * `JSON.stringify` of the record holding its credential, whichever way the credential came.
 */
import { join } from 'node:path';
import { openLevelStore } from '@repo/issuer';
import { describe, expect, it } from 'vitest';
import type { BatchJob } from '../../packages/issuer/src/store/batch-types.ts';
import type { CredentialRecord } from '../../packages/issuer/src/store/types.ts';
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

// Members in an order of their own, a non-ASCII name, an escaped quote and a number: the text is
// what JSON.stringify wrote in the worker, and it is kept as it is.
const credential = (id: string) => ({
  '@context': ['https://www.w3.org/ns/credentials/v2'],
  id,
  type: ['VerifiableCredential'],
  issuer: 'did:key:z6MkhaXgBZDvotDkL5257faiztiGiC2QtKLGpbnnEGta2doK',
  credentialSubject: { name: 'Zoë "Z" Ng', credits: 2.5 },
  proof: { type: 'DataIntegrityProof', proofValue: 'z3x' },
});

const record = (id: string, credential: Record<string, unknown>, index: number): CredentialRecord => ({
  id,
  credential,
  statuses: [{ purpose: 'revocation', list: 0, index }],
  issuedBy: 'full',
  issuedAt: '2026-03-01T12:00:00Z',
  revoked: false,
  suspended: false,
  updatedAt: '2026-03-01T12:00:00Z',
  batch: job.id,
});

async function storedRecords(asText: false | 'text' | 'bytes'): Promise<Map<string, string>> {
  const temp = tempDataDir();
  try {
    const store = await openLevelStore(join(temp.dir, 'db'));
    const ids = ['urn:uuid:00000000-0000-4000-8000-000000000001', 'urn:uuid:00000000-0000-4000-8000-000000000002'];
    await store.putBatchChunk({
      job,
      records: ids.map((id, i) => record(id, asText ? {} : credential(id), i)),
      ...(asText && {
        credentialJson: ids.map((id) => {
          const text = JSON.stringify(credential(id));
          return asText === 'text' ? text : new TextEncoder().encode(text);
        }),
      }),
      rowKeys: ids.map((id, i) => ({ rowKey: `row-${i}`, id })),
      results: ids.map((id, i) => ({ row: i + 1, rowKey: `row-${i}`, status: 'issued', id })),
    });
    expect((await store.getRecord(ids[0]!))?.credential).toEqual(credential(ids[0]!));
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
  it('credentials given as JSON text are stored byte for byte as the same credentials given as objects', async () => {
    const objects = await storedRecords(false);
    const text = await storedRecords('text');
    expect([...text.entries()]).toEqual([...objects.entries()]);
    expect([...objects.keys()].filter((k) => k.startsWith('rec!'))).toHaveLength(2);
  });

  it("credentials given as their JSON text's UTF-8 bytes (from the workers) are stored byte for byte as objects", async () => {
    const objects = await storedRecords(false);
    const bytes = await storedRecords('bytes');
    expect([...bytes.entries()]).toEqual([...objects.entries()]);
  });
});
