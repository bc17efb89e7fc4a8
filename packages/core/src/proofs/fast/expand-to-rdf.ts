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
import { type ActiveContext, contextApi, isAbsoluteIri, jsonldTypes, type Quad, RDF, XSD } from './jsonld-parts.ts';
import { type Columns, emptyColumns, quadsOf } from './quad-columns.ts';

type Loader = Parameters<typeof topContext>[1];
type Json = Record<string, unknown>;

const RDF_TYPE = `${RDF}type`;
const RDF_FIRST = `${RDF}first`;
const RDF_REST = `${RDF}rest`;
const RDF_NIL = `${RDF}nil`;
const XSD_BOOLEAN = `${XSD}boolean`;
const XSD_DOUBLE = `${XSD}double`;
const XSD_INTEGER = `${XSD}integer`;
const XSD_STRING = `${XSD}string`;
const NO_EVENTS = {};
const BASE = { base: true };
const VOCAB_BASE = { vocab: true, base: true };
const VOCAB = { vocab: true };

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
    const expanded = contextApi.expandIri(ctx, key, VOCAB, NO_EVENTS);
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
 * The walk's output: quads written into the shared {@link Columns} (blank nodes numbered as they
 * are made), each once per subject and node-map property when its object compares equal to one
 * there already, as jsonld.js's node map merges values (`util.compareValues`: an IRI by the IRI;
 * a literal by its JSON value, the value's type included, and the datatype it was coerced to).
 */
class Dataset {
  readonly c = emptyColumns();
  /** The active context the top node's `@context` makes, processed before the walk. */
  readonly top: ActiveContext | undefined;
  /** Per subject in the walk (a slot), its last compared quad; named subjects' slots by IRI. */
  private slots = 0;
  private readonly named = new Map<string, number>();
  constructor(top: ActiveContext | undefined) {
    this.top = top;
    // what a large document left (its strings held) is let go
    if (previous.length > KEEP) {
      last = new Int32Array(64);
      previous = new Int32Array(64);
      counts = new Int32Array(64);
      property.length = 0;
      raw.length = 0;
      coerced.length = 0;
    }
    if (keyStack.length > KEEP || propertyKeys.length > KEEP || types.length > KEEP) {
      keyStack.length = 0;
      propertyKeys.length = 0;
      propertyIris.length = 0;
      propertyInfos.length = 0;
      types.length = 0;
    }
  }

  blank(): number {
    return this.c.blanks++;
  }

  /** The slot of a node's subject: one per IRI, a new one for a blank node. */
  slot(subject: string | number): number {
    let slot = typeof subject === 'string' ? this.named.get(subject) : undefined;
    if (slot === undefined) {
      slot = this.slots++;
      if (slot >= last.length) {
        last = grown(last, slot + 1);
        counts = grown(counts, slot + 1);
      }
      last[slot] = -1;
      counts[slot] = 0;
      if (typeof subject === 'string') this.named.set(subject, slot);
    }
    return slot;
  }

  /** Adds a quad (none compares equal to it). */
  private push(subject: string | number, predicate: string, object: string | number, datatype?: string): number {
    const c = this.c;
    const q = c.n++;
    c.s[q] = subject;
    c.p[q] = predicate;
    c.o[q] = object;
    c.d[q] = datatype;
    return q;
  }

  /**
   * Links quad `q` into `slot`'s compared quads, under node-map property `key` (a literal's value
   * and coercion already in {@link raw} / {@link coerced}). A subject with many of them has them
   * looked up by {@link keyOf} in a set from then on, not scanned (scans would be quadratic).
   */
  private compared(slot: number, q: number, key: string): void {
    if (q >= previous.length) previous = grown(previous, q + 1);
    previous[q] = last[slot]!;
    last[slot] = q;
    property[q] = key;
    const n = ++counts[slot]!;
    if (n < SCAN) return;
    this.sets ??= new Map();
    let set = this.sets.get(slot);
    if (set === undefined) {
      set = new Set();
      this.sets.set(slot, set);
      for (let p = previous[q]!; p >= 0; p = previous[p]!) set.add(this.keyOfQuad(p));
    }
    set.add(this.keyOfQuad(q));
  }

