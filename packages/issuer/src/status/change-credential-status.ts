import type { AppDeps } from '../deps.ts';
import { ProblemError } from '../http/problem-error.ts';
import { isoSeconds } from '../issuance/sign-and-store.ts';
import { RecordUnreadableError } from '../store/record-unreadable.ts';
import type { CredentialRecord, RecordUpdate, StatusAction, StatusAssignment } from '../store/types.ts';
import { statusListUrl } from './status-list-url.ts';
import { statusValue } from './status-registry.ts';

/** The status changes `POST /credentials/status` and `POST /credentials/status/bulk` accept. */
export const STATUS_ACTIONS = ['revoked', 'suspended', 'unsuspended'] as const satisfies readonly StatusAction[];
export type { StatusAction };

/** One credential's status change: what, by whom (the token's name) and why. */
export interface StatusChange {
  credentialId: string;
  actions: readonly StatusAction[];
  by: string;
  reason?: string;
}

/** The credential's state after {@link changeCredentialStatus}, and whether anything changed. */
export interface StatusChangeResult {
  revoked: boolean;
  suspended: boolean;
  updatedAt?: string;
  changed: boolean;
  recordDamaged?: true;
}

/**
 * What a status change does to a readable record: throws 404 for no record, 409 for a change the
 * rules refuse (S11: revocation is final; no entry for the purpose); otherwise the next record
 * and its history entries, or `undefined` when nothing changes. Reads `deps.clock()` once.
 *
 * @example
 * const planned = planStatusChange(deps, current, change); // { next, history } | undefined
 */
export function planStatusChange(
  deps: AppDeps,
  current: CredentialRecord | undefined,
  change: StatusChange,
): RecordUpdate | undefined {
  const { credentialId, actions, by, reason } = change;
  if (!current)
    throw new ProblemError(404, 'NOT_FOUND', `No credential with id ${credentialId} was issued here.`, {
      pointer: '/credentialId',
    });
  const next: CredentialRecord = { ...current };
  for (const action of actions) {
    const purpose = action === 'revoked' ? 'revocation' : 'suspension';
    if (!current.statuses.some((s) => s.purpose === purpose || s.purpose === 'lifecycle')) {
      throw new ProblemError(
        409,
        'CONFLICT',
        `This credential was issued without a ${purpose} status entry, so it cannot be ${action === 'revoked' ? 'revoked' : 'suspended or reinstated'}.`,
      );
    }
    if (current.revoked && action !== 'revoked') {
      throw new ProblemError(
        409,
        'CONFLICT',
        'This credential is revoked; revocation cannot be undone and a revoked credential cannot be suspended or reinstated.',
      );
    }
    if (action === 'revoked') next.revoked = true;
    else next.suspended = action === 'suspended';
  }
  if (next.revoked === current.revoked && next.suspended === current.suspended) return undefined;
  next.updatedAt = isoSeconds(deps.clock());
  const history = actions.map((action) => ({
    at: next.updatedAt,
    by,
    action,
    ...(reason !== undefined && { reason }),
  }));
  return { record: next, history };
}

/**
 * Publishes stored records' states: their entries' values in the status registry, and the
 * verifier's cached copies of their lists dropped. After the write that stored them.
 *
 * @example
 * publishStatuses(deps, [next]);
 */
export function publishStatuses(deps: AppDeps, records: readonly CredentialRecord[]): void {
  const lists = new Set<string>();
  for (const record of records) {
    for (const s of record.statuses) {
      deps.registry.set(s, statusValue(s.purpose, record));
      lists.add(statusListUrl(deps.config.publicBaseUrl, s.purpose, s.list));
    }
  }
  for (const url of lists) deps.verifier.statusListCache.clear(url);
}

/**
 * Revokes, suspends or reinstates (`unsuspended`) one credential this service issued, under the
 * status lock. Revocation is final: undoing it, or changing anything else on a revoked credential,
 * throws 409 (S11); an unknown id 404. The change is stored durably (the record and its history
 * entries — who, when, what, why — in one atomic write) and published to the status registry;
 * a change that changes nothing writes nothing (`changed: false`). A record that cannot be read
 * is changed through its status index entries (see {@link changeDamaged}).
 *
 * @example
 * await changeCredentialStatus(deps, { credentialId: 'urn:uuid:…', actions: ['revoked'], by: 'registrar', reason: 'fraud' });
 */
