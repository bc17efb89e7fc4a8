import { createPrivateKey, createPublicKey, generateKeyPairSync, type JsonWebKey, type KeyObject } from 'node:crypto';

/**
 * An RSA key that signs only VC-JWTs (`RS256`, the algorithm Open Badges 3.0 requires every
 * VC-JWT consumer to support). Data Integrity has no RSA cryptosuite, so it never signs an
 * embedded proof. It appears in the DID document as a `JsonWebKey` verification method. The
 * private key stays in a closure; JSON and inspection show public fields only (K1).
 */
export interface RsaJwtKey {
  readonly id: string;
  readonly controller: string;
  readonly type: 'JsonWebKey';
  readonly algorithm: 'RSA';
  /** For `signCredentialJwt`: `{ id, privateKey }`. */
  readonly privateKey: KeyObject;
  publicMethod(): { id: string; type: 'JsonWebKey'; controller: string; publicKeyJwk: JsonWebKey };
  toJSON(): Record<string, unknown>;
}

/**
 * Reads a key-file entry `{ id, controller, type: "JsonWebKey", publicKeyJwk, privateKeyJwk }`
 * holding an RSA key (≥ 2048 bits). Throws `TypeError` without echoing key material.
 *
 * @example
 * const key = importRsaJwtKey(entry); // key.publicMethod().type === 'JsonWebKey'
 */
export function importRsaJwtKey(entry: Record<string, unknown>): RsaJwtKey {
  const { id, controller, privateKeyJwk } = entry;
  if (typeof id !== 'string' || typeof controller !== 'string' || !id.startsWith(`${controller}#`)) {
    throw new TypeError('A JsonWebKey entry needs an "id" that is a fragment of its "controller" DID.');
  }
  let privateKey: KeyObject;
  try {
    privateKey = createPrivateKey({ key: privateKeyJwk as JsonWebKey, format: 'jwk' });
  } catch {
    throw new TypeError(`The JsonWebKey entry ${id} does not hold a usable private JWK.`);
  }
  if (privateKey.asymmetricKeyType !== 'rsa' || (privateKey.asymmetricKeyDetails?.modulusLength ?? 0) < 2048) {
    throw new TypeError(`The JsonWebKey entry ${id} must be an RSA key of at least 2048 bits.`);
  }
  const { kty, n, e } = createPublicKey(privateKey).export({ format: 'jwk' });
  const publicKeyJwk: JsonWebKey = { kty: kty as string, n: n as string, e: e as string };
  const pub = { id, type: 'JsonWebKey' as const, controller };
  return Object.freeze({
    ...pub,
    algorithm: 'RSA' as const,
    privateKey,
    publicMethod: () => ({ ...pub, publicKeyJwk: { ...publicKeyJwk } }),
    toJSON: () => ({ ...pub, publicKeyJwk: { ...publicKeyJwk } }),
  });
}

/** A fresh 2048-bit RSA key-file entry for `controller#fragment`. */
export function generateRsaJwtKeyEntry(controller: string, fragment: string): Record<string, unknown> {
  const { privateKey, publicKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
  return {
    id: `${controller}#${fragment}`,
    controller,
    type: 'JsonWebKey',
    publicKeyJwk: publicKey.export({ format: 'jwk' }),
    privateKeyJwk: privateKey.export({ format: 'jwk' }),
  };
}
