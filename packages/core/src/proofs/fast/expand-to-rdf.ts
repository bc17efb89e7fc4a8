/**
 * JSON-LD → RDF dataset for the subset our credentials use, giving the dataset jsonld.js `toRDF`
 * gives (JSON-LD 1.1 Processing Algorithms §5.1 "Expansion" and §8.1 "Deserialize JSON-LD to
 * RDF", as jsonld.js 9 implements them in `lib/expand.js`, `lib/nodeMap.js` and `lib/toRdf.js`),
 * without re-processing contexts ({@link topContext}, {@link scopedContext}) or building the
 * expanded document and node map in between, and without an `await` per node (the walk is
 * synchronous once the contexts it needs are known). Each step follows jsonld.js's own order and
 * reuses its IRI expansion, term definitions and number formatting.
 *
 * Anything outside the subset throws {@link Unsupported} and the caller runs the stock pipeline,
 * which then gives its own answer or error (safe mode's data-loss error stays exactly the stock
 * one): inline or nested `@context`, any keyword other than `@id` / `@type` / `@context` as a key
 * (`@value`, `@language`, `@list`, `@graph`, `@reverse`, `@nest`, `@index`, `@included`, …),
 * containers other than `@set` / `@list`, `@json`, reverse terms, language or direction
 * defaults on strings, nested arrays, `null`s in keyword positions, empty lists, blank-node
 * identifiers in the data, and every IRI that is not absolute (where jsonld.js would drop data).
 */
import { cachedScopedContext, scopedContext, topContext, Unsupported } from './active-contexts.ts';
import {
  type ActiveContext,
  contextApi,
  isAbsoluteIri,
  jsonldTypes,
  type Quad,
  RDF,
  type Term,
  XSD,
} from './jsonld-parts.ts';

type Loader = Parameters<typeof topContext>[1];
type Json = Record<string, unknown>;

const DEFAULT_GRAPH: Term = { termType: 'DefaultGraph', value: '' };
const named = (value: string): Term => ({ termType: 'NamedNode', value });
const RDF_TYPE = named(`${RDF}type`);
const RDF_FIRST = named(`${RDF}first`);
const RDF_REST = named(`${RDF}rest`);
const RDF_NIL = named(`${RDF}nil`);
const NO_EVENTS = {};

const isObject = (v: unknown): v is Json => Object.prototype.toString.call(v) === '[object Object]';

/** What expansion reads about a key in an active context (jsonld.js `expandIri` / `getContextValue`). */
interface TermInfo {
  /** `expandIri(ctx, key, { vocab: true })`. */
  vocab: string | null;
  /** The scoped context (`@context`), or undefined. */
  scoped: unknown;
  /** The type coercion (`@type`: an IRI, `@id`, `@vocab`, `@json`, `@none`), or null. */
  type: string | null;
  /** Whether the container holds `@list`, or the first container other than `@set` / `@list`. */
  list: boolean | string;
  /** No default `@language` and no `@direction` for strings. */
  plainStrings: boolean;
  /** `vocab` is an absolute IRI (jsonld.js `isAbsolute`) or a keyword, and no blank node. */
  usable: boolean;
  /** As a `@type` value: `iri(ctx, key, { base: true, vocab: true })`, once it has been computed. */
  asType?: string;
}
const MAX_TERMS = 4096;
/** Walks of one document at most (each computes one more scoped context). */
const MAX_WALKS = 64;
/** Per active context (never changed once made), what each key means in it. */
const termInfos = new WeakMap<ActiveContext, Map<string, TermInfo>>();

function term(ctx: ActiveContext, key: string): TermInfo {
  let infos = termInfos.get(ctx);
  if (infos === undefined) {
    infos = new Map();
    termInfos.set(ctx, infos);
  }
  let info = infos.get(key);
  if (info === undefined) {
    const container: string[] = contextApi.getContextValue(ctx, key, '@container') || [];
    const expanded = contextApi.expandIri(ctx, key, { vocab: true }, NO_EVENTS);
    info = {
      vocab: expanded,
      scoped: contextApi.getContextValue(ctx, key, '@context'),
      type: contextApi.getContextValue(ctx, key, '@type'),
      list: container.find((c) => c !== '@set' && c !== '@list') ?? container.includes('@list'),
      plainStrings:
        contextApi.getContextValue(ctx, key, '@language') === null &&
        contextApi.getContextValue(ctx, key, '@direction') === null,
      usable:
        expanded !== null && (isAbsoluteIri(expanded) || contextApi.isKeyword(expanded)) && !expanded.startsWith('_:'),
    };
    // keys come from the documents (any name under an @vocab): bounded
    if (infos.size >= MAX_TERMS) infos.clear();
    infos.set(key, info);
  }
  return info;
}
const vocab = (ctx: ActiveContext, key: string) => term(ctx, key).vocab;

