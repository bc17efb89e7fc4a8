import { poolClosedError, type SigningPool } from './signing-pool.ts';

/**
 * A {@link SigningPool} whose worker threads start at its first `sign` or `warm` (`make` runs
 * once): a service that never signs a batch never starts them. `close` closes the pool if it was
 * started.
 *
 * @example
 * const pool = lazySigningPool(() => createSigningPool({ keys, contexts, size: 2 }), 2);
 */
export function lazySigningPool(make: () => Promise<SigningPool>, size: number): SigningPool {
  let started: Promise<SigningPool> | undefined;
  let pool: SigningPool | undefined;
  let closed = false;
  const start = (): Promise<SigningPool> => {
    started ??= make().then((p) => {
      pool = p;
      return p;
    });
    return started;
  };
  /** `job` on the started pool; rejects as a closed pool does once `close` was called. */
  const onPool = <R>(job: (p: SigningPool) => Promise<R>): Promise<R> =>
    closed ? Promise.reject(poolClosedError()) : start().then(job);
  return {
    get pending() {
      return pool?.pending ?? 0;
    },
    size,
    get ready() {
      return pool?.ready ?? false;
    },
    warm() {
      if (!closed) start().catch(() => undefined); // a failed start fails the first sign, as before
    },
    sign(credential, options) {
      return onPool((p) => p.sign(credential, options));
    },
    issueRows(request, options) {
      return onPool((p) => p.issueRows(request, options));
    },
    issueOne(request) {
      return onPool((p) => p.issueOne(request));
    },
    recycle(buffers) {
      pool?.recycle(buffers);
    },
    async close() {
      closed = true;
      if (started) await (await started).close();
    },
  };
}
