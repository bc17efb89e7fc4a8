/** A status list that was fetched and verified. */
export interface VerifiedStatusList {
  url: string;
  issuer: string;
  /** The public key that signed the list (see `keyOf`), when it could be read. */
  signedBy?: string;
  purposes: string[];
  bits: Uint8Array;
  /** Epoch ms after which the list must be fetched again (its `ttl`). */
  expiresAt: number;
}

/**
 * Verified status lists by URL, each kept until its `ttl` (Bitstring Status List v1.0 §2.2:
 * `ttl` in milliseconds, 300000 when absent). Bounded: the oldest entry goes first.
 *
 * @example
 * const cache = new StatusListCache({ maxEntries: 100 });
 */
export class StatusListCache {
  readonly #entries = new Map<string, VerifiedStatusList>();
  readonly #max: number;
  constructor(options: { maxEntries?: number } = {}) {
    this.#max = options.maxEntries ?? 1000;
  }
  /** The fresh entry for `url` at time `now`, if any. */
  get(url: string, now: number): VerifiedStatusList | undefined {
    const e = this.#entries.get(url);
    if (!e) return undefined;
    if (e.expiresAt <= now) {
      this.#entries.delete(url);
      return undefined;
    }
    return e;
  }
  set(entry: VerifiedStatusList): void {
    this.#entries.delete(entry.url);
    this.#entries.set(entry.url, entry);
    while (this.#entries.size > this.#max) this.#entries.delete(this.#entries.keys().next().value!);
  }
  /** Forgets one list (or all), e.g. after the issuer changed it. */
  clear(url?: string): void {
    if (url === undefined) this.#entries.clear();
    else this.#entries.delete(url);
  }
}
