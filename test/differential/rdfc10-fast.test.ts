/**
 * Differential test of core's first-degree RDFC-1.0 (packages/core/src/proofs/fast/
 * rdfc10-first-degree.ts) against rdf-canonize's `_canonizeSync` (the RDFC-1.0 the stock
 * cryptosuites run; W3C RDF Dataset Canonicalization, §4.4 Canonicalization Algorithm, §4.6 Hash
 * First Degree Quads): the canonical N-Quads must be byte-identical on the W3C rdf-canon
 * evaluation tests (rdfc10-vectors/, unchanged, with their expected outputs), on the datasets of
 * generated Open Badges 3.0 credentials (jsonld.js `toRDF` and core's `toDataset`), and on random
 * datasets (blank nodes, shared first-degree hashes, duplicate quads, escapes, Unicode, language
 * tags, datatypes, named graphs), under SHA-256 and SHA-384. Datasets first-degree hashes do not
 * settle must go to rdf-canonize itself (its answer, or its error for a poison graph).
 */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import fc from 'fast-check';
import jsonld from 'jsonld';
import jsigs from 'jsonld-signatures';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { toDataset } from '../../packages/core/src/proofs/fast/expand-to-rdf.ts';
import { type Quad, rdfCanonize, type Term } from '../../packages/core/src/proofs/fast/jsonld-parts.ts';
import { columnsOf, emptyColumns, NotColumns, quadsOf } from '../../packages/core/src/proofs/fast/quad-columns.ts';
import { canonizeColumns, canonizeRdfc10 } from '../../packages/core/src/proofs/fast/rdfc10-first-degree.ts';
import { ob3Credential } from './ob3-arbitrary.ts';
import { key, documentLoader as plainLoader } from './pipelines.ts';

const SEED = Number(process.env.PROPERTY_SEED ?? 20261207);
const RUNS = Number(process.env.DIFFERENTIAL_RUNS ?? 150);
const VECTORS = new URL('./rdfc10-vectors/', import.meta.url);
const documentLoader = (jsigs as any).extendContextLoader(plainLoader);
const NQuads = (rdfCanonize as any).NQuads as { parse(s: string): Quad[] };

/** rdf-canonize's answer (with its default limits unless told), or its error message. */
function stock(dataset: Quad[], messageDigestAlgorithm?: string, maxWorkFactor?: number): string {
  try {
    return rdfCanonize._canonizeSync(dataset, {
      algorithm: 'RDFC-1.0',
      format: 'application/n-quads',
      ...(messageDigestAlgorithm === undefined ? {} : { messageDigestAlgorithm }),
      ...(maxWorkFactor === undefined ? {} : { maxWorkFactor }),
    } as { algorithm: 'RDFC-1.0'; format: 'application/n-quads' });
  } catch (e) {
    return `error: ${(e as Error).message}`;
  }
}
/** Ours, or its error message; and whether it needed rdf-canonize. */
function ours(dataset: Quad[], messageDigestAlgorithm?: string): { nquads: string; fellBack: boolean } {
  const spy = vi.spyOn(rdfCanonize, '_canonizeSync');
  try {
    return { nquads: canonizeRdfc10(dataset, messageDigestAlgorithm), fellBack: spy.mock.calls.length > 0 };
  } catch (e) {
    return { nquads: `error: ${(e as Error).message}`, fellBack: spy.mock.calls.length > 0 };
  } finally {
    spy.mockRestore();
  }
}
const fromJsonld = createRequire(createRequire(import.meta.url).resolve('jsonld'));
const RDFC10Sync = fromJsonld('rdf-canonize/lib/RDFC10Sync.js');
/** Whether two blank nodes share a first-degree hash (rdf-canonize's own hashes). */
function sharedFirstDegree(dataset: Quad[]): boolean {
  const c = new RDFC10Sync();
  c.quads = dataset;
  for (const quad of dataset)
    for (const t of [quad.subject, quad.object, quad.graph]) c._addBlankNodeQuadInfo({ quad, component: t });
  const hashes = [...c.blankNodeInfo.keys()].map((id: string) => c.hashFirstDegreeQuads(id));
  return new Set(hashes).size !== hashes.length;
}

