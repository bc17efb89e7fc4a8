import { escapePointerToken, isObject } from '@repo/schemas';

const DATE = /^\d{4}-\d{2}-\d{2}T/;

/** `verify` is an alias of `verification` (OB 2.0 context): compare them as one property. */
function unaliased(doc: Record<string, unknown>): Record<string, unknown> {
  if (doc.verify === undefined || doc.verification !== undefined) return doc;
  const { verify, ...rest } = doc;
  return { ...rest, verification: verify };
}

/** JSON-LD: a single value and a list of that one value say the same. */
const single = (v: unknown): unknown => (Array.isArray(v) && v.length === 1 ? v[0] : v);

function same(a: unknown, b: unknown, at: string, out: string[]): void {
  a = single(a);
  b = single(b);
  if (typeof a === 'string' && typeof b === 'string') {
    if (a === b) return;
    if (DATE.test(a) && DATE.test(b) && Date.parse(a) === Date.parse(b)) return;
    out.push(at);
    return;
  }
  // An embedded document and the IRI of that document name the same thing (OB 2.0 "Linked Data").
  if (typeof a === 'string' && isObject(b)) {
    if (b.id !== a) out.push(at);
    return;
  }
  if (isObject(a) && typeof b === 'string') {
    if (a.id !== b) out.push(at);
    return;
  }
  if (Array.isArray(a) && Array.isArray(b)) {
    if (a.length !== b.length) out.push(at);
    else for (const [i, v] of a.entries()) same(v, b[i], `${at}/${i}`, out);
    return;
  }
  if (isObject(a) && isObject(b)) {
    for (const key of new Set([...Object.keys(a), ...Object.keys(b)])) {
      same(a[key], b[key], `${at}/${escapePointerToken(key)}`, out);
    }
    return;
  }
  if (a !== b) out.push(at);
}

/**
 * Where a presented hosted assertion differs from the copy its issuer hosts at its `id` (OB 2.0
 * "HostedBadge Verification": the hosted copy is the source of truth): JSON Pointers of every
 * property added, removed or changed. An embedded BadgeClass or Profile and its IRI count as the
 * same; so do `verify` and `verification`, one value and a list of it, and two spellings of one
 * instant. Empty when they agree.
 *
 * @example
 * hostedAssertionDifferences({ ...hosted, issuedOn: '2020-01-01T00:00:00Z' }, hosted); // ['/issuedOn']
 */
export function hostedAssertionDifferences(
  presented: Record<string, unknown>,
  hosted: Record<string, unknown>,
): string[] {
  const out: string[] = [];
  same(unaliased(presented), unaliased(hosted), '', out);
  return out;
}
