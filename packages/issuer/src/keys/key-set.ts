import { importSigningKey, parseProofDateTime, type SigningKey } from '@repo/core';
import { importRsaJwtKey, type RsaJwtKey } from './rsa-jwt-key.ts';
import { importWithdrawnKey, type WithdrawnKey } from './withdrawn-key.ts';

/** An issuer's keys: all share one controller (the issuer DID). */
export interface KeySet {
  /** Signs new credentials. */
  signing: SigningKey;
  /** Signs status lists (may differ from `signing`). */
  statusList: SigningKey;
  /**
   * Every Multikey, current, retired and revoked: retired ones stay assertion methods so what they
   * signed before their retirement verifies. Retired and revoked keys are public only.
   */
  all: Array<SigningKey | WithdrawnKey>;
  /** Retired keys (they sign nothing new, and hold no secret) → when they were retired. */
  retired: ReadonlyMap<string, string>;
  /** Revoked keys (Controlled Identifiers 1.0 §2.2.4: nothing they signed is accepted) → when. */
  revoked?: ReadonlyMap<string, string>;
  /** RSA keys that sign only VC-JWTs (RS256); a revoked one is public only. */
  jwtOnly?: Array<RsaJwtKey | WithdrawnKey>;
  /** Retired or revoked keys whose secret the key file still holds (never imported: remove it). */
  staleSecrets?: readonly string[];
}

/**
 * The JSON form of a key file with several keys (`scripts/rotate-key.ts` writes it):
 * `{ "keys": [ {id, controller, type, publicKeyMultibase, secretKeyMultibase, retiredAt?, revoked?}… ],
 *    "signing": "<id>", "statusListSigning"?: "<id>" }`. Retired and revoked keys keep only their
 * public part (`rotate-key` and `revoke-key` remove `secretKeyMultibase` / `privateKeyJwk`).
 */
export interface SerializedKeySet {
  keys: Array<Record<string, unknown>>;
  signing: string;
  statusListSigning?: string;
}

/** A key's `retiredAt` / `revoked`, checked to be date-times. */
function stateOf(entry: Record<string, unknown>, i: number): { retiredAt?: string; revoked?: string } {
  const state: { retiredAt?: string; revoked?: string } = {};
  for (const field of ['retiredAt', 'revoked'] as const) {
    const value = entry[field];
    if (value === undefined) continue;
    if (parseProofDateTime(value) === undefined) {
      throw new TypeError(`Key ${i + 1} of the key file: "${field}" must be a date-time such as 2026-03-01T00:00:00Z.`);
    }
    state[field] = value as string;
  }
  return state;
}

/**
 * Reads a key file: either one key (the `keys-example/` form) or a key set. A retired or revoked
 * key is read as a public key only, whether or not the file still holds its secret: the issuer can
 * never sign with it. The signing and status-list keys must be current. Throws `TypeError` with a
 * message that never contains key material.
 *
 * @example
 * const keys = await loadKeySet(JSON.parse(readFileSync(file, 'utf8')));
 * keys.signing.id; // 'did:web:issuer.example#key-2'
 */
export async function loadKeySet(json: unknown): Promise<KeySet> {
  if (!json || typeof json !== 'object' || !Array.isArray((json as SerializedKeySet).keys)) {
    const state = stateOf((json && typeof json === 'object' ? json : {}) as Record<string, unknown>, 0);
    if (state.revoked !== undefined || state.retiredAt !== undefined) {
      const what = state.revoked !== undefined ? `revoked on ${state.revoked}` : `retired on ${state.retiredAt}`;
      throw new TypeError(`The key file holds one key, ${what}: the issuer never signs with a retired or revoked key.`);
    }
    const key = await importSigningKey(json);
    return { signing: key, statusList: key, all: [key], retired: new Map() };
  }
  const set = json as SerializedKeySet;
  if (set.keys.length === 0) throw new TypeError('The key file lists no keys.');
  const all: Array<SigningKey | WithdrawnKey> = [];
  const jwtOnly: Array<RsaJwtKey | WithdrawnKey> = [];
  const retired = new Map<string, string>();
  const revoked = new Map<string, string>();
  const staleSecrets: string[] = [];
  for (const [i, k] of set.keys.entries()) {
    if (!k || typeof k !== 'object') throw new TypeError(`Key ${i + 1} of the key file is not an object.`);
    const state = stateOf(k, i);
    let key: SigningKey | RsaJwtKey | WithdrawnKey;
    try {
      if (state.retiredAt !== undefined || state.revoked !== undefined) {
        key = importWithdrawnKey(k, state);
        if (k.secretKeyMultibase !== undefined || k.privateKeyJwk !== undefined) staleSecrets.push(key.id);
      } else {
        key = k.type === 'JsonWebKey' ? importRsaJwtKey(k) : await importSigningKey(k);
      }
    } catch (error) {
      throw new TypeError(`Key ${i + 1} of the key file: ${(error as Error).message}`);
    }
    if ([...all, ...jwtOnly].some((x) => x.id === key.id)) throw new TypeError(`The key file lists ${key.id} twice.`);
    const first = all[0] ?? jwtOnly[0];
    if (first && key.controller !== first.controller) {
      throw new TypeError('Every key in a key file must have the same controller (the issuer DID).');
    }
    if (state.retiredAt !== undefined) retired.set(key.id, state.retiredAt);
    if (state.revoked !== undefined) revoked.set(key.id, state.revoked);
    if (key.type === 'JsonWebKey') jwtOnly.push(key as RsaJwtKey | WithdrawnKey);
    else all.push(key as SigningKey | WithdrawnKey);
  }
  const find = (id: unknown, what: string): SigningKey => {
    const key = all.find((k) => k.id === id);
    if (!key) throw new TypeError(`The key file's "${what}" must name one of its Multikeys.`);
    if (revoked.has(key.id)) {
      throw new TypeError(
        `The key file's "${what}" names ${key.id}, revoked on ${revoked.get(key.id)}: the issuer never signs with a revoked key.`,
      );
    }
    if (retired.has(key.id)) {
      throw new TypeError(
        `The key file's "${what}" names ${key.id}, retired on ${retired.get(key.id)}: the issuer never signs with a retired key. Use the key file rotate-key wrote.`,
      );
    }
    return key as SigningKey;
  };
  const signing = find(set.signing, 'signing');
  const statusList = set.statusListSigning === undefined ? signing : find(set.statusListSigning, 'statusListSigning');
  return {
    signing,
    statusList,
    all,
    retired,
    revoked,
    jwtOnly,
    ...(staleSecrets.length > 0 && { staleSecrets }),
  };
}

/**
 * Whether `key` can sign for this issuer now: it holds a secret and is neither retired nor
 * revoked.
 *
 * @example
 * canSign(keys, keys.signing); // true
 */
export function canSign(keys: KeySet, key: SigningKey | RsaJwtKey | WithdrawnKey): key is SigningKey | RsaJwtKey {
  if (keys.retired.has(key.id) || keys.revoked?.has(key.id)) return false;
  return 'signer' in key || 'privateKey' in key;
}
