/**
 * RDFC-1.0 canonical N-Quads of a JSON-LD document, as the `@digitalbazaar` RDFC cryptosuites'
 * `canonize` computes them (jsonld.js `toRDF` in safe mode with `base: null`, then rdf-canonize),
 * through the fast conversion ({@link withDataset}; proof configurations from a template,
 * {@link canonicalProofConfig}; RDFC-1.0 through {@link canonizeColumns}, rdf-canonize's own answer
 * computed without its per-quad overheads when first-degree hashes settle it) whenever it is sure
 * of the answer, and through
 * the stock `canonize` otherwise — so every error (safe mode's data-loss error, a context that
 * cannot be loaded, a poison graph) is the stock one.
 */
import type { DocumentLoader } from '../../loader/document-loader.ts';
import { withDataset } from './expand-to-rdf.ts';
import { canonicalProofConfig } from './proof-config-canonical.ts';
import { canonizeColumns } from './rdfc10-first-degree.ts';

/** The options an RDFC cryptosuite's `canonize` takes. */
export interface CanonizeOptions {
  documentLoader?: DocumentLoader;
  [option: string]: unknown;
}

/** A cryptosuite's `canonize`. */
export type Canonize = (input: unknown, options: CanonizeOptions) => Promise<string>;

/** Options the fast path knows to have no effect beyond what it does (others go to the stock one). */
const KNOWN = new Set([
  'documentLoader',
  'base',
  'safe',
  'skipExpansion',
  'algorithm',
  'format',
  'messageDigestAlgorithm',
]);

function fastOptions(options: CanonizeOptions): options is CanonizeOptions & { documentLoader: DocumentLoader } {
  for (const key of Object.keys(options)) if (!KNOWN.has(key)) return false;
  return (
    typeof options.documentLoader === 'function' &&
    (options.base === undefined || options.base === null) &&
    !options.skipExpansion &&
    (options.algorithm === undefined || options.algorithm === 'RDFC-1.0') &&
    (options.format === undefined || options.format === 'application/n-quads') &&
    (options.messageDigestAlgorithm === undefined || typeof options.messageDigestAlgorithm === 'string')
  );
}

/**
 * The fast path alone: canonical N-Quads, or a rejection when it is not sure (then use `stock`).
 *
 * @example
 * const nquads = await canonizeFast(credential, { documentLoader });
 */
export async function canonizeFast(input: unknown, options: CanonizeOptions): Promise<string> {
  if (!fastOptions(options)) throw new TypeError('options the fast canonicalization does not handle');
  const digest = options.messageDigestAlgorithm as string | undefined;
  // a proof configuration has `created` (a credential, as a rule, has not: no template to look for)
  if (input !== null && typeof input === 'object' && Object.hasOwn(input, 'created')) {
    const proofConfig = await canonicalProofConfig(input, options.documentLoader, digest);
    if (proofConfig !== undefined) return proofConfig;
  }
  return withDataset(input, options.documentLoader, (columns) => canonizeColumns(columns, digest));
}

/**
 * `stock` made fast: the same canonical N-Quads, through {@link canonizeFast} when it can, else
 * (on anything it is not sure of, or any error) through `stock` itself.
 *
 * @example
 * const suite = { ...eddsaRdfc2022, canonize: withFastCanonize(eddsaRdfc2022.canonize) };
 */
export function withFastCanonize(stock: Canonize): Canonize {
  return async (input, options) => {
    try {
      return await canonizeFast(input, options);
    } catch {
      return stock(input, options);
    }
  };
}
