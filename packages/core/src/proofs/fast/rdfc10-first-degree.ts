/**
 * RDFC-1.0 (W3C RDF Dataset Canonicalization, §4.4 "Canonicalization Algorithm") for the common
 * case where every blank node's first-degree hash (§4.6 "Hash First Degree Quads") is unique:
 * steps 1–3 (blank node to quads map, first-degree hashes with `_:a` / `_:z`, canonical
 * identifiers `c14n0…` in order of the hashes) and step 5 (relabelled quads as canonical
 * N-Quads, sorted), byte for byte as rdf-canonize 5's `RDFC10Sync` computes them: its N-Quads
 * escaping (`NQuads.serializeQuadComponents`), its sort (`Array.prototype.sort`, UTF-16 code
 * units), its hashes (the quads of a blank node counted once each by identity, every quad of the
 * dataset written out, duplicates included) — but read from the dataset's columns
 * ({@link Columns}), with no string made for a term or a line: lines are ordered term by term
 * ({@link lines}) and written as parts joined once for the hashes and once for the answer. Anything else — two blank nodes with the same first-degree hash (the N-degree case,
 * where `maxWorkFactor` / `maxDeepIterations` apply), a digest rdf-canonize does not name, a term
 * shape it would write oddly (a blank-node predicate, a predicate IRI with characters N-Quads
 * escapes, a label `''` or starting `c14n`, a non-string value) — goes to rdf-canonize's
 * `_canonizeSync` itself, which gives its own answer or error.
 */
import { hash } from 'node:crypto';
import { type Quad, rdfCanonize } from './jsonld-parts.ts';
import { type Columns, columnsOf, quadsOf } from './quad-columns.ts';

/** rdf-canonize's `MessageDigest` names, as `node:crypto` calls them. */
const DIGESTS = new Map([
  ['sha256', 'sha256'],
  ['SHA256', 'sha256'],
  ['SHA-256', 'sha256'],
  ['sha384', 'sha384'],
  ['SHA384', 'sha384'],
  ['SHA-384', 'sha384'],
  ['sha512', 'sha512'],
  ['SHA512', 'sha512'],
  ['SHA-512', 'sha512'],
]);

const RDF_LANGSTRING = 'http://www.w3.org/1999/02/22-rdf-syntax-ns#langString';
const XSD_STRING = 'http://www.w3.org/2001/XMLSchema#string';

