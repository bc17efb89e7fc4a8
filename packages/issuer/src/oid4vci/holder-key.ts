import { publicJwkFromMultikey } from '@repo/core';
import type { JWK } from 'jose';
import { OAuthError } from './oauth-error.ts';

/** The key a wallet's key proof is signed with, and the DID the credential is bound to. */
export interface HolderKey {
  /** `did:key:…` or `did:jwk:…`: becomes `credentialSubject.id`. */
  did: string;
  /** The public key (no private members). */
  jwk: JWK;
}

const invalidProof = (detail: string) => new OAuthError('invalid_proof', detail);

/** The key types and curves a holder key may be (the ones {@link PROOF_SIGNING_ALGS} sign with). */
const CURVES: Readonly<Record<string, readonly string[]>> = { OKP: ['Ed25519'], EC: ['P-256', 'P-384'] };

/**
 * A public JWK of a supported kind, copied to its public members only; refuses private or
 * symmetric key material (OID4VCI 1.0 §F.4: "the header parameter does not contain a private key").
 */
export function publicHolderJwk(value: unknown, where: string): JWK {
  if (!value || typeof value !== 'object' || Array.isArray(value)) throw invalidProof(`${where} is not a JWK object.`);
  const jwk = value as Record<string, unknown>;
  for (const secret of ['d', 'p', 'q', 'dp', 'dq', 'qi', 'k']) {
    if (secret in jwk) throw invalidProof(`${where} holds private key material (${secret}); send the public key only.`);
  }
  const kty = String(jwk.kty);
  const crv = String(jwk.crv);
  if (!CURVES[kty]?.includes(crv) || typeof jwk.x !== 'string' || (kty === 'EC' && typeof jwk.y !== 'string')) {
    throw invalidProof(`${where} must be an Ed25519, P-256 or P-384 public key.`);
  }
  return kty === 'OKP' ? { kty, crv, x: jwk.x } : { kty, crv, x: jwk.x, y: jwk.y as string };
}

/**
 * The did:jwk DID of a public JWK (did:jwk spec §2.1: base64url of the JWK's UTF-8 JSON).
 *
 * @example
 * didJwkOf({ kty: 'OKP', crv: 'Ed25519', x: '…' }); // 'did:jwk:eyJrdHkiOiJPS1AiLC…'
 */
export function didJwkOf(jwk: JWK): string {
  return `did:jwk:${Buffer.from(JSON.stringify(jwk), 'utf8').toString('base64url')}`;
}

/**
 * Finds the holder's key in a key proof's JOSE header (OID4VCI 1.0 §F.1): `kid` as a DID URL of
 * did:key (fragment = the multibase key, did:key §3.1) or did:jwk (fragment `0`, did:jwk §2.2),
 * or a bare `jwk` (bound as its did:jwk). Exactly one of them; `x5c` and other DID methods are
 * refused with `invalid_proof`.
 *
 * @example
 * holderKeyOf({ alg: 'EdDSA', kid: 'did:key:z6Mk…#z6Mk…' }).did; // 'did:key:z6Mk…'
 */
export function holderKeyOf(header: Record<string, unknown>): HolderKey {
  const present = ['kid', 'jwk', 'x5c'].filter((k) => header[k] !== undefined);
  if (present.length !== 1 || present[0] === 'x5c') {
    throw invalidProof('The key proof header must name the holder key by exactly one of kid (a DID URL) or jwk.');
  }
  if (header.jwk !== undefined) {
    const jwk = publicHolderJwk(header.jwk, 'The jwk header');
    return { did: didJwkOf(jwk), jwk };
  }
  const kid = header.kid;
  if (typeof kid !== 'string' || !kid.includes('#')) {
    throw invalidProof('The key proof kid must be a DID URL with a fragment (did:key or did:jwk).');
  }
  const [did, fragment] = kid.split('#', 2) as [string, string];
  if (did.startsWith('did:key:')) {
    const multibase = did.slice('did:key:'.length);
    const jwk = publicJwkFromMultikey(multibase);
    if (!jwk || fragment !== multibase) {
      throw invalidProof(`${kid} is not the key of a did:key (Ed25519, P-256 or P-384; fragment = the key).`);
    }
    return { did, jwk };
  }
  if (did.startsWith('did:jwk:')) {
    let decoded: unknown;
    try {
      const text = did.slice('did:jwk:'.length);
      if (!/^[A-Za-z0-9_-]+$/.test(text)) throw new Error('not base64url');
      decoded = JSON.parse(Buffer.from(text, 'base64url').toString('utf8'));
    } catch {
      throw invalidProof(`${did} does not hold a base64url-encoded JWK.`);
    }
    const jwk = publicHolderJwk(decoded, 'The did:jwk key');
    if (fragment !== '0') throw invalidProof(`A did:jwk has one verification method, ${did}#0.`);
    if ((decoded as { use?: unknown }).use === 'enc') throw invalidProof(`${did} is an encryption key (use "enc").`);
    return { did, jwk };
  }
  throw invalidProof(`Only did:key and did:jwk holders are supported, not ${did.split(':', 2).join(':')}.`);
}
