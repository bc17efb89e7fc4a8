/** A component as the assignment sees it. */
export interface AssignmentSlot {
  id: string;
  /** Depth-first pathway order. */
  order: number;
  /** Under an `AtLeast` with spare children (see `IndexedRequirement.optional`). */
  optional: boolean;
  allowReuse: boolean;
  /** Indexes of the credentials that fit the matcher and constraints, in credential order. */
  candidates: readonly number[];
}

/** Matching order of exclusive components: required first, then scarcest, then pathway order. */
function comparePriority(a: AssignmentSlot, b: AssignmentSlot): number {
  if (a.optional !== b.optional) return a.optional ? 1 : -1;
  if (a.candidates.length !== b.candidates.length) return a.candidates.length - b.candidates.length;
  return a.order - b.order;
}

/**
 * Gives components credentials, deterministically. Credentials are indexes into the credential
 * order (earliest awarded first, then id); `candidates` must be in that order.
 *
 * The rule:
 * 1. Components without `allowReuse` are matched one at a time in priority order: required
 *    components before optional ones (those under an `AtLeast` with spare children), then the
 *    scarcest first (fewest matching credentials), then pathway order.
 * 2. Each takes its earliest matching credential that no component holds yet. If every one is
 *    held, it looks for a chain of moves: a holder that can switch to another free matching
 *    credential gives its credential up (an augmenting path, tried in credential order). A
 *    component matched earlier is never left unmatched, so an `AtLeast` group cannot take the
 *    only credential a required component could use, and the number of matched components is
 *    the largest possible.
 * 3. Components with `allowReuse` then take their earliest matching credential that nobody holds,
 *    else their earliest matching credential even if it already counts elsewhere; they never
 *    take a credential away from another component.
 *
 * A credential is thus used by at most one exclusive component (no double counting).
 *
 * @example
 * assignCredentials([
 *   { id: 'elective', order: 2, optional: true, allowReuse: false, candidates: [0, 1] },
 *   { id: 'required', order: 5, optional: false, allowReuse: false, candidates: [0] },
 * ]); // Map { 'required' => 0, 'elective' => 1 }
 */
export function assignCredentials(slots: readonly AssignmentSlot[]): Map<string, number> {
  const assigned = new Map<string, number>();
  const holder = new Map<number, AssignmentSlot>();

  const augment = (slot: AssignmentSlot, visited: Set<number>): boolean => {
    for (const c of slot.candidates) {
      if (holder.has(c) || visited.has(c)) continue;
      visited.add(c);
      holder.set(c, slot);
      assigned.set(slot.id, c);
      return true;
    }
    for (const c of slot.candidates) {
      if (visited.has(c)) continue;
      visited.add(c);
      const current = holder.get(c)!;
      if (augment(current, visited)) {
        holder.set(c, slot);
        assigned.set(slot.id, c);
        return true;
      }
    }
    return false;
  };

  const exclusive = slots.filter((s) => !s.allowReuse && s.candidates.length > 0).sort(comparePriority);
  for (const slot of exclusive) augment(slot, new Set());

  for (const slot of [...slots].filter((s) => s.allowReuse).sort((a, b) => a.order - b.order)) {
    const pick = slot.candidates.find((c) => !holder.has(c)) ?? slot.candidates[0];
    if (pick !== undefined) assigned.set(slot.id, pick);
  }
  return assigned;
}
