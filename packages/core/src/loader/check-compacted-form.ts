import { PointerTrail, ROOT } from '@repo/schemas';
import { type Problem, problem } from '../problems.ts';
import { PROTECTED_VOCABULARIES } from './context-policy.ts';

/**
 * JSON-LD keywords a compacted credential may use as member names: `@context`, and the value
 * objects of VC 2.0 §11.1 (`{ "@value", "@language", "@direction" }`). `id` and `type` are the
 * aliases of `@id` and `@type`.
 */
const ALLOWED_KEYWORDS = new Set(['@context', '@value', '@language', '@direction']);

/**
 * VC 2.0 §6.1, "Restrictions on JSON-LD": credentials are in JSON-LD compacted form, and a JSON
 * reader must see what the proof covers. Finds, outside `@context`s, the first member that a JSON
 * reader and a JSON-LD reader would read differently:
 * - a JSON-LD keyword as a member name other than `@context`, `@value`, `@language`, `@direction`
 *   (`@id`, `@type`, `@nest`, `@included`, `@reverse`, `@graph`, `@list`…): `"@nest": { "validUntil": … }`
 *   signs a `validUntil` that `credential.validUntil` does not show;
 * - a member named with a full IRI of the VC, Security, status, Open Badges or CLR vocabularies
 *   (`"https://www.w3.org/2018/credentials#validUntil"`), for the same reason;
 * - an `id` that is a blank node identifier (`_:b0`): canonicalisation relabels blank nodes, so no
 *   proof covers the label.
 * Returns `MALFORMED_VALUE_ERROR` with the JSON Pointer, or undefined. Iterative.
 *
 * @example
 * findNonCompactedMember({ credentialSubject: { '@nest': { name: 'x' } } }); // { pointer: '/credentialSubject/@nest', … }
 */
export function findNonCompactedMember(doc: unknown): Problem | undefined {
  const seen = new Set<object>();
  // pointers spelled out only for the problem found (PointerTrail)
  const trail = new PointerTrail();
  const values: unknown[] = [doc];
  const holders: number[] = [ROOT];
  const keys: (string | number | undefined)[] = [undefined];
  while (values.length > 0) {
    const value = values.pop();
    const holder = holders.pop()!;
    const key = keys.pop();
    if (!value || typeof value !== 'object' || seen.has(value)) continue;
    seen.add(value);
    const here = trail.enter(holder, key);
    if (Array.isArray(value)) {
      for (let i = value.length - 1; i >= 0; i--) {
        values.push(value[i]);
        holders.push(here);
        keys.push(i);
      }
      continue;
    }
    for (const name of Object.keys(value)) {
      if (name === '@context') continue;
      const member = (value as Record<string, unknown>)[name];
      if (name.startsWith('@') && !ALLOWED_KEYWORDS.has(name)) {
        return problem(
          'MALFORMED_VALUE_ERROR',
          `"${name}" as a member name is JSON-LD, not the compacted form credentials use (VC 2.0 §6.1): a JSON reader would not see what it adds to the signed data.`,
          trail.pointer(here, name),
        );
      }
      const vocabulary = name.startsWith('https://')
        ? PROTECTED_VOCABULARIES.find((v) => name.startsWith(v))
        : undefined;
      if (vocabulary) {
        return problem(
          'MALFORMED_VALUE_ERROR',
          `The member "${name}" names a ${vocabulary} term by its full IRI; credentials use the term (VC 2.0 §6.1), or a JSON reader would not see it.`,
          trail.pointer(here, name),
        );
      }
      if (name === 'id' && typeof member === 'string' && member.startsWith('_:')) {
        return problem(
          'MALFORMED_VALUE_ERROR',
          `The id "${member}" is a blank node identifier: canonicalisation relabels blank nodes, so no proof covers it; use a URL or leave id out.`,
          trail.pointer(here, name),
        );
      }
      values.push(member);
      holders.push(here);
      keys.push(name);
    }
  }
  return undefined;
}
