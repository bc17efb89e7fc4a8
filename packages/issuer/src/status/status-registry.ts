import { randomInt } from 'node:crypto';
import { encodeList, readStatus, writeStatus } from '@repo/core';
import { LIFECYCLE_MESSAGES } from '@repo/schemas';
import type { CredentialRecord, StatusAssignment } from '../store/types.ts';

/**
 * The lists the issuer publishes: 1-bit `revocation` and `suspension` lists, and a 2-bit
 * `lifecycle` list (statusPurpose `message`, Bitstring Status List v1.0 §2.1 statusSize /
 * statusMessage) whose values are {@link LIFECYCLE_MESSAGES}.
 */
export const STATUS_PURPOSES = ['revocation', 'suspension', 'lifecycle'] as const;
export type StatusPurpose = (typeof STATUS_PURPOSES)[number];

/** Bits per entry of each list. */
export const STATUS_SIZE: Record<StatusPurpose, number> = { revocation: 1, suspension: 1, lifecycle: 2 };

/** The lifecycle list's values, in `statusMessage` form (the vocabulary lives in `@repo/schemas`). */
export { LIFECYCLE_MESSAGES };

/** The value a record's state has in each list. */
export function statusValue(
  purpose: StatusPurpose,
  record: Pick<CredentialRecord, 'revoked' | 'suspended' | 'supersededBy'>,
): number {
  if (purpose === 'revocation') return record.revoked ? 1 : 0;
  if (purpose === 'suspension') return record.suspended ? 1 : 0;
  return record.revoked ? 2 : record.supersededBy ? 3 : record.suspended ? 1 : 0;
}

interface ListState {
  /** Which entries were ever handed out (never reused, S10). */
  used: Uint8Array;
  usedCount: number;
  /** The published bits. */
  bits: Uint8Array;
  /** Bumped on every change; names the cached signed copy. */
  version: number;
}

/**
 * The in-memory view of every status list: which indexes are taken and which bits are set.
 * Built from the stored records at start-up (the records are the truth, F1: lists are
 * rebuildable from records), changed only under the issuer's mutex.
 *
 * @example
 * const registry = new StatusRegistry({ listSize: 131072 });
 * const slot = registry.allocate('revocation');
 */
export class StatusRegistry {
  readonly listSize: number;
  readonly #lists = new Map<StatusPurpose, ListState[]>();
  readonly #random: (max: number) => number;
  /** Lists below this are sealed (never allocated from again). */
  readonly #floor = new Map<StatusPurpose, number>();

  constructor(options: { listSize: number; random?: (max: number) => number }) {
    if (!Number.isInteger(options.listSize) || options.listSize % 8 !== 0 || options.listSize < 8) {
      throw new TypeError('listSize must be a positive multiple of 8.');
    }
    this.listSize = options.listSize;
    this.#random = options.random ?? ((max) => randomInt(max));
    for (const p of STATUS_PURPOSES) this.#lists.set(p, []);
  }

