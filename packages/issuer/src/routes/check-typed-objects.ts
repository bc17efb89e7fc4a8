import { isUrl } from '@repo/schemas';
import { ProblemError } from '../http/problem-error.ts';

/**
 * Properties whose values are objects that MUST have a `type` (VC Data Model 2.0 §4.5 "Types",
 * the table of objects that MUST have a type specified; §4.10, §4.11, §5.4, §5.5, §5.6).
 */
const TYPED = ['credentialStatus', 'credentialSchema', 'refreshService', 'termsOfUse', 'evidence'] as const;

/** Status entry types this issuer allocates itself: a caller asks for them with options. */
export const MANAGED_STATUS_TYPES: readonly string[] = Object.freeze([
  'BitstringStatusListEntry',
  'StatusList2021Entry',
]);

const bad = (pointer: string, detail: string) => new ProblemError(400, 'MALFORMED_VALUE_ERROR', detail, { pointer });

/**
 * The VC Data Model 2.0 rules for the typed objects a caller may put in a credential before it
 * is signed: each `credentialStatus`, `credentialSchema`, `refreshService`, `termsOfUse` and
 * `evidence` object has a `type` (a string or a list of strings); `credentialSchema` has an `id`
 * URL (§4.11); a `credentialStatus` `id`, when present, is one URL (§4.10). Status entries of
 * types the issuer does not manage are kept as given (a VC-API issuer signs what it is given);
 * `BitstringStatusListEntry` / `StatusList2021Entry` are refused: the issuer allocates those
 * itself, asked through `options.credentialStatus`. Throws a 400 {@link ProblemError} naming the
 * field.
 *
 * @example
 * checkTypedObjects(credential, '/credential');
 */
export function checkTypedObjects(credential: Record<string, unknown>, prefix: string): void {
  for (const name of TYPED) {
    const value = credential[name];
    if (value === undefined) continue;
    const list = Array.isArray(value) ? value : [value];
    if (list.length === 0) throw bad(`${prefix}/${name}`, `${name} must not be an empty list.`);
    for (const [i, item] of list.entries()) {
      const at = Array.isArray(value) ? `${prefix}/${name}/${i}` : `${prefix}/${name}`;
      if (!item || typeof item !== 'object' || Array.isArray(item)) throw bad(at, `Each ${name} must be an object.`);
      const entry = item as Record<string, unknown>;
      const type = entry.type;
      const types = Array.isArray(type) ? type : [type];
      if (type === undefined || types.length === 0 || types.some((t) => typeof t !== 'string' || t === '')) {
        throw bad(`${at}/type`, `Each ${name} must have a type (VC Data Model 2.0 §4.5).`);
      }
      if (name === 'credentialSchema' && !isUrl(entry.id)) {
        throw bad(`${at}/id`, 'Each credentialSchema needs an id that is the URL of the schema (§4.11).');
      }
      if (entry.id !== undefined && !isUrl(entry.id)) {
        throw bad(`${at}/id`, `The id of a ${name} must be a single URL (§4.4).`);
      }
      if (name === 'credentialStatus' && types.some((t) => MANAGED_STATUS_TYPES.includes(t as string))) {
        throw bad(
          `${at}/type`,
          `${String(types.find((t) => MANAGED_STATUS_TYPES.includes(t as string)))} entries are allocated by this issuer; ask for them with options.credentialStatus.`,
        );
      }
    }
  }
}
