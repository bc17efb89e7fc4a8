/**
 * An RDF dataset as columns of plain values, one entry per quad, instead of a `Term` / `Quad`
 * object per term and quad: what the fast JSON-LD → RDF conversion writes ({@link toDataset}'s
 * walk) and the first-degree RDFC-1.0 reads ({@link canonizeColumns}). One set of columns is
 * reused by every call: it is filled and read within one synchronous run (a walk, then its
 * reader), so its contents are only valid until the next call of either.
 */
import type { Quad, Term } from './jsonld-parts.ts';

/** The columns of a dataset: quad `q` is `s[q] p[q] o[q] g[q]`. */
export interface Columns {
  /** Quads. */
  n: number;
  /** Blank nodes, numbered 0 … `blanks - 1` (a number in a column is a blank node). */
  blanks: number;
  /** Subject: an IRI, or a blank node. */
  s: (string | number)[];
  /** Predicate IRI. */
  p: string[];
  /** Object: an IRI, a literal's lexical form (`d[q]` set), or a blank node. */
  o: (string | number)[];
  /** The literal's datatype IRI; `undefined` when the object is not a literal. */
  d: (string | undefined)[];
  /** The literal's language (read only when {@link Columns.languages}). */
  l: (string | undefined)[];
  /** Graph: `undefined` for the default graph, an IRI, or a blank node (read only when {@link Columns.graphs}). */
  g: (string | number | undefined)[];
  /** Whether column `l` has been written (else no literal has a language). */
  languages: boolean;
  /** Whether column `g` has been written (else every quad is in the default graph). */
  graphs: boolean;
  /**
   * Quads that are the same `Quad` object as an earlier one, when read from objects
   * (rdf-canonize keeps a blank node's quads in a `Set`: they count once in its hash); or undefined.
   */
  again: Uint8Array | undefined;
}

/** Columns longer than this are dropped after use rather than kept for the next call. */
const KEEP = 4096;

const shared: Columns = {
  n: 0,
  blanks: 0,
  s: [],
  p: [],
  o: [],
  d: [],
  l: [],
  g: [],
  languages: false,
  graphs: false,
  again: undefined,
};

/**
 * The shared columns, emptied (no languages, no graphs). Their previous contents are gone.
 *
 * @example
 * const c = emptyColumns(); // c.n === 0
 */
export function emptyColumns(): Columns {
  if (shared.s.length > KEEP) {
    shared.s = [];
    shared.p = [];
    shared.o = [];
    shared.d = [];
    shared.l = [];
    shared.g = [];
  }
  shared.n = 0;
  shared.blanks = 0;
  shared.languages = false;
  shared.graphs = false;
  shared.again = undefined;
  return shared;
}

/** Thrown when quads are not of a shape the columns hold (the caller falls back). */
export class NotColumns extends Error {}

const DEFAULT_GRAPH: Term = { termType: 'DefaultGraph', value: '' };

/**
 * `dataset` as columns (the shared ones), or {@link NotColumns} for a term shape they do not hold
 * (a predicate that is not an IRI, a literal subject or graph, a non-string value, a blank node
 * label that is `''` or starts `c14n`).
 *
 * @example
 * const c = columnsOf(quads); // c.n === quads.length
 */
export function columnsOf(dataset: readonly Quad[]): Columns {
  const c = emptyColumns();
  const labels = new Map<string, number>();
  const blank = (t: Term): number => {
    const label = t.value;
    // rdf-canonize leaves a label starting `c14n` as it is in its output
    if (typeof label !== 'string' || label === '' || label.startsWith('c14n')) throw new NotColumns();
    let b = labels.get(label);
    if (b === undefined) {
      b = c.blanks++;
      labels.set(label, b);
    }
    return b;
  };
  const n = dataset.length;
  let seen: Set<Quad> | undefined;
  c.languages = true;
  c.graphs = true;
  for (let q = 0; q < n; q++) {
    const quad = dataset[q]!;
    const { subject: s, predicate: p, object: o, graph: g } = quad;
    if (p.termType !== 'NamedNode' || typeof p.value !== 'string') throw new NotColumns();
    c.p[q] = p.value;
    let blanks = false;
    if (s.termType === 'NamedNode' && typeof s.value === 'string') c.s[q] = s.value;
    else if (s.termType === 'BlankNode') {
      c.s[q] = blank(s);
      blanks = true;
    } else throw new NotColumns();
    c.d[q] = undefined;
    c.l[q] = undefined;
    if (o.termType === 'NamedNode' && typeof o.value === 'string') c.o[q] = o.value;
    else if (o.termType === 'BlankNode') {
      c.o[q] = blank(o);
      blanks = true;
    } else if (o.termType === 'Literal' && typeof o.value === 'string') {
      const datatype = o.datatype?.value;
      if (typeof datatype !== 'string') throw new NotColumns();
      c.o[q] = o.value;
      c.d[q] = datatype;
      if (o.language !== undefined && typeof o.language !== 'string') throw new NotColumns();
      c.l[q] = o.language;
    } else throw new NotColumns();
    if (g.termType === 'DefaultGraph') c.g[q] = undefined;
    else if (g.termType === 'NamedNode' && typeof g.value === 'string') c.g[q] = g.value;
    else if (g.termType === 'BlankNode') {
      c.g[q] = blank(g);
      blanks = true;
    } else throw new NotColumns();
    if (!blanks) continue;
    // the same quad object again: written again, but counted once in first-degree hashes
    if (seen === undefined) seen = new Set();
    else if (seen.has(quad)) {
      c.again ??= new Uint8Array(n);
      c.again[q] = 1;
      continue;
    }
    seen.add(quad);
  }
  c.n = n;
  return c;
}

const named = (value: string) => ({ termType: 'NamedNode', value }) as const;
const term = (v: string | number): Term =>
  typeof v === 'number' ? { termType: 'BlankNode', value: `b${v}` } : named(v);

/**
 * The quads of `c` as `Term` / `Quad` objects, as jsonld.js `toRDF` gives them (blank nodes
 * labelled `b0`, `b1`, …); every quad a new object, terms shared by none.
 *
 * @example
 * const quads = quadsOf(columns);
 */
export function quadsOf(c: Columns): Quad[] {
  const quads: Quad[] = new Array(c.n);
  for (let q = 0; q < c.n; q++) {
    const o = c.o[q]!;
    const datatype = c.d[q];
    let object: Term;
    if (datatype === undefined) object = term(o);
    else {
      object = { termType: 'Literal', value: o as string, datatype: named(datatype) };
      const language = c.languages ? c.l[q] : undefined;
      if (language !== undefined) object.language = language;
    }
    const g = c.graphs ? c.g[q] : undefined;
    quads[q] = {
      subject: term(c.s[q]!),
      predicate: named(c.p[q]!),
      object,
      graph: g === undefined ? DEFAULT_GRAPH : term(g),
    };
  }
  return quads;
}