  #list(purpose: StatusPurpose, n: number): ListState {
    const lists = this.#lists.get(purpose)!;
    while (lists.length <= n) {
      const bytes = this.listSize / 8;
      lists.push({
        used: new Uint8Array(bytes),
        usedCount: 0,
        bits: new Uint8Array(bytes * STATUS_SIZE[purpose]),
        version: 0,
      });
    }
    return lists[n]!;
  }

  /** Replays one stored record (start-up). */
  load(record: CredentialRecord): void {
    for (const s of record.statuses) {
      this.reserve(s);
      const list = this.#list(s.purpose, s.list);
      writeStatus(list.bits, s.index, statusValue(s.purpose, record), STATUS_SIZE[s.purpose]);
    }
  }

  /**
   * Marks an index as handed out without touching its bits (start-up: an index entry whose
   * record cannot be read keeps its index out of {@link allocate}'s reach forever, S10).
   */
  reserve(slot: StatusAssignment): void {
    if (!Number.isSafeInteger(slot.index) || slot.index < 0 || slot.index >= this.listSize) return;
    const list = this.#list(slot.purpose, slot.list);
    if (readStatus(list.used, slot.index) === 0) {
      writeStatus(list.used, slot.index, 1);
      list.usedCount++;
    }
  }

  /**
   * Allocates only from list `fromList` of `purpose` onwards: the lists before it may hold indexes
   * of a damaged record that no longer says which (start-up, see `replayStore`).
   */
  sealBelow(purpose: StatusPurpose, fromList: number): void {
    this.#floor.set(purpose, Math.max(this.#floor.get(purpose) ?? 0, fromList));
  }

  /** The highest list number of `purpose` that exists, or -1. */
  lastList(purpose: StatusPurpose): number {
    return this.#lists.get(purpose)!.length - 1;
  }

  /**
   * Takes a never-used index at random from the newest list with room, opening a new list when
   * it is full (S10). The caller must {@link release} it if the credential is not stored.
   */
  allocate(purpose: StatusPurpose): StatusAssignment {
    const lists = this.#lists.get(purpose)!;
    let n = Math.max(0, lists.length - 1, this.#floor.get(purpose) ?? 0);
    let list = this.#list(purpose, n);
    if (list.usedCount >= this.listSize) list = this.#list(purpose, ++n);
    let index = this.#random(this.listSize);
    // Rejection sampling; once the list is crowded, walk forward from the random start instead.
    for (let tries = 0; readStatus(list.used, index) === 1; tries++) {
      index = tries < 32 ? this.#random(this.listSize) : (index + 1) % this.listSize;
    }
    writeStatus(list.used, index, 1);
    list.usedCount++;
    return { purpose, list: n, index };
  }

  /**
   * Whether {@link allocate} would take an index from a list that is already open (it would open
   * no new list): a caller that allocates before it knows the credential is issuable can then give
   * the index back without leaving a list behind.
   */
  hasRoom(purpose: StatusPurpose): boolean {
    const lists = this.#lists.get(purpose)!;
    const n = Math.max(0, lists.length - 1, this.#floor.get(purpose) ?? 0);
    return n < lists.length && lists[n]!.usedCount < this.listSize;
  }

  /** Gives back an index whose credential was never stored (signing failed). */
  release(slot: StatusAssignment): void {
    const list = this.#list(slot.purpose, slot.list);
    if (readStatus(list.used, slot.index) === 1) {
      writeStatus(list.used, slot.index, 0);
      list.usedCount--;
    }
  }

  /** Writes one entry's value (0/1 for 1-bit lists, 0–3 for the lifecycle list). */
  set(slot: StatusAssignment, value: number): void {
    const list = this.#list(slot.purpose, slot.list);
    const size = STATUS_SIZE[slot.purpose];
    if (readStatus(list.bits, slot.index, size) !== value) {
      writeStatus(list.bits, slot.index, value, size);
      list.version++;
    }
  }

  /** Whether list `n` of `purpose` exists. */
  has(purpose: string, n: number): purpose is StatusPurpose {
    return (
      (STATUS_PURPOSES as readonly string[]).includes(purpose) &&
      n >= 0 &&
      n < (this.#lists.get(purpose as StatusPurpose)?.length ?? 0)
    );
  }

  /** The list's encoded bits and version (for publishing and caching). */
  snapshot(purpose: StatusPurpose, n: number): { encodedList: string; version: number } {
    const list = this.#list(purpose, n);
    return { encodedList: encodeList(list.bits), version: list.version };
  }

  /** Version of a list, to tell whether a cached signed copy is still current. */
  version(purpose: StatusPurpose, n: number): number {
    return this.#list(purpose, n).version;
  }

  /** How many indexes each list has handed out. */
  usage(): Record<string, number[]> {
    const out: Record<string, number[]> = {};
    for (const [p, lists] of this.#lists) out[p] = lists.map((l) => l.usedCount);
    return out;
  }
}