afterEach(() => {
  vi.restoreAllMocks();
});

describe('RDFC-1.0 first degree: W3C rdf-canon evaluation tests', () => {
  const manifest = JSON.parse(readFileSync(new URL('manifest.jsonld', VECTORS), 'utf8')) as {
    entries: { id: string; type: string; name: string; action: string; result?: string; hashAlgorithm?: string }[];
  };
  const evals = manifest.entries.filter((e) => e.type === 'rdfc:RDFC10EvalTest');
  let fast = 0;
  it.each(evals.map((e) => [`${e.id} ${e.name}`, e] as const))('%s', (_name, entry) => {
    const input = readFileSync(new URL(entry.action, VECTORS), 'utf8');
    const expected = readFileSync(new URL(entry.result!, VECTORS), 'utf8');
    const dataset = NQuads.parse(input);
    const { nquads, fellBack } = ours(dataset, entry.hashAlgorithm);
    const theirs = stock(dataset, entry.hashAlgorithm);
    expect(nquads).toBe(theirs);
    expect(fellBack).toBe(sharedFirstDegree(dataset));
    if (theirs.startsWith('error: Maximum deep iterations exceeded')) {
      // rdf-canonize's default maxWorkFactor (1) refuses this one; without a limit it is right
      expect(fellBack).toBe(true);
      expect(stock(dataset, entry.hashAlgorithm, Infinity)).toBe(expected);
    } else {
      expect(nquads).toBe(expected);
    }
    if (!fellBack) fast++;
  });
  it('the fast path answered many of them (the rest fell back)', () => {
    expect(fast).toBeGreaterThan(20);
  });
  it('#test074c poison (clique): the error rdf-canonize throws', () => {
    const entry = manifest.entries.find((e) => e.type === 'rdfc:RDFC10NegativeEvalTest')!;
    const dataset = NQuads.parse(readFileSync(new URL(entry.action, VECTORS), 'utf8'));
    const { nquads, fellBack } = ours(dataset);
    expect(fellBack).toBe(true);
    expect(nquads).toMatch(/^error: Maximum deep iterations exceeded/);
    expect(nquads).toBe(stock(dataset));
  });
});

describe('RDFC-1.0 first degree: Open Badges 3.0 credentials', () => {
  it('same canonical N-Quads as rdf-canonize on jsonld.js and toDataset datasets (SHA-256, SHA-384)', async () => {
    await fc.assert(
      fc.asyncProperty(ob3Credential(key.controller), async ({ credential }) => {
        const fromJsonld: Quad[] = await (jsonld as any).toRDF(structuredClone(credential), {
          documentLoader,
          base: null,
          safe: true,
          rdfDirection: 'i18n-datatype',
          produceGeneralizedRdf: false,
        });
        const datasets = [fromJsonld];
        try {
          datasets.push(await toDataset(structuredClone(credential), documentLoader));
        } catch {
          // outside toDataset's subset: jsonld.js's dataset alone
        }
        for (const dataset of datasets) {
          for (const digest of [undefined, 'SHA-384']) {
            expect(ours(dataset, digest).nquads).toBe(stock(dataset, digest));
          }
        }
      }),
      { seed: SEED, numRuns: RUNS },
    );
  });
});

