import { type ProofResult, problem } from '@repo/core';
import { PointerTrail, ROOT } from '@repo/schemas';

/**
 * Finds an own `__proto__` member anywhere in a document (JSON Pointer of the first one).
 * `JSON.parse` creates such members, but jsonld.js copies objects by assignment, which turns the
 * member into a prototype and drops it before canonicalization: the proof would verify without
 * covering it and safe mode would not notice (SECURITY-CHECKLIST T9). Iterative, so deep or
 * cyclic input cannot overflow the stack.
 *
 * @example
 * findProtoKey(JSON.parse('{"credentialSubject":{"__proto__":{"admin":true}}}')); // '/credentialSubject/__proto__'
 */
export function findProtoKey(input: unknown): string | undefined {
  const seen = new Set<object>();
  // the pointer spelled out only for the member found (PointerTrail)
  const trail = new PointerTrail();
  const values: unknown[] = [input];
  const holders: number[] = [ROOT];
  const keys: (string | undefined)[] = [undefined];
  while (values.length > 0) {
    const value = values.pop();
    const holder = holders.pop()!;
    const key = keys.pop();
    if (!value || typeof value !== 'object' || seen.has(value)) continue;
    seen.add(value);
    const here = trail.enter(holder, key);
    for (const name of Object.keys(value)) {
      if (name === '__proto__') return trail.pointer(here, name);
      const member = (value as Record<string, unknown>)[name];
      // only objects and arrays can hold a member: strings, numbers… are not kept to be looked at
      if (member === null || typeof member !== 'object') continue;
      values.push(member);
      holders.push(here);
      keys.push(name);
    }
  }
  return undefined;
}

/**
 * T9 as a proof result: a document with a `__proto__` member has data no proof covers (JSON-LD
 * processing drops it), so its proof fails with `DATA_LOSS_DETECTION_ERROR` before any
 * cryptography; undefined when there is none.
 *
 * @example
 * droppedByProof(JSON.parse('{"__proto__":{}}'))?.problem?.title; // 'DATA_LOSS_DETECTION_ERROR'
 */
export function droppedByProof(doc: Record<string, unknown>): ProofResult | undefined {
  const at = findProtoKey(doc);
  if (at === undefined) return undefined;
  return {
    verified: false,
    problem: problem(
      'DATA_LOSS_DETECTION_ERROR',
      'The document has a "__proto__" member, which JSON-LD processing drops: no proof can cover it.',
      at,
    ),
  };
}
