import type { Paths } from './shared.ts';

/**
 * The employer's verify page (`verify-page/`).
 *
 * @example
 * const paths = verifyPagePaths();
 */
export function verifyPagePaths(): Paths {
  return {};
}
