import { VcError } from '../problems.ts';

/** RFC 6901 §3: `""`, or `/`-prefixed reference tokens in which `~` is only ever `~0` or `~1`. */
const POINTER = /^(?:\/(?:[^~/]|~[01])*)*$/;
const ARRAY_INDEX = /^(?:0|[1-9][0-9]*)$/;

/** Whether `pointer` (RFC 6901) selects a value in `document`. */
function resolves(document: unknown, pointer: string): boolean {
  if (pointer === '') return true;
  let value: unknown = document;
  for (const raw of pointer.slice(1).split('/')) {
    const token = raw.replaceAll('~1', '/').replaceAll('~0', '~');
    if (Array.isArray(value)) {
      if (!ARRAY_INDEX.test(token) || Number(token) >= value.length) return false;
      value = value[Number(token)];
    } else if (value !== null && typeof value === 'object' && Object.hasOwn(value, token)) {
      value = (value as Record<string, unknown>)[token];
    } else {
      return false;
    }
  }
  return value !== undefined;
}

/**
 * Checks selective-disclosure JSON Pointers against the document they select from: the option
 * must be a list of strings (`TypeError` otherwise: a caller's mistake), and each must be a
 * well-formed RFC 6901 pointer that selects a value (`VcError('MALFORMED_VALUE_ERROR')`
 * otherwise), so a typo is reported instead of silently disclosing or hiding less than meant.
 *
 * @example
 * checkPointers(credential, ['/issuer', '/credentialSubject/achievement/name'], 'selectivePointers');
 */
export function checkPointers(document: unknown, pointers: unknown, option: string): asserts pointers is string[] {
  if (!Array.isArray(pointers)) throw new TypeError(`${option} must be a list of JSON Pointers.`);
  for (const pointer of pointers) {
    if (typeof pointer !== 'string') throw new TypeError(`${option} must hold only strings.`);
    if (!POINTER.test(pointer)) {
      throw new VcError('MALFORMED_VALUE_ERROR', `${option}: "${pointer}" is not a JSON Pointer (RFC 6901).`);
    }
    if (!resolves(document, pointer)) {
      throw new VcError('MALFORMED_VALUE_ERROR', `${option}: "${pointer}" selects nothing in the credential.`);
    }
  }
}
