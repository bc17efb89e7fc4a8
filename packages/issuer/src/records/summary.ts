import { isObject } from '@repo/schemas';
import { matchesIdentity } from '@repo/verifier';
import type { CredentialRecord } from '../store/types.ts';

/** A credential's state as the records list says it (first that applies, in this order). */
export const RECORD_STATUSES = ['revoked', 'suspended', 'superseded', 'expired', 'active'] as const;
export type RecordStatus = (typeof RECORD_STATUSES)[number];

/** One issued credential in a list or CSV row: flat, so JSON and CSV carry the same fields. */
export interface RecordSummary {
  id: string;
  achievementId: string | null;
  achievementName: string | null;
  /** `credentialSubject.id`, else the first `identifier`'s `identityHash` (`sha256$…`), else null. */
  recipient: string | null;
  issuedAt: string;
  validUntil: string | null;
  status: RecordStatus;
  /** The issuing token's name, or `award:<id>` for a claimed award. */
  issuedBy: string;
}

const first = (v: unknown): unknown => (Array.isArray(v) ? v[0] : v);
const text = (v: unknown): string | null => (typeof v === 'string' ? v : null);

/** The (first) `credentialSubject` of a record's credential, or an empty object. */
function subjectOf(record: CredentialRecord): Record<string, unknown> {
  const s = first(record.credential.credentialSubject);
  return isObject(s) ? s : {};
}

/** `validUntil` (VC 2.0) or `expirationDate` (VC 1.1). */
function validUntilOf(record: CredentialRecord): string | null {
  return text(record.credential.validUntil) ?? text(record.credential.expirationDate);
}

/**
 * The record's state at `now`: revoked, suspended, superseded (renewed), expired (past
 * `validUntil`), else active.
 *
 * @example
 * recordStatus(record, new Date('2026-03-01T12:00:00Z')); // 'active'
 */
export function recordStatus(record: CredentialRecord, now: Date): RecordStatus {
  if (record.revoked) return 'revoked';
  if (record.suspended) return 'suspended';
  if (record.supersededBy !== undefined) return 'superseded';
  const until = validUntilOf(record);
  if (until !== null && Date.parse(until) < now.getTime()) return 'expired';
  return 'active';
}

/**
 * The summary of one record (Open Badges 3.0 AchievementSubject: `achievement`, `id`,
 * `identifier`).
 *
 * @example
 * summarize(record, new Date()); // { id: 'urn:uuid:…', achievementId: 'https://…', status: 'active', … }
 */
export function summarize(record: CredentialRecord, now: Date): RecordSummary {
  const subject = subjectOf(record);
  const achievement = isObject(subject.achievement) ? subject.achievement : {};
  const identifier = first(subject.identifier);
  return {
    id: record.id,
    achievementId: text(achievement.id),
    achievementName: text(achievement.name),
    recipient: text(subject.id) ?? (isObject(identifier) ? text(identifier.identityHash) : null),
    issuedAt: record.issuedAt,
    validUntil: validUntilOf(record),
    status: recordStatus(record, now),
    issuedBy: record.issuedBy,
  };
}

/**
 * Whether the record was issued to `recipient`: its subject's `id`, or an email identity of the
 * subject (OB 3.0 §B.1.12 IdentityObject, plain or hashed `sha256$…` recomputed with its `salt`),
 * compared by the verifier's `matchesIdentity` (trimmed, as typed and lower-cased).
 *
 * @example
 * issuedTo(record, 'ada@example.org'); // true when identityHash is sha256(ada@example.org + salt)
 */
export function issuedTo(record: CredentialRecord, recipient: string): boolean {
  if (subjectOf(record).id === recipient) return true;
  return recipient.trim() !== '' && matchesIdentity(record.credential, recipient).outcome === 'match';
}