/**
 * `Object.keys(element).sort()`: the same order (UTF-16 code units, as `<` compares strings), by
 * insertion for the few keys of a node, which costs less than the generic sort's set-up.
 */
function sortedKeys(element: Json): string[] {
  const keys = Object.keys(element);
  if (keys.length > 16) return keys.sort();
  for (let i = 1; i < keys.length; i++) {
    const key = keys[i]!;
    let j = i - 1;
    while (j >= 0 && keys[j]! > key) {
      keys[j + 1] = keys[j]!;
      j--;
    }
    keys[j + 1] = key;
  }
  return keys;
}

/** An object with the key jsonld.js's node map would compare it by (`util.compareValues`). */
type Valued = [term: Term, key: string | undefined];

class Dataset {
  readonly quads: Quad[] = [];
  /** Per subject and node-map property: the key of the one object so far, or of all of them. */
  private readonly seen = new Map<string, Map<string, string | Set<string>>>();
  private blanks = 0;
  /** The active context the top node's `@context` makes, processed before the walk. */
  readonly top: ActiveContext | undefined;
  constructor(top: ActiveContext | undefined) {
    this.top = top;
  }

  blank(): Term {
    return { termType: 'BlankNode', value: `b${this.blanks++}` };
  }

  /**
   * Adds a quad; one with an equal object under the same subject and node-map property only
   * once (jsonld.js keeps `@type` values apart from a property that expands to rdf:type).
   */
  add(subject: Term, predicate: Term, [object, key]: Valued, property = predicate.value): void {
    if (key !== undefined) {
      // blank node labels (b0, b1, …) never collide with the absolute IRIs of named subjects
      let bySubject = this.seen.get(subject.value);
      if (bySubject === undefined) {
        bySubject = new Map();
        this.seen.set(subject.value, bySubject);
      }
      const keys = bySubject.get(property);
      if (keys === undefined) bySubject.set(property, key);
      else if (typeof keys === 'string') {
        if (keys === key) return;
        bySubject.set(property, new Set([keys, key]));
      } else {
        if (keys.has(key)) return;
        keys.add(key);
      }
    }
    this.quads.push({ subject, predicate, object, graph: DEFAULT_GRAPH });
  }
}

/** An absolute IRI from `value` (never a blank node: those are jsonld.js's to relabel). */
function iri(ctx: ActiveContext, value: string, relativeTo: { vocab?: boolean; base?: boolean }): string {
  const expanded = contextApi.expandIri(ctx, value, relativeTo, NO_EVENTS);
  if (typeof expanded !== 'string' || !isAbsoluteIri(expanded) || expanded.startsWith('_:')) {
    throw new Unsupported(`IRI ${JSON.stringify(value)}`);
  }
  return expanded;
}

/** `toRdf.js` `_objectToRDF` for a value object `{ @value, @type? }`. */
function literal(value: string | number | boolean, datatype: string | null): Valued {
  if (datatype?.startsWith('_:')) throw new Unsupported('blank node datatype');
  let lexical: string;
  let type: string;
  if (typeof value === 'boolean') {
    lexical = value.toString();
    type = datatype || `${XSD}boolean`;
  } else if (jsonldTypes.isDouble(value) || datatype === `${XSD}double`) {
    const n = jsonldTypes.isDouble(value) ? (value as number) : Number.parseFloat(value as string);
    lexical = n.toExponential(15).replace(/(\d)0*e\+?/, '$1E');
    type = datatype || `${XSD}double`;
  } else if (typeof value === 'number') {
    lexical = value.toFixed(0);
    type = datatype || `${XSD}integer`;
  } else {
    lexical = value;
    type = datatype || `${XSD}string`;
  }
  const literalTerm: Term = { termType: 'Literal', value: lexical, datatype: { termType: 'NamedNode', value: type } };
  // compared as jsonld.js compares value objects: same @value (type and value) and same @type
  // (the datatype's length makes the key unambiguous whatever characters the IRI holds)
  return [literalTerm, `"${typeof value}${datatype === null ? '' : `${datatype.length}:${datatype}`}"${String(value)}`];
}

