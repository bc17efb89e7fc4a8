import { join } from 'node:path';
import { type IssuerStore, openLevelStore } from '@repo/issuer';
import { Level } from 'level';
import { afterEach, describe, expect, it } from 'vitest';
import { type IssuerApp, type IssuerAppOptions, startIssuerApp, TOKENS } from '../../../test/helpers/issuer-app.ts';
import { call, tempDataDir } from '../../../test/helpers/issuer-process.ts';
import { groupCommit, type Op } from '../src/store/group-commit.ts';
import type { IssuedWrite } from '../src/store/types.ts';
import { expectProblem, ob3 } from './support.ts';

type Batch = (ops: Op[], options: { sync: boolean }) => Promise<void>;
// classic-level's own batch, under abstract-level's `batch` (the store calls it directly).
const proto = Level.prototype as unknown as { _batch: Batch };
const realBatch = proto._batch;
/** Every LevelDB batch write of the open stores goes through this while set (installed per test). */
let intercept: ((ops: Op[], commit: () => Promise<void>) => Promise<void>) | undefined;
proto._batch = function (this: unknown, ...args: Parameters<Batch>) {
  const commit = () => realBatch.apply(this, args);
  return intercept && Array.isArray(args[0]) ? intercept(args[0], commit) : commit();
} as Batch;

const cleanups: Array<() => Promise<void> | void> = [];
afterEach(async () => {
  intercept = undefined;
  for (const c of cleanups.splice(0).reverse()) await c();
});

/** An issuer whose `putIssued` calls are counted (each queues its write before it returns). */
async function start(options: IssuerAppOptions = {}): Promise<IssuerApp & { queued: () => number }> {
  let queued = 0;
  const issuer = await startIssuerApp({
    ...options,
    wrapStore: (store): IssuerStore => ({
      ...store,
      putIssued(write: IssuedWrite) {
        queued++;
        return store.putIssued(write);
      },
    }),
  });
  cleanups.push(() => issuer.close());
  return { ...issuer, queued: () => queued };
}

const issue = (issuer: IssuerApp, n: number) =>
  call(
    issuer.url,
    'POST',
    '/credentials/issue',
    { credential: { ...ob3(), id: `urn:uuid:6a1f0000-0000-4000-8000-${String(n).padStart(12, '0')}` } },
    TOKENS.full,
  );

const recordIds = (ops: Op[]) => ops.filter((o) => o.key.startsWith('rec!')).map((o) => o.key.slice(4));
const indexKeys = (ops: Op[]) => ops.filter((o) => o.key.startsWith('idx!')).map((o) => o.key);

/** Holds the first intercepted batch until `release` is called; the batches after it run at once. */
function holdFirstBatch(onBatch: (ops: Op[]) => Promise<void> | void = () => undefined) {
  let release!: () => void;
  const gate = new Promise<void>((r) => {
    release = r;
  });
  const batches: Op[][] = [];
  intercept = async (ops, commit) => {
    batches.push(ops);
    if (batches.length === 1) await gate;
    await onBatch(ops);
    return commit();
  };
  return { batches, release };
}

async function until(condition: () => boolean): Promise<void> {
  for (let i = 0; !condition(); i++) {
    if (i > 2000) throw new Error('condition not reached');
    await new Promise((r) => setTimeout(r, 5));
  }
}

