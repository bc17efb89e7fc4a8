import { type DocumentLoader, MIN_LIST_BITS } from '@repo/core';
import type { StatusListCache } from '../../status-list-cache.ts';
import type { Check, StatusListFetcher } from '../../types.ts';

/** What the status check needs from the verifier (clock, loader, fetcher, cache, trust, minimum). */
export interface StatusCheckContext {
  issuer: string | undefined;
  now: Date;
  skewSeconds: number;
  documentLoader: DocumentLoader;
  fetchStatusList: StatusListFetcher;
  cache: StatusListCache;
  trustedStatusListIssuers: readonly string[];
  /**
   * The verification method that secured the credential (its proof's, or its JWT `kid`): a list
   * signed by the same public key is the issuer's own, whatever DID names the key (a `did:key` of
   * a key the issuer's `did:web` document lists as an assertion method).
   */
  credentialVerificationMethod?: string;
  /** Bitstring Status List v1.0 §3.2 minimumNumberOfEntries [131,072]; an ecosystem may set it lower. */
  minimumEntries?: number;
}

/** One entry's reading, reported in the check's details. */
export interface EntryReading {
  type: string;
  statusPurpose: string;
  statusListIndex: string;
  statusListCredential: string;
  value?: number;
  message?: string;
}

/** One entry's outcome: its reading, or a check that decides (failed / could not check). */
export type EntryOutcome = { reading: EntryReading } | { check: Check };

/**
 * What differs between the status-list formats we read; the validate algorithm around it is the
 * same (fetch or cache, proof, issuer, validity, subject type, purpose, length, bit).
 */
export interface StatusListFormat {
  /** Remembered with each cached list, so a list verified as one format is never read as another. */
  kind: 'BitstringStatusList' | 'StatusList2021';
  /** The `type` the list credential must include. */
  credentialType: string;
  /** The `type` its `credentialSubject` must have. */
  subjectType: string;
  /** A context the list's `@context` must include (the one defining its types), if any. */
  context?: string;
  /** The purposes the list serves, from its subject. */
  purposes(subject: Record<string, unknown>): string[];
  /** `encodedList` → bitstring; throws a coded `VcError` (malformed, or shorter than 16 KB: S3). */
  decode(encoded: unknown, minBits: number): Uint8Array;
  /** How long to cache the list, from its subject; undefined → the 300 s default. */
  ttlMs(subject: Record<string, unknown>): number | undefined;
}

/** An entry read and checked before anything is fetched. */
export interface ParsedStatusEntry {
  type: string;
  format: StatusListFormat;
  statusPurpose: string;
  statusListIndex: string;
  statusListCredential: string;
  index: number;
  statusSize: number;
  /** `statusMessage` by value (BSL v1.0 §2.1); empty when the entry has none. */
  messages: Map<number, string>;
}

/** The minimum number of entries a list must hold (§3.2 step 9), configured or 131,072. */
export function minimumOf(ctx: StatusCheckContext): number {
  return ctx.minimumEntries ?? MIN_LIST_BITS;
}
