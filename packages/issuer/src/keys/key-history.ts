import type { IssuerStore } from '../store/types.ts';
import type { KeySet } from './key-set.ts';

/** The store document kind under which the data folder remembers the issuer's keys. */
export const KEY_HISTORY_KIND = 'key-history';

/** What the data folder remembers of one key of the issuer. */
interface KeyRecord {
  /** `publicKeyMultibase`, or the public JWK as JSON: the same id must stay the same key. */
  publicKey: string;
  retiredAt?: string;
  revoked?: string;
}

interface KeyHistory {
  keys: Record<string, KeyRecord>;
}

function recordsOf(keys: KeySet): Map<string, KeyRecord> {
  const out = new Map<string, KeyRecord>();
  for (const k of [...keys.all, ...(keys.jwtOnly ?? [])]) {
    const method = k.publicMethod() as Record<string, unknown>;
    const retiredAt = keys.retired.get(k.id);
    const revoked = keys.revoked?.get(k.id);
    out.set(k.id, {
      publicKey: String(method.publicKeyMultibase ?? JSON.stringify(method.publicKeyJwk)),
      ...(retiredAt !== undefined && { retiredAt }),
      ...(revoked !== undefined && { revoked }),
    });
  }
  return out;
}

/**
 * Start-up guard against signing with a retired or revoked key through an old copy of the key
 * file. The data folder remembers every key the issuer has had under its DID, with when it was
 * retired or revoked; a key file that forgets any of it is refused with a message saying what:
 * its signing (or status-list) key was retired or revoked, a key this issuer used is missing (a
 * key file from before a rotation), a key id now holds another public key, or a retirement or
 * revocation has been dropped or re-dated. Otherwise what the key file adds (new keys, retirements,
 * revocations) is remembered. Throws `Error` (never echoing key material).
 *
 * @example
 * await checkKeyHistory(store, keys); // throws: "The signing key … was retired on …"
 */
export async function checkKeyHistory(
  store: Pick<IssuerStore, 'getDocument' | 'putDocument'>,
  keys: KeySet,
): Promise<void> {
  const did = keys.signing.controller;
  const stored = (await store.getDocument(KEY_HISTORY_KIND, did)) as KeyHistory | undefined;
  const known = new Map(Object.entries(stored?.keys ?? {}));
  const now = recordsOf(keys);
  const signers = new Map([
    [keys.statusList.id, 'status-list key'],
    [keys.signing.id, 'signing key'],
  ]);
  const remembered = 'this issuer’s data folder remembers it';
  const problems: string[] = [];
  for (const [id, was] of known) {
    const is = now.get(id);
    const role = signers.get(id);
    if (role !== undefined && (was.revoked !== undefined || was.retiredAt !== undefined)) {
      const what = was.revoked !== undefined ? `revoked on ${was.revoked}` : `retired on ${was.retiredAt}`;
      // The clearest case first: an old key file whose signing key has been withdrawn since.
      problems.unshift(
        `The key file's ${role} ${id} was ${what} (${remembered}); the issuer never signs with a ${was.revoked !== undefined ? 'revoked' : 'retired'} key. Is this a key file from before rotate-key or revoke-key? Start the issuer with the key file they wrote.`,
      );
    } else if (is === undefined) {
      problems.push(
        `The key file lacks ${id}, a key of this issuer (${remembered}): is it a key file from before a rotation? Start the issuer with the current key file.`,
      );
    } else if (is.publicKey !== was.publicKey) {
      problems.push(`The key file's ${id} holds another public key than the one this issuer used under that id.`);
    } else if (was.revoked !== undefined && is.revoked !== was.revoked) {
      problems.push(`The key file does not mark ${id} revoked on ${was.revoked}, as it was (${remembered}).`);
    } else if (was.retiredAt !== undefined && is.retiredAt !== was.retiredAt) {
      problems.push(`The key file does not mark ${id} retired on ${was.retiredAt}, as it was (${remembered}).`);
    }
  }
  if (problems.length > 0) throw new Error(problems.join(' '));
  let changed = stored === undefined;
  for (const [id, is] of now) {
    const was = known.get(id);
    if (was !== undefined && was.retiredAt === is.retiredAt && was.revoked === is.revoked) continue;
    known.set(id, is);
    changed = true;
  }
  if (changed) await store.putDocument(KEY_HISTORY_KIND, did, { keys: Object.fromEntries(known) });
}
