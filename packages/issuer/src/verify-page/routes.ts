import type { RouteContext } from '../http/route-context.ts';

/**
 * The employer's verify page: `GET /` (links to it), `GET /verify`, `POST /verify` (paste, file,
 * or a credential page URL) and its same-origin assets.
 *
 * @example
 * mountVerifyPage(ctx);
 */
export function mountVerifyPage(_ctx: RouteContext): void {}
