import { numberValueProblem } from './check-number.ts';
import { describeBadCodePoint, findBadCodePoint } from './check-string.ts';
import { escapePointerToken, type IJsonProblem } from './i-json-problem.ts';

/** Options of {@link findIJsonValueProblem}. */
export interface IJsonValueOptions {
  /** Deepest nesting of objects and arrays accepted. Default 256. */
  maxDepth?: number;
  /**
   * Apply the RDF canonicalisation number rule (a double RDFC-1.0 writes as another number).
   * Default true; false for a document secured only by JCS or a JWT, which carry numbers exactly.
   */
  rdfNumbers?: boolean;
}

const notJson = (pointer: string, detail: string): IJsonProblem => ({ pointer, detail, rule: 'not-json' });

function isPlainObject(value: object): boolean {
  const proto = Object.getPrototypeOf(value);
  return proto === Object.prototype || proto === null;
}

/**
 * Checks a JavaScript value — a credential or presentation as a caller hands it over, already
 * parsed — against the I-JSON rules a value can still show (RFC 7493), and against what
 * canonicalisation can sign faithfully: member names and strings without lone surrogates or
 * noncharacters (§2.1), numbers finite and integers within ±(2^53−1) (§2.2), no −0 and no double
 * that RDF canonicalisation writes as another number (`unfaithful-number`), and nothing JSON
 * cannot hold (`undefined`, functions, `BigInt`, class instances, cycles) or nested deeper than
 * `maxDepth`. Iterative: deep or cyclic input costs no stack. Returns the first problem with its
 * JSON Pointer, or undefined.
 *
 * @example
 * findIJsonValueProblem({ credentialSubject: { name: 'a\uD800' } }); // { pointer: '/credentialSubject/name', rule: 'string', … }
 * findIJsonValueProblem({ credits: 6 }); // undefined
 */
export function findIJsonValueProblem(value: unknown, options: IJsonValueOptions = {}): IJsonProblem | undefined {
  try {
    return walk(value, options);
  } catch {
    // A throwing getter or proxy trap: not a plain JSON value.
    return notJson('', 'The document could not be read as JSON (a property threw when read).');
  }
}

function walk(value: unknown, options: IJsonValueOptions): IJsonProblem | undefined {
  const maxDepth = options.maxDepth ?? 256;
  const onPath = new Set<object>();
  // Depth-first with explicit exit markers, so "on the current path" (a cycle) is told apart from
  // "seen before on another branch" (a shared object, which JSON.stringify writes twice).
  const stack: Array<{ value: unknown; pointer: string; depth: number } | { exit: object }> = [
    { value, pointer: '', depth: 0 },
  ];
  while (stack.length > 0) {
    const item = stack.pop()!;
    if ('exit' in item) {
      onPath.delete(item.exit);
      continue;
    }
    const { value: v, pointer, depth } = item;
    switch (typeof v) {
      case 'string': {
        const bad = findBadCodePoint(v);
        if (bad) return { pointer, detail: describeBadCodePoint(bad, 'string'), rule: 'string' };
        continue;
      }
      case 'number': {
        const p = numberValueProblem(v, { rdf: options.rdfNumbers !== false });
        if (p) return { pointer, ...p };
        continue;
      }
      case 'boolean':
        continue;
      case 'object':
        break;
      default:
        return notJson(pointer, `A ${typeof v} is not a JSON value.`);
    }
    if (v === null) continue;
    const obj = v as object;
    if (onPath.has(obj)) return notJson(pointer, 'The document refers to itself (a cycle); JSON cannot hold that.');
    if (depth >= maxDepth) return notJson(pointer, `The document is nested deeper than ${maxDepth} levels.`);
    if (Array.isArray(obj)) {
      onPath.add(obj);
      stack.push({ exit: obj });
      for (let i = obj.length - 1; i >= 0; i--) {
        if (!(i in obj)) return notJson(`${pointer}/${i}`, 'An array has a hole; JSON cannot hold that.');
        stack.push({ value: obj[i], pointer: `${pointer}/${i}`, depth: depth + 1 });
      }
      continue;
    }
    if (!isPlainObject(obj)) return notJson(pointer, 'Only plain objects are JSON objects (not class instances).');
    onPath.add(obj);
    stack.push({ exit: obj });
    const keys = Object.keys(obj);
    for (let k = keys.length - 1; k >= 0; k--) {
      const key = keys[k]!;
      const at = `${pointer}/${escapePointerToken(key)}`;
      const bad = findBadCodePoint(key);
      if (bad) return { pointer: at, detail: describeBadCodePoint(bad, 'name'), rule: 'string' };
      const member = (obj as Record<string, unknown>)[key];
      // A member whose value is undefined is absent in JSON (JSON.stringify leaves it out).
      if (member !== undefined) stack.push({ value: member, pointer: at, depth: depth + 1 });
    }
  }
  return undefined;
}
