import type { Request, Response } from 'express';
import type { AppDeps } from '../deps.ts';
import { sendNegotiated } from '../http/negotiate.ts';
import { ProblemError } from '../http/problem-error.ts';
import { currentVersion } from '../issuance/current-version.ts';
import { currentForm } from '../issuance/issue-response.ts';

/**
 * `GET /credentials/refresh/:id` — the `1EdTechCredentialRefresh` service (OB 3.0 §Verification
 * step 3): the current credential of the lineage `:id` belongs to (after renewals), as JSON.
 * Public: the URL is only known to whoever holds a credential carrying it, and ids are random
 * `urn:uuid:`s.
 *
 * @example
 * // GET /credentials/refresh/urn%3Auuid%3A…  → the latest renewal
 */
export function refreshCredential(deps: AppDeps) {
  return async (req: Request, res: Response): Promise<void> => {
    const record = await currentVersion(deps.store, String(req.params.id));
    if (!record) throw new ProblemError(404, 'NOT_FOUND', 'There is no such credential.');
    res.setHeader('Cache-Control', 'no-store');
    sendNegotiated(req, res, JSON.stringify(currentForm(record)));
  };
}
