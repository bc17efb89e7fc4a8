import type { RouteContext } from '../http/route-context.ts';

/**
 * The worker's pages reached from an offer: the interaction page (claim with a wallet, or as a
 * file; afterwards the credential page link and its sharing switch) and the progress view.
 *
 * @example
 * mountInteractionPages(ctx);
 */
export function mountInteractionPages(_ctx: RouteContext): void {}