// NQuads.js `_iriEscape` / `_stringLiteralEscape`: \uXXXX (upper-case hex), and ECHARs in literals
// biome-ignore lint/suspicious/noControlCharactersInRegex: the characters N-Quads escapes
const IRI_ESCAPE = /[\u0000-\u0020<>"{}|^`\\]/;
// biome-ignore lint/suspicious/noControlCharactersInRegex: the characters N-Quads escapes
const IRI_ESCAPE_ALL = /[\u0000-\u0020<>"{}|^`\\]/g;
// biome-ignore lint/suspicious/noControlCharactersInRegex: the characters N-Quads escapes
const LITERAL_ESCAPE = /[\u0000-\u001F\u007F"\\]/;
// biome-ignore lint/suspicious/noControlCharactersInRegex: the characters N-Quads escapes
const LITERAL_ESCAPE_ALL = /[\u0000-\u001F\u007F"\\]/g;
const ECHAR: Record<string, string> = {
  '\b': '\\b',
  '\t': '\\t',
  '\n': '\\n',
  '\f': '\\f',
  '\r': '\\r',
  '"': '\\"',
  '\\': '\\\\',
};
const uchar = (c: string) => `\\u${c.charCodeAt(0).toString(16).toUpperCase().padStart(4, '0')}`;
const escapeIri = (s: string) => (IRI_ESCAPE.test(s) ? s.replace(IRI_ESCAPE_ALL, uchar) : s);
const escapeLiteral = (s: string) =>
  LITERAL_ESCAPE.test(s) ? s.replace(LITERAL_ESCAPE_ALL, (c) => ECHAR[c] ?? uchar(c)) : s;

/** Thrown inside when the dataset is not one this fast path is sure of (any error falls back). */
class NotSimple extends Error {}

/**
 * A predicate IRI as written in a line (` <iri> `, and after a subject IRI `> <iri> `), and its
 * rank among every predicate seen so far in code-unit order of that text: lines with the same
 * subject are ordered by predicate through the rank, an integer, instead of comparing IRIs that
 * share long prefixes. Predicates come from vocabularies, so they are kept across calls
 * (bounded); ranks are renumbered when a new one arrives, which keeps them in order within every
 * call.
 */
interface Predicate {
  text: string;
  afterIri: string;
  rank: number;
}
const MAX_PREDICATES = 4096;
const predicates = new Map<string, Predicate>();
/** Every predicate in `predicates`, in order of `text`. */
let ranked: Predicate[] = [];

/** Forgets every predicate (between calls only: a call compares the ranks it read). */
function forgetPredicates(): void {
  predicates.clear();
  ranked = [];
}

/** A new predicate, ranked; one N-Quads would escape goes to rdf-canonize (never in practice). */
function predicate(iri: string): Predicate {
  if (typeof iri !== 'string' || IRI_ESCAPE.test(iri)) throw new NotSimple();
  const p: Predicate = { text: ` <${iri}> `, afterIri: `> <${iri}> `, rank: 0 };
  let lo = 0;
  let hi = ranked.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (ranked[mid]!.text < p.text) lo = mid + 1;
    else hi = mid;
  }
  ranked.splice(lo, 0, p);
  for (let r = lo; r < ranked.length; r++) ranked[r]!.rank = r;
  predicates.set(iri, p);
  return p;
}

// --- what the comparisons and the writing read: set by each call (synchronous, not re-entered)

/** The dataset's columns as written (escaped, when anything needed it). */
let S: (string | number)[] = [];
let O: (string | number)[] = [];
let D: (string | undefined)[] = [];
/** Languages and graphs, or undefined when there are none. */
let L: (string | undefined)[] | undefined;
let G: (string | number | undefined)[] | undefined;
/** Each quad's predicate. */
let PR: Predicate[] = [];
/** In a first-degree hash, the blank node hashed (written `_:a`, the others `_:z`); else -1. */
let hashed = -1;
/** The canonical number of each blank node (once the hashes are known). */
let canon: Int32Array = new Int32Array(16);

/** Canonical labels `_:c14n0`, `_:c14n1`, … made once. */
const LABELS: string[] = [];
const MAX_LABELS = 4096;
function canonical(k: number): string {
  if (k < LABELS.length) return LABELS[k]!;
  const label = `_:c14n${k}`;
  if (k === LABELS.length && k < MAX_LABELS) LABELS.push(label);
  return label;
}
const labelOf = (b: number): string => (hashed < 0 ? canonical(canon[b]!) : b === hashed ? '_:a' : '_:z');

const GT = 0x3e;
const QUOTE = 0x22;

/**
 * Code-unit order of `<a>` and `<b>` (`end` `>`) or of `"a"` and `"b"` (`end` `"`) followed by more
 * text, for `a` and `b` as written (escaped: neither holds `end`), without writing them: where
 * one is a prefix of the other, the shorter one's `end` is compared with the other's next unit.
 */
function wrapped(a: string, b: string, end: number): number {
  if (a === b) return 0;
  const la = a.length;
  const lb = b.length;
  if (la < lb) {
    if (b.startsWith(a)) return end - b.charCodeAt(la);
  } else if (lb < la && a.startsWith(b)) return a.charCodeAt(lb) - end;
  return a < b ? -1 : 1;
}

/** Order of two blank nodes' labels. */
function blanks(a: number, b: number): number {
  if (a === b) return 0;
  if (hashed >= 0) return a === hashed ? -1 : b === hashed ? 1 : 0;
  const x = canonical(canon[a]!);
  const y = canonical(canon[b]!);
  return x < y ? -1 : 1;
}

/** What follows a literal's `"lexical"`: nothing (0), `@language` (1), `^^<datatype>` (2). */
function suffix(q: number, datatype: string): number {
  if (datatype === RDF_LANGSTRING) return L?.[q] ? 1 : 0;
  return datatype === XSD_STRING ? 0 : 2;
}

/**
 * Code-unit order of the lines of quads `x` and `y` as written, from their parts: subject,
 * predicate (by rank), object, graph. That is the order of the whole lines because no written
 * term is followed, where another one continues it, by a unit below the space every term is
 * followed by: IRIs end at their one `>`, literals at their one `"` (then `@` or `^^`), labels
 * go on with digits, and languages (checked) hold no unit up to the space.
 */
function lines(x: number, y: number): number {
  let a = S[x]!;
  let b = S[y]!;
  if (a !== b) {
    if (typeof a === 'number') {
      if (typeof b !== 'number') return 1;
      const r = blanks(a, b);
      if (r !== 0) return r;
    } else if (typeof b === 'number') return -1;
    else return wrapped(a, b, GT);
  }
  const r = PR[x]!.rank - PR[y]!.rank;
  if (r !== 0) return r;
  a = O[x]!;
  b = O[y]!;
  const da = D[x];
  const db = D[y];
  // first units: `"` (literal) < `<` (IRI) < `_` (blank node)
  const ka = typeof a === 'number' ? 2 : da === undefined ? 1 : 0;
  const kb = typeof b === 'number' ? 2 : db === undefined ? 1 : 0;
  if (ka !== kb) return ka - kb;
  if (ka === 2) {
    const r = blanks(a as number, b as number);
    if (r !== 0) return r;
  } else if (ka === 1) {
    if (a !== b) return wrapped(a as string, b as string, GT);
  } else if (a !== b) return wrapped(a as string, b as string, QUOTE);
  else {
    const sa = suffix(x, da!);
    const sb = suffix(y, db!);
    // nothing (then a space) < `@` < `^`
    if (sa !== sb) return sa - sb;
    if (sa === 1) {
      const la = L![x]!;
      const lb = L![y]!;
      if (la !== lb) return la < lb ? -1 : 1;
    } else if (sa === 2 && da !== db) return wrapped(da!, db!, GT);
  }
  return G === undefined ? 0 : graphs(G[x], G[y]);
}

/** Order of two graphs as written after the object: default (` .`) < IRI (` <`) < blank node (` _`). */
function graphs(a: string | number | undefined, b: string | number | undefined): number {
  if (a === b) return 0;
  const ka = a === undefined ? 0 : typeof a === 'string' ? 1 : 2;
  const kb = b === undefined ? 0 : typeof b === 'string' ? 1 : 2;
  if (ka !== kb) return ka - kb;
  return ka === 1 ? wrapped(a as string, b as string, GT) : blanks(a as number, b as number);
}

// What closes an object (nothing, `>`, `"`) then the graph and the end of the line.
const END = [' .\n', '> .\n', '" .\n'];
const TO_GRAPH_IRI = [' <', '> <', '" <'];
const TO_GRAPH_BLANK = [' ', '> ', '" '];

/** Writes the line of quad `q` into `parts` from `k`; returns where it ends. */
function write(parts: string[], k: number, q: number): number {
  const s = S[q]!;
  const p = PR[q]!;
  if (typeof s === 'number') {
    parts[k++] = labelOf(s);
    parts[k++] = p.text;
  } else {
    parts[k++] = '<';
    parts[k++] = s;
    parts[k++] = p.afterIri;
  }
  const o = O[q]!;
  const d = D[q];
  let close = 0;
  if (typeof o === 'number') parts[k++] = labelOf(o);
  else if (d === undefined) {
    parts[k++] = '<';
    parts[k++] = o;
    close = 1;
  } else {
    parts[k++] = '"';
    parts[k++] = o;
    const kind = suffix(q, d);
    if (kind === 0) close = 2;
    else if (kind === 1) {
      parts[k++] = '"@';
      parts[k++] = L![q]!;
    } else {
      parts[k++] = '"^^<';
      parts[k++] = d;
      close = 1;
    }
  }
  const g = G?.[q];
  if (g === undefined) parts[k++] = END[close]!;
  else if (typeof g === 'string') {
    parts[k++] = TO_GRAPH_IRI[close]!;
    parts[k++] = g;
    parts[k++] = END[1]!;
  } else {
    parts[k++] = TO_GRAPH_BLANK[close]!;
    parts[k++] = labelOf(g);
    parts[k++] = END[0]!;
  }
  return k;
}

/** Sorts `a[lo, hi)` by `order` (merge sort through `tmp`; insertion sort for short runs). */
function sort(a: Int32Array, lo: number, hi: number, tmp: Int32Array, order: (x: number, y: number) => number): void {
  if (hi - lo <= 12) {
    for (let i = lo + 1; i < hi; i++) {
      const v = a[i]!;
      let j = i - 1;
      while (j >= lo && order(a[j]!, v) > 0) {
        a[j + 1] = a[j]!;
        j--;
      }
      a[j + 1] = v;
    }
    return;
  }
  const mid = (lo + hi) >>> 1;
  sort(a, lo, mid, tmp, order);
  sort(a, mid, hi, tmp, order);
  if (order(a[mid - 1]!, a[mid]!) <= 0) return;
  let i = lo;
  let j = mid;
  let k = lo;
  while (i < mid && j < hi) tmp[k++] = order(a[i]!, a[j]!) <= 0 ? a[i++]! : a[j++]!;
  while (i < mid) tmp[k++] = a[i++]!;
  while (j < hi) tmp[k++] = a[j++]!;
  for (k = lo; k < hi; k++) a[k] = tmp[k]!;
}

// --- scratch kept between calls (grown as needed, dropped when large)
const KEEP = 1 << 16;
let order: Int32Array = new Int32Array(64);
let tmp: Int32Array = new Int32Array(64);
let quadsOfBlank: Int32Array = new Int32Array(64);
let start: Int32Array = new Int32Array(16);
/** Lines' parts: of the first-degree hashes, of the answer. */
let hashParts: string[] = [];
let lineParts: string[] = [];
/** Where each blank node's text ends in the hashes' joined text. */
let textEnd: Int32Array = new Int32Array(16);
let hashes: string[] = [];
const grown = (a: Int32Array, n: number): Int32Array => (a.length >= n ? a : new Int32Array(Math.max(n, a.length * 2)));

/** The hashes' order. */
const byHash = (x: number, y: number) => (hashes[x]! < hashes[y]! ? -1 : hashes[x]! > hashes[y]! ? 1 : 0);

/**
 * The canonical N-Quads of `dataset`, as `rdfCanonize._canonizeSync(dataset, { algorithm:
 * 'RDFC-1.0', format: 'application/n-quads', messageDigestAlgorithm })` gives them (the call it
 * makes itself whenever the first-degree hashes do not settle every blank node).
 *
 * @example
 * canonizeRdfc10([{ subject: { termType: 'BlankNode', value: 'b0' }, predicate, object, graph }]);
 * // '_:c14n0 <…> … .\n'
 */
export function canonizeRdfc10(dataset: readonly Quad[], messageDigestAlgorithm?: string): string {
  let text: string | undefined;
  try {
    text = firstDegree(columnsOf(dataset), messageDigestAlgorithm);
  } catch {
    // NotSimple, NotColumns, or a dataset shaped so oddly that reading it threw
  }
  return text ?? stock(dataset as Quad[], messageDigestAlgorithm);
}

/**
 * {@link canonizeRdfc10} for a dataset in columns (left unchanged): rdf-canonize gets its quads
 * ({@link quadsOf}) whenever the first-degree hashes do not settle it.
 *
 * @example
 * const nquads = canonizeColumns(columns, 'SHA-256');
 */
export function canonizeColumns(columns: Columns, messageDigestAlgorithm?: string): string {
  let text: string | undefined;
  try {
    text = firstDegree(columns, messageDigestAlgorithm);
  } catch {
    // as canonizeRdfc10
  }
  return text ?? stock(quadsOf(columns), messageDigestAlgorithm);
}

function stock(dataset: Quad[], messageDigestAlgorithm: string | undefined): string {
  return rdfCanonize._canonizeSync(dataset, {
    algorithm: 'RDFC-1.0',
    format: 'application/n-quads',
    ...(messageDigestAlgorithm === undefined ? {} : { messageDigestAlgorithm }),
  } as { algorithm: 'RDFC-1.0'; format: 'application/n-quads' });
}

// biome-ignore lint/suspicious/noControlCharactersInRegex: a language must hold no unit up to the space
const NOT_LANGUAGE = /[\u0000-\u0020]/;

/** The canonical N-Quads; undefined when two blank nodes share a first-degree hash. */
function firstDegree(c: Columns, messageDigestAlgorithm = 'sha256'): string | undefined {
  const digest = DIGESTS.get(messageDigestAlgorithm);
  if (digest === undefined) throw new NotSimple();
  const n = c.n;
  if (predicates.size >= MAX_PREDICATES) forgetPredicates();
  if (PR.length > KEEP) PR = [];
  // predicates; whether anything needs escaping (each string tested, a subject or datatype
  // once per run of the same one)
  let toEscape = false;
  let lastP = '';
  let p: Predicate | undefined;
  let lastS = '';
  let lastD = '';
  for (let q = 0; q < n; q++) {
    const iri = c.p[q]!;
    if (iri !== lastP || p === undefined) {
      p = predicates.get(iri) ?? predicate(iri);
      lastP = iri;
    }
    PR[q] = p;
    const s = c.s[q]!;
    if (typeof s === 'string' && s !== lastS) {
      toEscape ||= IRI_ESCAPE.test(s);
      lastS = s;
    }
    const o = c.o[q]!;
    const d = c.d[q];
    if (typeof o === 'string') {
      if (d === undefined) toEscape ||= IRI_ESCAPE.test(o);
      else {
        toEscape ||= LITERAL_ESCAPE.test(o);
        if (d !== lastD) {
          toEscape ||= IRI_ESCAPE.test(d);
          lastD = d;
        }
        if (c.languages && d === RDF_LANGSTRING) {
          const language = c.l[q];
          if (language && NOT_LANGUAGE.test(language)) throw new NotSimple();
        }
      }
    }
    if (c.graphs) {
      const g = c.g[q];
      if (typeof g === 'string') toEscape ||= IRI_ESCAPE.test(g);
    }
  }
  S = c.s;
  O = c.o;
  D = c.d;
  L = c.languages ? c.l : undefined;
  G = c.graphs ? c.g : undefined;
  if (toEscape) written(c);

  // each blank node's quads (a quad once however many times it names the blank node)
  const nb = c.blanks;
  const again = c.again;
  start = grown(start, nb + 1);
  start.fill(0, 0, nb + 1);
  let listed = 0;
  for (let q = 0; q < n; q++) {
    if (again?.[q]) continue;
    const s = S[q]!;
    const o = O[q]!;
    const g = G?.[q];
    if (typeof s === 'number') start[s]!++;
    if (typeof o === 'number' && o !== s) start[o]!++;
    if (typeof g === 'number' && g !== s && g !== o) start[g]!++;
  }
  for (let b = 0; b < nb; b++) {
    const count = start[b]!;
    // a blank node in no quad would take a canonical label: not one rdf-canonize would see
    if (count === 0) throw new NotSimple();
    start[b] = listed;
    listed += count;
  }
  start[nb] = listed;
  quadsOfBlank = grown(quadsOfBlank, listed);
  for (let q = 0; q < n; q++) {
    if (again?.[q]) continue;
    const s = S[q]!;
    const o = O[q]!;
    const g = G?.[q];
    if (typeof s === 'number') quadsOfBlank[start[s]!++] = q;
    if (typeof o === 'number' && o !== s) quadsOfBlank[start[o]!++] = q;
    if (typeof g === 'number' && g !== s && g !== o) quadsOfBlank[start[g]!++] = q;
  }
  // start[b] is now where b's quads end (and b + 1's begin)

  // §4.6 Hash First Degree Quads for every blank node: its quads' lines, sorted, hashed
  order = grown(order, Math.max(n, nb));
  tmp = grown(tmp, Math.max(n, nb));
  if (hashParts.length > KEEP) hashParts = [];
  if (lineParts.length > KEEP) lineParts = [];
  if (hashes.length > KEEP) hashes = [];
  textEnd = grown(textEnd, nb);
  // every blank node's lines, one after another, joined once; its text is a slice of that
  let k = 0;
  let chars = 0;
  for (let b = 0; b < nb; b++) {
    const from = b === 0 ? 0 : start[b - 1]!;
    const m = start[b]! - from;
    for (let i = 0; i < m; i++) order[i] = quadsOfBlank[from + i]!;
    hashed = b;
    sort(order, 0, m, tmp, lines);
    const first = k;
    for (let i = 0; i < m; i++) k = write(hashParts, k, order[i]!);
    for (let i = first; i < k; i++) chars += hashParts[i]!.length;
    textEnd[b] = chars;
  }
  if (nb > 0) {
    hashParts.length = k;
    const texts = hashParts.join('');
    for (let b = 0; b < nb; b++) hashes[b] = hash(digest, texts.slice(b === 0 ? 0 : textEnd[b - 1], textEnd[b]), 'hex');
  }
  hashed = -1;

  // canonical numbers in order of the hashes (hex: code-unit order is the bytes' order); every
  // hash must be unique, else rdf-canonize's N-degree hashes decide
  for (let b = 0; b < nb; b++) order[b] = b;
  sort(order, 0, nb, tmp, byHash);
  canon = grown(canon, nb);
  for (let k = 0; k < nb; k++) {
    if (k > 0 && hashes[order[k]!] === hashes[order[k - 1]!]) return undefined;
    canon[order[k]!] = k;
  }

  // §4.4 step 5: every quad relabelled, written, sorted
  for (let q = 0; q < n; q++) order[q] = q;
  sort(order, 0, n, tmp, lines);
  k = 0;
  for (let i = 0; i < n; i++) k = write(lineParts, k, order[i]!);
  // the exact length (parts past it from an earlier call would be joined too)
  lineParts.length = k;
  return lineParts.join('');
}

/** Points the columns read ({@link S} …) at escaped copies of `c`'s strings. */
function written(c: Columns): void {
  const n = c.n;
  S = c.s.slice(0, n);
  O = c.o.slice(0, n);
  D = c.d.slice(0, n);
  if (G !== undefined) G = G.slice(0, n);
  for (let q = 0; q < n; q++) {
    const s = S[q]!;
    if (typeof s === 'string') S[q] = escapeIri(s);
    const o = O[q]!;
    const d = D[q];
    if (typeof o === 'string') O[q] = d === undefined ? escapeIri(o) : escapeLiteral(o);
    if (d !== undefined) D[q] = escapeIri(d);
    const g = G?.[q];
    if (typeof g === 'string') G![q] = escapeIri(g);
  }
}
