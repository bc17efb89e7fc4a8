/**
 * Test factories: signing keys, an offline document loader, signed Open Badges 3.0 credentials,
 * signed Bitstring Status List credentials and signed presentations. Everything is offline and
 * takes the caller's clock; build keys and loaders once per file, credentials once per test.
 */
import { createRequire } from 'node:module';
import { fileURLToPath, pathToFileURL } from 'node:url';
import {
  createDidResolver,
  createDocumentLoader,
  type DidResolver,
  type DocumentLoader,
  encodeList,
  generateSigningKey,
  importSigningKey,
  MIN_LIST_BITS,
  type SigningKey,
  signCredential,
  writeStatus,
} from '@repo/core';
import { loadPinnedContexts } from '@repo/schemas';

/** The instant every test clock starts at unless it says otherwise. */
export const FROZEN_NOW = new Date('2026-06-01T12:00:00Z');

/** Where test status lists live (never fetched: the fetcher is injected). */
export const STATUS_BASE = 'https://status.example.test/lists';

export const VC_V2 = 'https://www.w3.org/ns/credentials/v2';
export const OB_V3P0 = 'https://purl.imsglobal.org/spec/ob/v3p0/context-3.0.3.json';

/** An issuer signing key for a fresh did:key (or did:web) identifier. */
export async function createTestKey(options: { didWeb?: string } = {}): Promise<SigningKey> {
  const { serialized } = await generateSigningKey(options);
  return importSigningKey(serialized);
}

/** What {@link createTestLoader} returns. */
export interface TestLoader {
  contexts: ReadonlyMap<string, unknown>;
  didResolver: DidResolver;
  documentLoader: DocumentLoader;
}

let pinned: ReadonlyMap<string, unknown> | undefined;

/** The pinned contexts (checked against their SHA-256 once per process) and did:key resolution. */
export function createTestLoader(): TestLoader {
  pinned ??= loadPinnedContexts();
  const didResolver = createDidResolver();
  const documentLoader = createDocumentLoader({ contexts: pinned, resolveDid: (u) => didResolver.dereference(u) });
  return { contexts: pinned, didResolver, documentLoader };
}

/** A frozen clock that tests move by hand. */
export interface FrozenClock {
  now: () => Date;
  advance(ms: number): void;
  set(at: Date | string): void;
}

export function frozenClock(start: Date | string = FROZEN_NOW): FrozenClock {
  let t = new Date(start).getTime();
  return {
    now: () => new Date(t),
    advance: (ms) => {
      t += ms;
    },
    set: (at) => {
      t = new Date(at).getTime();
    },
  };
}

/** An ISO date-time without milliseconds, as issuers write them. */
export function isoSeconds(at: Date | number): string {
  return new Date(at).toISOString().replace(/\.\d{3}Z$/, 'Z');
}

let serial = 0;

/** A `BitstringStatusListEntry` (Bitstring Status List v1.0 §2.1). */
export function statusEntry(options: {
  index: string | number;
  purpose?: string;
  url?: string;
  type?: string;
  statusSize?: number;
}): Record<string, unknown> {
  const purpose = options.purpose ?? 'revocation';
  const url = options.url ?? `${STATUS_BASE}/${purpose}/0`;
  const entry: Record<string, unknown> = {
    id: `${url}#${String(options.index)}`,
    type: options.type ?? 'BitstringStatusListEntry',
    statusPurpose: purpose,
    statusListIndex: options.index,
    statusListCredential: url,
  };
  if (options.statusSize !== undefined) entry.statusSize = options.statusSize;
  return entry;
}

/**
 * An unsigned OB 3.0 `OpenBadgeCredential` issued by `issuer` (a DID or a key). `overrides` are
 * shallow-merged; a key whose value is `undefined` is removed.
 */
