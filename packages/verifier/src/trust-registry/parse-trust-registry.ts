import { VcError } from '@repo/core';
import { isObject, pointerOf } from '@repo/schemas';
import type { RegisteredIssuer, TrustRegistry, TrustRegistryProblem } from './trust-registry-types.ts';

/**
 * A trust registry that does not parse: every problem, each with its JSON Pointer. `code` is
 * `PARSING_ERROR` (not JSON) or `MALFORMED_VALUE_ERROR`; `pointer` is the first problem's.
 *
 * @example
 * try { parseTrustRegistry(json); } catch (e) { if (e instanceof TrustRegistryError) console.error(e.problems); }
 */
export class TrustRegistryError extends VcError {
  readonly problems: TrustRegistryProblem[];
  constructor(code: 'PARSING_ERROR' | 'MALFORMED_VALUE_ERROR', problems: TrustRegistryProblem[], cause?: unknown) {
    const list = problems.map((p) => `${p.pointer || '(root)'}: ${p.message}`).join('\n  ');
    super(code, `The trust registry is not valid:\n  ${list}`, {
      ...(problems[0] && { pointer: problems[0].pointer }),
      ...(cause !== undefined && { cause }),
    });
    this.name = 'TrustRegistryError';
    this.problems = problems;
  }
}

/** DID Core 1.0 §3.1 DID Syntax: `did:` method-name `:` method-specific-id, no path, query or fragment. */
const DID = /^did:[a-z0-9]+:(?:(?:[A-Za-z0-9._-]|%[0-9A-Fa-f]{2})*:)*(?:[A-Za-z0-9._-]|%[0-9A-Fa-f]{2})+$/;
const MAX_TEXT = 500;
const TOP_KEYS = ['name', 'issuers'];
const ISSUER_KEYS = ['name', 'ids', 'url', 'pathways'];
const ISSUER_SHAPE = '{ "name", "ids", "url"?, "pathways"? }';

type Path = Array<string | number>;

/** Collects problems while the registry is read. */
class Reader {
  readonly problems: TrustRegistryProblem[] = [];

  report(path: Path, message: string): undefined {
    this.problems.push({ pointer: pointerOf(path), message });
    return undefined;
  }

  /** A non-empty string of at most {@link MAX_TEXT} characters, trimmed. */
  text(value: unknown, path: Path, what: string): string | undefined {
    if (typeof value !== 'string' || value.trim() === '')
      return this.report(path, `${what} must be a non-empty string.`);
    if (value.length > MAX_TEXT) return this.report(path, `${what} must be at most ${MAX_TEXT} characters.`);
    return value.trim();
  }

  onlyKeys(o: Record<string, unknown>, allowed: readonly string[], path: Path): void {
    for (const k of Object.keys(o)) {
      if (!allowed.includes(k)) this.report([...path, k], `unknown member "${k}" (allowed: ${allowed.join(', ')}).`);
    }
  }
}

/** Why `value` is not an absolute http(s) URL without credentials or fragment, if it is not. */
function urlProblem(value: string): string | undefined {
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    return 'is not a URL';
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') return 'must be an http or https URL';
  if (url.username || url.password) return 'must not carry a user name or password';
  if (url.hash) return 'must not have a #fragment';
  return undefined;
}

/** Why `id` cannot be an issuer id (a DID or an http(s) URL), if it cannot. */
function idProblem(id: string): string | undefined {
  if (!id.startsWith('did:')) return urlProblem(id);
  return DID.test(id) ? undefined : 'is not a DID (DID Core §3.1: did:<method>:<id>, without path, query or fragment)';
}