describe('group commit (issue 12): concurrent writes share one synced batch', () => {
  it('writes queued while one is in flight go together, in order; each resolves once its batch is durable', async () => {
    const commits: string[][] = [];
    let finish!: () => void;
    const store = groupCommit(async (ops) => {
      commits.push(ops.map((o) => o.key));
      if (commits.length === 1)
        await new Promise<void>((r) => {
          finish = r;
        });
    });
    const done: string[] = [];
    const put = (key: string): Op => ({ type: 'put', key, value: '' });
    const a = store.write([put('a')]).then(() => done.push('a'));
    const b = store.write([put('b1'), put('b2')]).then(() => done.push('b'));
    const c = store.write([put('c'), { type: 'del', key: 'b1' }]).then(() => done.push('c'));
    expect(store.settled('b2')).toBeInstanceOf(Promise);
    await new Promise((r) => setTimeout(r, 10));
    expect(done).toEqual([]);
    finish();
    await Promise.all([a, b, c]);
    expect(commits).toEqual([['a'], ['b1', 'b2', 'c', 'b1']]);
    expect(done).toEqual(['a', 'b', 'c']);
    await new Promise((r) => setTimeout(r, 0));
    expect(store.settled('b2')).toBeUndefined();
  });

  it('F1 a failed batch refuses every write in it; the next batch is written', async () => {
    let fail = true;
    const written: string[] = [];
    const store = groupCommit(async (ops) => {
      await new Promise((r) => setTimeout(r, 5));
      if (fail) throw new Error('disk gone');
      written.push(...ops.map((o) => o.key));
    });
    const put = (key: string): Op => ({ type: 'put', key, value: '' });
    const first = store.write([put('x')]);
    const group = [store.write([put('y')]), store.write([put('z')])];
    const results = await Promise.allSettled([first, ...group]);
    expect(results.map((r) => r.status)).toEqual(['rejected', 'rejected', 'rejected']);
    fail = false;
    await store.write([put('w')]);
    expect(written).toEqual(['w']);
  });

  it('F1 S10 concurrent issues coalesce into one batch, every one answered 201 is stored after a reopen, no index used twice', async () => {
    const data = tempDataDir();
    cleanups.push(() => data.cleanup());
    const issuer = await start({ dataDir: data.dir });
    const { batches, release } = holdFirstBatch();
    const answers = Array.from({ length: 12 }, (_, i) => issue(issuer, i));
    // The first write is held in flight until the other eleven are queued behind it.
    await until(() => issuer.queued() === 12);
    release();
    const done = await Promise.all(answers);
    for (const res of done) expect(res.status, res.text).toBe(201);
    expect(batches.map((ops) => recordIds(ops).length)).toEqual([1, 11]);
    intercept = undefined;
    await issuer.close();
    const store = await openLevelStore(join(data.dir, 'db'));
    try {
      const used = new Set<string>();
      for (const res of done) {
        const record = await store.getRecord(res.json.verifiableCredential.id);
        expect(record?.credential).toEqual(res.json.verifiableCredential);
        for (const s of record!.statuses) used.add(`${s.purpose}/${s.list}/${s.index}`);
      }
      expect(used.size).toBe(12 * 3);
    } finally {
      await store.close();
    }
  });

  it('F3 S10 a group whose write fails refuses every caller in it, stores none of them, and none of their indexes is used again', async () => {
    const issuer = await start({ listSize: 8, defaultStatusPurposes: ['revocation'] });
    const failed: string[] = [];
    const { batches, release } = holdFirstBatch((ops) => {
      failed.push(...indexKeys(ops));
      throw Object.assign(new Error('IO error: No space left on device'), { code: 'ENOSPC' });
    });
    const answers = Array.from({ length: 5 }, (_, i) => issue(issuer, i));
    await until(() => issuer.queued() === 5);
    release();
    for (const res of await Promise.all(answers)) expectProblem(res, 507, 'INSUFFICIENT_STORAGE');
    expect(batches.map((ops) => recordIds(ops).length)).toEqual([1, 4]);
    expect(failed).toHaveLength(5);
    for (let i = 0; i < 5; i++)
      expect(
        await issuer.deps.store.getRecord(`urn:uuid:6a1f0000-0000-4000-8000-${String(i).padStart(12, '0')}`),
      ).toBeUndefined();
    // Their 5 indexes stay taken: the list of 8 has room for 3 more, then a new list opens.
    expect(issuer.deps.registry.usage().revocation).toEqual([5]);
    intercept = undefined;
    const later: string[] = [];
    for (let i = 10; i < 14; i++) {
      const res = await issue(issuer, i);
      expect(res.status, res.text).toBe(201);
      later.push(res.json.verifiableCredential.credentialStatus.id);
    }
    const failedEntries = failed.map((k) => Number(k.slice(k.lastIndexOf('!') + 1)));
    const inFirstList = later.filter((id) => id.includes('/revocation/0#')).map((id) => Number(id.split('#')[1]));
    expect(inFirstList).toHaveLength(3);
    for (const index of inFirstList) expect(failedEntries).not.toContain(index);
    expect(issuer.deps.registry.usage().revocation).toEqual([8, 1]);
  });
});
