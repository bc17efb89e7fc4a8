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
 * shape it would write oddly (a blank-node predicate, a label `''` or starting `c14n`, a
 * non-string value) — goes to rdf-canonize's `_canonizeSync` itself, which gives its own answer or
 * error.
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
  // per quad: written subject / object / graph (when not blank) and ` <predicate> `
  const subjects: string[] = new Array(n);
  const middles: string[] = new Array(n);
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
    middles[q] = ` ${w.iri(p.value)} `;
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

  // §4.6 Hash First Degree Quads for every blank node; every hash must be unique
  const hashes: string[] = new Array(blanks.length);
  const owner = new Map<string, number>();
  for (let b = 0; b < blanks.length; b++) {
    const lines = blanks[b]!.quads.map((q) => {
      const bs = blankS[q]!;
      const bo = blankO[q]!;
      const bg = blankG[q]!;
      const s = bs === NONE ? subjects[q] : bs === b ? '_:a' : '_:z';
      const o = bo === NONE ? objects[q] : bo === b ? '_:a' : '_:z';
      const g = bg === NONE ? graphs[q] : bg === b ? ' _:a' : ' _:z';
      return `${s}${middles[q]}${o}${g} .\n`;
    });
    if (lines.length > 1) lines.sort();
    const h = hash(digest, lines.length === 1 ? lines[0]! : lines.join(''), 'hex');
    if (owner.has(h)) throw new NotSimple();
    owner.set(h, b);
    hashes[b] = h;
  }
  // canonical identifiers in order of the hashes (hex: any order of them is code-point order)
  const sorted = hashes.slice().sort();
  for (let k = 0; k < sorted.length; k++) blanks[owner.get(sorted[k]!)!]!.label = `_:c14n${k}`;

  // §4.4 step 5: every quad relabelled, written, sorted. Sorted by subject, then by the rest of
  // the line: the same order as whole lines, since no written subject is a prefix of another
  // followed by a character below the space that follows it (IRIs end at their one `>`, labels
  // `_:c14nN` go on with digits) — and far fewer characters compared.
  const bySubject = new Map<string, string[]>();
  for (let q = 0; q < n; q++) {
    const bs = blankS[q]!;
    const bo = blankO[q]!;
    const bg = blankG[q]!;
    const s = bs === NONE ? subjects[q]! : blanks[bs]!.label;
    const o = bo === NONE ? objects[q] : blanks[bo]!.label;
    const g = bg === NONE ? graphs[q] : ` ${blanks[bg]!.label}`;
    const rest = `${middles[q]}${o}${g} .\n`;
    const lines = bySubject.get(s);
    if (lines === undefined) bySubject.set(s, [rest]);
    else lines.push(rest);
  }
  const parts: string[] = [];
  for (const s of [...bySubject.keys()].sort()) {
    const lines = bySubject.get(s)!;
    if (lines.length > 1) lines.sort();
    for (const rest of lines) parts.push(s, rest);
  }
  return parts.join('');
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
