/** One LevelDB batch operation: a value is UTF-8 text, as a string or as its bytes. */
export type Op = { type: 'put'; key: string; value: string | Uint8Array } | { type: 'del'; key: string };

interface Waiting {
  ops: Op[];
  resolve: () => void;
  reject: (error: unknown) => void;
}

/** What {@link groupCommit} returns: the write function and the reads' view of writes in flight. */
export interface GroupCommit {
  /**
   * Queues `ops` and resolves once they are durable. Writes queued while one is in flight are
   * coalesced into the next batch (one `sync` for all); each write's ops stay together and in
   * order, so each stays atomic. When a batch fails, every write in it is rejected (none of them
   * is stored).
   */
  write(ops: Op[]): Promise<void>;
  /**
   * Resolves once no queued or in-flight write holds `key` any more (at once when none does).
   * A read of `key` made after a write was queued waits here first, so it sees the write once it
   * is durable — never before, and never misses it (a check-then-write under a lock stays exact
   * while writes are in flight).
   */
  settled(key: string): Promise<void> | undefined;
}

/**
 * Group commit (issue 12): concurrent writers' batches go to the database as one atomic,
 * synced batch. `commit` writes one batch durably (LevelDB `batch(ops, { sync: true })`); at
 * most one runs at a time, and the writes queued meanwhile form the next one. Every write is
 * registered under its keys the moment it is queued ({@link GroupCommit.settled}).
 *
 * @example
 * const { write, settled } = groupCommit((ops) => db.batch(ops, { sync: true }));
 * await write([{ type: 'put', key: 'rec!a', value: '{}' }]);
 */
export function groupCommit(commit: (ops: Op[]) => Promise<void>): GroupCommit {
  let queue: Waiting[] = [];
  let running = false;
  /** Key → the last queued write that holds it. */
  const pending = new Map<string, Promise<void>>();

  async function drain(): Promise<void> {
    running = true;
    while (queue.length > 0) {
      const group = queue;
      queue = [];
      const ops = group.length === 1 ? group[0]!.ops : group.flatMap((w) => w.ops);
      try {
        await commit(ops);
      } catch (error) {
        for (const w of group) w.reject(error);
        continue;
      }
      for (const w of group) w.resolve();
    }
    running = false;
  }

  return {
    write(ops) {
      let resolve!: () => void;
      let reject!: (error: unknown) => void;
      const done = new Promise<void>((res, rej) => {
        resolve = res;
        reject = rej;
      });
      queue.push({ ops, resolve, reject });
      const settled = done.then(
        () => undefined,
        () => undefined,
      );
      for (const op of ops) pending.set(op.key, settled);
      void settled.then(() => {
        for (const op of ops) if (pending.get(op.key) === settled) pending.delete(op.key);
      });
      if (!running) void drain();
      return done;
    },
    settled(key) {
      return pending.get(key);
    },
  };
}
