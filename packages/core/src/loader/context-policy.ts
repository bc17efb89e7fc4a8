import { escapePointerToken, loadPinnedContexts } from '@repo/schemas';
import { type Problem, problem } from '../problems.ts';

/**
 * Vocabularies an inline context may not map a term onto: the VC vocabulary (VC 1.1 and 2.0 both
 * use `https://www.w3.org/2018/credentials#`), its status and `ns/credentials#` namespaces,
 * Security, StatusList2021, Open Badges and CLR. A term of one's own that means `issuer` or
 * `proofValue` under another name would let a JSON reader and a JSON-LD reader see different
 * credentials.
 */
export const PROTECTED_VOCABULARIES: readonly string[] = Object.freeze([
  'https://www.w3.org/2018/credentials#',
  'https://www.w3.org/ns/credentials#',
  'https://www.w3.org/ns/credentials/status#',
  'https://w3id.org/security#',
  'https://w3id.org/vc/status-list#',
  'https://purl.imsglobal.org/spec/vc/ob/vocab.html#',
  'https://purl.imsglobal.org/spec/vc/clr/vocab.html#',
]);

/**
 * Contexts for tests and examples: each maps every term no other context defines through `@vocab`
 * (undefined-terms v2 is nothing else; examples v1 and v2 are the VC specifications' own), so a
 * typo or a made-up term is signed instead of refused (Data Integrity §2.4.1, VC 2.0 §5.2). The
 * issuer's document loader refuses them unless the operator allows testing contexts.
 */
export const TESTING_CONTEXTS: readonly string[] = Object.freeze([
  'https://www.w3.org/ns/credentials/undefined-terms/v2',
  'https://www.w3.org/ns/credentials/examples/v2',
  'https://www.w3.org/2018/credentials/examples/v1',
]);

/** Keywords an inline context may hold besides term definitions (with the values allowed). */
const CONTEXT_KEYWORDS = new Set(['@version', '@protected', '@context']);
/** Keywords a term definition may hold. */
const TERM_KEYWORDS = new Set([
  '@id',
  '@reverse',
  '@type',
  '@container',
  '@context',
  '@language',
  '@direction',
  '@index',
  '@nest',
  '@prefix',
  '@protected',
]);

/** What the known contexts define: every term (with each definition seen), and IRI prefixes. */
interface KnownTerms {
  terms: Map<string, Set<string>>;
  prefixes: Map<string, string>;
}

const isObject = (v: unknown): v is Record<string, unknown> => !!v && typeof v === 'object' && !Array.isArray(v);

/** A term definition as a comparable string (`"x"` and `{"@id":"x"}` are one), `@protected` aside. */
function definitionKey(def: unknown): string {
  const norm = typeof def === 'string' ? { '@id': def } : def;
  return JSON.stringify(norm, (key, value) =>
    key === '@protected'
      ? undefined
      : isObject(value)
        ? Object.fromEntries(Object.entries(value).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)))
        : value,
  );
}

const knownCache = new WeakMap<ReadonlyMap<string, unknown>, Map<string, KnownTerms>>();

/** Collects what one known context (and the contexts it imports) defines, scoped contexts included. */
function knownTermsOf(url: string, contexts: ReadonlyMap<string, unknown>): KnownTerms {
  let byUrl = knownCache.get(contexts);
  if (!byUrl) {
    byUrl = new Map();
    knownCache.set(contexts, byUrl);
  }
  const hit = byUrl.get(url);
  if (hit) return hit;
  const known: KnownTerms = { terms: new Map(), prefixes: new Map() };
  const visited = new Set<string>();
  const stack: Array<{ ctx: unknown; top: boolean }> = [];
  const load = (u: string): void => {
    if (visited.has(u)) return;
    visited.add(u);
    const doc = contexts.get(u);
    if (isObject(doc)) stack.push({ ctx: doc['@context'], top: true });
  };
  load(url);
  while (stack.length > 0) {
    const { ctx, top } = stack.pop()!;
    if (typeof ctx === 'string') load(ctx);
    else if (Array.isArray(ctx)) for (const c of ctx) stack.push({ ctx: c, top });
    else if (isObject(ctx)) {
      for (const [term, def] of Object.entries(ctx)) {
        if (term.startsWith('@')) continue;
        const defs = known.terms.get(term) ?? new Set<string>();
        known.terms.set(term, defs);
        defs.add(definitionKey(def));
        const iri = typeof def === 'string' ? def : isObject(def) ? def['@id'] : undefined;
        if (top && typeof iri === 'string' && !iri.startsWith('@')) known.prefixes.set(term, iri);
        if (isObject(def) && def['@context'] !== undefined) stack.push({ ctx: def['@context'], top: false });
      }
    }
  }
  byUrl.set(url, known);
  return known;
}

/**
 * Whether a context document defines `@vocab` at its top level (in its `@context` object, or in an
 * object of its `@context` list), as the W3C examples and undefined-terms contexts do.
 *
 * @example
 * definesVocab({ '@context': { '@vocab': 'https://www.w3.org/ns/credentials/examples#' } }); // true
 */
