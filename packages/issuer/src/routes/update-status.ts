import type { Request, Response } from 'express';
import type { AppDeps } from '../deps.ts';
import type { Caller } from '../http/auth.ts';
import { ProblemError } from '../http/problem-error.ts';
import { isoSeconds } from '../issuance/sign-and-store.ts';
import { statusListUrl } from '../status/status-list-url.ts';
import { statusValue } from '../status/status-registry.ts';
import type { CredentialRecord } from '../store/types.ts';

const ACTIONS = ['revoked', 'suspended', 'unsuspended'] as const;
type Action = (typeof ACTIONS)[number];

function parse(body: Record<string, unknown>): { credentialId: string; actions: Action[] } {
  for (const k of Object.keys(body)) {
    if (k !== 'credentialId' && k !== 'credentialStatus') {
      throw new ProblemError(400, 'MALFORMED_VALUE_ERROR', `Unknown request field "${k}".`, { pointer: `/${k}` });
    }
  }
  if (typeof body.credentialId !== 'string' || body.credentialId === '') {
    throw new ProblemError(
      400,
      'MALFORMED_VALUE_ERROR',
      'credentialId must be the id of a credential this service issued.',
      { pointer: '/credentialId' },
    );
  }
  const list = body.credentialStatus;
  if (!Array.isArray(list) || list.length === 0) {
    throw new ProblemError(
      400,
      'MALFORMED_VALUE_ERROR',
      'credentialStatus must be a non-empty list of { "type": "BitstringStatusListEntry", "status": "revoked" | "suspended" | "unsuspended" }.',
      {
        pointer: '/credentialStatus',
      },
    );
  }
  const actions: Action[] = [];
  for (const [i, e] of list.entries()) {
    const at = `/credentialStatus/${i}`;
    if (!e || typeof e !== 'object' || Array.isArray(e))
      throw new ProblemError(400, 'MALFORMED_VALUE_ERROR', 'Each entry must be an object.', { pointer: at });
    const { type, status, ...rest } = e as Record<string, unknown>;
    const extra = Object.keys(rest)[0];
    if (extra !== undefined)
      throw new ProblemError(400, 'MALFORMED_VALUE_ERROR', `Unknown field "${extra}".`, { pointer: `${at}/${extra}` });
    if (type !== 'BitstringStatusListEntry')
      throw new ProblemError(400, 'MALFORMED_VALUE_ERROR', 'type must be "BitstringStatusListEntry".', {
        pointer: `${at}/type`,
      });
    if (!ACTIONS.includes(status as Action)) {
      throw new ProblemError(400, 'MALFORMED_VALUE_ERROR', 'status must be "revoked", "suspended" or "unsuspended".', {
        pointer: `${at}/status`,
      });
    }
    actions.push(status as Action);
  }
  return { credentialId: body.credentialId, actions };
}

/**
 * `POST /credentials/status` (VC-API "Update Status"): revokes, suspends or reinstates
 * (`unsuspended`) a credential this service issued. Revocation is final: undoing it, or changing
 * anything else on a revoked credential, is 409 (S11). The change is stored durably before the
 * answer, and the next published list carries it with a fresh proof.
 *
 * @example
 * // POST { "credentialId": "urn:uuid:…", "credentialStatus": [{ "type": "BitstringStatusListEntry", "status": "revoked" }] }
 */
export function updateStatus(deps: AppDeps) {
  return async (req: Request, res: Response): Promise<void> => {
    const { credentialId, actions } = parse(req.body);
    const caller = res.locals.caller as Caller;
    const record = await deps.lock.run(async () => {
      const current = await deps.store.getRecord(credentialId);
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
      await deps.store.updateRecord(next);
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
    res
      .status(200)
      .json({ credentialId, revoked: record.revoked, suspended: record.suspended, updatedAt: record.updatedAt });
  };
}
