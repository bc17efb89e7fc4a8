/**
 * Whether a key's `signer` is the very key its `keyObjects` hold, so signing with the key object
 * directly gives the bytes the signer would (Ed25519 is deterministic, RFC 8032 §5.1.6). A caller
 * may pair a key with another signer (a remote one, or a different key on purpose); the fast path
 * is then not used. Checked once per signer with a probe signature.
 */
import { sign } from 'node:crypto';
import type { SigningKey } from '../signing-key.ts';

const checked = new WeakMap<object, Promise<boolean>>();
const PROBE = new TextEncoder().encode('fast-path signer probe');

async function probe(key: SigningKey): Promise<boolean> {
  const privateKey = key.keyObjects?.privateKey;
  if (key.algorithm !== 'Ed25519' || privateKey === undefined || key.signer.id !== key.id) return false;
  const theirs = await key.signer.sign({ data: PROBE });
  return Buffer.from(theirs).equals(sign(null, PROBE, privateKey));
}

/**
 * `true` when `key.signer` signs as `key.keyObjects.privateKey` does and names `key.id`.
 *
 * @example
 * await signerMatches(key); // true for a key from importSigningKey
 */
export function signerMatches(key: SigningKey): Promise<boolean> {
  let answer = checked.get(key.signer);
  if (answer === undefined) {
    answer = probe(key).catch(() => false);
    checked.set(key.signer, answer);
  }
  return answer;
}
