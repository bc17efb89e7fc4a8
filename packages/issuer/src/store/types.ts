import type { BatchStore } from './batch-types.ts';

/** Where one credential's status lives: list `purpose`/`list`, entry `index`. */
export interface StatusAssignment {
  purpose: 'revocation' | 'suspension' | 'lifecycle';
  list: number;
  index: number;
}

/** What the issuer keeps for every credential it issued. */
export interface CredentialRecord {
  id: string;
  /** The credential with its embedded proof as returned (for a JWT-only credential: the payload). */
  credential: Record<string, unknown>;
  /** The `application/vc+jwt` form, when one was issued. */
  jwt?: string;
  statuses: StatusAssignment[];
  /** Name of the token that issued it. */
  issuedBy: string;
  issuedAt: string;
  revoked: boolean;
  suspended: boolean;
  updatedAt: string;
  /** Id of the renewal that replaced this credential (lifecycle "superseded"). */
  supersededBy?: string;
  /** Id of the credential this one renewed. */
  predecessor?: string;
  /** The batch job that issued it (`GET /credentials?batch=`). */
  batch?: string;
}

/**
 * One status index as its own index entry says (written in the same atomic batch as the record
 * it belongs to, and rewritten with every status change). Readable without the record.
 */
export interface StoredAllocation {
  slot: StatusAssignment;
  /** The credential that holds it; undefined when the entry itself cannot be read. */
  id: string | undefined;
  /**
   * The entry's value in its list as of the record's last write (0/1, lifecycle 0–3); undefined
   * for entries written before the value was kept (only the id) or unreadable ones.
   */
  value: number | undefined;
}

/** A stored record whose bytes cannot be read back as a record (truncated, garbled). */
export interface UnreadableRecord {
  /** The database key. */
  key: string;
  /** The credential (or document) id, from the key. */
  id: string;
  /** Why, in a few words (for the log). */
  reason: string;
  /** The stored text, for salvaging its status indexes. */
  raw: string;
}

/** One record to rewrite with {@link IssuerStore.updateRecords}, and the history entries to add to it. */
export interface RecordUpdate {
  record: CredentialRecord;
  history?: ReadonlyArray<Omit<StatusHistoryEntry, 'seq'>>;
}

/** What a status change did, as the history keeps it (the VC-API "Update Status" verbs). */
export type StatusAction = 'revoked' | 'suspended' | 'unsuspended';

/**
 * One entry of a credential's status history: append-only (never rewritten or deleted), written
 * in the same atomic batch as the status change it records.
 */
export interface StatusHistoryEntry {
  /** 1, 2, 3… per credential, in the order the changes were made. */
  seq: number;
  /** When (UTC, whole seconds). */
  at: string;
  /** Who: the name of the token that asked. */
  by: string;
  action: StatusAction;
  /** Why, as the caller said it (at most 500 characters). */
  reason?: string;
}

/** Where {@link IssuerStore.issuedRecords} starts: at `issuedAt`, or just after (`issuedAt`, `id`). */
export interface IssuedPosition {
  issuedAt: string;
  id?: string;
}

/** What a record scan meets: a record, or a record that cannot be read. */
export type ScannedRecord = { record: CredentialRecord } | { unreadable: UnreadableRecord };

/** The first answer to a request that carried an `Idempotency-Key`, kept until it expires. */
export interface IdempotencyEntry {
  /** SHA-256 (hex) of the method, path and canonical JSON body of the first request. */
  fingerprint: string;
  status: number;
  /** The answer body, as sent. */
  body: unknown;
  /** Ids of the credentials the request created. */
  created: string[];
  createdAt: string;
  /** Milliseconds since the epoch. */
  expiresAt: number;
}

/** An {@link IdempotencyEntry} to store under `key` (a digest of the caller and the key). */
export interface IdempotencyWrite {
  key: string;
  entry: IdempotencyEntry;
}

/** One atomic write of newly issued credentials (and what changes with them). */
export interface IssuedWrite {
  records: CredentialRecord[];
  /**
   * By position in `records`: the JSON text of a record's credential (`JSON.stringify` of it, as a
   * signing worker wrote it), stored as it is in place of the record's `credential`, which is then
   * `{}`; `undefined`, or no list: the record's own credential.
   */
  credentialJson?: ReadonlyArray<string | undefined>;
  /** A renewed credential, marked superseded in the same write. */
  predecessor?: CredentialRecord;
  /** The answer to remember for the request's `Idempotency-Key`. */
  idempotency?: IdempotencyWrite;
  /** Documents written in the same atomic write (a claimed award, its share link). */
  documents?: DocumentWrite[];
}

