/**
 * What a signing worker answers for a credential it signed (`SigningPool.sign`): the members the
 * signature added or changed, not the whole credential, which the caller still has — the pool
 * rebuilds the signed credential from the caller's own (its main thread then neither
 * deserializes nor keeps a copy of every credential it had signed).
 */

/** Deeper than any credential: a value nested deeper is answered whole. */
const MAX_DEPTH = 64;

/**
 * Whether `a` and `b` are the same JSON data: strings, numbers (`Object.is`: -0 is not 0),
 * booleans and `null`, dense arrays and plain objects with the same keys in the same order. Any
 * other value (`undefined`, a `Date`, a holey array…) is never the same: it is answered whole.
 */
function sameJson(a: unknown, b: unknown, depth: number): boolean {
  if (a === null || typeof a !== 'object') {
    return (a === null || typeof a === 'string' || typeof a === 'number' || typeof a === 'boolean') && Object.is(a, b);
  }
  if (b === null || typeof b !== 'object' || depth > MAX_DEPTH) return false;
  if (Array.isArray(a)) {
    if (!Array.isArray(b) || a.length !== b.length || Object.keys(a).length !== a.length) return false;
    if (Object.getPrototypeOf(a) !== Array.prototype || Object.getPrototypeOf(b) !== Array.prototype) return false;
    for (let i = 0; i < a.length; i++) if (!(i in b) || !sameJson(a[i], b[i], depth + 1)) return false;
    return Object.keys(b).length === b.length;
  }
  if (
    Array.isArray(b) ||
    Object.getPrototypeOf(a) !== Object.prototype ||
    Object.getPrototypeOf(b) !== Object.prototype
  )
    return false;
  const keys = Object.keys(a);
  const other = Object.keys(b);
  if (keys.length !== other.length) return false;
  for (let i = 0; i < keys.length; i++) {
    const key = keys[i] as string;
    if (
      other[i] !== key ||
      !sameJson((a as Record<string, unknown>)[key], (b as Record<string, unknown>)[key], depth + 1)
    )
      return false;
  }
  return true;
}

/**
 * What a worker answers for a credential it signed, instead of the whole signed credential:
 * the members `signed` added (the proof) or changed (a VC 1.1 `@context`), when it has every
 * member of `credential` first, in the same order, and the others are the same JSON data as
 * `credential`'s ({@link withMembers} then rebuilds `signed` from the caller's own credential).
 * `undefined` when it cannot be told that way: the whole credential is answered.
 *
 * @example
 * changedMembers(credential, signed); // { proof: { type: 'DataIntegrityProof', … } }
 */
export function changedMembers(credential: unknown, signed: unknown): Record<string, unknown> | undefined {
  if (!isPlainObject(credential) || !isPlainObject(signed)) return undefined;
  const keys = Object.keys(credential);
  const signedKeys = Object.keys(signed);
  if (signedKeys.length < keys.length) return undefined;
  const members: Record<string, unknown> = {};
  for (let i = 0; i < signedKeys.length; i++) {
    const key = signedKeys[i] as string;
    // set on a plain object, it would be its prototype, not a member
    if (key === '__proto__') return undefined;
    if (i < keys.length) {
      if (keys[i] !== key) return undefined;
      if (sameJson(credential[key], signed[key], 0)) continue;
    }
    members[key] = signed[key];
  }
  return members;
}

/**
 * The signed credential a {@link changedMembers} answer stands for: `credential`'s members in
 * order, each replaced by its signed value when `members` has one, then the members it added.
 * Unchanged members are `credential`'s own values, not copies.
 *
 * @example
 * const signed = withMembers(credential, { proof }); // { ...credential, proof }
 */
export function withMembers(
  credential: Record<string, unknown>,
  members: Record<string, unknown>,
): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const key of Object.keys(credential)) out[key] = Object.hasOwn(members, key) ? members[key] : credential[key];
  for (const key of Object.keys(members)) if (!Object.hasOwn(credential, key)) out[key] = members[key];
  return out;
}

/**
 * Whether `value` is data a structured clone copies as it is: its objects and arrays (and theirs)
 * are plain ones (`Object.prototype` / `Array.prototype`), so a copy of it is the same, prototypes
 * included. Only then is a credential answered by {@link changedMembers} (its unchanged members
 * are the caller's own): a class instance, a null-prototype object, a `Date` get a whole answer.
 *
 * @example
 * isPlainJson({ a: [1, { b: 'x' }] }); // true
 * isPlainJson({ a: Object.create(null) }); // false
 */
export function isPlainJson(value: unknown, depth = 0): boolean {
  if (value === null || typeof value !== 'object') return typeof value !== 'function';
  if (depth > MAX_DEPTH) return false;
  if (Array.isArray(value)) {
    if (Object.getPrototypeOf(value) !== Array.prototype) return false;
    for (let i = 0; i < value.length; i++) if (!isPlainJson(value[i], depth + 1)) return false;
    return true;
  }
  if (Object.getPrototypeOf(value) !== Object.prototype) return false;
  for (const key in value) if (!isPlainJson((value as Record<string, unknown>)[key], depth + 1)) return false;
  return true;
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return value !== null && typeof value === 'object' && Object.getPrototypeOf(value) === Object.prototype;
}
