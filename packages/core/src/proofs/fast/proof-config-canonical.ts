/**
 * Canonical N-Quads of a Data Integrity proof configuration (Data Integrity 1.0 §4.2 / §4.4: the
 * proof options with the document's `@context`, without `proofValue`) from a template: between
 * two proofs of the same issuer key, suite and purpose under the same contexts only the `created`
 * literal changes, so the canonical form is computed once (by the fast conversion, for the
 * earliest and the latest date) and reused with that literal replaced — when, and only when,
 * that is exact: one blank node (its canonical label cannot depend on the date), the literal
 * once, on a line no other line shares subject and predicate with (line order cannot depend on
 * it), and the earliest and latest dates give the same form around it.
 */
import { topContext } from './active-contexts.ts';
import { toDataset } from './expand-to-rdf.ts';
import { type ActiveContext, rdfCanonize } from './jsonld-parts.ts';

type Loader = Parameters<typeof topContext>[1];

const KEYS = ['@context', 'created', 'cryptosuite', 'proofPurpose', 'type', 'verificationMethod'].join();
/** An XML Schema dateTime with nothing N-Quads would escape. */
const DATE_TIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d{1,9})?(Z|[+-]\d{2}:\d{2})$/;
const LOW = '0000-01-01T00:00:00Z';
const HIGH = '9999-12-31T23:59:59Z';
const MAX_TEMPLATES = 256;
const literal = (date: string) => `"${date}"^^<http://www.w3.org/2001/XMLSchema#dateTime>`;

interface Template {
  before: string;
  after: string;
}
const templates = new WeakMap<ActiveContext, Map<string, Template | null>>();

async function canonical(input: unknown, documentLoader: Loader, messageDigestAlgorithm?: string): Promise<string> {
  return rdfCanonize._canonizeSync(await toDataset(input, documentLoader), {
    algorithm: 'RDFC-1.0',
    format: 'application/n-quads',
    ...(messageDigestAlgorithm === undefined ? {} : { messageDigestAlgorithm }),
  });
}

async function build(input: Record<string, unknown>, loader: Loader, digest?: string): Promise<Template | null> {
  const low = await canonical({ ...input, created: LOW }, loader, digest);
  const high = await canonical({ ...input, created: HIGH }, loader, digest);
  const parts = low.split(literal(LOW));
  if (parts.length !== 2 || low.includes('_:c14n1')) return null;
  const [before, after] = parts as [string, string];
  const line = before.slice(before.lastIndexOf('\n') + 1);
  if (low.split('\n').filter((l) => l.startsWith(line)).length !== 1) return null;
  if (before + literal(HIGH) + after !== high) return null;
  return { before, after };
}

/**
 * The canonical N-Quads of `input` when it is a proof configuration a template covers, else
 * `undefined` (the caller converts it as any other document).
 *
 * @example
 * await canonicalProofConfig({ '@context': ctx, type: 'DataIntegrityProof', created, verificationMethod, cryptosuite, proofPurpose }, loader);
 */
export async function canonicalProofConfig(
  input: unknown,
  documentLoader: Loader,
  messageDigestAlgorithm?: string,
): Promise<string | undefined> {
  return (await proofConfigFromTemplate(input, documentLoader, messageDigestAlgorithm))?.text;
}

/**
 * {@link canonicalProofConfig}, with the processed top-level context its template is kept under:
 * the same options under that very context (the loader still serving the same documents) have
 * the same canonical form.
 *
 * @example
 * const made = await proofConfigFromTemplate(input, loader); // { text, context } or undefined
 */
export async function proofConfigFromTemplate(
  input: unknown,
  documentLoader: Loader,
  messageDigestAlgorithm?: string,
): Promise<{ text: string; context: ActiveContext } | undefined> {
  if (input === null || typeof input !== 'object' || Array.isArray(input)) return undefined;
  const proof = input as Record<string, unknown>;
  if (Object.keys(proof).sort().join() !== KEYS || typeof proof.created !== 'string') return undefined;
  if (!DATE_TIME.test(proof.created)) return undefined;
  const { created: _created, ...rest } = proof;
  const strings = [rest.type, rest.cryptosuite, rest.proofPurpose, rest.verificationMethod];
  if (!strings.every((v) => typeof v === 'string')) return undefined;
  // the contexts as the loader serves them now: a template is kept per processed context
  const context = await topContext(proof['@context'], documentLoader);
  let byKey = templates.get(context);
  if (byKey === undefined) {
    byKey = new Map();
    templates.set(context, byKey);
  }
  const key = JSON.stringify([...strings, messageDigestAlgorithm]);
  let template = byKey.get(key);
  if (template === undefined) {
    if (byKey.size >= MAX_TEMPLATES) byKey.clear();
    // a configuration the fast conversion does not cover gets no template (and goes its own way)
    template = await build(proof, documentLoader, messageDigestAlgorithm).catch(() => null);
    byKey.set(key, template);
  }
  return template === null ? undefined : { text: template.before + literal(proof.created) + template.after, context };
}
