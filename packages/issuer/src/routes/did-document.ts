import type { SigningKey } from '@repo/core';
import type { Request, Response } from 'express';
import { DID_DOCUMENT_TYPES, sendNegotiated } from '../http/negotiate.ts';
import type { KeySet } from '../keys/key-set.ts';

/**
 * The issuer's DID document (did:web, or the equivalent for did:key): its Multikey verification
 * methods as `assertionMethod`. Only public key fields (K1). Retired keys stay assertion methods
 * with `retiredAt` (what they signed before it keeps verifying; they are no longer in
 * `authentication`). Revoked keys stay verification methods with `revoked` (Controlled Identifiers
 * 1.0 §2.2.4), so verifiers can say why, but leave every verification relationship: a verifier
 * that ignores `revoked` still refuses them.
 *
 * @example
 * didDocumentOf(key).assertionMethod; // ['did:web:issuer.example#key-1']
 */
export function didDocumentOf(keys: SigningKey | KeySet): Record<string, unknown> {
  const set: KeySet = 'signing' in keys ? keys : { signing: keys, statusList: keys, all: [keys], retired: new Map() };
  const revokedAt = (k: { id: string }) => set.revoked?.get(k.id);
  const retiredAt = (k: { id: string }) => set.retired.get(k.id);
  const keysOf = [...set.all, ...(set.jwtOnly ?? [])];
  const multikeys = set.all;
  const current = multikeys.filter((k) => revokedAt(k) === undefined && retiredAt(k) === undefined);
  const jwtOnly = (set.jwtOnly ?? []).filter((k) => revokedAt(k) === undefined && retiredAt(k) === undefined);
  const retired = keysOf.filter((k) => revokedAt(k) === undefined && retiredAt(k) !== undefined);
  const revoked = keysOf.filter((k) => revokedAt(k) !== undefined);
  const state = (k: (typeof keysOf)[number]) => ({
    ...k.publicMethod(),
    ...(retiredAt(k) !== undefined && { retiredAt: retiredAt(k) }),
    ...(revokedAt(k) !== undefined && { revoked: revokedAt(k) }),
  });
  const usesJwk = keysOf.some((k) => k.type === 'JsonWebKey');
  return {
    '@context': [
      'https://www.w3.org/ns/did/v1',
      'https://w3id.org/security/multikey/v1',
      ...(usesJwk ? ['https://w3id.org/security/jwk/v1'] : []),
    ],
    id: set.signing.controller,
    // `retiredAt` (an extension property) tells verifiers a key signs nothing new after that
    // instant; `revoked` that nothing it signed is to be accepted.
    verificationMethod: [
      ...current.map((k) => k.publicMethod()),
      ...jwtOnly.map((k) => k.publicMethod()),
      ...retired.map(state),
      ...revoked.map(state),
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
