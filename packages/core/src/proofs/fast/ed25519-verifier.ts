/**
 * The `createVerifier` of the `eddsa-rdfc-2022` cryptosuite without re-importing the public key
 * for every signature. The stock one (`Ed25519Multikey.from(verificationMethod).verifier()`)
 * builds a node `KeyObject` from the key bytes on each `verify`; here the method is still read
 * by `Ed25519Multikey.from` (same checks, same errors; once per distinct method) but the
 * `KeyObject` is made once per key and kept, and the signature checked with
 * `crypto.verify(null, data, key, signature)`'s answer ({@link verifyEd25519}: libsodium first,
 * whose `true` is OpenSSL's, else OpenSSL itself).
 */
import * as Ed25519Multikey from '@digitalbazaar/ed25519-multikey';
import { type Ed25519PublicKey, ed25519PublicKey, verifyEd25519 } from './sodium-ed25519.ts';

const MAX_KEYS = 1024;
const keys = new Map<string, Ed25519PublicKey>();

interface Verifier {
  algorithm: string;
  id: string;
  verify(o: { data: Uint8Array; signature: Uint8Array }): Promise<boolean>;
}
/** Verifiers by verification method (as JSON). */
const verifiers = new Map<string, Verifier>();

function publicKeyOf(publicKey: Uint8Array): Ed25519PublicKey {
  const id = Buffer.from(publicKey).toString('base64');
  let key = keys.get(id);
  if (key === undefined) {
    key = ed25519PublicKey(publicKey);
    if (keys.size >= MAX_KEYS) keys.clear();
    keys.set(id, key);
  }
  return key;
}

/**
 * A verifier for an Ed25519 `Multikey` (or legacy) verification method, as the stock
 * cryptosuite's, with the public key imported once. A key node cannot import is left to the
 * stock verifier (which then fails as it always does).
 *
 * @example
 * const verifier = await createEd25519Verifier({ verificationMethod });
 * await verifier.verify({ data, signature }); // true or false
 */
export async function createEd25519Verifier({ verificationMethod }: { verificationMethod: unknown }) {
  // the same method (as JSON) gives the same verifier: Ed25519Multikey.from is deterministic
  const id = JSON.stringify(verificationMethod);
  const known = verifiers.get(id);
  if (known !== undefined) return known;
  const keyPair = await Ed25519Multikey.from(verificationMethod as Record<string, unknown>);
  const stock = keyPair.verifier() as Verifier;
  let key: Ed25519PublicKey;
  try {
    key = publicKeyOf(keyPair.publicKey as Uint8Array);
  } catch {
    return stock;
  }
  const verifier: Verifier = {
    algorithm: stock.algorithm,
    id: stock.id,
    async verify({ data, signature }: { data: Uint8Array; signature: Uint8Array }): Promise<boolean> {
      return verifyEd25519(data, key, signature);
    },
  };
  if (verifiers.size >= MAX_KEYS) verifiers.clear();
  verifiers.set(id, verifier);
  return verifier;
}
