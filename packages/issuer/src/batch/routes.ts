import type { RouteContext } from '../http/route-context.ts';

/**
 * Mounts the batch issuance routes (issue 12). Filled in by the batch work.
 *
 * @example
 * mountBatch(ctx);
 */
export function mountBatch(_ctx: RouteContext): void {}