  /** Per subject with many compared quads (slot), their {@link keyOf}s. */
  private sets: Map<number, Set<string>> | undefined;

  private keyOfQuad(q: number): string {
    const c = this.c;
    return c.d[q] === undefined ? keyOf(property[q]!, c.o[q] as string) : keyOf(property[q]!, raw[q]!, coerced[q]!);
  }

  /** `subject predicate object`, never compared: a blank node, or a list's `rdf:first` / `rdf:nil`. */
  link(subject: string | number, predicate: string, object: string | number): void {
    this.push(subject, predicate, object);
  }

  /**
   * `subject predicate <object>`, unless `slot` (-1: never compared, as list members) already has
   * it under node-map property `key` (the predicate, or `@type` for the node's types).
   */
  iri(slot: number, subject: string | number, predicate: string, object: string, key = predicate): void {
    if (slot >= 0) {
      const set = counts[slot]! >= SCAN ? this.sets!.get(slot)! : undefined;
      if (set !== undefined) {
        if (set.has(keyOf(key, object))) return;
      } else {
        const c = this.c;
        for (let q = last[slot]!; q >= 0; q = previous[q]!) {
          if (c.d[q] === undefined && c.o[q] === object && property[q] === key) return;
        }
      }
    }
    const q = this.push(subject, predicate, object);
    if (slot >= 0) this.compared(slot, q, key);
  }

  /**
   * `subject predicate "lexical"^^<datatype>` for JSON `value` coerced to `coercion` (or not,
   * null), unless `slot` (-1: never compared) already has an equal one under the predicate.
   */
  literal(
    slot: number,
    subject: string | number,
    predicate: string,
    lexical: string,
    datatype: string,
    value: string | number | boolean,
    coercion: string | null,
  ): void {
    if (slot >= 0) {
      const set = counts[slot]! >= SCAN ? this.sets!.get(slot)! : undefined;
      if (set !== undefined) {
        if (set.has(keyOf(predicate, value, coercion))) return;
      } else {
        const c = this.c;
        for (let q = last[slot]!; q >= 0; q = previous[q]!) {
          if (c.d[q] === undefined || coerced[q] !== coercion || property[q] !== predicate) continue;
          const other = raw[q];
          // the same JSON value: same type, and String(value) the same (so -0 is 0, NaN is NaN)
          if (typeof other === typeof value && (other === value || (Number.isNaN(other) && Number.isNaN(value)))) {
            return;
          }
        }
      }
    }
    const q = this.push(subject, predicate, lexical, datatype);
    if (slot >= 0) {
      raw[q] = value;
      coerced[q] = coercion;
      this.compared(slot, q, predicate);
    }
  }
}

/** Compared quads a subject has before they are looked up in a set instead of scanned. */
const SCAN = 16;

/**
 * What a compared quad is compared by, as a string (the node-map property, then `<` and the IRI, or
 * `"` and the literal's JSON type, coercion and `String(value)`; lengths keep it unambiguous):
 * equal exactly when the scans in {@link Dataset.iri} / {@link Dataset.literal} find them equal.
 */
function keyOf(key: string, value: string | number | boolean, coercion?: string | null): string {
  const head = `${key.length}:${key}`;
  if (coercion === undefined) return `${head}<${value as string}`;
  return `${head}"${typeof value}${coercion === null ? '' : `${coercion.length}:${coercion}`}"${String(value)}`;
}