export function definesVocab(doc: unknown): boolean {
  const ctx = isObject(doc) ? doc['@context'] : undefined;
  return (Array.isArray(ctx) ? ctx : [ctx]).some((c) => isObject(c) && '@vocab' in c);
}

let pinned: ReadonlyMap<string, unknown> | undefined;

/** Options of {@link findContextProblem}. */
export interface ContextPolicyOptions {
  /** The contexts the document's URLs are read from. Default: the pinned bundle. */
  contexts?: ReadonlyMap<string, unknown>;
}

const refuse = (pointer: string, detail: string): Problem => problem('CONTEXT_NOT_ALLOWED', detail, pointer);

/**
 * Context validation for contexts written inline (Data Integrity 1.0 §2.4.1, §4.6): the URL
 * contexts a document names are checked by the document loader (only pinned ones load); an inline
 * context object may only define new terms. Refused, anywhere in the document (nested
 * credentials' `@context`s too), with `CONTEXT_NOT_ALLOWED` and the JSON Pointer:
 * - `@vocab` (it gives every undefined term a meaning, so typos are signed instead of refused),
 *   `@base`, `@language`, `@direction`, `@import`, `@propagate`, and `@protected: false`;
 * - a term that one of the document's URL contexts defines otherwise (identical restatements such
 *   as `"id": "@id"` pass), a term mapped to `null`, a new alias of a keyword;
 * - a term whose IRI is not absolute, or lies in the VC, Security, status, Open Badges or CLR
 *   vocabularies ({@link PROTECTED_VOCABULARIES});
 * - a `null` entry in a `@context` list (it wipes every term defined before it).
 * Scoped contexts inside inline term definitions are held to the same rules. Synchronous and
 * iterative. Returns the first problem, or undefined.
 *
 * @example
 * findContextProblem({ '@context': ['https://www.w3.org/ns/credentials/v2', { '@vocab': 'https://example.org/#' }] });
 * // { title: 'CONTEXT_NOT_ALLOWED', pointer: '/@context/1/@vocab', … }
 */
export function findContextProblem(doc: unknown, options: ContextPolicyOptions = {}): Problem | undefined {
  // Only inline entries (objects, null, anything but a URL) are checked here: URLs are the loader's.
  if (!hasInlineContext(doc)) return undefined;
  pinned ??= options.contexts ? undefined : loadPinnedContexts();
  const contexts = options.contexts ?? pinned!;
  // Every @context value in the document, with its pointer.
  const found: Array<{ value: unknown; pointer: string }> = [];
  const urls = new Set<string>();
  const seen = new Set<object>();
  const walk: Array<[unknown, string]> = [[doc, '']];
  while (walk.length > 0) {
    const [v, at] = walk.pop()!;
    if (!v || typeof v !== 'object' || seen.has(v)) continue;
    seen.add(v);
    if (Array.isArray(v)) {
      for (const [i, item] of v.entries()) walk.push([item, `${at}/${i}`]);
      continue;
    }
    for (const [k, item] of Object.entries(v)) {
      const pointer = `${at}/${escapePointerToken(k)}`;
      if (k === '@context') {
        found.push({ value: item, pointer });
        for (const c of Array.isArray(item) ? item : [item]) if (typeof c === 'string') urls.add(c);
      } else walk.push([item, pointer]);
    }
  }
  const known: KnownTerms = { terms: new Map(), prefixes: new Map() };
  for (const url of urls) {
    const k = knownTermsOf(url, contexts);
    for (const [term, defs] of k.terms) {
      const all = known.terms.get(term) ?? new Set<string>();
      for (const d of defs) all.add(d);
      known.terms.set(term, all);
    }
    for (const [p, iri] of k.prefixes) known.prefixes.set(p, iri);
  }
  for (const { value, pointer } of found) {
    const list = Array.isArray(value) ? value : [value];
    // Terms an earlier inline context of the same list defined count as known to the later ones.
    const scope: KnownTerms = { terms: new Map(known.terms), prefixes: known.prefixes };
    for (const [i, entry] of list.entries()) {
      const at = Array.isArray(value) ? `${pointer}/${i}` : pointer;
      if (typeof entry === 'string') continue;
      if (entry === null)
        return refuse(at, 'A null @context entry drops every term defined before it; it is not allowed.');
      if (!isObject(entry)) return problem('MALFORMED_VALUE_ERROR', 'A @context entry must be a URL or an object.', at);
      const p = checkInline(entry, at, scope);
      if (p) return p;
      for (const [term, def] of Object.entries(isObject(entry['@context']) ? entry['@context'] : entry)) {
        if (!term.startsWith('@') && !scope.terms.has(term)) scope.terms.set(term, new Set([definitionKey(def)]));
      }
    }
  }
  return undefined;
}

