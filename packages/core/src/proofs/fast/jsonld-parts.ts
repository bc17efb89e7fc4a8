/**
 * The pieces of jsonld.js (and of the rdf-canonize it canonicalizes with) that the fast JSON-LD →
 * RDF conversion reuses as they are, so that its IRIs, term definitions and literals are computed
 * by the very code the stock pipeline runs: context processing (`lib/context.js` — term
 * definitions, type- and property-scoped contexts, `@protected`, `@propagate`), IRI expansion,
 * the absolute-IRI test (`lib/url.js`), the number tests (`lib/types.js`) and RDFC-1.0.
 * Reached through `require` (jsonld.js is CommonJS; these modules are not in its typings).
 */
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);

/** A jsonld.js active context (its internal representation). */
export interface ActiveContext {
  mappings: Map<string, TermDefinition | null>;
  previousContext?: ActiveContext;
  '@vocab'?: string;
}

/** A jsonld.js term definition (the entries this conversion reads). */
export interface TermDefinition {
  '@id'?: string;
  '@type'?: string;
  '@container'?: string[];
  '@context'?: unknown;
  reverse?: boolean;
}

/** Options jsonld.js context processing reads. */
export interface ProcessOptions {
  documentLoader: (url: string) => Promise<{ document: unknown }>;
  base: null;
  contextResolver: unknown;
  eventHandler: (o: { event: unknown; next: () => void }) => void;
}

interface ContextModule {
  process(o: {
    activeCtx: ActiveContext;
    localCtx: unknown;
    options: ProcessOptions;
    propagate?: boolean;
    overrideProtected?: boolean;
  }): Promise<ActiveContext>;
  expandIri(
    ctx: ActiveContext,
    value: string,
    relativeTo: { vocab?: boolean; base?: boolean },
    options: object,
  ): string | null;
  getContextValue(ctx: ActiveContext, key: string | null, type: string): any;
  getInitialContext(options: object): ActiveContext;
  isKeyword(v: unknown): boolean;
}

/** One RDF term, as jsonld.js `toRDF` builds it and rdf-canonize reads it. */
export interface Term {
  termType: 'NamedNode' | 'BlankNode' | 'Literal' | 'DefaultGraph';
  value: string;
  datatype?: { termType: 'NamedNode'; value: string };
  language?: string;
}

/** One quad of a dataset. */
export interface Quad {
  subject: Term;
  predicate: Term;
  object: Term;
  graph: Term;
}

const jsonldMain = require.resolve('jsonld');
const fromJsonld = createRequire(jsonldMain);

/**
 * jsonld.js `lib/context.js`: context processing, IRI expansion, term lookups.
 *
 * @example
 * contextApi.expandIri(ctx, 'name', { vocab: true }, {}); // 'https://schema.org/name'
 */
export const contextApi = fromJsonld('./context.js') as ContextModule;
/**
 * jsonld.js's absolute-IRI test (`lib/url.js`), the one its `toRDF` drops relative IRIs by.
 *
 * @example
 * isAbsoluteIri('did:example:1'); // true
 */
export const isAbsoluteIri = (fromJsonld('./url.js') as { isAbsolute(v: unknown): boolean }).isAbsolute;
/**
 * jsonld.js's number tests (`lib/types.js`), which decide between xsd:integer and xsd:double.
 *
 * @example
 * jsonldTypes.isDouble(2.5); // true
 */
export const jsonldTypes = fromJsonld('./types.js') as { isDouble(v: unknown): boolean; isNumber(v: unknown): boolean };
/**
 * jsonld.js's remote-context resolver, which context processing needs in its options.
 *
 * @example
 * const contextResolver = new ContextResolver({ sharedCache: new Map() });
 */
export const ContextResolver = fromJsonld('./ContextResolver.js') as new (o: {
  sharedCache: { get(k: string): unknown; set(k: string, v: unknown): void };
}) => unknown;
/**
 * The XML Schema namespace.
 *
 * @example
 * `${XSD}dateTime`; // 'http://www.w3.org/2001/XMLSchema#dateTime'
 */
export const XSD = 'http://www.w3.org/2001/XMLSchema#';
/**
 * The RDF namespace.
 *
 * @example
 * `${RDF}type`; // 'http://www.w3.org/1999/02/22-rdf-syntax-ns#type'
 */
export const RDF = 'http://www.w3.org/1999/02/22-rdf-syntax-ns#';

/**
 * rdf-canonize, the copy jsonld.js depends on (the cryptosuites import the same one); its
 * synchronous RDFC-1.0 (`_canonizeSync`, same algorithm class as the async one) is the one used.
 *
 * @example
 * rdfCanonize._canonizeSync(quads, { algorithm: 'RDFC-1.0', format: 'application/n-quads' });
 */
export const rdfCanonize = fromJsonld('rdf-canonize') as {
  _canonizeSync(dataset: Quad[], options: { algorithm: 'RDFC-1.0'; format: 'application/n-quads' }): string;
  canonize(dataset: Quad[], options: { algorithm: 'RDFC-1.0'; format: 'application/n-quads' }): Promise<string>;
};
