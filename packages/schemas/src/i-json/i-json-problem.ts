/**
 * Which I-JSON (RFC 7493) or signing rule a value breaks:
 * - `utf-8`: the bytes are not UTF-8 (§2.1);
 * - `string`: a member name or string holds a lone surrogate or a noncharacter (§2.1);
 * - `duplicate-name`: an object names a member twice (§2.3);
 * - `number`: a number is not finite, an integer beyond ±(2^53−1), or more precise than an
 *   IEEE 754 double carries (§2.2);
 * - `unfaithful-number`: a double that canonicalisation writes as another value (−0 → 0; RDF
 *   canonicalisation's 16-digit `xsd:double` form of a 17-digit double), so no proof covers it
 *   exactly;
 * - `not-json`: a JavaScript value JSON cannot hold (`undefined`, a function, a `BigInt`, a
 *   cycle, a class instance) or nesting deeper than the limit.
 */
export type IJsonRule = 'utf-8' | 'string' | 'duplicate-name' | 'number' | 'unfaithful-number' | 'not-json';

/** A value that is not I-JSON, or that cannot be signed faithfully, and where it is. */
export interface IJsonProblem {
  /** RFC 6901 JSON Pointer of the value (or member) at fault; `''` for the whole document. */
  pointer: string;
  /** A sentence a person understands, naming the rule. */
  detail: string;
  rule: IJsonRule;
}

/** RFC 6901 §3: a reference token with `~` and `/` escaped. */
export function escapePointerToken(token: string | number): string {
  return String(token).replaceAll('~', '~0').replaceAll('/', '~1');
}