/** Compared quads: per slot, the last one; per quad, the one before it in its slot (or -1). */
let last: Int32Array = new Int32Array(64);
let previous: Int32Array = new Int32Array(64);
/** Per slot, how many compared quads it has. */
let counts: Int32Array = new Int32Array(64);
/** Per compared quad: its node-map property, and for a literal its JSON value and coercion. */
const property: string[] = [];
const raw: (string | number | boolean)[] = [];
const coerced: (string | null)[] = [];
const KEEP = 1 << 16;
const grown = (a: Int32Array, n: number): Int32Array => {
  const b = new Int32Array(Math.max(n, a.length * 2));
  b.set(a);
  return b;
};

/** An absolute IRI from `value` (never a blank node: those are jsonld.js's to relabel). */
function iri(ctx: ActiveContext, value: string, relativeTo: { vocab?: boolean; base?: boolean }): string {
  const expanded = contextApi.expandIri(ctx, value, relativeTo, NO_EVENTS);
  if (typeof expanded !== 'string' || !isAbsoluteIri(expanded) || expanded.startsWith('_:')) {
    throw new Unsupported(`IRI ${JSON.stringify(value)}`);
  }
  return expanded;
}

/**
 * `toRdf.js` `_objectToRDF` for a value object `{ @value, @type? }`, added to `out` as the object of
 * `subject predicate` (`slot`: the subject's, or -1 for a quad never compared).
 */
function literal(
  out: Dataset,
  slot: number,
  subject: string | number,
  predicate: string,
  value: string | number | boolean,
  datatype: string | null,
): void {
  if (datatype?.startsWith('_:')) throw new Unsupported('blank node datatype');
  let lexical: string;
  let type: string;
  if (typeof value === 'boolean') {
    lexical = value.toString();
    type = datatype || XSD_BOOLEAN;
  } else if (jsonldTypes.isDouble(value) || datatype === XSD_DOUBLE) {
    const n = jsonldTypes.isDouble(value) ? (value as number) : Number.parseFloat(value as string);
    lexical = n.toExponential(15).replace(/(\d)0*e\+?/, '$1E');
    type = datatype || XSD_DOUBLE;
  } else if (typeof value === 'number') {
    lexical = value.toFixed(0);
    type = datatype || XSD_INTEGER;
  } else {
    lexical = value;
    type = datatype || XSD_STRING;
  }
  out.literal(slot, subject, predicate, lexical, type, value, datatype);
}

/**
 * `expand.js` `_expandValue` for a scalar under a key (`info`: the key's term info in `ctx`), added
 * to `out` as {@link literal} adds it.
 */
function scalar(
  out: Dataset,
  slot: number,
  subject: string | number,
  predicate: string,
  ctx: ActiveContext,
  info: TermInfo,
  value: unknown,
): void {
  if (typeof value !== 'string' && typeof value !== 'number' && typeof value !== 'boolean') {
    throw new Unsupported('value');
  }
  if (info.vocab === null || contextApi.isKeyword(info.vocab)) throw new Unsupported('keyword value');
  const type = info.type;
  if (type === '@id' && typeof value === 'string') {
    out.iri(slot, subject, predicate, iri(ctx, value, BASE));
  } else if (type === '@vocab' && typeof value === 'string') {
    out.iri(slot, subject, predicate, iri(ctx, value, VOCAB_BASE));
  } else if (type && type !== '@id' && type !== '@vocab' && type !== '@none')
    literal(out, slot, subject, predicate, value, type);
  else {
    if (typeof value === 'string' && !info.plainStrings) throw new Unsupported('language or direction');
    literal(out, slot, subject, predicate, value, null);
  }
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
 * The walk's stacks, shared by the nodes it is in (a node's entries are above its parent's and
 * gone when it returns): each node's keys, sorted, and its properties (key, IRI, term info).
 */
const keyStack: string[] = [];
let keyTop = 0;
const propertyKeys: string[] = [];
const propertyIris: string[] = [];
const propertyInfos: TermInfo[] = [];
let propertyTop = 0;
/** A node's types (added before the walk goes into any other node). */
const types: string[] = [];

/**
 * Puts `element`'s own keys (`Object.keys`) on {@link keyStack}, sorted as `Object.keys(element).sort()`
 * (UTF-16 code units, as `<` compares strings; by insertion for the few keys of a node, which
 * costs less than the generic sort's set-up).
 */
