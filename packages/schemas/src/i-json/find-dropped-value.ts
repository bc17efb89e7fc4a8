import { escapePointerToken } from './i-json-problem.ts';

/**
 * Finds the first `null` or empty list in a document outside its `@context`s: JSON-LD drops both
 * (JSON-LD 1.1 §4.3 expansion), so a proof over the canonical form does not cover them — a signed
 * `"validUntil": null` or `"alignment": []` could be removed, or added after signing, without
 * breaking the proof. An issuer refuses them and asks for the member to be left out. Iterative.
 * Returns the JSON Pointer and a sentence, or undefined.
 *
 * @example
 * findDroppedValue({ credentialSubject: { alignment: [] } }); // { pointer: '/credentialSubject/alignment', … }
 */
export function findDroppedValue(doc: unknown): { pointer: string; detail: string } | undefined {
  const seen = new Set<object>();
  const stack: Array<[unknown, string]> = [[doc, '']];
  while (stack.length > 0) {
    const [value, pointer] = stack.pop()!;
    if (value === null) {
      return {
        pointer,
        detail:
          'null cannot be signed: JSON-LD drops it, so no proof would cover it (it could be removed or added later); leave the member out.',
      };
    }
    if (typeof value !== 'object' || seen.has(value)) continue;
    seen.add(value);
    if (Array.isArray(value)) {
      if (value.length === 0 && pointer !== '') {
        return {
          pointer,
          detail:
            'An empty list cannot be signed: JSON-LD drops it, so no proof would cover it (it could be removed or added later); leave the member out.',
        };
      }
      for (let i = value.length - 1; i >= 0; i--) stack.push([value[i], `${pointer}/${i}`]);
      continue;
    }
    const keys = Object.keys(value);
    for (let k = keys.length - 1; k >= 0; k--) {
      const key = keys[k]!;
      if (key === '@context') continue;
      stack.push([(value as Record<string, unknown>)[key], `${pointer}/${escapePointerToken(key)}`]);
    }
  }
  return undefined;
}
