/**
 * Keys and raw JWT builders for the JWT tests. Tokens here are made with `jose` directly (never
 * through `signCredentialJwt`), so they double as interop input: whatever a third party's `jose`
 * makes, we must read.
 */
import { KeyObject, sign, type webcrypto } from 'node:crypto';

type CryptoKey = webcrypto.CryptoKey;

import { didKeyFromPublicKey, encodeBase58btc, encodeEd25519Multikey, type ResolvedJwtKey } from '@repo/core';
import { CompactSign, exportJWK, generateKeyPair, type JWK } from 'jose';

/** An issuer whose did:key the default DID resolver resolves offline. */
export interface DidKeyIssuer {
  did: string;
  kid: string;
  privateKey: CryptoKey;
  publicKey: CryptoKey;
}

/** A fresh Ed25519 key pair made by `jose`, as a did:key issuer. */
export async function didKeyIssuer(): Promise<DidKeyIssuer> {
  const { privateKey, publicKey } = await generateKeyPair('EdDSA', { extractable: true });
  const jwk = await exportJWK(publicKey);
  const raw = new Uint8Array(Buffer.from(jwk.x!, 'base64url'));
  const did = didKeyFromPublicKey(raw);
  return { did, kid: `${did}#${encodeEd25519Multikey(raw)}`, privateKey, publicKey };
}

/** Signs any header and payload as a compact JWS with `jose`'s `CompactSign`. */
export async function rawJwt(
  header: Record<string, unknown>,
  payload: Record<string, unknown> | string,
  key: CryptoKey | KeyObject | Uint8Array,
): Promise<string> {
  const bytes = new TextEncoder().encode(typeof payload === 'string' ? payload : JSON.stringify(payload));
  return new CompactSign(bytes).setProtectedHeader(header as any).sign(key as any);
}

/** `base64url(JSON)` of a value, to hand-build tokens jose refuses to make. */
export function segment(value: unknown): string {
  return Buffer.from(JSON.stringify(value)).toString('base64url');
}

/** The `publicKeyMultibase` of a P-256 (`zDn…`, 0x1200) or P-384 (`z82…`, 0x1201) public JWK: compressed point. */
export function ecMultikey(jwk: JWK): string {
  const x = Buffer.from(jwk.x!, 'base64url');
  const y = Buffer.from(jwk.y!, 'base64url');
  const codec = jwk.crv === 'P-384' ? [0x81, 0x24] : [0x80, 0x24];
  const compressed = Buffer.concat([Buffer.from([...codec, (y.at(-1)! & 1) === 1 ? 0x03 : 0x02]), x]);
  return `z${encodeBase58btc(compressed)}`;
}

/**
 * A compact JWS built by hand and signed with `node:crypto` (Ed25519 keys): for headers `jose`
 * refuses to sign, such as an unknown `crit`.
 */
export function handJwt(header: Record<string, unknown>, payload: unknown, privateKey: CryptoKey | KeyObject): string {
  const input = `${segment(header)}.${segment(payload)}`;
  const key = privateKey instanceof KeyObject ? privateKey : KeyObject.from(privateKey);
  return `${input}.${sign(null, Buffer.from(input), key).toString('base64url')}`;
}

/**
 * A DID resolver over in-memory DID documents (as `createDidResolver().dereference` answers): a DID
 * gives its document, a DID URL the verification method it names.
 */
export function memoryDids(docs: Record<string, unknown>[]): { dereference(didUrl: string): Promise<unknown> } {
  return {
    async dereference(didUrl) {
      const did = didUrl.split('#')[0]!;
      const doc = docs.find((d) => d.id === did) as Record<string, any> | undefined;
      if (!doc) throw new Error(`unknown DID ${did}`);
      if (!didUrl.includes('#')) return structuredClone(doc);
      const vm = (doc.verificationMethod ?? []).find((m: any) => m.id === didUrl);
      if (!vm) throw new Error(`unknown verification method ${didUrl}`);
      return { '@context': doc['@context'], ...structuredClone(vm) };
    },
  };
}

/** A did:web DID document with one verification method, listed as an assertion method unless told. */
export function didDocument(
  did: string,
  method: Record<string, unknown>,
  options: { assertion?: boolean } = {},
): Record<string, unknown> {
  const vm = { id: `${did}#key-1`, controller: did, ...method };
  return {
    '@context': ['https://www.w3.org/ns/did/v1'],
    id: did,
    verificationMethod: [vm],
    ...(options.assertion === false ? { authentication: [vm.id] } : { assertionMethod: [vm.id] }),
  };
}

/** A resolver that answers one fixed key for any kid. */
export function fixedKey(key: ResolvedJwtKey['key'], controller: string) {
  return async (): Promise<ResolvedJwtKey> => ({ key, controller });
}

/** The SPKI PEM bytes of a public key: the "HMAC secret" of the classic alg-confusion attack. */
export function publicPem(key: CryptoKey | KeyObject): Uint8Array {
  const object = key instanceof KeyObject ? key : KeyObject.from(key);
  return new TextEncoder().encode(object.export({ type: 'spki', format: 'pem' }) as string);
}
