// Shared set-up of the proof tests: offline document loaders, the OB 3.0 fixture in VC 1.1 and 2.0
// shapes, W3C vector files, tamper helpers and the RFC 6979 nonce check of deterministic ECDSA.
import { createHash, createHmac, sign as nodeSign } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { createDidResolver, createDocumentLoader, encodeBase58btc, type SigningKey } from '@repo/core';
import { loadPinnedContexts } from '@repo/schemas';
import canonicalize from 'canonicalize';

/** `test/vectors/` at the repository root. */
export const VECTORS = new URL('../../../../test/vectors/', import.meta.url);

/** The W3C examples context the spec vectors use (stored with the eddsa-rdfc-2022 vectors). */
export const EXAMPLES_V2_URL = 'https://www.w3.org/ns/credentials/examples/v2';

export const VC_V1 = 'https://www.w3.org/2018/credentials/v1';
export const OB_303 = 'https://purl.imsglobal.org/spec/ob/v3p0/context-3.0.3.json';
export const OB_300 = 'https://purl.imsglobal.org/spec/ob/v3p0/context.json';
export const ED25519_2020 = 'https://w3id.org/security/suites/ed25519-2020/v1';
export const DATA_INTEGRITY_V2 = 'https://w3id.org/security/data-integrity/v2';

/** A vector file's text, path relative to `test/vectors/`. */
export const readVector = (path: string): string => readFileSync(new URL(path, VECTORS), 'utf8');
/** A vector file's JSON, path relative to `test/vectors/`. */
export const readVectorJson = (path: string): any => JSON.parse(readVector(path));

/** Our did:key / did:web resolver (offline for did:key). */
export const resolver = createDidResolver();

/** Pinned contexts and DIDs from {@link resolver}: what the verifier itself loads. */
export const documentLoader = createDocumentLoader({
  contexts: loadPinnedContexts(),
  resolveDid: (u) => resolver.dereference(u),
});

/** {@link documentLoader} plus the W3C examples context, for the spec vectors. */
export const vectorDocumentLoader = (() => {
  const contexts = loadPinnedContexts();
  contexts.set(EXAMPLES_V2_URL, readVectorJson('eddsa-rdfc-2022/credentials-examples-v2.jsonld'));
  return createDocumentLoader({ contexts, resolveDid: (u) => resolver.dereference(u) });
})();

const fixture = JSON.parse(
  readFileSync(new URL('../../../../test/fixtures/ob3-certification.json', import.meta.url), 'utf8'),
);

/** The OB 3.0 fixture as a VC 1.1 credential (`issuanceDate`, VCDM 1.1 context first). */
export function ob3v11(issuer: string, extraContexts: string[] = [], obContext = OB_303): any {
  const { validUntil: _validUntil, '@context': _context, ...rest } = structuredClone(fixture);
  return {
    '@context': [VC_V1, obContext, ...extraContexts],
    ...rest,
    id: 'urn:uuid:1e900000-0000-4000-8000-000000000001',
    issuer: { ...rest.issuer, id: issuer },
    issuanceDate: '2026-01-01T00:00:00Z',
    expirationDate: '2029-06-30T23:59:59Z',
  };
}

/** The OB 3.0 fixture as a VC 2.0 credential issued by `issuer`. */
export function ob3v2(issuer: string): any {
  const c = structuredClone(fixture);
  c.id = 'urn:uuid:1e900000-0000-4000-8000-000000000002';
  c.issuer.id = issuer;
  c.validFrom = '2026-01-01T00:00:00Z';
  return c;
}

const B58 = '123456789ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz';

/**
 * T2: the multibase / base64url string with one character changed (to the next base58 digit, so
 * the value stays well-formed and decodes to other bytes).
 */
export function flipChar(value: string, index = 20): string {
  const c = value[index]!;
  const next = B58[(B58.indexOf(c) + 1) % B58.length] ?? (c === 'A' ? 'B' : 'A');
  return `${value.slice(0, index)}${next}${value.slice(index + 1)}`;
}

/** Curve parameters needed to recover and recompute the ECDSA nonce (SEC 2 / FIPS 186-5). */
export const CURVES = {
  'P-256': {
    hash: 'sha256',
    curve: 'prime256v1',
    n: 0xffffffff00000000ffffffffffffffffbce6faada7179e84f3b9cac2fc632551n,
  },
  'P-384': {
    hash: 'sha384',
    curve: 'secp384r1',
    n: 0xffffffffffffffffffffffffffffffffffffffffffffffffc7634d81f4372ddf581a0db248b0a77aecec196accc52973n,
  },
} as const;