export function changeCredentialStatus(deps: AppDeps, change: StatusChange): Promise<StatusChangeResult> {
  return deps.lock.run(async () => {
    const current = await readForChange(deps, change);
    if (!('record' in current)) return current;
    const planned = planStatusChange(deps, current.record, change);
    if (!planned) return { ...stateOf(current.record!), changed: false };
    await deps.store.updateRecord(planned.record, planned.history);
    publishStatuses(deps, [planned.record]);
    return { ...stateOf(planned.record), changed: true };
  });
}

/**
 * The record a change starts from (`record` undefined: none), or, for a record that cannot be
 * read, the outcome of changing it through its index entries ({@link changeDamaged}). Under the
 * status lock.
 *
 * @example
 * const current = await readForChange(deps, change);
 */
export async function readForChange(
  deps: AppDeps,
  change: StatusChange,
): Promise<{ record: CredentialRecord | undefined } | StatusChangeResult> {
  try {
    return { record: await deps.store.getRecord(change.credentialId) };
  } catch (error) {
    if (!(error instanceof RecordUnreadableError)) throw error;
    return changeDamaged(deps, change.credentialId, change.actions, error);
  }
}

/**
 * A record's status state, as {@link StatusChangeResult} reports it.
 *
 * @example
 * stateOf(record); // { revoked: false, suspended: true, updatedAt: '2026-03-01T12:00:00Z' }
 */
export const stateOf = (record: CredentialRecord) => ({
  revoked: record.revoked,
  suspended: record.suspended,
  updatedAt: record.updatedAt,
});

/**
 * Revokes or suspends a credential whose record cannot be read (issue 9, storage faults): its
 * status index entries know its lists, indexes and last values, so the change is written there
 * (one synced write) and published at once — a damaged record never stands in the way of a
 * revocation. Reinstating waits for the repair (409): it would clear a bit on the word of a
 * record nobody can read. Without any index entry the original 500 stands.
 */
async function changeDamaged(
  deps: AppDeps,
  credentialId: string,
  actions: readonly StatusAction[],
  unreadable: RecordUnreadableError,
): Promise<StatusChangeResult> {
  if (actions.includes('unsuspended')) {
    throw new ProblemError(
      409,
      'CONFLICT',
      `The stored record of ${credentialId} is damaged: it can be revoked or suspended, but reinstating waits until the record is repaired.`,
    );
  }
  const entries: Array<{ slot: StatusAssignment; id: string; value: number }> = [];
  for await (const a of deps.store.allocations()) {
    if (a.id === credentialId) entries.push({ slot: a.slot, id: credentialId, value: a.value ?? 0 });
  }
  if (entries.length === 0) throw unreadable;
  const alreadyRevoked = entries.some(
    (e) => (e.slot.purpose === 'revocation' && e.value === 1) || (e.slot.purpose === 'lifecycle' && e.value === 2),
  );
  if (alreadyRevoked && actions.some((a) => a !== 'revoked')) {
    throw new ProblemError(409, 'CONFLICT', 'This credential is revoked; a revoked credential cannot be suspended.');
  }
  const revoked = actions.includes('revoked') || entries.some((e) => e.slot.purpose === 'revocation' && e.value === 1);
  const was = (purpose: string, value: number) => entries.some((e) => e.slot.purpose === purpose && e.value === value);
  const suspended = !revoked && (actions.includes('suspended') || was('suspension', 1));
  if (
    !entries.some((e) => e.slot.purpose === 'revocation' || e.slot.purpose === 'lifecycle') &&
    actions.includes('revoked')
  )
    throw new ProblemError(409, 'CONFLICT', 'This credential was issued without a revocation status entry.');
  for (const e of entries) {
    if (e.slot.purpose === 'revocation') e.value = revoked ? 1 : e.value;
    else if (e.slot.purpose === 'suspension') e.value = suspended ? 1 : e.value;
    else if (e.value !== 3) e.value = revoked ? 2 : suspended ? 1 : e.value;
  }
  await deps.store.putAllocationValues(entries);
  for (const e of entries) {
    deps.registry.set(e.slot, e.value);
    deps.verifier.statusListCache.clear(statusListUrl(deps.config.publicBaseUrl, e.slot.purpose, e.slot.list));
  }
  deps.logger.warn(
    { credentialId, revoked, suspended },
    'status updated through the index entries of a damaged record',
  );
  return {
    revoked,
    suspended: was('suspension', 1) || suspended,
    updatedAt: isoSeconds(deps.clock()),
    changed: true,
    recordDamaged: true,
  };
}
