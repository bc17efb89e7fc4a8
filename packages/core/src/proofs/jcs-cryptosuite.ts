/**
 * The JSON Canonicalization Scheme (RFC 8785) cryptosuites, `eddsa-jcs-2022` (Data Integrity EdDSA
 * Cryptosuites v1.0 §3.3) and `ecdsa-jcs-2019` (Data Integrity ECDSA Cryptosuites v1.0 §3.3), as
 * cryptosuite objects for `@digitalbazaar/data-integrity`'s `DataIntegrityProof`, which has no
 * JCS suite of its own. The suite does the spec's steps in `createVerifyData`; `DataIntegrityProof`
 * signs or verifies the bytes it returns.
 */
import { createHash } from 'node:crypto';
import * as Ed25519Multikey from '@digitalbazaar/ed25519-multikey';
import canonicalize from 'canonicalize';
import jsonld from 'jsonld';
import type { DocumentLoader } from '../loader/document-loader.ts';
import { VcError } from '../problems.ts';
import { createEcdsaVerifier } from './fast/ecdsa-verifier.ts';
import { proofProblem } from './proof-errors.ts';

/** The names of the two JCS cryptosuites. */
export type JcsCryptosuiteName = 'eddsa-jcs-2022' | 'ecdsa-jcs-2019';

/** A JCS cryptosuite in the shape `DataIntegrityProof` takes (`name`, `createVerifier`, …). */
export interface JcsCryptosuite {
  readonly name: JcsCryptosuiteName;
  readonly requiredAlgorithm: string | string[];
  canonize(input: unknown): Promise<string>;
  createVerifier(options: {
    verificationMethod: unknown;
  }): Promise<{ algorithm: string; verify(options: { data: Uint8Array; signature: Uint8Array }): Promise<boolean> }>;
  createVerifyData(options: {
    document: any;
    proof: any;
    documentLoader: DocumentLoader;
    verificationMethod?: unknown;
    dataIntegrityProof?: { signer?: { algorithm?: string } };
  }): Promise<Uint8Array>;
}

/** RFC 8785 text of a JSON value; a value JCS cannot encode (lone surrogate, NaN…) is refused. */
function jcs(value: unknown, pointer: string): string {
  let text: string | undefined;
  try {
    text = canonicalize(value);
  } catch (error) {
    throw new VcError('PROOF_TRANSFORMATION_ERROR', 'The document cannot be canonicalized with JCS (RFC 8785).', {
      pointer,
      cause: error,
    });
  }
  if (text === undefined) {
    throw new VcError('PROOF_TRANSFORMATION_ERROR', 'The document cannot be canonicalized with JCS (RFC 8785).', {
      pointer,
    });
  }
  return text;
}

/** The context list of a document or proof: a string is a list of one. */
function contextList(context: unknown): unknown[] {
  return Array.isArray(context) ? context : context === undefined ? [] : [context];
}

/**
 * §3.3.2 step 4 (both suites): the document's `@context` must start with every value of the
 * proof's `@context`, in order; the document is then hashed with the proof's `@context`.
 */
function checkContextPrefix(document: any, proofContext: unknown): void {
  const expected = contextList(proofContext);
  const actual = contextList(document?.['@context']);
  const same = (a: unknown, b: unknown) => jcs(a, '/@context') === jcs(b, '/@context');
  if (expected.length > actual.length || !expected.every((c, i) => same(c, actual[i]))) {
    throw new VcError(
      'PROOF_VERIFICATION_ERROR',
      "The document's @context does not start with the proof's @context, as a JCS proof requires.",
      { pointer: '/proof/@context' },
    );
  }
}

/** Key algorithm → hash: SHA-256 for Ed25519 and P-256, SHA-384 for P-384 (ECDSA §3.3.4). */
const HASHES: Readonly<Record<string, 'sha256' | 'sha384'>> = {
  Ed25519: 'sha256',
  'P-256': 'sha256',
  'P-384': 'sha384',
};

function hashOf(algorithm: string | undefined): 'sha256' | 'sha384' {
  const hash = algorithm === undefined ? undefined : HASHES[algorithm];
  if (hash === undefined) {
    throw new VcError('PROOF_VERIFICATION_ERROR', `No JCS cryptosuite hash is defined for a ${algorithm} key.`, {
      pointer: '/proof/verificationMethod',
    });
  }
  return hash;
}