export function ob3Credential(
  issuer: string | SigningKey,
  overrides: Record<string, unknown> = {},
): Record<string, any> {
  const issuerId = typeof issuer === 'string' ? issuer : issuer.controller;
  serial += 1;
  const credential: Record<string, any> = {
    '@context': [VC_V2, OB_V3P0],
    id: `urn:uuid:00000000-0000-4000-8000-${String(serial).padStart(12, '0')}`,
    type: ['VerifiableCredential', 'OpenBadgeCredential'],
    name: 'Certified Industrial Maintenance Technician',
    issuer: { id: issuerId, type: ['Profile'], name: 'Midwest Industrial Skills Council (test)' },
    validFrom: '2026-01-01T00:00:00Z',
    credentialSubject: {
      id: 'did:example:worker-4f1c',
      type: ['AchievementSubject'],
      achievement: {
        id: 'https://skills-council.example/achievements/cimt-level-1',
        type: ['Achievement'],
        achievementType: 'Certification',
        name: 'Certified Industrial Maintenance Technician — Level 1',
        description: 'Maintains industrial mechanical, electrical and fluid power systems safely.',
        criteria: { narrative: 'Passed the written exam and a proctored practical assessment.' },
      },
    },
  };
  for (const [k, v] of Object.entries(overrides)) {
    if (v === undefined) delete credential[k];
    else credential[k] = v;
  }
  return credential;
}

/** Signs `credential` with `key` (`eddsa-rdfc-2022`), proof `created` at `now`. */
export async function signWith(
  key: SigningKey,
  documentLoader: DocumentLoader,
  credential: Record<string, unknown>,
  now: Date = FROZEN_NOW,
): Promise<Record<string, any>> {
  return signCredential(credential, { key, documentLoader, now });
}

/** A signed OB 3.0 credential of `key`'s issuer (see {@link ob3Credential} for `overrides`). */
export async function signedOb3Credential(
  key: SigningKey,
  documentLoader: DocumentLoader,
  overrides: Record<string, unknown> = {},
  now: Date = FROZEN_NOW,
): Promise<Record<string, any>> {
  return signWith(key, documentLoader, ob3Credential(key, overrides), now);
}

/** Options of {@link signedStatusList}. */
export interface StatusListOptions {
  key: SigningKey;
  documentLoader: DocumentLoader;
  /** The list's URL (its `id`). */
  url: string;
  /** `statusPurpose` of the list: one or several. Default `revocation`. */
  purpose?: string | string[];
  /** Entries set to 1 (or to `value` for wider entries). */
  set?: Array<number | { index: number; value: number }>;
  /** Number of bits in the list. Default 131,072 × statusSize (the minimum, §3.2 step 9). */
  lengthBits?: number;
  statusSize?: number;
  /** `ttl` in ms; `null` leaves it out. Default 300 000. */
  ttl?: number | null;
  /** The `issuer` written in the list; default the key's controller. */
  issuer?: string;
  validFrom?: string;
  validUntil?: string;
  /** Proof `created`; default {@link FROZEN_NOW}. */
  now?: Date;
}

/** A signed `BitstringStatusListCredential` (Bitstring Status List v1.0 §2.2). */
export async function signedStatusList(options: StatusListOptions): Promise<Record<string, any>> {
  const statusSize = options.statusSize ?? 1;
  // §3.2 step 9: a list must hold 131,072 *entries*, so a wider entry needs a longer bitstring.
  const bits = new Uint8Array(Math.ceil((options.lengthBits ?? MIN_LIST_BITS * statusSize) / 8));
  for (const s of options.set ?? []) {
    const { index, value } = typeof s === 'number' ? { index: s, value: 1 } : s;
    writeStatus(bits, index, value, statusSize);
  }
  const now = options.now ?? FROZEN_NOW;
  const subject: Record<string, unknown> = {
    id: `${options.url}#list`,
    type: 'BitstringStatusList',
    statusPurpose: options.purpose ?? 'revocation',
    encodedList: encodeList(bits),
  };
  if (options.ttl !== null) subject.ttl = options.ttl ?? 300_000;
  const list: Record<string, unknown> = {
    '@context': [VC_V2],
    id: options.url,
    type: ['VerifiableCredential', 'BitstringStatusListCredential'],
    issuer: options.issuer ?? options.key.controller,
    validFrom: options.validFrom ?? isoSeconds(now),
    credentialSubject: subject,
  };
  if (options.validUntil !== undefined) list.validUntil = options.validUntil;
  return signCredential(list, { key: options.key, documentLoader: options.documentLoader, now });
}

