import type { SigningPool } from './signing-pool.ts';

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
      if (closed) return Promise.reject(new Error('The signing pool is closed: it signs nothing more.'));
      return start().then((p) => p.sign(credential, options));
    },
    issueRows(request, options) {
      if (closed) return Promise.reject(new Error('The signing pool is closed: it signs nothing more.'));
      return start().then((p) => p.issueRows(request, options));
    },
    issueOne(request) {
      if (closed) return Promise.reject(new Error('The signing pool is closed: it signs nothing more.'));
      return start().then((p) => p.issueOne(request));
    },
    async close() {
      closed = true;
      if (started) await (await started).close();
    },
  };
}
