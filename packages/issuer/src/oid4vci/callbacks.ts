import { createHash, createPrivateKey, createPublicKey, hkdfSync, type KeyObject, randomBytes } from 'node:crypto';
import { type CallbackContext, clientAuthenticationAnonymous, HashAlgorithm, type Jwk } from '@openid4vc/oauth2';
import { CompactSign, compactVerify, importJWK, type JWK } from 'jose';
import type { KeySet } from '../keys/key-set.ts';

/** The key that signs this issuer's OID4VCI access tokens (RFC 9068 `at+jwt`), and its public JWK. */
export interface AccessTokenKey {
  privateKey: KeyObject;
  /** The public key with its `kid` (the RFC 7638 thumbprint), published at the `jwks_uri`. */
  publicJwk: JWK & { kid: string };
}

/** PKCS #8 DER prefix of a raw 32-byte Ed25519 seed (RFC 8410 §7). */
const ED25519_PKCS8_PREFIX = Buffer.from('302e020100300506032b657004220420', 'hex');

/**
 * The access-token key: an Ed25519 key derived with HKDF-SHA256 (RFC 5869) from the issuer's
 * signing key, under its own `info` label. Derived rather than random so that a token handed out
 * before a restart still works after it (the pre-authorized code is single use: a wallet whose
 * token died with the process could never claim); separate from the credential-signing key so
 * that key never signs anything but credentials. A new signing key (rotation) ends the outstanding
 * tokens, which live 5 minutes anyway.
 *
 * @example
 * const { publicJwk } = accessTokenKey(deps.keys);
 */
export function accessTokenKey(keys: KeySet): AccessTokenKey {
  const secret = keys.signing.keyObjects.privateKey.export({ format: 'der', type: 'pkcs8' });
  const seed = Buffer.from(hkdfSync('sha256', secret, Buffer.alloc(0), 'oid4vci access token key v1', 32));
  const privateKey = createPrivateKey({
    key: Buffer.concat([ED25519_PKCS8_PREFIX, seed]),
    format: 'der',
    type: 'pkcs8',
  });
  const jwk = createPublicKey(privateKey).export({ format: 'jwk' }) as JWK;
  // RFC 7638 thumbprint: the required members in lexicographic order, SHA-256, base64url.
  const publicJwk = { crv: jwk.crv!, kty: jwk.kty!, x: jwk.x! };
  const kid = createHash('sha256').update(JSON.stringify(publicJwk)).digest('base64url');
  return { privateKey, publicJwk: { ...publicJwk, kid } };
}

const NODE_HASH: Record<HashAlgorithm, string> = {
  [HashAlgorithm.Sha256]: 'sha256',
  [HashAlgorithm.Sha384]: 'sha384',
  [HashAlgorithm.Sha512]: 'sha512',
};

/**
 * The callbacks the `@openid4vc` libraries need (`CallbackContext`): SHA-2 and randomness from
 * `node:crypto`; `signJwt` signs with the access-token key only (header `{ alg, typ, kid }`);
 * `verifyJwt` verifies a signer given as a public JWK (the access token's key from `jwks_uri`);
 * anonymous client authentication (OID4VCI 1.0 §6.1: pre-authorized code without `client_id`);
 * and a `fetch` that answers only our own `jwks_uri`, from memory, so verifying an access token
 * never goes to the network.
 *
 * @example
 * const callbacks = oid4vciCallbacks(key, `${base}/oid4vci/jwks`);
 */
export function oid4vciCallbacks(
  key: AccessTokenKey,
  jwksUri: string,
): Omit<CallbackContext, 'decryptJwe' | 'encryptJwe'> {
  const fetchJwks = (async (input: string | URL | Request) => {
    const url = typeof input === 'string' ? input : input instanceof URL ? input.href : input.url;
    if (url !== jwksUri) return new Response('not found', { status: 404 });
    return new Response(JSON.stringify({ keys: [{ ...key.publicJwk, use: 'sig', alg: 'EdDSA' }] }), {
      headers: { 'content-type': 'application/jwk-set+json' },
    });
  }) as NonNullable<CallbackContext['fetch']>;
  return {
    hash: (data, alg) => new Uint8Array(createHash(NODE_HASH[alg]).update(data).digest()),
    generateRandom: (length) => new Uint8Array(randomBytes(length)),
    clientAuthentication: clientAuthenticationAnonymous(),
    fetch: fetchJwks,
    async signJwt(signer, { header, payload }) {
      if (signer.method !== 'jwk' || signer.publicJwk.x !== key.publicJwk.x || signer.alg !== 'EdDSA') {
        throw new TypeError('This issuer signs only its access tokens, with its access-token key.');
      }
      const { jwk: _jwk, ...rest } = header;
      const jwt = await new CompactSign(new TextEncoder().encode(JSON.stringify(payload)))
        .setProtectedHeader({ ...rest, alg: 'EdDSA', kid: key.publicJwk.kid })
        .sign(key.privateKey);
      return { jwt, signerJwk: key.publicJwk as Jwk };
    },
    async verifyJwt(signer, { compact }) {
      if (signer.method !== 'jwk') return { verified: false };
      try {
        const publicKey = await importJWK(signer.publicJwk as JWK, signer.alg);
        await compactVerify(compact, publicKey, { algorithms: [signer.alg] });
        return { verified: true, signerJwk: signer.publicJwk };
      } catch {
        return { verified: false };
      }
    },
  };
}
