/**
 * Ed25519 (RFC 8032 §5.1) through libsodium (`sodium-native`) where it loads, node's OpenSSL
 * otherwise. Measured on this repository's machine (`node --import tsx bench/ed25519.ts`):
 * libsodium signs in ~15 µs and verifies in ~42 µs where OpenSSL takes ~26 and ~73 — a third of
 * an `eddsa-rdfc-2022` proof verification was OpenSSL's verify.
 *
 * Same answers as OpenSSL, by construction:
 * - signing: Ed25519 is deterministic (RFC 8032 §5.1.6), so both give the same 64 bytes for the
 *   same key and message (the test compares them on random keys and messages);
 * - verifying: libsodium accepts a strict subset of what OpenSSL accepts (both check
 *   `[S]B = R + [k]A` without the cofactor and refuse `S ≥ L`; libsodium also refuses small-order
 *   and non-canonical points), so its `true` is OpenSSL's `true`, and anything it refuses is
 *   asked of OpenSSL, whose answer is the one returned. A forged or broken signature costs both.
 */
import { createPublicKey, type KeyObject, sign as opensslSign, verify as opensslVerify } from 'node:crypto';
import { createRequire } from 'node:module';

/** The part of `sodium-native` used here. */
interface Sodium {
  crypto_sign_detached(signature: Uint8Array, message: Uint8Array, secretKey: Uint8Array): void;
  crypto_sign_verify_detached(signature: Uint8Array, message: Uint8Array, publicKey: Uint8Array): boolean;
  crypto_sign_seed_keypair(publicKey: Uint8Array, secretKey: Uint8Array, seed: Uint8Array): void;
}

function loadSodium(): Sodium | undefined {
  try {
    // a native addon with prebuilt binaries; a platform without one keeps OpenSSL
    return createRequire(import.meta.url)('sodium-native') as Sodium;
  } catch {
    return undefined;
  }
}

/** libsodium, or undefined where it does not load. */
export const sodium: Sodium | undefined = loadSodium();

/** libsodium's 64-byte secret key (seed ‖ public key) per node private key, made once. */
const secretKeys = new WeakMap<KeyObject, Uint8Array | null>();

function secretKeyOf(privateKey: KeyObject, lib: Sodium): Uint8Array | null {
  let secret = secretKeys.get(privateKey);
  if (secret === undefined) {
    secret = null;
    if (privateKey.asymmetricKeyType === 'ed25519') {
      const { d, x } = privateKey.export({ format: 'jwk' });
      const publicKey = new Uint8Array(32);
      const candidate = new Uint8Array(64);
      lib.crypto_sign_seed_keypair(publicKey, candidate, Buffer.from(d as string, 'base64url'));
      // the key pair libsodium derives is node's, or libsodium is not used for this key
      if (Buffer.from(publicKey).equals(Buffer.from(x as string, 'base64url'))) secret = candidate;
    }
    secretKeys.set(privateKey, secret);
  }
  return secret;
}

/**
 * The Ed25519 signature of `message` by `privateKey` (a node `ed25519` private key): libsodium's
 * where it loads, else `crypto.sign(null, message, privateKey)` — the same bytes either way.
 *
 * @example
 * const signature = signEd25519(message, key.keyObjects.privateKey); // 64 bytes
 */
export function signEd25519(message: Uint8Array, privateKey: KeyObject, lib: Sodium | undefined = sodium): Buffer {
  const secret = lib === undefined ? null : secretKeyOf(privateKey, lib);
  if (lib === undefined || secret === null) return opensslSign(null, message, privateKey);
  const signature = Buffer.allocUnsafe(64);
  lib.crypto_sign_detached(signature, message, secret);
  return signature;
}

/** A public key for {@link verifyEd25519}: its 32 raw bytes and node's key object. */
export interface Ed25519PublicKey {
  raw: Uint8Array;
  keyObject: KeyObject;
}

const DER_PUBLIC_KEY_PREFIX = Buffer.from('302a300506032b6570032100', 'hex');

/**
 * `publicKey` (32 raw bytes) as {@link verifyEd25519} takes it; throws as `createPublicKey` does
 * for bytes node cannot import.
 *
 * @example
 * const key = ed25519PublicKey(keyPair.publicKey);
 */
export function ed25519PublicKey(raw: Uint8Array): Ed25519PublicKey {
  // as @digitalbazaar/ed25519-multikey builds it (SPKI DER of the raw key)
  const keyObject = createPublicKey({
    key: Buffer.concat([DER_PUBLIC_KEY_PREFIX, raw]),
    format: 'der',
    type: 'spki',
  });
  return { raw: Uint8Array.from(raw), keyObject };
}

/**
 * `crypto.verify(null, message, key, signature)`'s answer, asked of libsodium first (its `true`
 * is OpenSSL's; anything else is OpenSSL's own answer).
 *
 * @example
 * verifyEd25519(data, ed25519PublicKey(raw), signature); // true or false
 */
export function verifyEd25519(
  message: Uint8Array,
  key: Ed25519PublicKey,
  signature: Uint8Array,
  lib: Sodium | undefined = sodium,
): boolean {
  if (lib !== undefined && signature.length === 64 && key.raw.length === 32) {
    try {
      if (lib.crypto_sign_verify_detached(signature, message, key.raw)) return true;
    } catch {
      // an input libsodium does not take: OpenSSL answers
    }
  }
  return opensslVerify(null, message, key.keyObject, signature);
}
