// Bulk status change (issue 12): many credentials per atomic write (their records, index entries
// and history entries together), each credential still changed exactly as POST /credentials/status
// would; a write that fails refuses every credential it held and changes none of them (F1).
import { decodeList, readStatus, VcError } from '@repo/core';
import type { IssuerStore } from '@repo/issuer';
import { afterEach, describe, expect, it } from 'vitest';
import { changeManyStatuses } from '../../packages/issuer/src/status/change-many-statuses.ts';
import type { RecordUpdate } from '../../packages/issuer/src/store/types.ts';
import { OB3_CERTIFICATION } from '../helpers/awards.ts';
import { type IssuerApp, startIssuerApp, TOKENS } from '../helpers/issuer-app.ts';
import { call } from '../helpers/issuer-process.ts';

const cleanups: Array<() => Promise<void>> = [];
afterEach(async () => {
  for (const c of cleanups.splice(0)) await c();
});

/** An issuer whose `updateRecords` writes are seen (ids per write), and fail while `failing` says so. */
async function start() {
  const writes: string[][] = [];
  const control = { failing: (_ids: string[]) => false };
  const issuer: IssuerApp = await startIssuerApp({
    wrapStore: (store): IssuerStore => ({
      ...store,
      async updateRecords(updates: ReadonlyArray<RecordUpdate>) {
        const ids = updates.map((u) => u.record.id);
        writes.push(ids);
        if (control.failing(ids))
          throw new VcError('INSUFFICIENT_STORAGE', 'The issuer has run out of disk space; nothing was stored.');
        return store.updateRecords(updates);
      },
    }),
  });
  cleanups.push(() => issuer.close());
  return { issuer, writes, control };
}

async function issue(issuer: IssuerApp, n: number): Promise<string[]> {
  const ids: string[] = [];
  for (let i = 0; i < n; i++) {
    const res = await call(
      issuer.url,
      'POST',
      '/credentials/issue',
      { credential: structuredClone(OB3_CERTIFICATION) },
      TOKENS.full,
    );
    expect(res.status).toBe(201);
    ids.push(res.json.verifiableCredential.id);
  }
  return ids;
}

const history = async (issuer: IssuerApp, id: string) => issuer.deps.store.statusHistory(id);

describe('bulk status: many credentials in one atomic write', () => {
  it('POST /credentials/status/bulk stores every change of the request in one write, each with its history entry', async () => {
    const { issuer, writes } = await start();
    const ids = await issue(issuer, 4);
    const res = await call(
      issuer.url,
      'POST',
      '/credentials/status/bulk',
      { ids, status: 'revoked', reason: 'Exam session annulled' },
      TOKENS.full,
    );
    expect(res.json).toEqual({ changed: 4, unchanged: 0, failed: [] });
    expect(writes).toEqual([ids]);
    for (const id of ids) {
      expect((await issuer.deps.store.getRecord(id))?.revoked).toBe(true);
      expect(await history(issuer, id)).toEqual([
        { seq: 1, at: '2026-03-01T12:00:00Z', by: 'full', action: 'revoked', reason: 'Exam session annulled' },
      ]);
    }
  });

  it('F1 in chunks: a chunk whose write fails refuses each of its credentials and changes none; the other chunks are stored', async () => {
    const { issuer, writes, control } = await start();
    const ids = await issue(issuer, 5);
    // The second chunk (ids 2 and 3) cannot be written.
    control.failing = (chunk) => chunk.includes(ids[2]!);
    // The published value of each of a credential's entries (suspension 1 bit, lifecycle 2 bits).
    const published = async (id: string) =>
      (await issuer.deps.store.getRecord(id))!.statuses.map((s) =>
        readStatus(
          decodeList(issuer.deps.registry.snapshot(s.purpose, s.list).encodedList, 0),
          s.index,
          s.purpose === 'lifecycle' ? 2 : 1,
        ),
      );
    const before = await published(ids[2]!);
    expect(before).toEqual([0, 0, 0]);
    const outcomes = await changeManyStatuses(
      issuer.deps,
      ids.map((credentialId) => ({ credentialId, actions: ['suspended'] as const, by: 'ops', reason: 'Audit' })),
      2,
    );
    expect(writes).toEqual([ids.slice(0, 2), ids.slice(2, 4), ids.slice(4)]);
    expect(outcomes.map((o) => ('result' in o ? o.result.changed : (o.error as VcError).code))).toEqual([
      true,
      true,
      'INSUFFICIENT_STORAGE',
      'INSUFFICIENT_STORAGE',
      true,
    ]);
    for (const [i, id] of ids.entries()) {
      const failed = i === 2 || i === 3;
      expect((await issuer.deps.store.getRecord(id))?.suspended).toBe(!failed);
      expect(await history(issuer, id)).toHaveLength(failed ? 0 : 1);
    }
    // Nothing of the failed chunk was published either.
    expect(await published(ids[2]!)).toEqual(before);
    expect(await published(ids[4]!)).toEqual([0, 1, 1]);
    // A credential is changed once a request: the same id twice is refused before anything is done.
    await expect(
      changeManyStatuses(issuer.deps, [
        { credentialId: ids[2]!, actions: ['revoked'], by: 'ops' },
        { credentialId: ids[2]!, actions: ['revoked'], by: 'ops' },
      ]),
    ).rejects.toThrow(TypeError);
    expect((await issuer.deps.store.getRecord(ids[2]!))?.revoked).toBe(false);
  });
});
