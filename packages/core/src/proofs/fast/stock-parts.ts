/**
 * The pieces of the stock `@digitalbazaar` pipeline the fast path reuses as they are, reached
 * through their untyped exports: the credential checks `vc.issue` runs, the suite context
 * `jsigs.sign` adds to the document, and the loader wrapper it puts around the caller's loader.
 */
import { DataIntegrityProof } from '@digitalbazaar/data-integrity';
import { cryptosuite as eddsaRdfc2022 } from '@digitalbazaar/eddsa-rdfc-2022-cryptosuite';
import * as vc from '@digitalbazaar/vc';
import jsigs from 'jsonld-signatures';
import type { DocumentLoader } from '../../loader/document-loader.ts';

const vcInternals = vc as unknown as {
  _checkCredential(options: { credential: unknown; now: Date; mode: 'issue' | 'verify' }): void;
};
const jsigsInternals = jsigs as unknown as { extendContextLoader(loader: DocumentLoader): DocumentLoader };

/**
 * The checks `vc.issue` makes before signing (context, type, subject, issuer, dates); throws the
 * same errors.
 *
 * @example
 * checkForIssue(credential, new Date()); // throws Error('"issuer" property is required.') without one
 */
export function checkForIssue(credential: unknown, now: Date): void {
  vcInternals._checkCredential({ credential, now, mode: 'issue' });
}

/**
 * The caller's loader as `jsonld-signatures` extends it (its own security contexts served first),
 * so canonical forms are computed from exactly the documents the stock pipeline sees.
 *
 * @example
 * const loader = extendedLoader(documentLoader);
 */
export function extendedLoader(documentLoader: DocumentLoader): DocumentLoader {
  return jsigsInternals.extendContextLoader(documentLoader);
}

/**
 * What `jsigs.sign` does to the document before signing: appends
 * `https://w3id.org/security/data-integrity/v2` to its `@context` unless that or the VC 2.0
 * context is already there (`DataIntegrityProof.ensureSuiteContext`). Changes `document`.
 *
 * @example
 * addSuiteContext(vc11Credential); // @context gains 'https://w3id.org/security/data-integrity/v2'
 */
export function addSuiteContext(document: Record<string, unknown>): void {
  const suite = new DataIntegrityProof({ cryptosuite: eddsaRdfc2022 }) as unknown as {
    ensureSuiteContext(o: { document: unknown; addSuiteContext: boolean }): void;
  };
  suite.ensureSuiteContext({ document, addSuiteContext: true });
}
