/** Requests that make the app answer each documented status of the batch operations (issue 12). */

import type { ProbeTable } from './probes-core.ts';
import type { World } from './world.ts';

/** Probes of the batch issuance operations. */
export function batchProbes(_w: World): ProbeTable {
  return {};
}