/** `expand.js` `_expandValue` for a scalar under a key (`info`: the key's term info in `ctx`), then its RDF term. */
function scalar(ctx: ActiveContext, info: TermInfo, value: unknown): Valued {
  if (typeof value !== 'string' && typeof value !== 'number' && typeof value !== 'boolean') {
    throw new Unsupported('value');
  }
  if (info.vocab === null || contextApi.isKeyword(info.vocab)) throw new Unsupported('keyword value');
  const type = info.type;
  if (type === '@id' && typeof value === 'string') {
    const id = iri(ctx, value, { base: true });
    return [named(id), `<${id}`];
  }
  if (type === '@vocab' && typeof value === 'string') {
    const id = iri(ctx, value, { vocab: true, base: true });
    return [named(id), `<${id}`];
  }
  if (type && type !== '@id' && type !== '@vocab' && type !== '@none') return literal(value, type);
  if (typeof value === 'string' && !info.plainStrings) throw new Unsupported('language or direction');
  return literal(value, null);
}

/** Whether a key (its term info) has a `@list` container (only `@set` / `@list` are supported). */
function listContainer({ list }: TermInfo): boolean {
  if (typeof list === 'string') throw new Unsupported(`container ${list}`);
  return list;
}

/**
 * Thrown by the walk when it needs a scoped context not computed yet: {@link toDataset} computes
 * it ({@link scopedContext}) and walks again. Out of {@link toDataset} (an {@link Unsupported}:
 * the caller falls back) only after {@link MAX_WALKS} walks of one document.
 */
class Missing extends Unsupported {
  readonly args: Parameters<typeof scopedContext>;
  constructor(...args: Parameters<typeof scopedContext>) {
    super('a scoped context not computed yet');
    this.args = args;
  }
}

/** {@link cachedScopedContext}, or {@link Missing}. */
function scopedNow(activeCtx: ActiveContext, localCtx: unknown, propagate: boolean, overrideProtected: boolean) {
  const ctx = cachedScopedContext(activeCtx, localCtx, propagate, overrideProtected);
  if (ctx === undefined) throw new Missing(activeCtx, localCtx, propagate, overrideProtected);
  return ctx;
}

/**
 * `expand.js` `api.expand` / `_expandObject` for a node object, then `nodeMap.js` + `toRdf.js`:
 * adds the node's quads and returns its subject (with the key values compare by).
 */
