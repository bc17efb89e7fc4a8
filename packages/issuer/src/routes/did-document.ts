import { didDocumentOf, type SigningKey } from '@repo/core';
import type { Request, Response } from 'express';
import { DID_DOCUMENT_TYPES, sendNegotiated } from '../http/negotiate.ts';
import type { KeySet } from '../keys/key-set.ts';

/**
 * The issuer's DID document (did:web, or the equivalent for did:key): moved to `@repo/core` so that
 * key tools outside the service (`certify keygen`, `scripts/gen-key.ts`) build the same document.
 */
export { didDocumentOf } from '@repo/core';

/**
 * The path at which a `did:web` DID's document is served (did:web method §3.2), or undefined.
 *
 * @example
 * didWebPath('did:web:issuer.example'); // '/.well-known/did.json'
 * didWebPath('did:web:example.com:issuers:acme'); // '/issuers/acme/did.json'
 */
export function didWebPath(did: string): string | undefined {
  if (!did.startsWith('did:web:')) return undefined;
  const parts = did.slice('did:web:'.length).split(':');
  return parts.length === 1 ? '/.well-known/did.json' : `/${parts.slice(1).map(decodeURIComponent).join('/')}/did.json`;
}

/** `GET` handler for the did:web document. */
export function getDidDocument(keys: SigningKey | KeySet) {
  const body = JSON.stringify(didDocumentOf(keys));
  return (req: Request, res: Response): void => {
    res.setHeader('Cache-Control', 'public, max-age=300');
    sendNegotiated(req, res, body, DID_DOCUMENT_TYPES);
  };
}
