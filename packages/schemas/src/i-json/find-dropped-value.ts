import { PointerTrail, ROOT } from './pointer-trail.ts';

/**
 * Finds the first value in a document (outside its `@context`s) that a proof over the canonical
 * form would not cover: `null` and empty lists, which JSON-LD drops (JSON-LD 1.1 §4.3 expansion),
 * and a string, number or boolean repeated in one list, which RDF keeps once (a graph is a set of
 * triples) — a signed `"validUntil": null`, `"alignment": []` or `"tag": ["a", "a"]` could lose
 * or gain that value after signing without breaking the proof. An issuer refuses them and asks for
 * the member, or the repetition, to be left out. Iterative. Returns the JSON Pointer and a
 * sentence, or undefined.
 *
 * @example
 * findDroppedValue({ credentialSubject: { alignment: [] } }); // { pointer: '/credentialSubject/alignment', … }
 * findDroppedValue({ tag: ['a', 'b', 'a'] }); // { pointer: '/tag/2', … }
 */
export function findDroppedValue(doc: unknown): { pointer: string; detail: string } | undefined {
  const seen = new Set<object>();
  // pointers spelled out only for the value found (PointerTrail)
  const trail = new PointerTrail();
  const values: unknown[] = [doc];
  const holders: number[] = [ROOT];
  const keys: (string | number | undefined)[] = [undefined];
  while (values.length > 0) {
    const value = values.pop();
    const holder = holders.pop()!;
    const key = keys.pop();
    if (value === null) {
      return {
        pointer: trail.pointer(holder, key),
        detail:
          'null cannot be signed: JSON-LD drops it, so no proof would cover it (it could be removed or added later); leave the member out.',
      };
    }
    if (typeof value !== 'object' || seen.has(value)) continue;
    seen.add(value);
    if (Array.isArray(value)) {
      if (value.length === 0 && holder !== ROOT) {
        return {
          pointer: trail.pointer(holder, key),
          detail:
            'An empty list cannot be signed: JSON-LD drops it, so no proof would cover it (it could be removed or added later); leave the member out.',
        };
      }
      const here = trail.enter(holder, key);
      const primitives = new Set<unknown>();
      for (const [i, item] of value.entries()) {
        if (item === null || typeof item === 'object') continue;
        if (primitives.has(item)) {
          return {
            pointer: trail.pointer(here, i),
            detail: `${JSON.stringify(item)} appears twice in this list; RDF keeps a value once, so no proof would cover the repetition (it could be removed or added later); list it once.`,
          };
        }
        primitives.add(item);
      }
      for (let i = value.length - 1; i >= 0; i--) {
        values.push(value[i]);
        holders.push(here);
        keys.push(i);
      }
      continue;
    }
    const here = trail.enter(holder, key);
    const names = Object.keys(value);
    for (let k = names.length - 1; k >= 0; k--) {
      const name = names[k]!;
      if (name === '@context') continue;
      values.push((value as Record<string, unknown>)[name]);
      holders.push(here);
      keys.push(name);
    }
  }
  return undefined;
}
