/**
 * RDFC-1.0 (W3C RDF Dataset Canonicalization, §4.4 "Canonicalization Algorithm") for the common
 * case where every blank node's first-degree hash (§4.6 "Hash First Degree Quads") is unique:
 * steps 1–3 (blank node to quads map, first-degree hashes with `_:a` / `_:z`, canonical
 * identifiers `c14n0…` in order of the hashes) and step 5 (relabelled quads as canonical
 * N-Quads, sorted), byte for byte as rdf-canonize 5's `RDFC10Sync` computes them: its N-Quads
 * escaping (`NQuads.serializeQuadComponents`), its sort (`Array.prototype.sort`, UTF-16 code
 * units), its hashes (the quads of a blank node counted once each by identity, every quad of the
 * dataset written out, duplicates included) — but with each term written once and no per-quad
 * objects. Anything else — two blank nodes with the same first-degree hash (the N-degree case,
 * where `maxWorkFactor` / `maxDeepIterations` apply), a digest rdf-canonize does not name, a term
 * shape it would write oddly (a blank-node predicate, a predicate IRI with characters N-Quads
 * escapes, a label `''` or starting `c14n`, a non-string value) — goes to rdf-canonize's
 * `_canonizeSync` itself, which gives its own answer or error.
 */
import { hash } from 'node:crypto';
import { type Quad, rdfCanonize, type Term } from './jsonld-parts.ts';

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

/**
 * Writes IRIs and literal texts. Testing each for characters to escape costs more than the rest
 * of writing it (a regular expression call each), and they almost never have any: so the first
 * pass writes them as they are and keeps them all, tested once at the end ({@link Writer.clean});
 * only if that finds one is the dataset written again, escaping each.
 */
class Writer {
  private iris = '';
  private texts = '';
  readonly escape: boolean;
  constructor(escaping: boolean) {
    this.escape = escaping;
  }
  iri(s: string): string {
    if (this.escape) return `<${escapeIri(s)}>`;
    this.iris += s;
    return `<${s}>`;
  }
  text(s: string): string {
    if (this.escape) return escapeLiteral(s);
    this.texts += s;
    return s;
  }
  /** Whether nothing written so far needed escaping. */
  clean(): boolean {
    return this.escape || !(IRI_ESCAPE.test(this.iris) || LITERAL_ESCAPE.test(this.texts));
  }
}

/** Thrown inside when the dataset is not one this fast path is sure of (any error falls back). */
class NotSimple extends Error {}

/**
 * A predicate IRI as written in a line (` <iri> `), and its rank among every predicate seen so far
 * in code-unit order of that text: lines with the same subject are ordered by predicate through
 * the rank, an integer, instead of comparing IRIs that share long prefixes. Predicates come from
 * vocabularies, so they are kept across calls (bounded); ranks are renumbered when a new one
 * arrives, which keeps them in order within every call.
 */
interface Predicate {
  text: string;
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
  const p: Predicate = { text: ` <${iri}> `, rank: 0 };
  let lo = 0;
  let hi = ranked.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (compare(ranked[mid]!.text, p.text) < 0) lo = mid + 1;
    else hi = mid;
  }
  ranked.splice(lo, 0, p);
  for (let r = lo; r < ranked.length; r++) ranked[r]!.rank = r;
  predicates.set(iri, p);
  return p;
}

/** A blank node: its quads (each once), then its first-degree hash and canonical label. */
interface Blank {
  quads: number[];
  label: string;
}

/** Where a quad's subject / object / graph is a blank node, its index in the blank nodes. */
const NONE = -1;

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
  try {
    return firstDegree(dataset, messageDigestAlgorithm, false) ?? firstDegree(dataset, messageDigestAlgorithm, true)!;
  } catch {
    // NotSimple, or a dataset shaped so oddly that reading it threw: rdf-canonize's own answer
    return rdfCanonize._canonizeSync(
      dataset as Quad[],
      {
        algorithm: 'RDFC-1.0',
        format: 'application/n-quads',
        ...(messageDigestAlgorithm === undefined ? {} : { messageDigestAlgorithm }),
      } as { algorithm: 'RDFC-1.0'; format: 'application/n-quads' },
    );
  }
}

