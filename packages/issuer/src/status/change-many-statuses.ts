import type { AppDeps } from '../deps.ts';
import type { RecordUpdate } from '../store/types.ts';
import {
  planStatusChange,
  publishStatuses,
  readForChange,
  type StatusChange,
  type StatusChangeResult,
  stateOf,
} from './change-credential-status.ts';

/** Credentials changed per atomic write by {@link changeManyStatuses} unless told. */
export const STATUS_CHUNK = 500;

/** One credential's outcome in {@link changeManyStatuses}: its result, or why it was not changed. */
export type ManyStatusOutcome = { result: StatusChangeResult } | { error: unknown };

/**
 * Changes many credentials' statuses (distinct ids), each exactly as {@link changeCredentialStatus}
 * would — same rules, same answers, same history entries — but `chunk` credentials at a time
 * under the status lock: their records are read together, the changes planned one by one, and
 * every changed record with its history entries is stored in ONE atomic, synced write, then
 * published. A credential the rules refuse gets its error and does not stop the others; when a
 * chunk's write fails, every credential that chunk would have changed gets that error (none of
 * them is stored) and the next chunk goes on. A damaged record is changed through its index
 * entries on its own (rare). Resolves with one outcome per change, in order.
 *
 * @example
 * const outcomes = await changeManyStatuses(deps, ids.map((credentialId) => ({ credentialId, actions: ['revoked'], by: 'registrar' })));
 */
export async function changeManyStatuses(
  deps: AppDeps,
  changes: readonly StatusChange[],
  chunk = STATUS_CHUNK,
): Promise<ManyStatusOutcome[]> {
  if (new Set(changes.map((c) => c.credentialId)).size !== changes.length)
    throw new TypeError('changeManyStatuses takes each credential once.');
  const outcomes: ManyStatusOutcome[] = [];
  for (let start = 0; start < changes.length; start += chunk) {
    const part = changes.slice(start, start + chunk);
    outcomes.push(...(await deps.lock.run(() => changeChunk(deps, part))));
  }
  return outcomes;
}

/** One chunk of {@link changeManyStatuses}, under the status lock. */
async function changeChunk(deps: AppDeps, changes: readonly StatusChange[]): Promise<ManyStatusOutcome[]> {
  const read = await Promise.all(
    changes.map((change) =>
      readForChange(deps, change).then(
        (current) => ({ current }),
        (error: unknown) => ({ error }),
      ),
    ),
  );
  const outcomes: ManyStatusOutcome[] = [];
  const updates: RecordUpdate[] = [];
  const updated: number[] = [];
  for (const [i, r] of read.entries()) outcomes.push(plan(deps, r, changes[i]!, updates, updated, i));
  if (updates.length === 0) return outcomes;
  try {
    await deps.store.updateRecords(updates);
  } catch (error) {
    for (const i of updated) outcomes[i] = { error };
    return outcomes;
  }
  publishStatuses(
    deps,
    updates.map((u) => u.record),
  );
  return outcomes;
}

/** One credential's planned outcome; a change to store goes to `updates` (and its place to `updated`). */
function plan(
  deps: AppDeps,
  read: { current: Awaited<ReturnType<typeof readForChange>> } | { error: unknown },
  change: StatusChange,
  updates: RecordUpdate[],
  updated: number[],
  at: number,
): ManyStatusOutcome {
  if ('error' in read) return { error: read.error };
  if (!('record' in read.current)) return { result: read.current };
  try {
    const planned = planStatusChange(deps, read.current.record, change);
    if (!planned) return { result: { ...stateOf(read.current.record!), changed: false } };
    updates.push(planned);
    updated.push(at);
    return { result: { ...stateOf(planned.record), changed: true } };
  } catch (error) {
    return { error };
  }
}
