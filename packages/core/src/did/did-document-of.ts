import { DID_CONTEXT_V1, MULTIKEY_CONTEXT_V1 } from './did-key.ts';

/** A key as a DID document lists it: its id, type, controller and public verification method. */
export interface DidDocumentKey {
  readonly id: string;
  readonly type: string;
  readonly controller: string;
  publicMethod(): Record<string, unknown>;
}

/** Several keys of one controller and their states (the issuer's key set has this shape). */
export interface DidDocumentKeySet {
  /** The current signing key: its controller is the document's id. */
  signing: DidDocumentKey;
  /** Every Multikey: current, retired and revoked. */
  all: readonly DidDocumentKey[];
  /** Key id → when it was retired. */
  retired: ReadonlyMap<string, string>;
  /** Key id → when it was revoked. */
  revoked?: ReadonlyMap<string, string>;
  /** Keys that sign only VC-JWTs (JsonWebKey). */
  jwtOnly?: readonly DidDocumentKey[];
}

/**
 * The DID document of a key, or of a key set (did:web, or the equivalent for did:key): its
 * verification methods as `assertionMethod`. Only public key fields (K1). Retired keys stay
 * assertion methods with `retiredAt` (what they signed before it keeps verifying; they are no
 * longer in `authentication`). Revoked keys stay verification methods with `revoked` (Controlled
 * Identifiers 1.0 §2.2.4), so verifiers can say why, but leave every verification relationship: a
 * verifier that ignores `revoked` still refuses them.
 *
 * @example
 * didDocumentOf(key).assertionMethod; // ['did:web:issuer.example#key-1']
 */
export function didDocumentOf(keys: DidDocumentKey | DidDocumentKeySet): Record<string, unknown> {
  const set: DidDocumentKeySet = 'signing' in keys ? keys : { signing: keys, all: [keys], retired: new Map() };
  const revokedAt = (k: { id: string }) => set.revoked?.get(k.id);
  const retiredAt = (k: { id: string }) => set.retired.get(k.id);
  const keysOf = [...set.all, ...(set.jwtOnly ?? [])];
  const multikeys = set.all;
  const current = multikeys.filter((k) => revokedAt(k) === undefined && retiredAt(k) === undefined);
  const jwtOnly = (set.jwtOnly ?? []).filter((k) => revokedAt(k) === undefined && retiredAt(k) === undefined);
  const retired = keysOf.filter((k) => revokedAt(k) === undefined && retiredAt(k) !== undefined);
  const revoked = keysOf.filter((k) => revokedAt(k) !== undefined);
  const state = (k: DidDocumentKey) => ({
    ...k.publicMethod(),
    ...(retiredAt(k) !== undefined && { retiredAt: retiredAt(k) }),
    ...(revokedAt(k) !== undefined && { revoked: revokedAt(k) }),
  });
  const usesJwk = keysOf.some((k) => k.type === 'JsonWebKey');
  return {
    '@context': [DID_CONTEXT_V1, MULTIKEY_CONTEXT_V1, ...(usesJwk ? ['https://w3id.org/security/jwk/v1'] : [])],
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