// --- random datasets
const named = (value: string) => ({ termType: 'NamedNode', value }) as const;
const blank = (value: string): Term => ({ termType: 'BlankNode', value });
const DEFAULT_GRAPH: Term = { termType: 'DefaultGraph', value: '' };
const XSD = 'http://www.w3.org/2001/XMLSchema#';
const RDF_LANGSTRING = 'http://www.w3.org/1999/02/22-rdf-syntax-ns#langString';
/** IRIs, some with characters N-Quads escapes (space, <>"{}|^`\, controls) and non-ASCII. */
const iri = fc.oneof(
  fc.constantFrom(
    'https://example.org/a',
    'https://example.org/a/b',
    'https://example.org/ab',
    'urn:x:é',
    'urn:x:😀',
    'https://example.org/has space',
    'https://example.org/<>"{}|^`\\',
    'https://example.org/\u0000\u0001\u001f\u007f',
    'did:example:123',
  ),
  fc.string({ unit: 'binary', maxLength: 8 }).map((s) => `https://example.org/${s}`),
);
const lexical = fc.oneof(
  fc.constantFrom(
    '',
    'plain',
    'é — 😀',
    '"quoted" \\ \t\n\r\b\f',
    '\u0000\u0007\u001f\u007f',
    '\ud800 lone',
    'x\udfff',
  ),
  fc.string({ unit: 'binary', maxLength: 12 }),
  fc.string({ unit: 'grapheme', maxLength: 6 }),
);
const literal = fc.oneof(
  lexical.map((value): Term => ({ termType: 'Literal', value, datatype: named(`${XSD}string`) })),
  fc
    .tuple(lexical, fc.constantFrom('en', 'en-GB', 'de-ch', 'x-Private-1'))
    .map(([value, language]): Term => ({ termType: 'Literal', value, language, datatype: named(RDF_LANGSTRING) })),
  fc
    .tuple(lexical, fc.constantFrom(`${XSD}integer`, `${XSD}dateTime`, 'https://example.org/dt', 'urn:dt:<weird>'))
    .map(([value, dt]): Term => ({ termType: 'Literal', value, datatype: named(dt) })),
);
/** Few blank labels (so shared structure and shared first-degree hashes are common). */
const label = fc.constantFrom('b0', 'b1', 'b2', 'b3', 'b4', 'x', 'genid-7');
const subject = fc.oneof(iri.map(named), label.map(blank));
const object = fc.oneof(iri.map(named), label.map(blank), literal);
const graph = fc.oneof(fc.constant(DEFAULT_GRAPH), fc.constant(DEFAULT_GRAPH), iri.map(named), label.map(blank));
// biome-ignore lint/suspicious/noControlCharactersInRegex: the characters N-Quads escapes in IRIs
const ESCAPED_IN_IRIS = /[\u0000-\u0020<>"{}|^`\\]/g;
/**
 * Predicates N-Quads writes as they are (some prefixes of others, non-ASCII, random tails): the
 * fast path ranks predicates across calls, so the runs together insert new ones everywhere.
 */
const predicate = fc.oneof(
  fc.constantFrom(
    'https://example.org/p',
    'https://example.org/q',
    'https://example.org/p/r',
    'https://example.org/pq',
    'https://example.org/p#',
    'urn:x:é',
    'urn:x:😀',
  ),
  fc.string({ unit: 'grapheme', maxLength: 6 }).map((s) => `https://example.org/${s.replace(ESCAPED_IN_IRIS, '_')}`),
);
const quad = fc.record({ subject, predicate: predicate.map(named), object, graph });
/** Quads, some repeated as the same object and some as equal copies. */
const dataset = fc
  .tuple(fc.array(quad, { maxLength: 14 }), fc.array(fc.nat(), { maxLength: 3 }), fc.array(fc.nat(), { maxLength: 3 }))
  .map(([quads, same, copies]) => {
    const out: Quad[] = [...quads];
    if (quads.length === 0) return out;
    for (const i of same) out.push(quads[i % quads.length]!);
    for (const i of copies) out.push(structuredClone(quads[i % quads.length]!));
    return out;
  });

describe('RDFC-1.0 first degree: random datasets', () => {
  it('same canonical N-Quads as rdf-canonize (SHA-256, SHA-384, SHA-512); falls back exactly when first-degree hashes are shared', () => {
    let fastRuns = 0;
    let fellBackRuns = 0;
    fc.assert(
      fc.property(dataset, fc.constantFrom(undefined, 'SHA-384', 'sha512'), (quads, digest) => {
        const { nquads, fellBack } = ours(quads, digest);
        expect(nquads).toBe(stock(quads, digest));
        // first degree settles it, unless a hash is shared (or, after escaping, nothing else)
        if (!sharedFirstDegree(quads)) expect(fellBack).toBe(false);
        else expect(fellBack).toBe(true);
        if (fellBack) fellBackRuns++;
        else fastRuns++;
      }),
      { seed: SEED, numRuns: RUNS * 10 },
    );
    expect(fastRuns).toBeGreaterThan(RUNS);
    expect(fellBackRuns).toBeGreaterThan(0);
  });

  it('shared first-degree hashes (two symmetric blank nodes) go to rdf-canonize', () => {
    const p = named('https://example.org/p');
    const quads: Quad[] = [
      { subject: blank('b0'), predicate: p, object: blank('b1'), graph: DEFAULT_GRAPH },
      { subject: blank('b1'), predicate: p, object: blank('b0'), graph: DEFAULT_GRAPH },
    ];
    const { nquads, fellBack } = ours(quads);
    expect(fellBack).toBe(true);
    expect(nquads).toBe(stock(quads));
  });

  it('the same quad object twice counts once in a hash but is written twice, as rdf-canonize does', () => {
    const q: Quad = {
      subject: blank('b0'),
      predicate: named('https://example.org/p'),
      object: named('https://example.org/o'),
      graph: DEFAULT_GRAPH,
    };
    const r: Quad = {
      subject: blank('b1'),
      predicate: named('https://example.org/p'),
      object: named('https://example.org/o'),
      graph: DEFAULT_GRAPH,
    };
    // b0's quad listed twice (same object): its hash is still that of one line, so b0 and b1 tie
    const same = [q, q, r];
    expect(ours(same).nquads).toBe(stock(same));
    expect(ours(same).fellBack).toBe(true);
    const copy = [q, structuredClone(q), r];
    expect(ours(copy).nquads).toBe(stock(copy));
    expect(ours(copy).fellBack).toBe(false);
    expect(ours(copy).nquads.split('\n').length).toBe(4);
  });

  it('a predicate IRI with characters N-Quads escapes: rdf-canonize’s answer', () => {
    for (const value of ['https://example.org/has space', 'https://example.org/<>', 'https://example.org/\u0001']) {
      const quads: Quad[] = [
        { subject: blank('b0'), predicate: named(value), object: named('https://example.org/o'), graph: DEFAULT_GRAPH },
        {
          subject: blank('b0'),
          predicate: named('https://example.org/p'),
          object: named('https://example.org/o'),
          graph: DEFAULT_GRAPH,
        },
      ];
      expect(ours(quads)).toEqual({ nquads: stock(quads), fellBack: true });
    }
  });

  it('labels rdf-canonize writes oddly (c14n…, empty), a blank-node predicate, an unknown digest: its own answer', () => {
    const p = named('https://example.org/p');
    const o = named('https://example.org/o');
    const odd: Quad[][] = [
      [
        { subject: blank('c14n5'), predicate: p, object: o, graph: DEFAULT_GRAPH },
        {
          subject: blank('b1'),
          predicate: p,
          object: { termType: 'Literal', value: 'v', datatype: named(`${XSD}string`) },
          graph: DEFAULT_GRAPH,
        },
      ],
      [{ subject: blank(''), predicate: p, object: o, graph: DEFAULT_GRAPH }],
      [{ subject: named('https://example.org/s'), predicate: blank('b0'), object: blank('b1'), graph: DEFAULT_GRAPH }],
    ];
    for (const quads of odd) {
      const { nquads, fellBack } = ours(quads);
      expect(fellBack).toBe(true);
      expect(nquads).toBe(stock(quads));
    }
    const plain: Quad[] = [{ subject: blank('b0'), predicate: p, object: o, graph: DEFAULT_GRAPH }];
    expect(ours(plain, 'md5')).toEqual({ nquads: stock(plain, 'md5'), fellBack: true });
    expect(stock(plain, 'md5')).toMatch(/^error: Unsupported algorithm/);
  });
});

describe('RDFC-1.0 first degree: lines ordered term by term', () => {
  // Lines are compared term by term, each term without being written out: where a term continues
  // another, the unit that ends the shorter one as written (`>`, `"`, a space) decides.
  const s = named('https://example.org/s');
  const p = named('https://example.org/p');
  const text = (value: string): Term => ({ termType: 'Literal', value, datatype: named(`${XSD}string`) });
  const typed = (value: string, dt: string): Term => ({ termType: 'Literal', value, datatype: named(dt) });
  const tagged = (value: string, language: string): Term => ({
    termType: 'Literal',
    value,
    language,
    datatype: named(RDF_LANGSTRING),
  });
  /** Each object on a named subject and on a blank one (whose first-degree hash sorts its lines). */
  const datasetOf = (objects: Term[], graphs: Term[] = [DEFAULT_GRAPH]): Quad[] =>
    objects.flatMap((object) =>
      graphs.flatMap((graph) => [
        { subject: s, predicate: p, object, graph },
        { subject: blank('b0'), predicate: p, object, graph },
      ]),
    );
  const cases: Record<string, Quad[]> = {
    'lexical forms that continue one another (the closing quote between)': datasetOf(
      ['x', 'x!', 'x#', 'x=', 'x?', 'xa', 'x é', ''].map(text),
    ),
    'the same lexical form plain, with a language and with a datatype': datasetOf([
      text('x'),
      tagged('x', 'en'),
      tagged('x', 'en-GB'),
      typed('x', 'https://example.org/dt'),
      typed('x', `${XSD}integer`),
    ]),
    'datatype IRIs that continue one another (the closing > between)': datasetOf([
      typed('1', 'https://example.org/dt'),
      typed('1', 'https://example.org/dt/x'),
      typed('1', 'https://example.org/dt#'),
      typed('1', 'https://example.org/dtx'),
    ]),
    'graph IRIs that continue one another, and blank-node graphs': datasetOf(
      [named('https://example.org/o')],
      [
        DEFAULT_GRAPH,
        named('https://example.org/g'),
        named('https://example.org/g/x'),
        named('https://example.org/g#'),
        blank('b1'),
      ],
    ),
  };
  for (const [what, quads] of Object.entries(cases)) {
    it(`as rdf-canonize writes and sorts them: ${what}`, () => {
      expect(ours(quads)).toEqual({ nquads: stock(quads), fellBack: false });
    });
  }

  it('a language holding a unit up to the space (it would sort before the space that follows it): rdf-canonize', () => {
    for (const odd of ['en\u0001', 'en x', 'en\n']) {
      const quads = datasetOf([tagged('x', 'en'), tagged('x', odd)]);
      expect(ours(quads)).toEqual({ nquads: stock(quads), fellBack: true });
    }
  });
});

describe('RDFC-1.0 first degree: datasets in columns', () => {
  it('a blank node in no quad gets no canonical label (rdf-canonize never sees it)', () => {
    const c = emptyColumns();
    // blank node 0 is in no quad; blank node 1 is the subject of one
    c.blanks = 2;
    c.s[0] = 1;
    c.p[0] = 'https://example.org/p';
    c.o[0] = 'https://example.org/o';
    c.d[0] = undefined;
    c.n = 1;
    const spy = vi.spyOn(rdfCanonize, '_canonizeSync');
    expect(canonizeColumns(c)).toBe('_:c14n0 <https://example.org/p> <https://example.org/o> .\n');
    expect(spy).toHaveBeenCalledTimes(1);
  });

  it('columnsOf then quadsOf: the same quads (blank nodes relabelled), canonicalized alike', () => {
    fc.assert(
      // no quad object listed twice (quadsOf makes one object per quad: each then counts in hashes)
      fc.property(dataset, (listed) => {
        const quads = [...new Set(listed)];
        let copy: Quad[];
        try {
          copy = quadsOf(columnsOf(quads));
        } catch (e) {
          // labels rdf-canonize writes as they are
          expect(e).toBeInstanceOf(NotColumns);
          return;
        }
        expect(copy.length).toBe(quads.length);
        expect(stock(copy)).toBe(stock(quads));
      }),
      { seed: SEED, numRuns: RUNS },
    );
  });
});
