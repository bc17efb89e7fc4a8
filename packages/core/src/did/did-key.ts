/**
 * did:key (https://w3c-ccg.github.io/did-key-spec/) for Ed25519, P-256 and P-384 Multikeys, as a
 * `did-resolver` driver. The document is built from the identifier alone: no I/O.
 */
import { ECDH } from 'node:crypto';
import type { DIDDocument, DIDResolutionResult, DIDResolver, ParsedDID, VerificationMethod } from 'did-resolver';
import { decodeBase58btc, encodeBase58btc } from './base58btc.ts';

/** Multicodec `ed25519-pub` (0xed) as an unsigned varint: `0xed 0x01`. */
const ED25519_PUB_PREFIX = [0xed, 0x01] as const;
const ED25519_PUBLIC_KEY_LENGTH = 32;

/** The key algorithms a did:key / Multikey of ours can hold. */
export type MultikeyAlgorithm = 'Ed25519' | 'P-256' | 'P-384';

/**
 * Per algorithm: the multicodec of its public key as an unsigned varint, the length of the
 * (compressed, for ECDSA) public key, and the OpenSSL curve name used to check the point.
 * `p256-pub` is 0x1200 (varint `0x80 0x24`), `p384-pub` 0x1201 (varint `0x81 0x24`).
 */
const MULTIKEY_CODECS: Readonly<
  Record<MultikeyAlgorithm, { prefix: readonly [number, number]; length: number; curve?: string }>
> = {
  Ed25519: { prefix: ED25519_PUB_PREFIX, length: ED25519_PUBLIC_KEY_LENGTH },
  'P-256': { prefix: [0x80, 0x24], length: 33, curve: 'prime256v1' },
  'P-384': { prefix: [0x81, 0x24], length: 49, curve: 'secp384r1' },
};

/** The DID Core verification relationships (DID Core §5.3). */
export const DID_RELATIONSHIPS = [
  'authentication',
  'assertionMethod',
  'keyAgreement',
  'capabilityInvocation',
  'capabilityDelegation',
] as const;

/**
 * JSON-LD context of the `Multikey` verification method type.
 *
 * @example
 * const vm = { '@context': MULTIKEY_CONTEXT_V1, id, type: 'Multikey', controller, publicKeyMultibase };
 */
export const MULTIKEY_CONTEXT_V1 = 'https://w3id.org/security/multikey/v1';
/**
 * JSON-LD context of DID documents.
 *
 * @example
 * const doc = { '@context': [DID_CONTEXT_V1, MULTIKEY_CONTEXT_V1], id: did };
 */
export const DID_CONTEXT_V1 = 'https://www.w3.org/ns/did/v1';

/**
 * Decodes an Ed25519 `publicKeyMultibase` (`z6Mk…`: base58btc, multicodec 0xed01, 32 key bytes) to
 * the raw public key. Returns `undefined` for a bad prefix, bad base58, another codec or a wrong
 * length.
 *
 * @example
 * decodeEd25519Multikey('z6MkiTBz1ymuepAQ4HEHYSF1H8quG5GLVVQR3djdX3mDooWp')?.length; // 32
 */
export function decodeEd25519Multikey(multibase: string): Uint8Array | undefined {
  if (!multibase.startsWith('z')) return undefined;
  const bytes = decodeBase58btc(multibase.slice(1), 64);
  if (bytes === undefined) return undefined;
  if (bytes.length !== ED25519_PUB_PREFIX.length + ED25519_PUBLIC_KEY_LENGTH) return undefined;
  if (bytes[0] !== ED25519_PUB_PREFIX[0] || bytes[1] !== ED25519_PUB_PREFIX[1]) return undefined;
  return bytes.slice(ED25519_PUB_PREFIX.length);
}

/**
 * Encodes a raw 32-byte Ed25519 public key as `publicKeyMultibase` (`z6Mk…`).
 *
 * @example
 * const multibase = encodeEd25519Multikey(rawPublicKey); // 'z6Mk…'
 */
export function encodeEd25519Multikey(publicKey: Uint8Array): string {
  if (publicKey.length !== ED25519_PUBLIC_KEY_LENGTH) {
    throw new TypeError(`An Ed25519 public key is ${ED25519_PUBLIC_KEY_LENGTH} bytes, not ${publicKey.length}`);
  }
  const bytes = new Uint8Array(ED25519_PUB_PREFIX.length + ED25519_PUBLIC_KEY_LENGTH);
  bytes.set(ED25519_PUB_PREFIX, 0);
  bytes.set(publicKey, ED25519_PUB_PREFIX.length);
  return `z${encodeBase58btc(bytes)}`;
}

/** A decoded `publicKeyMultibase`: the algorithm and the raw (compressed, for ECDSA) public key. */
export interface DecodedMultikey {
  algorithm: MultikeyAlgorithm;
  publicKey: Uint8Array;
}

/**
 * Decodes a `publicKeyMultibase` of any supported algorithm: Ed25519 (`z6Mk…`, multicodec 0xed,
 * 32 bytes), P-256 (`zDn…`, 0x1200, 33-byte compressed point) or P-384 (`z82…`, 0x1201, 49-byte
 * compressed point). ECDSA points must be compressed (first byte 2 or 3) and lie on the curve.
 * Returns `undefined` for anything else: bad multibase or base58, another codec, a wrong length,
 * an uncompressed or off-curve point.
 *
 * @example
 * decodeMultikey('zDnaepBuvsQ8cpsWrVKw8fbpGpvPeNSjVPTWoq6cRqaYzBKVP')?.algorithm; // 'P-256'
 */
