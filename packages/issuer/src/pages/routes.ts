import type { RouteContext } from '../http/route-context.ts';

/**
 * Server-rendered pages: the interaction page, the credential page, the worker's progress.
 *
 * @example
 * mountPages(ctx);
 */
export function mountPages(_ctx: RouteContext): void {}
