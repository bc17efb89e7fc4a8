import { requireScope, SCOPES } from '../http/auth.ts';
import type { RouteContext } from '../http/route-context.ts';
import { getHistory } from './get-history.ts';
import { listRecords } from './list-records.ts';

/**
 * Mounts the records routes (issue 12): `GET /credentials` (list, search, CSV and JSON Lines
 * export) and `GET /credentials/:id/history`, both with scope `read:/credentials`. Neither path
 * collides with `GET /credentials/:id` (one segment).
 *
 * @example
 * mountRecords(ctx);
 */
export function mountRecords(ctx: RouteContext): void {
  const { app, deps, wrap } = ctx;
  const read = requireScope(deps.config.tokens, SCOPES.read);
  app.get('/credentials', read, wrap(listRecords(deps)));
  app.get('/credentials/:id/history', read, wrap(getHistory(deps)));
}