const toBig = (bytes: Uint8Array): bigint => BigInt(`0x${Buffer.from(bytes).toString('hex') || '0'}`);
const toBytes = (n: bigint, length: number): Buffer => Buffer.from(n.toString(16).padStart(length * 2, '0'), 'hex');
function modPow(base: bigint, exp: bigint, m: bigint): bigint {
  let result = 1n;
  let b = ((base % m) + m) % m;
  for (let e = exp; e > 0n; e >>= 1n) {
    if (e & 1n) result = (result * b) % m;
    b = (b * b) % m;
  }
  return result;
}

/** RFC 6979 §3.2 deterministic nonce, for curves whose order length equals the hash length. */
function rfc6979Nonce(d: bigint, digest: Buffer, n: bigint, hash: string): bigint {
  const size = digest.length;
  const x = toBytes(d, size);
  const h1 = toBytes(toBig(digest) % n, size);
  let v = Buffer.alloc(size, 0x01);
  let k = Buffer.alloc(size, 0x00);
  const mac = (key: Buffer, ...parts: Buffer[]) => createHmac(hash, key).update(Buffer.concat(parts)).digest();
  k = mac(k, v, Buffer.from([0x00]), x, h1);
  v = mac(k, v);
  k = mac(k, v, Buffer.from([0x01]), x, h1);
  v = mac(k, v);
  for (;;) {
    v = mac(k, v);
    const candidate = toBig(v);
    if (candidate >= 1n && candidate < n) return candidate;
    k = mac(k, v, Buffer.from([0x00]));
    v = mac(k, v);
  }
}

/**
 * Whether an ECDSA signature `r ‖ s` (that verifies) of `message` by secret scalar `secret` used
 * the RFC 6979 nonce: recover k = s⁻¹(z + r·d) mod n and compare. With a valid signature, equal
 * nonces mean the signature is the deterministic one, reproduced byte for byte.
 */
export function usesRfc6979Nonce(
  algorithm: keyof typeof CURVES,
  secret: Uint8Array,
  message: Uint8Array,
  signature: Uint8Array,
): boolean {
  const c = CURVES[algorithm];
  const size = signature.length / 2;
  const d = toBig(secret);
  const digest = createHash(c.hash).update(message).digest();
  const r = toBig(signature.subarray(0, size));
  const s = toBig(signature.subarray(size));
  const k = (modPow(s, c.n - 2n, c.n) * ((toBig(digest) + r * d) % c.n)) % c.n;
  return k === rfc6979Nonce(d, digest, c.n, c.hash);
}

/**
 * An independent JCS signer — `canonicalize` and `node:crypto`, no Digital Bazaar code — following
 * "Create Proof" §3.3.1 of the EdDSA / ECDSA cryptosuites (`withContext: false` leaves out step 2,
 * as pre-2025 implementations did). The document may already hold `proof`: the previous proofs of
 * a chain (Data Integrity 1.0 §4.3 step 6), which are then signed over and replaced by `keep`.
 */
export function jcsSign(
  doc: any,
  key: SigningKey,
  options: { created?: string; withContext?: boolean; proof?: Record<string, unknown>; keep?: unknown[] } = {},
): any {
  const cryptosuite = key.algorithm === 'Ed25519' ? 'eddsa-jcs-2022' : 'ecdsa-jcs-2019';
  const proof: Record<string, unknown> = {
    type: 'DataIntegrityProof',
    cryptosuite,
    created: options.created ?? '2026-01-01T00:00:00Z',
    verificationMethod: key.id,
    proofPurpose: 'assertionMethod',
    ...options.proof,
  };
  if (options.withContext !== false && doc['@context'] !== undefined) proof['@context'] = doc['@context'];
  const hash = key.algorithm === 'P-384' ? 'sha384' : 'sha256';
  const h = (value: unknown) => createHash(hash).update(canonicalize(value)!, 'utf8').digest();
  const data = Buffer.concat([h(proof), h(doc)]);
  const { privateKey } = key.keyObjects;
  const signature =
    key.algorithm === 'Ed25519'
      ? nodeSign(null, data, privateKey)
      : nodeSign(hash, data, { key: privateKey, dsaEncoding: 'ieee-p1363' });
  const signed = { ...proof, proofValue: `z${encodeBase58btc(signature)}` };
  const { proof: _previous, ...rest } = doc;
  return { ...rest, proof: options.keep ? [...options.keep, signed] : signed };
}
