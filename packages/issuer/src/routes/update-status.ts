import type { Request, Response } from 'express';
import type { AppDeps } from '../deps.ts';
import type { Caller } from '../http/auth.ts';
import { ProblemError } from '../http/problem-error.ts';
import { isoSeconds } from '../issuance/sign-and-store.ts';
import { statusListUrl } from '../status/status-list-url.ts';
import { statusValue } from '../status/status-registry.ts';
import { RecordUnreadableError } from '../store/record-unreadable.ts';
import type { CredentialRecord, StatusAssignment } from '../store/types.ts';

const ACTIONS = ['revoked', 'suspended', 'unsuspended'] as const;
type Action = (typeof ACTIONS)[number];

/** The request, whose shape its JSON Schema (STATUS_UPDATE_BODY) has checked. */
function parse(body: Record<string, unknown>): { credentialId: string; actions: Action[]; reason?: string } {
  const entries = body.credentialStatus as Array<{ status: Action }>;
  return {
    credentialId: body.credentialId as string,
    actions: entries.map((e) => e.status),
    ...(typeof body.reason === 'string' && { reason: body.reason }),
  };
}

/**
 * `POST /credentials/status` (VC-API "Update Status"): revokes, suspends or reinstates
 * (`unsuspended`) a credential this service issued. Revocation is final: undoing it, or changing
 * anything else on a revoked credential, is 409 (S11). The change is stored durably before the
 * answer, and the next published list carries it with a fresh proof. Each change is appended to
 * the credential's status history (who: the token's name, when, what, and the optional `reason`)
 * in the same atomic write as the record (`GET /credentials/:id/history`); a request that changes
 * nothing appends nothing.
 *
 * @example
 * // POST { "credentialId": "urn:uuid:…", "credentialStatus": [{ "type": "BitstringStatusListEntry", "status": "revoked" }] }
 */
export function updateStatus(deps: AppDeps) {
  return async (req: Request, res: Response): Promise<void> => {
    const { credentialId, actions, reason } = parse(req.body);
    const caller = res.locals.caller as Caller;
    const record = await deps.lock.run(async () => {
      let current: CredentialRecord | undefined;
      try {
        current = await deps.store.getRecord(credentialId);
      } catch (error) {
        if (!(error instanceof RecordUnreadableError)) throw error;
        return updateDamaged(deps, credentialId, actions, error);
      }
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
      if (next.revoked === current.revoked && next.suspended === current.suspended) return current;
      next.updatedAt = isoSeconds(deps.clock());
      const history = actions.map((action) => ({
        at: next.updatedAt,
        by: caller.name,
        action,
        ...(reason !== undefined && { reason }),
      }));
      await deps.store.updateRecord(next, history);
      for (const s of next.statuses) {
        deps.registry.set(s, statusValue(s.purpose, next));
        deps.verifier.statusListCache.clear(statusListUrl(deps.config.publicBaseUrl, s.purpose, s.list));
      }
      return next;
    });
    deps.logger.info(
      { credentialId, by: caller.name, revoked: record.revoked, suspended: record.suspended },
      'status updated',
    );
    res.status(200).json({
      credentialId,
      revoked: record.revoked,
      suspended: record.suspended,
      updatedAt: record.updatedAt,
      ...('recordDamaged' in record && { recordDamaged: true }),
    });
  };
}

/**
 * Revokes or suspends a credential whose record cannot be read (issue 9, storage faults): its
 * status index entries know its lists, indexes and last values, so the change is written there
 * (one synced write) and published at once — a damaged record never stands in the way of a
 * revocation. Reinstating waits for the repair (409): it would clear a bit on the word of a
 * record nobody can read. Without any index entry the original 500 stands.
 */
async function updateDamaged(
  deps: AppDeps,
  credentialId: string,
  actions: readonly Action[],
  unreadable: RecordUnreadableError,
): Promise<{ revoked: boolean; suspended: boolean; updatedAt: string; recordDamaged: true }> {
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
    recordDamaged: true,
  };
}