/** One `issuers[i]` entry; `owner` maps each id already read to where it was listed. */
function readIssuer(r: Reader, entry: unknown, at: Path, owner: Map<string, string>): RegisteredIssuer | undefined {
  if (!isObject(entry)) return r.report(at, `must be an object ${ISSUER_SHAPE}.`);
  r.onlyKeys(entry, ISSUER_KEYS, at);
  const issuer: RegisteredIssuer = { name: r.text(entry.name, [...at, 'name'], 'name') ?? '', ids: [], pathways: [] };
  if (!Array.isArray(entry.ids) || entry.ids.length === 0) {
    r.report([...at, 'ids'], 'must be a non-empty list of the DIDs or URLs this issuer issues as.');
  } else {
    for (const [j, raw] of entry.ids.entries()) {
      const where = [...at, 'ids', j];
      const id = r.text(raw, where, 'an issuer id');
      if (id === undefined) continue;
      const bad = idProblem(id);
      const first = owner.get(id);
      if (bad) r.report(where, `${JSON.stringify(id)} ${bad}.`);
      else if (first) r.report(where, `${id} is already listed at ${first}; an id can name one issuer only.`);
      else {
        owner.set(id, pointerOf(where));
        issuer.ids.push(id);
      }
    }
  }
  if (entry.url !== undefined) {
    const url = r.text(entry.url, [...at, 'url'], 'url');
    const bad = url === undefined ? undefined : urlProblem(url);
    if (bad) r.report([...at, 'url'], `${JSON.stringify(url)} ${bad}.`);
    else if (url !== undefined) issuer.url = url;
  }
  if (entry.pathways !== undefined && !Array.isArray(entry.pathways)) {
    r.report([...at, 'pathways'], 'must be a list of pathway ids.');
  } else if (Array.isArray(entry.pathways)) {
    for (const [j, raw] of entry.pathways.entries()) {
      const pathway = r.text(raw, [...at, 'pathways', j], 'a pathway id');
      if (pathway !== undefined) issuer.pathways.push(pathway);
    }
  }
  return issuer;
}

/**
 * Checks a trust registry (already parsed from JSON) strictly and returns it typed; throws a
 * {@link TrustRegistryError} listing every problem with its JSON Pointer. The format:
 *
 * ```json
 * { "name": "Acme hiring team",
 *   "issuers": [
 *     { "name": "Midwest Industrial Skills Council",
 *       "ids": ["did:web:skills-council.example", "https://skills-council.example/issuer.json"],
 *       "url": "https://skills-council.example",
 *       "pathways": ["https://skills-council.example/pathways/cimt"] } ] }
 * ```
 *
 * `issuers` is required (it may be empty); each issuer needs a `name` and at least one id (a DID
 * per DID Core §3.1, without fragment, or an http(s) URL), written exactly as credentials carry
 * it. An id may name one issuer only. Unknown members are refused, so a misspelt key never
 * silently drops an issuer's data.
 *
 * @example
 * const registry = parseTrustRegistry({ issuers: [{ name: 'Example', ids: ['did:web:example.org'] }] });
 */
export function parseTrustRegistry(value: unknown): TrustRegistry {
  if (!isObject(value)) {
    throw new TrustRegistryError('MALFORMED_VALUE_ERROR', [
      { pointer: '', message: 'must be a JSON object with an "issuers" list.' },
    ]);
  }
  const r = new Reader();
  r.onlyKeys(value, TOP_KEYS, []);
  const registry: TrustRegistry = { issuers: [] };
  if (value.name !== undefined) {
    const name = r.text(value.name, ['name'], 'name');
    if (name !== undefined) registry.name = name;
  }
  if (!Array.isArray(value.issuers)) {
    r.report(['issuers'], `is required: a list of ${ISSUER_SHAPE}.`);
  } else {
    const owner = new Map<string, string>();
    for (const [i, entry] of value.issuers.entries()) {
      const issuer = readIssuer(r, entry, ['issuers', i], owner);
      if (issuer) registry.issuers.push(issuer);
    }
  }
  if (r.problems.length > 0) throw new TrustRegistryError('MALFORMED_VALUE_ERROR', r.problems);
  return registry;
}

/**
 * Reads a trust registry from the text of its JSON file (see {@link parseTrustRegistry} for the
 * format); throws a {@link TrustRegistryError} with `PARSING_ERROR` when it is not JSON.
 *
 * @example
 * const registry = readTrustRegistry(readFileSync('trust-registry.json', 'utf8'));
 */
export function readTrustRegistry(text: string): TrustRegistry {
  let value: unknown;
  try {
    value = JSON.parse(text.charCodeAt(0) === 0xfeff ? text.slice(1) : text);
  } catch (cause) {
    throw new TrustRegistryError(
      'PARSING_ERROR',
      [{ pointer: '', message: `is not JSON (${(cause as Error).message}).` }],
      cause,
    );
  }
  return parseTrustRegistry(value);
}
