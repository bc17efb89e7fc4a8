import { generateSigningKey } from '@repo/core';
import { isoSeconds } from '../issuance/sign-and-store.ts';
import type { SerializedKeySet } from './key-set.ts';
import { generateRsaJwtKeyEntry } from './rsa-jwt-key.ts';

/**
 * Key rotation for a `did:web` issuer: adds a fresh key (`#key-N`), makes it the signing key
 * (and the status-list key when that was the old signing key), and marks the previous signing key
 * retired at `now`, keeping only its public part: its secret is removed from the key set, so no
 * copy of this file can sign with it again. Old keys stay in the set — and so in the DID document
 * as assertion methods with `retiredAt` — so every credential they signed before their retirement
 * keeps verifying. With `add`, the new key is added beside the signing key, which stays as it is.
 * A `did:key` issuer cannot rotate: its DID *is* its key (TypeError).
 *
 * @example
 * const next = await rotateKeySet(JSON.parse(readFileSync(file, 'utf8')), { now: new Date() });
 */
export async function rotateKeySet(
  current: unknown,
  options: {
    now: Date;
    /** `RSA` adds a JWT-only RS256 key (only with `add`: it cannot sign embedded proofs). */
    algorithm?: 'Ed25519' | 'P-256' | 'P-384' | 'RSA';
    /** Add the key beside the signing key (e.g. a P-256 key for ES256 / ECDSA) instead of rotating. */
    add?: boolean;
  },
): Promise<SerializedKeySet> {
  const set: SerializedKeySet =
    current && typeof current === 'object' && Array.isArray((current as SerializedKeySet).keys)
      ? structuredClone(current as SerializedKeySet)
      : {
          keys: [structuredClone(current as Record<string, unknown>)],
          signing: String((current as { id?: unknown })?.id),
        };
  const controller = String(set.keys[0]?.controller ?? '');
  if (!controller.startsWith('did:web:')) {
    throw new TypeError(
      `Only a did:web issuer can rotate keys (this one is ${controller || 'unknown'}); a did:key is its key.`,
    );
  }
  const taken = new Set(set.keys.map((k) => String(k.id)));
  let n = set.keys.length + 1;
  while (taken.has(`${controller}#key-${n}`)) n++;
  if (options.algorithm === 'RSA') {
    if (!options.add)
      throw new TypeError(
        'An RSA key signs only JWTs (RS256), so it can be added (--add) but not become the signing key.',
      );
    set.keys.push(generateRsaJwtKeyEntry(controller, `key-${n}`));
    return withoutWithdrawnSecrets(set);
  }
  const generated = await generateSigningKey({
    didWeb: controller,
    fragment: `key-${n}`,
    algorithm: options.algorithm ?? 'Ed25519',
  });
  set.keys.push({ ...generated.serialized });
  if (!options.add) {
    const at = isoSeconds(options.now);
    const previous = set.signing;
    for (const k of set.keys) if (k.id === previous && k.retiredAt === undefined) k.retiredAt = at;
    set.signing = generated.serialized.id;
    if (set.statusListSigning === undefined || set.statusListSigning === previous) delete set.statusListSigning;
  }
  return withoutWithdrawnSecrets(set);
}

/**
 * The key set with the secret of every retired or revoked key removed (`secretKeyMultibase`,
 * `privateKeyJwk`): such a key never signs again, so its secret is only a liability. Also cleans
 * key files written before rotation dropped them.
 *
 * @example
 * withoutWithdrawnSecrets(set).keys.find((k) => k.retiredAt)?.secretKeyMultibase; // undefined
 */
export function withoutWithdrawnSecrets(set: SerializedKeySet): SerializedKeySet {
  for (const k of set.keys) {
    if (k.retiredAt === undefined && k.revoked === undefined) continue;
    delete k.secretKeyMultibase;
    delete k.privateKeyJwk;
  }
  return set;
}
