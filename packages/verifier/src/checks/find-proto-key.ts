import { type ProofResult, problem } from '@repo/core';
import { escapePointerToken } from '@repo/schemas';

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
  const stack: Array<[unknown, string]> = [[input, '']];
  while (stack.length > 0) {
    const [value, at] = stack.pop()!;
    if (!value || typeof value !== 'object' || seen.has(value)) continue;
    seen.add(value);
    for (const key of Object.keys(value)) {
      const pointer = `${at}/${escapePointerToken(key)}`;
      if (key === '__proto__') return pointer;
      stack.push([(value as Record<string, unknown>)[key], pointer]);
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
