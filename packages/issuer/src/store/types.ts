/** Where one credential's status lives: list `purpose`/`list`, entry `index`. */
export interface StatusAssignment {
  purpose: 'revocation' | 'suspension';
  list: number;
  index: number;
}

/** What the issuer keeps for every credential it issued. */
export interface CredentialRecord {
  id: string;
  /** The signed credential exactly as returned to the caller. */
  credential: Record<string, unknown>;
  statuses: StatusAssignment[];
  /** Name of the token that issued it. */
  issuedBy: string;
  issuedAt: string;
  revoked: boolean;
  suspended: boolean;
  updatedAt: string;
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
  close(): Promise<void>;
}