/** One JSON document to store under `kind`/`id` ({@link IssuerStore.getDocument}). */
export interface DocumentWrite {
  kind: string;
  id: string;
  document: unknown;
}

/**
 * The issuer's storage. Every write is durable (fsync) before it resolves, so a 2xx answer
 * means the data survives a crash (F1). Concurrent writes may be committed together (group
 * commit), each still atomic; a write is queued when its call returns (before it resolves), and
 * the reads of one key (`getRecord`, `getDocument`, `getIdempotency`, `getRowKey`,
 * `getBatchJob`, `getBatchIdempotency`) made after that wait until it is durable (or failed), so
 * a check under the issuer's lock sees every write queued before it.
 */
export interface IssuerStore extends BatchStore<CredentialRecord> {
  /**
   * The record of `id`, or undefined. Throws a `RecordUnreadableError` (500 `RECORD_UNREADABLE`)
   * when it is stored but cannot be read.
   */
  getRecord(id: string): Promise<CredentialRecord | undefined>;
  /** Stores a new record. The caller has checked that the id is free. */
  putNewRecord(record: CredentialRecord): Promise<void>;
  /**
   * Replaces an existing record (status changes), with its index entries and, when given, new
   * status history entries (their `seq` is assigned here, after the ones stored) — one atomic
   * write. The caller holds the status lock, so two changes never take the same `seq`.
   */
  updateRecord(record: CredentialRecord, history?: ReadonlyArray<Omit<StatusHistoryEntry, 'seq'>>): Promise<void>;
  /**
   * {@link updateRecord} for many records (distinct ids) in ONE atomic write: all of them with
   * their index entries and history entries, or none (bulk status changes).
   */
  updateRecords(updates: ReadonlyArray<RecordUpdate>): Promise<void>;
  /** The status history of `id`, oldest first (empty when it has none). */
  statusHistory(id: string): Promise<StatusHistoryEntry[]>;
  /**
   * Readable records in (`issuedAt`, `id`) order, through the `issued!` secondary index (written
   * with every record), from `start` on; unreadable ones are skipped (and reported).
   */
  issuedRecords(start?: IssuedPosition): AsyncIterable<CredentialRecord>;
  /** Every readable record, in id order; unreadable ones are skipped (and reported). */
  records(): AsyncIterable<CredentialRecord>;
  /** Every record, readable or not, in key order (start-up replay). */
  scanRecords(): AsyncIterable<ScannedRecord>;
  /** Every status index entry, in key order (start-up replay: indexes known without records). */
  allocations(): AsyncIterable<StoredAllocation>;
  /** (Re)writes the index entries of readable records (entries from before values were kept). */
  putIndexEntries(records: readonly CredentialRecord[]): Promise<void>;
  /**
   * Writes the given values into index entries (one atomic, synced write): how a credential whose
   * record is damaged is still revoked or suspended — the entries carry its state until repair.
   */
  putAllocationValues(entries: ReadonlyArray<{ slot: StatusAssignment; id: string; value: number }>): Promise<void>;
  /** Stores a renewal and marks its predecessor superseded, in one atomic write. */
  putRenewal(record: CredentialRecord, predecessor: CredentialRecord): Promise<void>;
  /** Stores issued records, a superseded predecessor and an idempotency answer in one atomic write. */
  putIssued(write: IssuedWrite): Promise<void>;
  /**
   * The remembered answer for an idempotency key, also when expired (the caller compares
   * `expiresAt`). Throws `RecordUnreadableError` when it cannot be read.
   */
  getIdempotency(key: string): Promise<IdempotencyEntry | undefined>;
  /** Deletes the idempotency answers expired at `now` (ms); resolves with how many. */
  purgeIdempotency(now: number): Promise<number>;
  /** A JSON document kept under `kind`/`id` (pathways). */
  getDocument(kind: string, id: string): Promise<unknown | undefined>;
  putDocument(kind: string, id: string, document: unknown): Promise<void>;
  /** Several documents in one atomic, synced write. */
  putDocuments(documents: readonly DocumentWrite[]): Promise<void>;
  /** Every readable document of `kind`; unreadable ones are skipped (and reported). */
  listDocuments(kind: string): Promise<unknown[]>;
  close(): Promise<void>;
}
