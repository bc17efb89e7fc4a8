/**
 * Runs async sections one at a time, in arrival order. Index allocation and status updates go
 * through one, so concurrent requests can never take the same index or lose a bit (S10, F4).
 *
 * @example
 * const lock = new Mutex();
 * await lock.run(async () => { ... });
 */
export class Mutex {
  #tail: Promise<unknown> = Promise.resolve();
  run<T>(section: () => Promise<T>): Promise<T> {
    const result = this.#tail.then(section, section);
    this.#tail = result.catch(() => undefined);
    return result;
  }
}
