import type { RouteContext } from '../http/route-context.ts';

/**
 * VC-API exchanges for the Learner Credential Wallet: DID authentication, then the credential.
 *
 * @example
 * mountExchanges(ctx);
 */
export function mountExchanges(_ctx: RouteContext): void {}