function node(
  out: Dataset,
  activeCtx: ActiveContext,
  activeProperty: string | null,
  element: Json,
  top: boolean,
): Valued {
  let ctx = activeCtx;
  const propertyScoped = activeProperty === null ? undefined : term(ctx, activeProperty).scoped;
  const keys = sortedKeys(element);
  // type-scoped contexts are reverted on entering a node (not a value or a lone reference)
  let typeScopedContext: ActiveContext | null = ctx.previousContext ? ctx : null;
  let mustRevert = true;
  if (typeScopedContext && keys.length <= 2 && !keys.includes('@context')) {
    for (const key of keys) {
      const e = vocab(typeScopedContext, key);
      if (e === '@value') throw new Unsupported('value object');
      if (e === '@id' && keys.length === 1) {
        mustRevert = false;
        break;
      }
    }
  }
  if (mustRevert && ctx.previousContext) ctx = ctx.previousContext;
  if (propertyScoped !== undefined) ctx = scopedNow(ctx, propertyScoped, true, true);
  if ('@context' in element) {
    if (!top || ctx !== activeCtx || out.top === undefined) throw new Unsupported('embedded @context');
    ctx = out.top;
  }
  typeScopedContext = ctx;

  // type-scoped contexts, in sorted order of the types
  let typeKey: string | undefined;
  for (const key of keys) {
    // each key in the context as updated so far (as jsonld.js does)
    if (vocab(ctx, key) !== '@type') continue;
    typeKey ??= key;
    const value = element[key];
    const types = Array.isArray(value) ? (value.length > 1 ? value.slice().sort() : value) : [value];
    for (const type of types) {
      if (typeof type !== 'string') throw new Unsupported('@type value');
      const scoped = term(typeScopedContext, type).scoped;
      if (scoped !== undefined) ctx = scopedNow(ctx, scoped, false, false);
    }
  }
  if (typeKey !== undefined) {
    const first = element[typeKey];
    const t = Array.isArray(first) ? first[0] : first;
    if (typeof t === 'string' && vocab(ctx, t) === '@json') {
      throw new Unsupported('@json');
    }
  }

  // keywords: @id and @type only (keys expanded in the context after type scoping)
  let subject: Term | undefined;
  const types: string[] = [];
  const properties: [key: string, iri: string, info: TermInfo][] = [];
  let count = 0;
  let hasType = false;
  for (const key of keys) {
    if (key === '@context') continue;
    const info = term(ctx, key);
    const e = info.vocab;
    if (e === null || !info.usable) throw new Unsupported(`term ${key}`);
    if (e === '@id') {
      const value = element[key];
      if (subject !== undefined || typeof value !== 'string') throw new Unsupported('@id');
      subject = named(iri(ctx, value, { base: true }));
      count++;
    } else if (e === '@type') {
      const value = element[key];
      const list = Array.isArray(value) ? value : [value];
      for (const v of list) {
        if (typeof v !== 'string') throw new Unsupported('@type value');
        const typeInfo = term(typeScopedContext, v);
        typeInfo.asType ??= iri(typeScopedContext, v, { base: true, vocab: true });
        types.push(typeInfo.asType);
      }
      if (!hasType) count++;
      hasType = true;
    } else if (contextApi.isKeyword(e)) {
      throw new Unsupported(`keyword ${e}`);
    } else {
      properties.push([key, e, info]);
    }
  }
  const self = subject ?? out.blank();
  for (const type of types) out.add(self, RDF_TYPE, [named(type), `<${type}`], '@type');

  for (const [key, property, info] of properties) {
    const value = element[key];
    if (value === null) continue;
    let termCtx = ctx;
    const { scoped } = info;
    if (scoped !== undefined) termCtx = scopedNow(ctx, scoped, true, true);
    const definition = termCtx.mappings.get(key);
    if (definition === null || definition?.reverse) throw new Unsupported('reverse or null term');
    if (info.type === '@json') throw new Unsupported('@json');
    const isList = listContainer(info);
    const termInfo = termCtx === ctx ? info : term(termCtx, key);
    if (listContainer(termInfo) !== isList) throw new Unsupported('container changed by scope');
    const objects: Valued[] = [];
    for (const item of Array.isArray(value) ? value : [value]) {
      if (item === null) continue;
      if (Array.isArray(item)) throw new Unsupported('nested array');
      objects.push(isObject(item) ? node(out, termCtx, key, item, false) : scalar(termCtx, termInfo, item));
    }
    count++;
    const predicate = named(property);
    if (!isList) {
      for (const o of objects) out.add(self, predicate, o);
      continue;
    }
    if (objects.length === 0) throw new Unsupported('empty list');
    let cell = out.blank();
    out.add(self, predicate, [cell, undefined]);
    for (const [i, o] of objects.entries()) {
      out.add(cell, RDF_FIRST, [o[0], undefined]);
      const next = i === objects.length - 1 ? RDF_NIL : out.blank();
      out.add(cell, RDF_REST, [next, undefined]);
      cell = next;
    }
  }
  // jsonld.js drops (and safe mode refuses) an empty top-level node or one with only @id
  if (top && (count === 0 || (count === 1 && subject !== undefined))) throw new Unsupported('empty node');
  return [self, subject === undefined ? undefined : `<${subject.value}`];
}

/**
 * The RDF dataset jsonld.js `toRDF(document, { base: null, safe: true })` gives, or
 * {@link Unsupported} when the document is outside the subset this conversion is sure of. Blank
 * node labels and quad order may differ from jsonld.js's (RDFC-1.0 depends on neither).
 *
 * @example
 * const quads = await toDataset(credential, documentLoader);
 */
export async function toDataset(document: unknown, documentLoader: Loader): Promise<Quad[]> {
  if (!isObject(document)) throw new Unsupported('not a node object');
  const top = '@context' in document ? await topContext(document['@context'], documentLoader) : undefined;
  // the walk is synchronous: it stops at a scoped context not computed yet, which is computed
  // here before walking again (once per new context; never again once they are all known)
  for (let walks = 1; ; walks++) {
    const out = new Dataset(top);
    try {
      node(out, contextApi.getInitialContext({}), null, document, true);
      return out.quads;
    } catch (error) {
      if (!(error instanceof Missing) || walks >= MAX_WALKS) throw error;
      await scopedContext(...error.args);
    }
  }
}