/** The canonical N-Quads; undefined when written without escaping and something needed it. */
function firstDegree(
  dataset: readonly Quad[],
  messageDigestAlgorithm = 'sha256',
  escaping = false,
): string | undefined {
  const w = new Writer(escaping);
  const digest = DIGESTS.get(messageDigestAlgorithm);
  if (digest === undefined) throw new NotSimple();
  const n = dataset.length;
  const blanks: Blank[] = [];
  const byLabel = new Map<string, number>();
  const blankOf = (t: Term): number => {
    const label = t.value;
    if (typeof label !== 'string' || label === '' || label.startsWith('c14n')) throw new NotSimple();
    let i = byLabel.get(label);
    if (i === undefined) {
      i = blanks.length;
      byLabel.set(label, i);
      blanks.push({ quads: [], label: '' });
    }
    return i;
  };
  // per quad: written subject / object / graph (when not blank) and predicate
  const subjects: string[] = new Array(n);
  const predicateOf = new Array<Predicate>(n);
  if (predicates.size >= MAX_PREDICATES) forgetPredicates();
  const objects: string[] = new Array(n);
  const graphs: string[] = new Array(n);
  const blankS = new Array<number>(n);
  const blankO = new Array<number>(n);
  const blankG = new Array<number>(n);
  const subjectTexts = new Map<string, string>();
  let counted: Set<Quad> | undefined;
  for (let q = 0; q < n; q++) {
    const quad = dataset[q]!;
    const { subject: s, predicate: p, object: o, graph: g } = quad;
    if (p.termType !== 'NamedNode' || typeof p.value !== 'string') throw new NotSimple();
    predicateOf[q] = predicates.get(p.value) ?? predicate(p.value);
    let bs = NONE;
    let bo = NONE;
    let bg = NONE;
    if (s.termType === 'NamedNode' && typeof s.value === 'string') {
      // a subject's quads mostly share its IRI string: written (and scanned) once
      let text = subjectTexts.get(s.value);
      if (text === undefined) {
        text = w.iri(s.value);
        subjectTexts.set(s.value, text);
      }
      subjects[q] = text;
    } else if (s.termType === 'BlankNode') bs = blankOf(s);
    else throw new NotSimple();
    if (o.termType === 'NamedNode' && typeof o.value === 'string') objects[q] = w.iri(o.value);
    else if (o.termType === 'BlankNode') bo = blankOf(o);
    else if (o.termType === 'Literal' && typeof o.value === 'string') objects[q] = literal(w, o);
    else throw new NotSimple();
    if (g.termType === 'DefaultGraph') graphs[q] = '';
    else if (g.termType === 'NamedNode' && typeof g.value === 'string') graphs[q] = ` ${w.iri(g.value)}`;
    else if (g.termType === 'BlankNode') bg = blankOf(g);
    else throw new NotSimple();
    blankS[q] = bs;
    blankO[q] = bo;
    blankG[q] = bg;
    if (bs === NONE && bo === NONE && bg === NONE) continue;
    // rdf-canonize keeps a blank node's quads in a Set: the same quad object counts once
    if (counted === undefined) counted = new Set();
    else if (counted.has(quad)) continue;
    counted.add(quad);
    if (bs !== NONE) blanks[bs]!.quads.push(q);
    if (bo !== NONE && bo !== bs) blanks[bo]!.quads.push(q);
    if (bg !== NONE && bg !== bs && bg !== bo) blanks[bg]!.quads.push(q);
  }

  if (!w.clean()) return undefined;

  // Lines are sorted as strings (UTF-16 code units), but compared piece by piece: the written
  // subject, then the predicate (by its rank), then the rest. That is the order of the whole
  // lines, since no written subject or ` <predicate> ` is a prefix of another (IRIs end at their
  // one `>`, labels `_:c14nN` / `_:a` / `_:z` are followed by a space).

  // §4.6 Hash First Degree Quads for every blank node; every hash must be unique
  const hashes: string[] = new Array(blanks.length);
  const owner = new Map<string, number>();
  for (let b = 0; b < blanks.length; b++) {
    const quads = blanks[b]!.quads;
    const heads: string[] = new Array(quads.length);
    const tails: string[] = new Array(quads.length);
    const ranks: number[] = new Array(quads.length);
    for (let i = 0; i < quads.length; i++) {
      const q = quads[i]!;
      const bs = blankS[q]!;
      const bo = blankO[q]!;
      const bg = blankG[q]!;
      heads[i] = bs === NONE ? subjects[q]! : bs === b ? '_:a' : '_:z';
      const o = bo === NONE ? objects[q] : bo === b ? '_:a' : '_:z';
      const g = bg === NONE ? graphs[q] : bg === b ? ' _:a' : ' _:z';
      tails[i] = `${o}${g} .\n`;
      ranks[i] = predicateOf[q]!.rank;
    }
    const order = heads.map((_, i) => i);
    if (order.length > 1) {
      order.sort((x, y) => compare(heads[x]!, heads[y]!) || ranks[x]! - ranks[y]! || compare(tails[x]!, tails[y]!));
    }
    let text = '';
    for (const i of order) text += heads[i]! + predicateOf[quads[i]!]!.text + tails[i]!;
    const h = hash(digest, text, 'hex');
    if (owner.has(h)) throw new NotSimple();
    owner.set(h, b);
    hashes[b] = h;
  }
  // canonical identifiers in order of the hashes (hex: any order of them is code-point order)
  const sorted = hashes.slice().sort();
  for (let k = 0; k < sorted.length; k++) blanks[owner.get(sorted[k]!)!]!.label = `_:c14n${k}`;

  // §4.4 step 5: every quad relabelled, written, sorted (by subject, predicate, then the rest)
  const tails: string[] = new Array(n);
  const bySubject = new Map<string, number[]>();
  for (let q = 0; q < n; q++) {
    const bs = blankS[q]!;
    const bo = blankO[q]!;
    const bg = blankG[q]!;
    const s = bs === NONE ? subjects[q]! : blanks[bs]!.label;
    const o = bo === NONE ? objects[q] : blanks[bo]!.label;
    const g = bg === NONE ? graphs[q] : ` ${blanks[bg]!.label}`;
    tails[q] = `${o}${g} .\n`;
    const quads = bySubject.get(s);
    if (quads === undefined) bySubject.set(s, [q]);
    else quads.push(q);
  }
  const byPredicate = (x: number, y: number) =>
    predicateOf[x]!.rank - predicateOf[y]!.rank || compare(tails[x]!, tails[y]!);
  const parts: string[] = [];
  for (const s of [...bySubject.keys()].sort()) {
    const quads = bySubject.get(s)!;
    if (quads.length > 1) quads.sort(byPredicate);
    for (const q of quads) parts.push(s, predicateOf[q]!.text, tails[q]!);
  }
  return parts.join('');
}

/** Code-unit order, as `Array.prototype.sort` orders strings. */
function compare(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/** A literal as `NQuads.serializeQuadComponents` writes it. */
function literal(w: Writer, o: Term): string {
  const datatype = o.datatype?.value;
  if (typeof datatype !== 'string') throw new NotSimple();
  const text = `"${w.text(o.value)}"`;
  if (datatype === RDF_LANGSTRING) {
    if (o.language && typeof o.language === 'string') return `${text}@${o.language}`;
    if (o.language) throw new NotSimple();
    return text;
  }
  return datatype === XSD_STRING ? text : `${text}^^${w.iri(datatype)}`;
}
