import { importSigningKey, type SigningKey } from '@repo/core';
import { importRsaJwtKey, type RsaJwtKey } from './rsa-jwt-key.ts';

/** An issuer's keys: all share one controller (the issuer DID). */
export interface KeySet {
  /** Signs new credentials. */
  signing: SigningKey;
  /** Signs status lists (may differ from `signing`). */
  statusList: SigningKey;
  /** Every key, current and retired: all stay assertion methods so old credentials verify. */
  all: SigningKey[];
  /** Retired keys (no longer sign anything new) → when they were retired. */
  retired: ReadonlyMap<string, string>;
  /** RSA keys that sign only VC-JWTs (RS256). */
  jwtOnly?: RsaJwtKey[];
}

/**
 * The JSON form of a key file with several keys (`scripts/rotate-key.ts` writes it):
 * `{ "keys": [ {id, controller, type, publicKeyMultibase, secretKeyMultibase, retiredAt?}… ],
 *    "signing": "<id>", "statusListSigning"?: "<id>" }`.
 */
export interface SerializedKeySet {
  keys: Array<Record<string, unknown>>;
  signing: string;
  statusListSigning?: string;
}

/**
 * Reads a key file: either one key (the `keys-example/` form) or a key set. Throws `TypeError`
 * with a message that never contains key material.
 *
 * @example
 * const keys = await loadKeySet(JSON.parse(readFileSync(file, 'utf8')));
 * keys.signing.id; // 'did:web:issuer.example#key-2'
 */
export async function loadKeySet(json: unknown): Promise<KeySet> {
  if (!json || typeof json !== 'object' || !Array.isArray((json as SerializedKeySet).keys)) {
    const key = await importSigningKey(json);
    return { signing: key, statusList: key, all: [key], retired: new Map() };
  }
  const set = json as SerializedKeySet;
  if (set.keys.length === 0) throw new TypeError('The key file lists no keys.');
  const all: SigningKey[] = [];
  const jwtOnly: RsaJwtKey[] = [];
  const retired = new Map<string, string>();
  for (const [i, k] of set.keys.entries()) {
    if (k.type === 'JsonWebKey') {
      const rsa = importRsaJwtKey(k);
      if (all.length > 0 && rsa.controller !== all[0]!.controller) {
        throw new TypeError('Every key in a key file must have the same controller (the issuer DID).');
      }
      jwtOnly.push(rsa);
      continue;
    }
    let key: SigningKey;
    try {
      key = await importSigningKey(k);
    } catch (error) {
      throw new TypeError(`Key ${i + 1} of the key file: ${(error as Error).message}`);
    }
    if (all.some((x) => x.id === key.id)) throw new TypeError(`The key file lists ${key.id} twice.`);
    if (all.length > 0 && key.controller !== all[0]!.controller) {
      throw new TypeError('Every key in a key file must have the same controller (the issuer DID).');
    }
    if (typeof k.retiredAt === 'string') retired.set(key.id, k.retiredAt);
    all.push(key);
  }
  const find = (id: unknown, what: string): SigningKey => {
    const key = all.find((k) => k.id === id);
    if (!key) throw new TypeError(`The key file's "${what}" must name one of its keys.`);
    if (retired.has(key.id)) throw new TypeError(`The key file's "${what}" names a retired key.`);
    return key;
  };
  const signing = find(set.signing, 'signing');
  const statusList = set.statusListSigning === undefined ? signing : find(set.statusListSigning, 'statusListSigning');
  if (jwtOnly.some((k) => k.controller !== signing.controller)) {
    throw new TypeError('Every key in a key file must have the same controller (the issuer DID).');
  }
  return { signing, statusList, all, retired, jwtOnly };
}
