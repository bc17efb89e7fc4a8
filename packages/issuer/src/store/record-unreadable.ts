import { ProblemError } from '../http/problem-error.ts';

/**
 * A stored record (or document, or idempotency answer) that exists but cannot be read back:
 * truncated or garbled bytes. Answered as a 500 `RECORD_UNREADABLE` problem about that one id,
 * whatever route met it; nothing else is affected. The detail names the id and no library text
 * (K2).
 *
 * @example
 * throw new RecordUnreadableError('rec!urn:uuid:…', 'urn:uuid:…', 'credential');
 */
export class RecordUnreadableError extends ProblemError {
  readonly key: string;
  readonly id: string;
  constructor(key: string, id: string, what: 'credential' | 'document' | 'idempotency answer') {
    super(
      500,
      'RECORD_UNREADABLE',
      what === 'idempotency answer'
        ? 'The answer stored for this Idempotency-Key cannot be read, so whether the first request created anything is unknown; nothing was done. Use the records, or a new key.'
        : `The stored ${what} ${id} is damaged and cannot be read; the operator has been told. Nothing else is affected.`,
      { extra: what === 'idempotency answer' ? {} : { id } },
    );
    this.name = 'RecordUnreadableError';
    this.key = key;
    this.id = id;
  }
}