function pushKeys(element: Json): void {
  const from = keyTop;
  for (const key in element) if (Object.hasOwn(element, key)) keyStack[keyTop++] = key;
  if (keyTop - from > 16) {
    const sorted = keyStack.slice(from, keyTop).sort();
    for (let k = 0; k < sorted.length; k++) keyStack[from + k] = sorted[k]!;
    return;
  }
  for (let i = from + 1; i < keyTop; i++) {
    const key = keyStack[i]!;
    let j = i - 1;
    while (j >= from && keyStack[j]! > key) {
      keyStack[j + 1] = keyStack[j]!;
      j--;
    }
    keyStack[j + 1] = key;
  }
}

/**
 * `expand.js` `api.expand` / `_expandObject` for a node object, then `nodeMap.js` + `toRdf.js`:
 * adds the node's quads and returns its subject (an IRI, or a blank node's number).
 */
function node(
  out: Dataset,
  activeCtx: ActiveContext,
  activeProperty: string | null,
  element: Json,
  top: boolean,
): string | number {
  let ctx = activeCtx;
  const propertyScoped = activeProperty === null ? undefined : term(ctx, activeProperty).scoped;
  const from = keyTop;
  pushKeys(element);
  const to = keyTop;
  const keyCount = to - from;
  let hasContext = false;
  for (let k = from; k < to; k++) if (keyStack[k] === '@context') hasContext = true;
  // type-scoped contexts are reverted on entering a node (not a value or a lone reference)
  let typeScopedContext: ActiveContext | null = ctx.previousContext ? ctx : null;
  let mustRevert = true;
  if (typeScopedContext && keyCount <= 2 && !hasContext) {
    for (let k = from; k < to; k++) {
      const e = vocab(typeScopedContext, keyStack[k]!);
      if (e === '@value') throw new Unsupported('value object');
      if (e === '@id' && keyCount === 1) {
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
  for (let k = from; k < to; k++) {
    const key = keyStack[k]!;
    // each key in the context as updated so far (as jsonld.js does)
    if (vocab(ctx, key) !== '@type') continue;
    typeKey ??= key;
    const value = element[key];
    const many = Array.isArray(value);
    const length = many ? value.length : 1;
    // the order matters only between types that have scoped contexts
    let scopedTypes = 0;
    for (let i = 0; i < length; i++) {
      const type = many ? value[i] : value;
      if (typeof type !== 'string') throw new Unsupported('@type value');
      if (term(typeScopedContext, type).scoped !== undefined) scopedTypes++;
    }
    if (scopedTypes === 0) continue;
    const sorted: unknown = scopedTypes > 1 ? (value as string[]).slice().sort() : value;
    for (let i = 0; i < length; i++) {
      const scoped = term(typeScopedContext, (many ? (sorted as string[])[i] : sorted) as string).scoped;
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
  let subject: string | undefined;
  let typeCount = 0;
  const properties = propertyTop;
  let count = 0;
  let hasType = false;
  for (let k = from; k < to; k++) {
    const key = keyStack[k]!;
    if (key === '@context') continue;
    const info = term(ctx, key);
    const e = info.vocab;
    if (e === null || !info.usable) throw new Unsupported(`term ${key}`);
    if (e === '@id') {
      const value = element[key];
      if (subject !== undefined || typeof value !== 'string') throw new Unsupported('@id');
      subject = iri(ctx, value, BASE);
      count++;
    } else if (e === '@type') {
      const value = element[key];
      const many = Array.isArray(value);
      const length = many ? value.length : 1;
      for (let i = 0; i < length; i++) {
        const v = many ? value[i] : value;
        if (typeof v !== 'string') throw new Unsupported('@type value');
        const typeInfo = term(typeScopedContext, v);
        typeInfo.asType ??= iri(typeScopedContext, v, VOCAB_BASE);
        types[typeCount++] = typeInfo.asType;
      }
      if (!hasType) count++;
      hasType = true;
    } else if (contextApi.isKeyword(e)) {
      throw new Unsupported(`keyword ${e}`);
    } else {
      propertyKeys[propertyTop] = key;
      propertyIris[propertyTop] = e;
      propertyInfos[propertyTop++] = info;
    }
  }
  keyTop = from;
  const self = subject ?? out.blank();
  const slot = out.slot(self);
  for (let i = 0; i < typeCount; i++) out.iri(slot, self, RDF_TYPE, types[i]!, '@type');

  const end = propertyTop;
  for (let k = properties; k < end; k++) {
    const key = propertyKeys[k]!;
    const property = propertyIris[k]!;
    const info = propertyInfos[k]!;
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
    const many = Array.isArray(value);
    const length = many ? value.length : 1;
    // a list's cells are made as its items come: `cell` is the last one so far (-1: none yet)
    let cell = -1;
    for (let i = 0; i < length; i++) {
      const item = many ? value[i] : value;
      if (item === null) continue;
      if (Array.isArray(item)) throw new Unsupported('nested array');
      if (isList) {
        const next = out.blank();
        if (cell < 0) out.link(self, property, next);
        else out.link(cell, RDF_REST, next);
        cell = next;
        if (isObject(item)) out.link(cell, RDF_FIRST, node(out, termCtx, key, item, false));
        else scalar(out, -1, cell, RDF_FIRST, termCtx, termInfo, item);
      } else if (isObject(item)) {
        const object = node(out, termCtx, key, item, false);
        if (typeof object === 'number') out.link(self, property, object);
        else out.iri(slot, self, property, object);
      } else scalar(out, slot, self, property, termCtx, termInfo, item);
    }
    count++;
    if (!isList) continue;
    if (cell < 0) throw new Unsupported('empty list');
    out.link(cell, RDF_REST, RDF_NIL);
  }
  propertyTop = properties;
  // jsonld.js drops (and safe mode refuses) an empty top-level node or one with only @id
  if (top && (count === 0 || (count === 1 && subject !== undefined))) throw new Unsupported('empty node');
  return self;
}

/**
 * The RDF dataset jsonld.js `toRDF(document, { base: null, safe: true })` gives, or
 * {@link Unsupported} when the document is outside the subset this conversion is sure of. Blank
 * node labels and quad order may differ from jsonld.js's (RDFC-1.0 depends on neither).
 *
 * @example
 * const quads = await toDataset(credential, documentLoader);
 */
export function toDataset(document: unknown, documentLoader: Loader): Promise<Quad[]> {
  return withDataset(document, documentLoader, quadsOf);
}

/** jsonld.js's initial active context (it keeps one; so does this module). */
let initial: ActiveContext | undefined;

/**
 * {@link toDataset}'s dataset as {@link Columns}, handed to `read` as soon as the walk that made
 * them ends (the columns are shared: they stay valid only until `read` returns), and `read`'s answer.
 *
 * @example
 * const nquads = await withDataset(credential, documentLoader, (columns) => canonizeColumns(columns));
 */
export async function withDataset<T>(document: unknown, documentLoader: Loader, read: (c: Columns) => T): Promise<T> {
  if (!isObject(document)) throw new Unsupported('not a node object');
  const top = '@context' in document ? await topContext(document['@context'], documentLoader) : undefined;
  initial ??= contextApi.getInitialContext({});
  // the walk is synchronous: it stops at a scoped context not computed yet, which is computed
  // here before walking again (once per new context; never again once they are all known)
  for (let walks = 1; ; walks++) {
    const out = new Dataset(top);
    keyTop = 0;
    propertyTop = 0;
    try {
      node(out, initial, null, document, true);
    } catch (error) {
      if (!(error instanceof Missing) || walks >= MAX_WALKS) throw error;
      await scopedContext(...error.args);
      continue;
    }
    return read(out.c);
  }
}
