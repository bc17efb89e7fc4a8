import type { Paths } from './shared.ts';

/** The batch issuance operations (issue 12). */
export function batchPaths(): Paths {
  return {};
}
