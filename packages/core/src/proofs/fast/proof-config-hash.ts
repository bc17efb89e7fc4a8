/**
 * The hash of a Data Integrity proof configuration (Data Integrity 1.0 §4.2 "Add Proof", step
 * "proofConfig"; EdDSA Cryptosuites v1.0 §3.2.5 "Proof Configuration (eddsa-rdfc-2022)") without
 * running JSON-LD for every signature: the stock `DataIntegrityProof.canonizeProof` input, its
 * canonical N-Quads from a template ({@link canonicalProofConfig}) when that is exact, else the
 * stock `canonizeProof` over the fast canonicalization ({@link withFastCanonize}). The last hash
 * made from a template is kept: signatures made in the same second under the same contexts (a
 * batch, a busy issuer) share their proof configuration, so the next one is answered with it.
 */
import { createHash } from 'node:crypto';
import { DataIntegrityProof } from '@digitalbazaar/data-integrity';
import { cryptosuite as eddsaRdfc2022 } from '@digitalbazaar/eddsa-rdfc-2022-cryptosuite';
import type { DocumentLoader } from '../../loader/document-loader.ts';
import { topContext } from './active-contexts.ts';
import { withFastCanonize } from './canonize-rdfc.ts';
import type { ActiveContext } from './jsonld-parts.ts';
import { proofConfigFromTemplate } from './proof-config-canonical.ts';

/** The proof options the fast path signs: exactly what the stock pipeline puts in a new proof. */
export interface ProofOptions {
  type: 'DataIntegrityProof';
  created: string;
  verificationMethod: string;
  cryptosuite: 'eddsa-rdfc-2022';
  proofPurpose: 'assertionMethod';
}

/** `canonizeProof` reads only the suite's context URL and `canonize`: one instance serves every call. */
const suite = new DataIntegrityProof({
  cryptosuite: { ...eddsaRdfc2022, canonize: withFastCanonize(eddsaRdfc2022.canonize) },
}) as unknown as {
  canonizeProof(p: unknown, o: { document: unknown; documentLoader: DocumentLoader }): Promise<string>;
  ensureSuiteContext(o: { document: Record<string, unknown>; addSuiteContext: boolean }): void;
};

/** The five strings of proof options (`proofValue` aside). */
interface Options {
  type: string;
  created: string;
  verificationMethod: string;
  cryptosuite: string;
  proofPurpose: string;
}

/**
 * The last proof configuration whose canonical form came from a template, and its hash: the same
 * five strings under the same processed top-level context (the loader still serving the very
 * documents it was made from, {@link topContext}) have the same canonical form, as the template
 * itself is kept by exactly that (`proofConfigFromTemplate`). One record, rewritten in place:
 * a new object per signature cost more than the rest of a miss (measured).
 */
const last: Options & { context: ActiveContext | undefined; hash: Buffer } = {
  type: '',
  created: '',
  verificationMethod: '',
  cryptosuite: '',
  proofPurpose: '',
  context: undefined,
  hash: Buffer.alloc(32),
};

/** The options when they are five strings and nothing else (`proofValue` deleted), else undefined. */
function plainOptions(input: Record<string, unknown>): Options | undefined {
  const { type, created, verificationMethod, cryptosuite, proofPurpose } = input;
  if (
    typeof type !== 'string' ||
    typeof created !== 'string' ||
    typeof verificationMethod !== 'string' ||
    typeof cryptosuite !== 'string' ||
    typeof proofPurpose !== 'string' ||
    Object.keys(input).length !== 6
  ) {
    return undefined;
  }
  return { type, created, verificationMethod, cryptosuite, proofPurpose };
}

const sameAsLast = (o: Options) =>
  last.context !== undefined &&
  o.created === last.created &&
  o.verificationMethod === last.verificationMethod &&
  o.type === last.type &&
  o.cryptosuite === last.cryptosuite &&
  o.proofPurpose === last.proofPurpose;

/**
 * SHA-256 of the canonical proof configuration, the first half of the data an `eddsa-rdfc-2022`
 * signature covers. Equal to what `DataIntegrityProof.createVerifyData` hashes for the same proof
 * options, document `@context` and loader.
 *
 * @example
 * const hash = await proofConfigHash(options, credential['@context'], loader); // 32 bytes
 */
export async function proofConfigHash(
  proof: ProofOptions,
  context: unknown,
  documentLoader: DocumentLoader,
): Promise<Buffer> {
  // what canonizeProof canonicalizes: the options under the document's @context (plus the suite
  // context when neither it nor VC 2.0's is there), without proofValue
  const input: Record<string, unknown> = { '@context': context, ...proof };
  suite.ensureSuiteContext({ document: input, addSuiteContext: true });
  delete input.proofValue;
  const options = plainOptions(input);
  if (options !== undefined && sameAsLast(options)) {
    const top = await topContext(input['@context'], documentLoader).catch(() => undefined);
    // checked again after the await: another call may have rewritten the record meanwhile
    if (top !== undefined && top === last.context && sameAsLast(options)) return Buffer.from(last.hash);
  }
  // canonizeProof's canonicalization answers from the template whenever there is one (the fast
  // canonize asks canonicalProofConfig first): asked here directly, else canonizeProof itself
  const made = await proofConfigFromTemplate(input, documentLoader).catch(() => undefined);
  const canonical =
    made?.text ?? (await suite.canonizeProof({ ...proof }, { document: { '@context': context }, documentLoader }));
  const hash = createHash('sha256').update(canonical, 'utf8').digest();
  if (made !== undefined && options !== undefined) {
    Object.assign(last, options);
    last.context = made.context;
    hash.copy(last.hash);
  }
  return hash;
}
