import type { Request, Response } from 'express';
import type { AppDeps } from '../deps.ts';
import { sendNegotiated } from '../http/negotiate.ts';
import { ProblemError } from '../http/problem-error.ts';
import { publishStatusList } from '../status/publish-status-list.ts';

/**
 * `GET /status/:purpose/:list`: the public, signed `BitstringStatusListCredential`. No
 * authentication, no cookies, `Cache-Control: max-age` equal to the list's `ttl` (A9); sent as
 * `application/vc`, or the JSON-LD / JSON media type the client's `Accept` asks for.
 *
 * @example
 * app.get('/status/:purpose/:list', getStatusList(deps));
 */
export function getStatusList(deps: AppDeps) {
  return async (req: Request, res: Response): Promise<void> => {
    const purpose = String(req.params.purpose);
    const listParam = String(req.params.list);
    const n = /^(0|[1-9][0-9]{0,5})$/.test(listParam) ? Number(listParam) : -1;
    if (!deps.registry.has(purpose, n)) throw new ProblemError(404, 'NOT_FOUND', 'There is no such status list.');
    const credential = await publishStatusList(deps, purpose, n);
    res.setHeader('Cache-Control', `public, max-age=${Math.floor(deps.config.statusListTtlMs / 1000)}`);
    sendNegotiated(req, res, JSON.stringify(credential));
  };
}
