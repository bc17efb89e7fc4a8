/**
 * JWT fixtures for the verifier tests: issuers whose keys `jose` makes, tokens `jose` signs
 * directly (interop input: not made by our signer), and in-memory did:web documents.
 */
import type { webcrypto } from 'node:crypto';
import { didKeyFromPublicKey, encodeBase58btc, encodeEd25519Multikey } from '@repo/core';
import { CompactSign, exportJWK, generateKeyPair, type JWK } from 'jose';

type CryptoKey = webcrypto.CryptoKey;

/** An Ed25519 did:key issuer whose key pair `jose` generated. */
export interface JoseIssuer {
  did: string;
  kid: string;
  privateKey: CryptoKey;
}

export async function joseDidKeyIssuer(): Promise<JoseIssuer> {
  const { privateKey, publicKey } = await generateKeyPair('EdDSA');
  const raw = new Uint8Array(Buffer.from((await exportJWK(publicKey)).x!, 'base64url'));
  const did = didKeyFromPublicKey(raw);
  return { did, kid: `${did}#${encodeEd25519Multikey(raw)}`, privateKey };
}

/** A compact JWS over any header and payload, signed by `jose`'s `CompactSign`. */
export function joseJwt(header: Record<string, unknown>, payload: unknown, key: CryptoKey): Promise<string> {
  return new CompactSign(new TextEncoder().encode(JSON.stringify(payload))).setProtectedHeader(header as any).sign(key);
}

/** `base64url(JSON)`, to build a token by hand. */
export function segment(value: unknown): string {
  return Buffer.from(JSON.stringify(value)).toString('base64url');
}

/** Seconds since the epoch of an ISO date-time (a JWT NumericDate). */
export function seconds(iso: string): number {
  return Date.parse(iso) / 1000;
}

/** The P-256 `publicKeyMultibase` (`zDn…`) of a public JWK. */
export function p256Multikey(jwk: JWK): string {
  const y = Buffer.from(jwk.y!, 'base64url');
  const prefix = Buffer.from([0x80, 0x24, (y.at(-1)! & 1) === 1 ? 0x03 : 0x02]);
  return `z${encodeBase58btc(Buffer.concat([prefix, Buffer.from(jwk.x!, 'base64url')]))}`;
}

/**
 * A DID resolver (`dereference`) over in-memory DID documents, falling back to `fallback` (the
 * offline did:key resolver) for any other DID.
 */
export function withDidDocuments(
  docs: Record<string, any>[],
  fallback: { dereference(didUrl: string): Promise<unknown> },
): { dereference(didUrl: string): Promise<unknown> } {
  return {
    async dereference(didUrl) {
      const did = didUrl.split('#')[0]!;
      const doc = docs.find((d) => d.id === did);
      if (!doc) return fallback.dereference(didUrl);
      if (!didUrl.includes('#')) return structuredClone(doc);
      const vm = doc.verificationMethod.find((m: { id: string }) => m.id === didUrl);
      if (!vm) throw new Error(`no ${didUrl}`);
      return { '@context': doc['@context'], ...structuredClone(vm) };
    },
  };
}

/** A did:web document with one assertion method `#key-1`. */
export function didWebDocument(did: string, method: Record<string, unknown>): Record<string, unknown> {
  const id = `${did}#key-1`;
  return {
    '@context': ['https://www.w3.org/ns/did/v1'],
    id: did,
    verificationMethod: [{ id, controller: did, ...method }],
    assertionMethod: [id],
  };
}
