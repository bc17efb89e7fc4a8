/**
 * did:key for Ed25519 keys (https://w3c-ccg.github.io/did-key-spec/), as a `did-resolver` driver.
 * The document is built from the identifier alone: no I/O.
 */
import type { DIDDocument, DIDResolutionResult, DIDResolver, ParsedDID, VerificationMethod } from 'did-resolver';
import { decodeBase58btc, encodeBase58btc } from './base58btc.ts';

/** Multicodec `ed25519-pub` (0xed) as an unsigned varint: `0xed 0x01`. */
const ED25519_PUB_PREFIX = [0xed, 0x01] as const;
const ED25519_PUBLIC_KEY_LENGTH = 32;

/**
 * JSON-LD context of the `Multikey` verification method type.
 *
 * @example
 * const vm = { '@context': MULTIKEY_CONTEXT_V1, id, type: 'Multikey', controller, publicKeyMultibase };
 */
/** The DID Core verification relationships (DID Core §5.3). */
export const DID_RELATIONSHIPS = [
  'authentication',
  'assertionMethod',
  'keyAgreement',
  'capabilityInvocation',
  'capabilityDelegation',
] as const;

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
 * Builds the DID document of an Ed25519 did:key, or `undefined` when the identifier is not one.
 *
 * @example
 * didKeyDocument('did:key:z6MkiTBz1ymuepAQ4HEHYSF1H8quG5GLVVQR3djdX3mDooWp')?.verificationMethod?.[0]?.type; // 'Multikey'
 */
export function didKeyDocument(did: string): DIDDocument | undefined {
  if (!did.startsWith('did:key:')) return undefined;
  const multibase = did.slice('did:key:'.length);
  if (decodeEd25519Multikey(multibase) === undefined) return undefined;
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
 * `did-resolver` driver for Ed25519 did:key. Malformed keys (not `z`, bad base58, another codec,
 * wrong length) give an `invalidDid` result.
 *
 * @example
 * const resolver = new Resolver({ key: didKeyResolver });
 * const { didDocument } = await resolver.resolve('did:key:z6MkiTBz1ymuepAQ4HEHYSF1H8quG5GLVVQR3djdX3mDooWp');
 */
export const didKeyResolver: DIDResolver = async (_did: string, parsed: ParsedDID) => {
  const didDocument = parsed.method === 'key' ? didKeyDocument(parsed.did) : undefined;
  if (didDocument === undefined) {
    return invalidDid('Not an Ed25519 did:key (expected did:key:z6Mk… with a 32-byte key).');
  }
  return {
    didResolutionMetadata: { contentType: 'application/did+ld+json' },
    didDocument,
    didDocumentMetadata: {},
  };
};
