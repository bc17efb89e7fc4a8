import type { SigningKey } from '@repo/core';
import type { Request, Response } from 'express';
import { DID_DOCUMENT_TYPES, sendNegotiated } from '../http/negotiate.ts';
import type { KeySet } from '../keys/key-set.ts';

/**
 * The issuer's DID document (did:web, or the equivalent for did:key): its Multikey verification
 * method as `assertionMethod`. Only public key fields (K1).
 *
 * @example
 * didDocumentOf(key).assertionMethod; // ['did:web:issuer.example#key-1']
 */
export function didDocumentOf(keys: SigningKey | KeySet): Record<string, unknown> {
  const set: KeySet = 'signing' in keys ? keys : { signing: keys, statusList: keys, all: [keys], retired: new Map() };
  const current = set.all.filter((k) => !set.retired.has(k.id));
  const retired = set.all.filter((k) => set.retired.has(k.id));
  const jwtOnly = set.jwtOnly ?? [];
  return {
    '@context': [
      'https://www.w3.org/ns/did/v1',
      'https://w3id.org/security/multikey/v1',
      ...(jwtOnly.length > 0 ? ['https://w3id.org/security/jwk/v1'] : []),
    ],
    id: set.signing.controller,
    // Retired keys stay assertion methods, so everything they signed keeps verifying; `retiredAt`
    // (an extension property) tells verifiers they sign nothing new after that instant.
    verificationMethod: [
      ...current.map((k) => k.publicMethod()),
      ...jwtOnly.map((k) => k.publicMethod()),
      ...retired.map((k) => ({ ...k.publicMethod(), retiredAt: set.retired.get(k.id) })),
    ],
    authentication: current.map((k) => k.id),
    assertionMethod: [...current, ...jwtOnly, ...retired].map((k) => k.id),
  };
}

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
