import { requireScope, SCOPES } from '../http/auth.ts';
import { requestBody } from '../http/request-body.ts';
import type { RouteContext } from '../http/route-context.ts';
import { BULK_STATUS_BODY, updateStatusBulk } from './bulk-status.ts';
import { getHistory } from './get-history.ts';
import { listRecords } from './list-records.ts';

/**
 * Mounts the records routes (issue 12): `GET /credentials` (list, search, CSV and JSON Lines
 * export) and `GET /credentials/:id/history`, both with scope `read:/credentials`, and
 * `POST /credentials/status/bulk` (scope `write:/credentials/status`). Neither GET path collides
 * with `GET /credentials/:id` (one segment).
 *
 * @example
 * mountRecords(ctx);
 */
export function mountRecords(ctx: RouteContext): void {
  const { app, deps, body, wrap } = ctx;
  const read = requireScope(deps.config.tokens, SCOPES.read);
  app.get('/credentials', read, wrap(listRecords(deps)));
  app.get('/credentials/:id/history', read, wrap(getHistory(deps)));
  app.post(
    '/credentials/status/bulk',
    requireScope(deps.config.tokens, SCOPES.status),
    ...body,
    requestBody(
      BULK_STATUS_BODY,
      'Send { "ids": [ … ] } or { "batch": "<job id>" }, with "status" and an optional "reason".',
    ),
    wrap(updateStatusBulk(deps)),
  );
}
