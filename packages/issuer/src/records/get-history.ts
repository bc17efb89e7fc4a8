import type { Request, Response } from 'express';
import type { AppDeps } from '../deps.ts';
import { ProblemError } from '../http/problem-error.ts';

/**
 * `GET /credentials/:id/history` (scope `read:/credentials`): the credential's status history,
 * oldest first — `{ credentialId, entries: [{ seq, at, by, action, reason? }] }`. Entries are
 * appended with each status change (`POST /credentials/status`) and never rewritten.
 *
 * @example
 * // GET /credentials/urn%3Auuid%3A…/history → { "credentialId": "urn:uuid:…", "entries": [{ "seq": 1, "action": "suspended", … }] }
 */
export function getHistory(deps: AppDeps) {
  return async (req: Request, res: Response): Promise<void> => {
    const id = String(req.params.id);
    const entries = await deps.store.statusHistory(id);
    if (entries.length === 0 && (await deps.store.getRecord(id)) === undefined) {
      throw new ProblemError(404, 'NOT_FOUND', `No credential with id ${id} was issued here.`);
    }
    res.setHeader('Cache-Control', 'no-store');
    res.json({ credentialId: id, entries });
  };
}
