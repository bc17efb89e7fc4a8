/**
 * Legacy fixtures: VC Data Model 1.1 credentials (`issuanceDate` / `expirationDate`) and W3C CCG
 * Status List 2021 lists and entries, signed with our `signCredential` (`DataIntegrityProof`,
 * `eddsa-rdfc-2022`; the suite adds the Data Integrity v2 context to a VC 1.1 document). Offline;
 * the caller's clock.
 */
import {
  type DocumentLoader,
  encodeList,
  MIN_LIST_BITS,
  type SigningKey,
  signCredential,
  writeStatus,
} from '@repo/core';
import { FROZEN_NOW, isoSeconds, STATUS_BASE } from './credential-factory.ts';

export const VC_V1 = 'https://www.w3.org/2018/credentials/v1';
export const STATUS_LIST_2021_V1 = 'https://w3id.org/vc/status-list/2021/v1';

/** Where test StatusList2021 lists live (never fetched: the fetcher is injected). */
export const SL2021_BASE = `${STATUS_BASE}/sl2021`;

/** A `StatusList2021Entry` (Status List 2021 §2.1); `id` is `<list>#<index>` unless given. */
export function statusList2021Entry(options: {
  index: string | number;
  purpose?: string;
  url?: string;
  id?: string | null;
}): Record<string, unknown> {
  const purpose = options.purpose ?? 'revocation';
  const url = options.url ?? `${SL2021_BASE}/${purpose}/0`;
  const entry: Record<string, unknown> = {
    id: options.id ?? `${url}#${String(options.index)}`,
    type: 'StatusList2021Entry',
    statusPurpose: purpose,
    statusListIndex: options.index,
    statusListCredential: url,
  };
  if (options.id === null) delete entry.id;
  return entry;
}

let serial = 0;

/**
 * An unsigned VC 1.1 credential (§4.1 `@context` credentials/v1 first, then the Status List 2021
 * context; §4.6 `issuanceDate`) issued by `issuer`. `overrides` are shallow-merged; a key whose
 * value is `undefined` is removed.
 */
export function vc11Credential(
  issuer: string | SigningKey,
  overrides: Record<string, unknown> = {},
): Record<string, any> {
  serial += 1;
  const credential: Record<string, any> = {
    '@context': [VC_V1, STATUS_LIST_2021_V1],
    id: `urn:uuid:00000000-0000-4000-9000-${String(serial).padStart(12, '0')}`,
    type: ['VerifiableCredential'],
    issuer: typeof issuer === 'string' ? issuer : issuer.controller,
    issuanceDate: '2026-01-01T00:00:00Z',
    credentialSubject: { id: 'did:example:worker-4f1c' },
  };
  for (const [k, v] of Object.entries(overrides)) {
    if (v === undefined) delete credential[k];
    else credential[k] = v;
  }
  return credential;
}

/** A signed VC 1.1 credential of `key`'s issuer (see {@link vc11Credential}). */
export async function signedVc11Credential(
  key: SigningKey,
  documentLoader: DocumentLoader,
  overrides: Record<string, unknown> = {},
  now: Date = FROZEN_NOW,
): Promise<Record<string, any>> {
  return signCredential(vc11Credential(key, overrides), { key, documentLoader, now });
}

/** Options of {@link signedStatusList2021}. */
export interface StatusList2021Options {
  key: SigningKey;
  documentLoader: DocumentLoader;
  /** The list's URL (its `id`). */
  url: string;
  /** `credentialSubject.statusPurpose`. Default `revocation`. */
  purpose?: unknown;
  /** Indexes set to 1. */
  set?: number[];
  /** Number of bits. Default 131,072 (16 KB, §2.2). */
  lengthBits?: number;
  /** `encodedList` as written; default the spec's form (GZIP + base64url, no prefix). */
  encodedList?: string;
  /** The `issuer` written in the list; default the key's controller. */
  issuer?: string;
  issuanceDate?: string;
  expirationDate?: string;
  /** Changes made to the unsigned list just before signing (wrong types, VC 2.0 dates…). */
  edit?: (list: Record<string, any>) => void;
  /** Proof `created`; default {@link FROZEN_NOW}. */
  now?: Date;
}

/** The bits of a list with `set` indexes at 1 (index 0 = left-most bit, §5.1). */
export function listBits(set: number[] = [], lengthBits: number = MIN_LIST_BITS): Uint8Array {
  const bits = new Uint8Array(Math.ceil(lengthBits / 8));
  for (const i of set) writeStatus(bits, i, 1);
  return bits;
}

/** A signed VC 1.1 `StatusList2021Credential` (Status List 2021 §2.2, Example 2). */
export async function signedStatusList2021(options: StatusList2021Options): Promise<Record<string, any>> {
  const now = options.now ?? FROZEN_NOW;
  const list: Record<string, any> = {
    '@context': [VC_V1, STATUS_LIST_2021_V1],
    id: options.url,
    type: ['VerifiableCredential', 'StatusList2021Credential'],
    issuer: options.issuer ?? options.key.controller,
    issuanceDate: options.issuanceDate ?? isoSeconds(now),
    credentialSubject: {
      id: `${options.url}#list`,
      type: 'StatusList2021',
      statusPurpose: options.purpose ?? 'revocation',
      encodedList: options.encodedList ?? encodeList(listBits(options.set, options.lengthBits), { multibase: false }),
    },
  };
  if (options.expirationDate !== undefined) list.expirationDate = options.expirationDate;
  options.edit?.(list);
  return signCredential(list, { key: options.key, documentLoader: options.documentLoader, now });
}