export function decodeMultikey(multibase: string): DecodedMultikey | undefined {
  if (typeof multibase !== 'string' || !multibase.startsWith('z')) return undefined;
  const bytes = decodeBase58btc(multibase.slice(1), 80);
  if (bytes === undefined) return undefined;
  for (const [algorithm, codec] of Object.entries(MULTIKEY_CODECS) as Array<
    [MultikeyAlgorithm, (typeof MULTIKEY_CODECS)[MultikeyAlgorithm]]
  >) {
    if (bytes[0] !== codec.prefix[0] || bytes[1] !== codec.prefix[1]) continue;
    if (bytes.length !== codec.prefix.length + codec.length) return undefined;
    const publicKey = bytes.slice(codec.prefix.length);
    if (codec.curve !== undefined) {
      if (publicKey[0] !== 0x02 && publicKey[0] !== 0x03) return undefined;
      try {
        // Throws for a point that is not on the curve.
        ECDH.convertKey(publicKey, codec.curve, undefined, undefined, 'uncompressed');
      } catch {
        return undefined;
      }
    }
    return { algorithm, publicKey };
  }
  return undefined;
}

/**
 * Encodes a raw public key as `publicKeyMultibase`: 32 bytes for Ed25519, a compressed point
 * (33 / 49 bytes) for P-256 / P-384.
 *
 * @example
 * encodeMultikey('P-256', compressedPoint); // 'zDn…'
 */
export function encodeMultikey(algorithm: MultikeyAlgorithm, publicKey: Uint8Array): string {
  const codec = MULTIKEY_CODECS[algorithm];
  if (codec === undefined) throw new TypeError(`Unsupported key algorithm "${String(algorithm)}".`);
  if (publicKey.length !== codec.length) {
    throw new TypeError(`A ${algorithm} public key is ${codec.length} bytes, not ${publicKey.length}`);
  }
  const bytes = new Uint8Array(codec.prefix.length + codec.length);
  bytes.set(codec.prefix, 0);
  bytes.set(publicKey, codec.prefix.length);
  return `z${encodeBase58btc(bytes)}`;
}

/**
 * The did:key DID of a raw 32-byte Ed25519 public key.
 *
 * @example
 * didKeyFromPublicKey(rawPublicKey); // 'did:key:z6Mk…'
 */
export function didKeyFromPublicKey(publicKey: Uint8Array): string {
  return `did:key:${encodeEd25519Multikey(publicKey)}`;
}

function invalidDid(message: string): DIDResolutionResult {
  return {
    didResolutionMetadata: { error: 'invalidDid', message },
    didDocument: null,
    didDocumentMetadata: {},
  };
}

/**
 * Builds the DID document of an Ed25519, P-256 or P-384 did:key (one `Multikey` verification
 * method), or `undefined` when the identifier is not one.
 *
 * @example
 * didKeyDocument('did:key:z6MkiTBz1ymuepAQ4HEHYSF1H8quG5GLVVQR3djdX3mDooWp')?.verificationMethod?.[0]?.type; // 'Multikey'
 */
export function didKeyDocument(did: string): DIDDocument | undefined {
  if (!did.startsWith('did:key:')) return undefined;
  const multibase = did.slice('did:key:'.length);
  if (decodeMultikey(multibase) === undefined) return undefined;
  const vmId = `${did}#${multibase}`;
  const verificationMethod: VerificationMethod = {
    id: vmId,
    type: 'Multikey',
    controller: did,
    publicKeyMultibase: multibase,
  };
  return {
    '@context': [DID_CONTEXT_V1, MULTIKEY_CONTEXT_V1],
    id: did,
    verificationMethod: [verificationMethod],
    authentication: [vmId],
    assertionMethod: [vmId],
    capabilityInvocation: [vmId],
    capabilityDelegation: [vmId],
  };
}

/**
 * `did-resolver` driver for did:key with Ed25519 (`z6Mk…`), P-256 (`zDn…`) or P-384 (`z82…`)
 * keys. Malformed keys (not `z`, bad base58, another codec, wrong length, a point not on the
 * curve) give an `invalidDid` result.
 *
 * @example
 * const resolver = new Resolver({ key: didKeyResolver });
 * const { didDocument } = await resolver.resolve('did:key:z6MkiTBz1ymuepAQ4HEHYSF1H8quG5GLVVQR3djdX3mDooWp');
 */
export const didKeyResolver: DIDResolver = async (_did: string, parsed: ParsedDID) => {
  const didDocument = parsed.method === 'key' ? didKeyDocument(parsed.did) : undefined;
  if (didDocument === undefined) {
    return invalidDid(
      'Not a supported did:key (expected Ed25519 z6Mk… with a 32-byte key, or P-256 zDn… / P-384 z82… with a compressed point).',
    );
  }
  return {
    didResolutionMetadata: { contentType: 'application/did+ld+json' },
    didDocument,
    didDocumentMetadata: {},
  };
};
