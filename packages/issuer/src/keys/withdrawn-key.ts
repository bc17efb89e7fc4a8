import { createPublicKey, type JsonWebKey } from 'node:crypto';
import { decodeMultikey, type KeyAlgorithm } from '@repo/core';

/**
 * A retired or revoked issuer key: its public part only, with the state its verification method
 * publishes (`retiredAt`; Controlled Identifiers 1.0 §2.2.4 `revoked`). It has no signer and no
 * private key, so nothing can sign with it; it stays in the DID document so verifiers can tell
 * what it may still vouch for.
 */
export interface WithdrawnKey {
  readonly id: string;
  readonly controller: string;
  readonly type: 'Multikey' | 'JsonWebKey';
  readonly algorithm: KeyAlgorithm | 'RSA';
  /** Multikeys only. */
  readonly publicKeyMultibase?: string;
  readonly retiredAt?: string;
  readonly revoked?: string;
  /** The verification method, with `retiredAt` / `revoked`. */
  publicMethod(): { id: string; type: 'Multikey' | 'JsonWebKey'; controller: string } & Record<string, unknown>;
  toJSON(): Record<string, unknown>;
}

/**
 * Reads the public part of a key-file entry (a Multikey, or a `JsonWebKey` RSA key) for a key that
 * is retired or revoked; a secret beside it is ignored. Throws `TypeError` without echoing key
 * material.
 *
 * @example
 * const old = importWithdrawnKey(entry, { retiredAt: '2026-03-01T00:00:00Z' });
 * old.publicMethod().retiredAt; // '2026-03-01T00:00:00Z'
 */
export function importWithdrawnKey(
  entry: Record<string, unknown>,
  state: { retiredAt?: string; revoked?: string },
): WithdrawnKey {
  const { id, controller } = entry;
  if (typeof id !== 'string' || typeof controller !== 'string' || !id.startsWith(`${controller}#`)) {
    throw new TypeError('A key needs an "id" that is a fragment of its "controller" DID.');
  }
  let pub: { id: string; type: 'Multikey' | 'JsonWebKey'; controller: string } & Record<string, unknown>;
  let algorithm: KeyAlgorithm | 'RSA';
  if (entry.type === 'JsonWebKey') {
    const jwk = entry.publicKeyJwk as JsonWebKey | undefined;
    let publicKeyJwk: JsonWebKey;
    try {
      const { kty, n, e } = createPublicKey({ key: jwk as JsonWebKey, format: 'jwk' }).export({ format: 'jwk' });
      publicKeyJwk = { kty: kty as string, n: n as string, e: e as string };
    } catch {
      throw new TypeError(`The JsonWebKey entry ${id} does not hold a usable public JWK.`);
    }
    if (publicKeyJwk.kty !== 'RSA') throw new TypeError(`The JsonWebKey entry ${id} must be an RSA key.`);
    pub = { id, type: 'JsonWebKey', controller, publicKeyJwk };
    algorithm = 'RSA';
  } else {
    const decoded = decodeMultikey(entry.publicKeyMultibase as string);
    if (decoded === undefined) {
      throw new TypeError(`The key ${id} has no Ed25519, P-256 or P-384 "publicKeyMultibase".`);
    }
    pub = { id, type: 'Multikey', controller, publicKeyMultibase: entry.publicKeyMultibase as string };
    algorithm = decoded.algorithm;
  }
  const method = { ...pub, ...state };
  return Object.freeze({
    ...method,
    algorithm,
    publicMethod: () => structuredClone(method),
    toJSON: () => structuredClone(method),
  }) as WithdrawnKey;
}
