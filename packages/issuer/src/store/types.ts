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
}

/**
 * The issuer's storage. Every write is durable (fsync) before it resolves, so a 2xx answer
 * means the data survives a crash (F1).
 */
export interface IssuerStore {
  getRecord(id: string): Promise<CredentialRecord | undefined>;
  /** Stores a new record. The caller has checked that the id is free. */
  putNewRecord(record: CredentialRecord): Promise<void>;
  /** Replaces an existing record (status changes). */
  updateRecord(record: CredentialRecord): Promise<void>;
  /** Every record, in id order (used at start-up to rebuild the status lists). */
  records(): AsyncIterable<CredentialRecord>;
  /** Stores a renewal and marks its predecessor superseded, in one atomic write. */
  putRenewal(record: CredentialRecord, predecessor: CredentialRecord): Promise<void>;
  /** A JSON document kept under `kind`/`id` (pathways). */
  getDocument(kind: string, id: string): Promise<unknown | undefined>;
  putDocument(kind: string, id: string, document: unknown): Promise<void>;
  listDocuments(kind: string): Promise<unknown[]>;
  close(): Promise<void>;
}
