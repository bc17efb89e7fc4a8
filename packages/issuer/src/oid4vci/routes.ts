import type { RouteContext } from '../http/route-context.ts';

/**
 * OID4VCI 1.0 issuance (pre-authorized code flow): metadata, token, nonce and credential endpoints.
 *
 * @example
 * mountOid4vci(ctx);
 */
export function mountOid4vci(_ctx: RouteContext): void {}
