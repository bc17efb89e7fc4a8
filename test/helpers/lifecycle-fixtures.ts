/**
 * Fixtures for certification lifecycles: the issuer's three status entries (revocation,
 * suspension, and a 2-bit `message` lifecycle entry), 2-bit lifecycle lists with chosen values,
 * renewal policies, and renewed credentials that point at their predecessor (refresh service,
 * `relatedResource`). Offline like `credential-factory.ts`, which they build on.
 */
import { createHash } from 'node:crypto';
import { type DocumentLoader, MIN_LIST_BITS, type SigningKey } from '@repo/core';
import type { RenewalPolicy } from '@repo/schemas';
import {
  jsonServer,
  OB_V3P0,
  ob3Credential,
  signedStatusList,
  signWith,
  statusEntry,
  VC_V2,
} from './credential-factory.ts';

/** Where the test issuer lives (never fetched: fetchers are injected). */
export const CERT_BASE = 'https://certs.example.test';

/** Defines `1EdTechCredentialRefresh` (OB 3.0.3 alone does not; without it signing refuses the term). */
export const OB_EXTENSIONS = 'https://purl.imsglobal.org/spec/ob/v3p0/extensions.json';

/** The achievement of {@link ob3Credential}'s subject. */
export const CERT_ACHIEVEMENT_ID = 'https://skills-council.example/achievements/cimt-level-1';

/** The lifecycle states of the issuer's 2-bit `message` entry, by value. */
export const LIFECYCLE_MESSAGES = [
  { status: '0x0', message: 'active' },
  { status: '0x1', message: 'suspended' },
  { status: '0x2', message: 'revoked' },
  { status: '0x3', message: 'superseded' },
] as const;

/** The value each lifecycle message is written as. */
export const LIFECYCLE = { active: 0, suspended: 1, revoked: 2, superseded: 3 } as const;

export const lifecycleListUrl = (base = CERT_BASE): string => `${base}/status/lifecycle/0`;
export const revocationListUrl = (base = CERT_BASE): string => `${base}/status/revocation/0`;
export const suspensionListUrl = (base = CERT_BASE): string => `${base}/status/suspension/0`;

/**
 * The lifecycle entry exactly as the issuer writes it (Bitstring Status List v1.0 §2.1,
 * `statusPurpose: "message"`, `statusSize: 2`).
 */
export function lifecycleEntry(index: number | string = 123, base = CERT_BASE): Record<string, unknown> {
  const url = lifecycleListUrl(base);
  return {
    id: `${url}#${String(index)}`,
    type: 'BitstringStatusListEntry',
    statusPurpose: 'message',
    statusSize: 2,
    statusListIndex: String(index),
    statusListCredential: url,
    statusMessage: LIFECYCLE_MESSAGES.map((m) => ({ ...m })),
  };
}

/** The three entries of a certification: revocation, suspension (1 bit each) and lifecycle. */
export function certificationStatus(index: number | string = 123, base = CERT_BASE): Record<string, unknown>[] {
  return [
    statusEntry({ index: String(index), purpose: 'revocation', url: revocationListUrl(base) }),
    statusEntry({ index: String(index), purpose: 'suspension', url: suspensionListUrl(base) }),
    lifecycleEntry(index, base),
  ];
}

/**
 * A signed 2-bit `message` list with `values` set ({ index: value }), 131,072 entries × 2 bits
 * unless `lengthBits` says otherwise (Bitstring Status List v1.0 §3.2 step 9).
 */
export function signedLifecycleList(options: {
  key: SigningKey;
  documentLoader: DocumentLoader;
  values?: Record<number, number>;
  url?: string;
  lengthBits?: number;
  now?: Date;
}): Promise<Record<string, any>> {
  return signedStatusList({
    key: options.key,
    documentLoader: options.documentLoader,
    url: options.url ?? lifecycleListUrl(),
    purpose: 'message',
    statusSize: 2,
    lengthBits: options.lengthBits ?? MIN_LIST_BITS * 2,
    set: Object.entries(options.values ?? {}).map(([index, value]) => ({ index: Number(index), value })),
    ...(options.now && { now: options.now }),
  });
}

/** A renewal policy for {@link CERT_ACHIEVEMENT_ID}: 3 years, renewal 6 months before, 90 days' grace. */
export function renewalPolicy(overrides: Partial<RenewalPolicy> = {}): RenewalPolicy {
  return {
    achievementId: CERT_ACHIEVEMENT_ID,
    validityPeriod: 'P3Y',
    renewalWindow: 'P6M',
    gracePeriod: 'P90D',
    ...overrides,
  };
}

/** The refresh URL of a lineage (any credential id of it, URL-encoded). */
export function refreshUrl(credentialId: string, base = CERT_BASE): string {
  return `${base}/credentials/refresh/${encodeURIComponent(credentialId)}`;
}

/** An OB 3.0 `refreshService` for the lineage of `credentialId`. */
export function refreshService(credentialId: string, base = CERT_BASE): Record<string, unknown> {
  return { id: refreshUrl(credentialId, base), type: '1EdTechCredentialRefresh' };
}

/** VC 2.0 §5.3 `relatedResource` naming `predecessor` with an SRI digest of its JSON. */
export function relatedResource(predecessor: Record<string, unknown>): Record<string, unknown>[] {
  const digest = createHash('sha384').update(JSON.stringify(predecessor)).digest('base64');
  return [{ id: predecessor.id, digestSRI: `sha384-${digest}` }];
}

/**
 * An unsigned certification (see {@link ob3Credential}) with the extensions context, so it can
 * carry a `refreshService`; `overrides` are shallow-merged.
 */
export function certification(
  issuer: string | SigningKey,
  overrides: Record<string, unknown> = {},
): Record<string, any> {
  return ob3Credential(issuer, { '@context': [VC_V2, OB_V3P0, OB_EXTENSIONS], ...overrides });
}

/** A signed certification of `key`'s issuer. */
export function signedCertification(
  key: SigningKey,
  documentLoader: DocumentLoader,
  overrides: Record<string, unknown> = {},
  now?: Date,
): Promise<Record<string, any>> {
  return signWith(key, documentLoader, certification(key, overrides), now);
}

/**
 * An injected refresh service backed by a map, recording every URL asked for; `publish` sets what
 * a URL answers (the current credential of a lineage); an unpublished URL throws (HTTP 404).
 */
export function refreshServer(): {
  fetchRefresh: (url: string) => Promise<unknown>;
  publish(url: string, doc: unknown): void;
  calls: string[];
} {
  const { fetch, publish, calls } = jsonServer();
  return { fetchRefresh: fetch, publish, calls };
}
