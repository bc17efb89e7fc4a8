/**
 * The pieces of the stock `@digitalbazaar` pipeline the fast path reuses as they are, reached
 * through their untyped exports: the credential checks `vc.issue` runs, and the loader wrapper
 * `jsigs.sign` puts around the caller's document loader.
 */
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