/**
 * Data Integrity 1.0 §2.4 "Validating Contexts": JCS needs no JSON-LD, but the document is still
 * expanded in safe mode with the pinned loader, so an unpinned context (T8) or an undefined term
 * (T9) is refused as with the RDFC suites.
 */
async function validateContexts(document: unknown, documentLoader: DocumentLoader, signing: boolean): Promise<void> {
  try {
    await jsonld.expand(document, { documentLoader, safe: true });
  } catch (error) {
    const p = proofProblem(error, signing ? 'sign' : 'verify');
    throw new VcError(p.title, p.detail, { cause: error });
  }
}

/**
 * Builds the cryptosuite object of `eddsa-jcs-2022` or `ecdsa-jcs-2019`. Signing (no
 * `verificationMethod` given) follows "Create Proof" §3.3.1: the proof gets the document's
 * `@context`, and the hash data is `H(JCS(proof config)) ‖ H(JCS(document))`. Verifying follows
 * "Verify Proof" §3.3.2: the proof's own `@context` (when present) must prefix the document's and
 * replaces it before hashing. Contexts are validated first (T8, T9), as for the RDFC suites.
 *
 * @example
 * const suite = new DataIntegrityProof({ signer, date, cryptosuite: createJcsCryptosuite('eddsa-jcs-2022') });
 */
export function createJcsCryptosuite(name: JcsCryptosuiteName): JcsCryptosuite {
  const isEddsa = name === 'eddsa-jcs-2022';
  const createVerifier = async ({ verificationMethod }: { verificationMethod: unknown }) => {
    // an ECDSA key is imported once per verification method (createEcdsaVerifier)
    if (!isEddsa) return createEcdsaVerifier({ verificationMethod });
    return (await Ed25519Multikey.from(verificationMethod as Record<string, unknown>)).verifier();
  };
  return {
    name,
    requiredAlgorithm: isEddsa ? 'Ed25519' : ['P-256', 'P-384'],
    canonize: async (input) => jcs(input, ''),
    createVerifier,
    async createVerifyData({ document, proof, documentLoader, verificationMethod, dataIntegrityProof }) {
      const signing = verificationMethod === undefined;
      const algorithm = signing
        ? dataIntegrityProof?.signer?.algorithm
        : isEddsa
          ? 'Ed25519'
          : (await createVerifier({ verificationMethod })).algorithm;
      const hash = hashOf(algorithm);
      if (proof?.type !== 'DataIntegrityProof' || proof?.cryptosuite !== name) {
        throw new VcError(
          signing ? 'PROOF_GENERATION_ERROR' : 'PROOF_VERIFICATION_ERROR',
          `A ${name} proof must have type "DataIntegrityProof" and cryptosuite "${name}".`,
          { pointer: '/proof/cryptosuite' },
        );
      }
      await validateContexts(document, documentLoader, signing);
      let unsecured = document;
      if (signing) {
        // §3.3.1 step 2: the proof carries the document's @context (mutates the proof being made).
        if (document['@context'] !== undefined) proof['@context'] = document['@context'];
      } else if (proof['@context'] !== undefined) {
        checkContextPrefix(document, proof['@context']);
        unsecured = { ...document, '@context': proof['@context'] };
      }
      const { proofValue: _proofValue, ...config } = proof;
      const digest = (text: string) => createHash(hash).update(text, 'utf8').digest();
      return new Uint8Array(Buffer.concat([digest(jcs(config, '/proof')), digest(jcs(unsecured, ''))]));
    },
  };
}

/**
 * `eddsa-jcs-2022` (EdDSA Cryptosuites v1.0 §3.3): Ed25519 keys, SHA-256.
 *
 * @example
 * new DataIntegrityProof({ signer: ed25519Key.signer(), cryptosuite: eddsaJcs2022 });
 */
export const eddsaJcs2022: JcsCryptosuite = createJcsCryptosuite('eddsa-jcs-2022');

/**
 * `ecdsa-jcs-2019` (ECDSA Cryptosuites v1.0 §3.3): P-256 with SHA-256, P-384 with SHA-384.
 *
 * @example
 * new DataIntegrityProof({ signer: p256Key.signer(), cryptosuite: ecdsaJcs2019 });
 */
export const ecdsaJcs2019: JcsCryptosuite = createJcsCryptosuite('ecdsa-jcs-2019');
