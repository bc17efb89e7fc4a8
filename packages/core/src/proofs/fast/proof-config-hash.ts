/**
 * The hash of a Data Integrity proof configuration (Data Integrity 1.0 §4.2 "Add Proof", step
 * "proofConfig"; EdDSA Cryptosuites v1.0 §3.2.5 "Proof Configuration (eddsa-rdfc-2022)") without
 * running JSON-LD for every signature. The canonical N-Quads of `{type, created,
 * verificationMethod, cryptosuite, proofPurpose}` under a document's `@context` differ from one
 * signature to the next only in the `created` literal, so they are computed once by the stock
 * `DataIntegrityProof.canonizeProof` and reused with that literal replaced.
 */
import { createHash } from 'node:crypto';
import { DataIntegrityProof } from '@digitalbazaar/data-integrity';
import { cryptosuite as eddsaRdfc2022 } from '@digitalbazaar/eddsa-rdfc-2022-cryptosuite';
import type { DocumentLoader } from '../../loader/document-loader.ts';

/** The proof options the fast path signs: exactly what the stock pipeline puts in a new proof. */
export interface ProofOptions {
  type: 'DataIntegrityProof';
  created: string;
  verificationMethod: string;
  cryptosuite: 'eddsa-rdfc-2022';
  proofPurpose: 'assertionMethod';
}

/** A W3C date as `@digitalbazaar/data-integrity` writes `created` (no fraction, UTC). */
export const W3C_DATE = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}Z$/;
const LOW = '0000-01-01T00:00:00Z';
const HIGH = '9999-12-31T23:59:59Z';
const MAX_TEMPLATES = 256;
const literal = (date: string) => `"${date}"^^<http://www.w3.org/2001/XMLSchema#dateTime>`;

interface Template {
  before: string;
  after: string;
}
/** Templates per caller's loader (what it serves is what the template was built from). */
const templatesByLoader = new WeakMap<object, Map<string, Promise<Template | undefined>>>();

async function canonical(proof: ProofOptions, context: unknown, documentLoader: DocumentLoader): Promise<string> {
  const suite = new DataIntegrityProof({ cryptosuite: eddsaRdfc2022 }) as unknown as {
    canonizeProof(p: unknown, o: { document: unknown; documentLoader: DocumentLoader }): Promise<string>;
  };
  return suite.canonizeProof({ ...proof }, { document: { '@context': context }, documentLoader });
}

/**
 * Builds the template, or `undefined` when reuse would not be exact: the literal must occur once,
 * there must be a single blank node (so its canonical label cannot depend on the date), and the
 * earliest and latest dates must give the same form (so line order cannot depend on it either).
 */
async function build(proof: ProofOptions, context: unknown, documentLoader: DocumentLoader) {
  const low = await canonical({ ...proof, created: LOW }, context, documentLoader);
  const high = await canonical({ ...proof, created: HIGH }, context, documentLoader);
  const parts = low.split(literal(LOW));
  if (parts.length !== 2 || low.includes('_:c14n1')) return undefined;
  const [before, after] = parts as [string, string];
  if (before + literal(HIGH) + after !== high) return undefined;
  return { before, after };
}

/**
 * SHA-256 of the canonical proof configuration, the first half of the data an `eddsa-rdfc-2022`
 * signature covers. Equal to what `DataIntegrityProof.createVerifyData` hashes for the same proof
 * options, document `@context` and loader (which must serve the same contexts every time, as
 * jsonld's own context cache already assumes). Templates are kept per `owner`, the caller's own
 * loader, so a different loader never reuses another's canonical form.
 *
 * @example
 * const hash = await proofConfigHash(options, credential['@context'], loader, callersLoader); // 32 bytes
 */
export async function proofConfigHash(
  proof: ProofOptions,
  context: unknown,
  documentLoader: DocumentLoader,
  owner: object = documentLoader,
): Promise<Buffer> {
  const sha = (s: string) => createHash('sha256').update(s, 'utf8').digest();
  if (!W3C_DATE.test(proof.created)) return sha(await canonical(proof, context, documentLoader));
  const key = JSON.stringify([context, proof.type, proof.verificationMethod, proof.cryptosuite, proof.proofPurpose]);
  let templates = templatesByLoader.get(owner);
  if (templates === undefined) {
    templates = new Map();
    templatesByLoader.set(owner, templates);
  }
  let template = templates.get(key);
  if (template === undefined) {
    if (templates.size >= MAX_TEMPLATES) templates.clear();
    template = build(proof, context, documentLoader);
    templates.set(key, template);
    template.catch(() => templates.delete(key));
  }
  const t = await template;
  if (t === undefined) return sha(await canonical(proof, context, documentLoader));
  return sha(t.before + literal(proof.created) + t.after);
}
