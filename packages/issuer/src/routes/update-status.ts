import type { Request, Response } from 'express';
import type { AppDeps } from '../deps.ts';
import type { Caller } from '../http/auth.ts';
import { changeCredentialStatus, type StatusAction } from '../status/change-credential-status.ts';

/** The request, whose shape its JSON Schema (STATUS_UPDATE_BODY) has checked. */
function parse(body: Record<string, unknown>): { credentialId: string; actions: StatusAction[]; reason?: string } {
  const entries = body.credentialStatus as Array<{ status: StatusAction }>;
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
 * nothing appends nothing. The change itself is {@link changeCredentialStatus} (shared with
 * `POST /credentials/status/bulk`).
 *
 * @example
 * // POST { "credentialId": "urn:uuid:…", "credentialStatus": [{ "type": "BitstringStatusListEntry", "status": "revoked" }] }
 */
export function updateStatus(deps: AppDeps) {
  return async (req: Request, res: Response): Promise<void> => {
    const { credentialId, actions, reason } = parse(req.body);
    const caller = res.locals.caller as Caller;
    const record = await changeCredentialStatus(deps, {
      credentialId,
      actions,
      by: caller.name,
      ...(reason !== undefined && { reason }),
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
      ...(record.recordDamaged && { recordDamaged: true }),
    });
  };
}
