import type { Request, Response } from 'express';
import type { AppDeps } from '../deps.ts';
import { ProblemError } from '../http/problem-error.ts';

/**
 * `GET /credentials/:id` (authenticated): the issuer's own record of a credential — the signed
 * credential, its status entries and current state, who issued it and when. A record whose stored
 * bytes are damaged answers 500 `RECORD_UNREADABLE` naming that id (the store throws
 * `RecordUnreadableError`); every other id is served as usual (issue 9).
 *
 * @example
 * // GET /credentials/urn%3Auuid%3A…  with a token holding read:/credentials
 */
export function getCredential(deps: AppDeps) {
  return async (req: Request, res: Response): Promise<void> => {
    const id = String(req.params.id);
    const record = await deps.store.getRecord(id);
    if (!record) throw new ProblemError(404, 'NOT_FOUND', `No credential with id ${id} was issued here.`);
    res.setHeader('Cache-Control', 'no-store');
    res.status(200).json({
      verifiableCredential: record.credential,
      ...(record.jwt ? { jwt: record.jwt } : {}),
      record: {
        id: record.id,
        issuedBy: record.issuedBy,
        issuedAt: record.issuedAt,
        updatedAt: record.updatedAt,
        revoked: record.revoked,
        suspended: record.suspended,
        statuses: record.statuses,
      },
    });
  };
}