/**
 * An injected status-list fetcher backed by a map, recording every URL asked for. `publish`
 * replaces what a URL serves (a re-published list); a URL with nothing published throws.
 */
export function statusListServer(): {
  fetchStatusList: (url: string) => Promise<unknown>;
  publish(url: string, doc: unknown): void;
  calls: string[];
} {
  const { fetch, publish, calls } = jsonServer();
  return { fetchStatusList: fetch, publish, calls };
}

/**
 * JSON documents by URL, standing in for a web server: `publish` sets what a URL answers, `fetch`
 * returns a copy and records the URL; an unpublished URL throws (HTTP 404).
 */
export function jsonServer(): {
  fetch: (url: string) => Promise<unknown>;
  publish(url: string, doc: unknown): void;
  calls: string[];
} {
  const docs = new Map<string, unknown>();
  const calls: string[] = [];
  return {
    calls,
    publish: (url, doc) => {
      docs.set(url, doc);
    },
    fetch: async (url) => {
      calls.push(url);
      if (!docs.has(url)) throw new Error(`HTTP 404 for ${url}`);
      return structuredClone(docs.get(url));
    },
  };
}

// `@digitalbazaar/vc` is a dependency of @repo/core, not of the root or the verifier: load it
// from core's own node_modules so the test uses the very copy the project signs with.
const fromCore = createRequire(fileURLToPath(new URL('../../packages/core/package.json', import.meta.url)));
let libs: Promise<any[]> | undefined;

async function digitalBazaar(): Promise<{ vc: any; jsigs: any; DataIntegrityProof: any; cryptosuite: any }> {
  libs ??= Promise.all(
    [
      '@digitalbazaar/vc',
      'jsonld-signatures',
      '@digitalbazaar/data-integrity',
      '@digitalbazaar/eddsa-rdfc-2022-cryptosuite',
    ].map((name) => import(pathToFileURL(fromCore.resolve(name)).href)),
  );
  const [vc, jsigs, di, suite] = await libs;
  return {
    vc,
    jsigs: jsigs.default ?? jsigs,
    DataIntegrityProof: di.DataIntegrityProof,
    cryptosuite: suite.cryptosuite,
  };
}

/** An unsigned VC 2.0 presentation holding `credentials`. */
export function presentation(credentials: unknown[], holder?: string): Record<string, any> {
  const vp: Record<string, any> = {
    '@context': [VC_V2],
    type: ['VerifiablePresentation'],
    verifiableCredential: credentials,
  };
  if (holder !== undefined) vp.holder = holder;
  return vp;
}

/**
 * A presentation signed by `key`'s controller (the holder) with `@digitalbazaar/vc`
 * `signPresentation`: `DataIntegrityProof` + `eddsa-rdfc-2022`, proof purpose `authentication`
 * bound to `challenge` and `domain`.
 */
export async function signedPresentation(options: {
  key: SigningKey;
  documentLoader: DocumentLoader;
  credentials: unknown[];
  challenge: string;
  domain?: string;
  now?: Date;
}): Promise<Record<string, any>> {
  const { vc, jsigs, DataIntegrityProof, cryptosuite } = await digitalBazaar();
  const suite = new DataIntegrityProof({ signer: options.key.signer, date: options.now ?? FROZEN_NOW, cryptosuite });
  const bound: Record<string, unknown> = { challenge: options.challenge };
  if (options.domain !== undefined) bound.domain = options.domain;
  return vc.signPresentation({
    presentation: presentation(options.credentials, options.key.controller),
    suite,
    purpose: new jsigs.purposes.AuthenticationProofPurpose(bound),
    documentLoader: options.documentLoader,
    ...bound,
  });
}
