import { numberValueProblem } from './check-number.ts';
import { describeBadCodePoint, findBadCodePoint } from './check-string.ts';
import type { IJsonProblem } from './i-json-problem.ts';
import { PointerTrail, ROOT } from './pointer-trail.ts';

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
  const rdf = options.rdfNumbers !== false;
  const onPath = new Set<object>();
  // Pointers are spelled out only for a problem (PointerTrail): each value to look at is kept as
  // itself, the number of the container holding it and its key there.
  const trail = new PointerTrail();
  const depths: number[] = [];
  // Depth-first with explicit exit markers (holder EXIT), so "on the current path" (a cycle) is
  // told apart from "seen before on another branch" (a shared object, which JSON.stringify writes
  // twice).
  const values: unknown[] = [value];
  const holders: number[] = [ROOT];
  const keys: (string | number | undefined)[] = [undefined];
  while (values.length > 0) {
    const v = values.pop();
    const holder = holders.pop()!;
    const key = keys.pop();
    if (holder === EXIT) {
      onPath.delete(v as object);
      continue;
    }
    switch (typeof v) {
      case 'string': {
        const bad = findBadCodePoint(v);
        if (bad)
          return { pointer: trail.pointer(holder, key), detail: describeBadCodePoint(bad, 'string'), rule: 'string' };
        continue;
      }
      case 'number': {
        const p = numberValueProblem(v, { rdf });
        if (p) return { pointer: trail.pointer(holder, key), ...p };
        continue;
      }
      case 'boolean':
        continue;
      case 'object':
        break;
      default:
        return notJson(trail.pointer(holder, key), `A ${typeof v} is not a JSON value.`);
    }
    if (v === null) continue;
    const obj = v as object;
    if (onPath.has(obj)) {
      return notJson(trail.pointer(holder, key), 'The document refers to itself (a cycle); JSON cannot hold that.');
    }
    const depth = holder === ROOT ? 0 : depths[holder]! + 1;
    if (depth >= maxDepth) {
      return notJson(trail.pointer(holder, key), `The document is nested deeper than ${maxDepth} levels.`);
    }
    const isArray = Array.isArray(obj);
    if (!isArray && !isPlainObject(obj)) {
      return notJson(trail.pointer(holder, key), 'Only plain objects are JSON objects (not class instances).');
    }
    const at = trail.enter(holder, key);
    depths[at] = depth;
    onPath.add(obj);
    values.push(obj);
    holders.push(EXIT);
    keys.push(undefined);
    if (isArray) {
      const list = obj as unknown[];
      for (let i = list.length - 1; i >= 0; i--) {
        if (!(i in list)) return notJson(trail.pointer(at, i), 'An array has a hole; JSON cannot hold that.');
        values.push(list[i]);
        holders.push(at);
        keys.push(i);
      }
      continue;
    }
    const names = Object.keys(obj);
    for (let k = names.length - 1; k >= 0; k--) {
      const name = names[k]!;
      const bad = findBadCodePoint(name);
      if (bad) return { pointer: trail.pointer(at, name), detail: describeBadCodePoint(bad, 'name'), rule: 'string' };
      const member = (obj as Record<string, unknown>)[name];
      // A member whose value is undefined is absent in JSON (JSON.stringify leaves it out).
      if (member !== undefined) {
        values.push(member);
        holders.push(at);
        keys.push(name);
      }
    }
  }
  return undefined;
}

/** The holder of an exit marker (the walk leaves the container it holds). */
const EXIT = -2;