/** Whether any `@context` in the document (as {@link findContextProblem} walks it) has an entry that is not a URL. */
function hasInlineContext(doc: unknown): boolean {
  const seen = new Set<object>();
  const walk: unknown[] = [doc];
  while (walk.length > 0) {
    const v = walk.pop();
    if (!v || typeof v !== 'object' || seen.has(v)) continue;
    seen.add(v);
    if (Array.isArray(v)) {
      for (const item of v) walk.push(item);
      continue;
    }
    for (const k in v) {
      if (!Object.hasOwn(v, k)) continue;
      const item = (v as Record<string, unknown>)[k];
      if (k !== '@context') walk.push(item);
      else if (Array.isArray(item) ? item.some((c) => typeof c !== 'string') : typeof item !== 'string') return true;
    }
  }
  return false;
}

/** The absolute IRI a term definition's `@id`/`@reverse` (or a compact-IRI term name) stands for. */
function expandIri(value: string, local: Record<string, unknown>, known: KnownTerms): string | undefined {
  const colon = value.indexOf(':');
  if (colon <= 0) return undefined;
  const prefix = value.slice(0, colon);
  const suffix = value.slice(colon + 1);
  if (prefix === '_') return undefined;
  if (suffix.startsWith('//')) return value;
  const localDef = local[prefix];
  const localIri = typeof localDef === 'string' ? localDef : isObject(localDef) ? localDef['@id'] : undefined;
  if (typeof localIri === 'string' && !localIri.startsWith('@')) return localIri + suffix;
  const knownIri = known.prefixes.get(prefix);
  return knownIri === undefined ? value : knownIri + suffix;
}

const inVocabulary = (iri: string): string | undefined => PROTECTED_VOCABULARIES.find((v) => iri.startsWith(v));

/** Checks one inline context object (and the scoped contexts of its new terms). */
function checkInline(root: Record<string, unknown>, rootAt: string, known: KnownTerms): Problem | undefined {
  const stack: Array<[Record<string, unknown>, string]> = [[root, rootAt]];
  while (stack.length > 0) {
    const [ctx, at] = stack.pop()!;
    for (const [term, def] of Object.entries(ctx)) {
      const here = `${at}/${escapePointerToken(term)}`;
      if (term.startsWith('@')) {
        if (!CONTEXT_KEYWORDS.has(term)) {
          return refuse(
            here,
            term === '@vocab'
              ? 'An inline @vocab gives every undefined term a meaning, so a typo or a made-up term would be signed instead of refused; define each term (Data Integrity §2.4.1).'
              : `An inline context may only define new terms; ${term} changes how the terms of the other contexts are read.`,
          );
        }
        if (term === '@protected' && def !== true)
          return refuse(here, '"@protected": false would let later contexts redefine terms; it is not allowed.');
        if (term === '@version' && def !== 1.1) return refuse(here, '@version must be 1.1.');
        if (term === '@context') {
          if (!isObject(def)) return refuse(here, 'A wrapped inline @context must be an object.');
          stack.push([def, here]);
        }
        continue;
      }
      const knownDefs = known.terms.get(term);
      if (knownDefs) {
        if (knownDefs.has(definitionKey(def))) continue;
        return refuse(
          here,
          `"${term}" is already defined by another @context of this document; an inline context may only define new terms.`,
        );
      }
      if (def === null || (isObject(def) && def['@id'] === null))
        return refuse(here, `"${term}" is mapped to null; an inline context may only define new terms.`);
      if (typeof def !== 'string' && !isObject(def))
        return refuse(here, `The definition of "${term}" must be an IRI or an object.`);
      if (isObject(def)) {
        for (const k of Object.keys(def)) {
          if (!TERM_KEYWORDS.has(k)) return refuse(`${here}/${k}`, `${k} is not a keyword of a term definition.`);
        }
        if (def['@protected'] === false)
          return refuse(`${here}/@protected`, '"@protected": false would let later contexts redefine the term.');
        if (def['@context'] !== undefined) {
          if (!isObject(def['@context']))
            return refuse(`${here}/@context`, 'A scoped context written inline must be an object.');
          stack.push([def['@context'], `${here}/@context`]);
        }
      }
      const raw = typeof def === 'string' ? def : (def['@reverse'] ?? def['@id'] ?? term);
      if (typeof raw !== 'string') return refuse(here, `The IRI of "${term}" must be a string.`);
      if (raw.startsWith('@'))
        return refuse(here, `"${term}" would be a new name for ${raw}; an inline context may not alias keywords.`);
      for (const candidate of raw === term ? [term] : [raw, ...(term.includes(':') ? [term] : [])]) {
        const iri = expandIri(candidate, ctx, known);
        if (iri === undefined) {
          return refuse(
            here,
            `"${term}" needs an absolute IRI (such as "https://example.org/vocab#${term}"); without one it would fall back to @vocab.`,
          );
        }
        const vocabulary = inVocabulary(iri);
        if (vocabulary) {
          return refuse(
            here,
            `"${term}" maps onto ${iri}, a term of the ${vocabulary} vocabulary; an inline context may only define new terms of its own.`,
          );
        }
      }
    }
  }
  return undefined;
}
