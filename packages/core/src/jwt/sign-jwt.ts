import { KeyObject, sign as signWithNode, type webcrypto } from 'node:crypto';
import { CompactSign } from 'jose';
import { VcError } from '../problems.ts';
import type { SigningKey } from '../proofs/signing-key.ts';
import { JWT_ALGORITHMS } from './jwt-algorithms.ts';
import { ascii, base64url, issuerIdOf } from './jwt-claims.ts';
import { credentialJwtContent, JWT_PROFILES, type JwtProfile } from './jwt-profile.ts';

/** The JWS algorithms {@link signCredentialJwt} signs with. */
export type JwtAlgorithm = 'EdDSA' | 'ES256' | 'ES384' | 'RS256';

/**
 * A key to sign JWTs with that is not a {@link SigningKey} (an RSA key for RS256, a key from a
 * KMS export…): its verification method id and its private key.
 */
export interface JwtSigningKey {
  /** Verification method id, a DID URL (`did:web:example.com#key-1`): becomes the JOSE `kid`. */
  readonly id: string;
  readonly privateKey: KeyObject | webcrypto.CryptoKey;
}

/** Options of {@link signCredentialJwt}. */
export interface SignCredentialJwtOptions {
  key: SigningKey | JwtSigningKey;
  /** Default: the one the key's type implies (Ed25519 → EdDSA, P-256 → ES256, P-384 → ES384, RSA → RS256). */
  alg?: JwtAlgorithm;
  /** The signing time: the `iat` claim of the `ob` profile and of VC 1.1 JWTs; the caller's clock. */
  now: Date;
  /**
   * `vc-jose-cose` (VC-JOSE-COSE §3.1.1: `typ: vc+jwt`, `cty: vc`, the payload exactly the
   * credential) or `ob` (Open Badges 3.0 §8.2: `typ: JWT`, the credential plus `iss`, `jti`, `nbf`,
   * `sub`, `exp`, `iat`). Default: {@link defaultJwtProfile} (`ob` for Open Badges and CLR
   * credentials). A VC 1.1 credential always becomes a VC 1.1 §6.3.1 `vc`-claim JWT (`typ: JWT`);
   * asking `vc-jose-cose` for one is a `VcError`.
   */
  profile?: JwtProfile;
}

const ALGORITHMS = new Set<string>(JWT_ALGORITHMS);

/**
 * The private key of a signing key as a `KeyObject`, when it has one: a {@link JwtSigningKey}'s
 * `privateKey`, or a {@link SigningKey}'s non-enumerable `keyObjects.privateKey`. A SigningKey
 * without `keyObjects` keeps its secret inside `signer` (Ed25519 Multikey): then undefined.
 */
function privateKeyObjectOf(key: SigningKey | JwtSigningKey): KeyObject | undefined {
  const own = (key as Partial<JwtSigningKey>).privateKey;
  if (own !== undefined) {
    if (own instanceof KeyObject) return own;
    let converted = fromCryptoKey.get(own);
    if (!converted) {
      converted = KeyObject.from(own);
      fromCryptoKey.set(own, converted);
    }
    return converted;
  }
  const pair = (key as { keyObjects?: { privateKey?: unknown } }).keyObjects;
  return pair?.privateKey instanceof KeyObject ? pair.privateKey : undefined;
}

/** CryptoKeys converted once each (a JwtSigningKey's key signs many JWTs). */
const fromCryptoKey = new WeakMap<webcrypto.CryptoKey, KeyObject>();
/** The algorithm of each private key, found once (asymmetricKeyDetails builds an object per read). */
const algorithmOf = new WeakMap<KeyObject, JwtAlgorithm | null>();

/** The algorithm a private key signs with, from its type and curve. */
function algorithmOfKey(key: KeyObject): JwtAlgorithm | undefined {
  let alg = algorithmOf.get(key);
  if (alg === undefined) {
    alg = findAlgorithmOfKey(key) ?? null;
    algorithmOf.set(key, alg);
  }
  return alg ?? undefined;
}

function findAlgorithmOfKey(key: KeyObject): JwtAlgorithm | undefined {
  if (key.type !== 'private') return undefined;
  switch (key.asymmetricKeyType) {
    case 'ed25519':
      return 'EdDSA';
    case 'rsa':
      return 'RS256';
    case 'ec': {
      const curve = key.asymmetricKeyDetails?.namedCurve;
      return curve === 'prime256v1' ? 'ES256' : curve === 'secp384r1' ? 'ES384' : undefined;
    }
    default:
      return undefined;
  }
}

/** base64url of the JSON of each protected header seen (a key signs with a handful of headers; bounded). */
const encodedHeaders = new Map<string, string>();
function encodedHeader(header: Record<string, string | undefined>): string {
  const json = JSON.stringify(header);
  let encoded = encodedHeaders.get(json);
  if (encoded === undefined) {
    encoded = base64url(json);
    if (encodedHeaders.size >= 256) encodedHeaders.delete(encodedHeaders.keys().next().value!);
    encodedHeaders.set(json, encoded);
  }
  return encoded;
}

/**
 * Signs a credential as a compact JWS in a {@link JwtProfile}: Open Badges 3.0 §8.2 (protected
 * header exactly `{ alg, kid: key.id, typ: 'JWT' }`, payload the credential plus
 * `iss`/`jti`/`nbf`/`sub`/`exp`/`iat`) by default for Open Badges and CLR credentials, W3C
 * VC-JOSE-COSE §3.1.1 `application/vc+jwt` (`{ alg, kid, typ: 'vc+jwt', cty: 'vc' }`, payload the
 * credential) for others; a VC 1.1 credential as the VC 1.1 §6.3.1 JWT (`typ: 'JWT'`, `vc` claim
 * beside `iss`/`jti`/`nbf`/`sub`/`exp`/`iat`). The key must belong to the issuer (its DID is the
 * issuer id). Throws `VcError` for a credential that cannot be signed so, `TypeError` for a bad
 * option or an `alg` the key cannot make.
 *
 * @example
 * const jwt = await signCredentialJwt(credential, { key, now: new Date() });
 * const enveloped = envelopeJwt(jwt); // a VC 2.0 one, for a VC-API response or a presentation
 */
export async function signCredentialJwt(credential: object, options: SignCredentialJwtOptions): Promise<string> {
  const { key, now } = options;
  if (!key || typeof key.id !== 'string') throw new TypeError('key must be a SigningKey or a JwtSigningKey.');
  if (!(now instanceof Date) || Number.isNaN(now.getTime())) throw new TypeError('now must be a valid Date.');
  if (options.alg !== undefined && !ALGORITHMS.has(options.alg)) {
    throw new TypeError(`alg must be one of ${[...ALGORITHMS].join(', ')}.`);
  }
  if (options.profile !== undefined && !JWT_PROFILES.includes(options.profile)) {
    throw new TypeError(`profile must be one of ${JWT_PROFILES.join(', ')}.`);
  }
  if (!credential || typeof credential !== 'object' || Array.isArray(credential)) {
    throw new VcError('MALFORMED_VALUE_ERROR', 'A credential must be a JSON object.', { pointer: '' });
  }
  const doc = credential as Record<string, unknown>;
  for (const claim of ['vc', 'vp'] as const) {
    if (doc[claim] !== undefined) {
      throw new VcError('MALFORMED_VALUE_ERROR', `VC-JOSE-COSE §3.1.1: a "${claim}" member must not be present.`, {
        pointer: `/${claim}`,
      });
    }
  }
  const issuer = issuerIdOf(doc);
  if (issuer === undefined)
    throw new VcError('MALFORMED_VALUE_ERROR', 'The credential has no issuer id.', { pointer: '/issuer' });
  const keyDid = key.id.includes('#') ? key.id.slice(0, key.id.indexOf('#')) : undefined;
  if (keyDid !== issuer) {
    throw new VcError('INVALID_VERIFICATION_METHOD', `The key ${key.id} does not belong to the issuer ${issuer}.`, {
      pointer: '/issuer',
    });
  }
  const content = credentialJwtContent(doc, options.profile, issuer, now);
  const payload = content.payload;
  let json: string;
  try {
    json = JSON.stringify(payload);
  } catch (cause) {
    throw new VcError('MALFORMED_VALUE_ERROR', 'The credential is not JSON.', { cause });
  }

  const privateKey = privateKeyObjectOf(key);
  if (privateKey) {
    const implied = algorithmOfKey(privateKey);
    if (implied === undefined) throw new TypeError('The key is not an Ed25519, P-256, P-384 or RSA private key.');
    const alg = options.alg ?? implied;
    if (alg !== implied) throw new TypeError(`A ${privateKey.asymmetricKeyType} key cannot sign ${alg}.`);
    const header = { alg, kid: key.id, ...content.header };
    if (alg === 'EdDSA') {
      // RFC 8037 §3.1: the raw Ed25519 signature of the JWS signing input. Node signs it at once
      // (no WebCrypto job, no key conversion per call); Ed25519 is deterministic, so these are
      // the bytes jose's CompactSign makes (its header is JSON.stringify of the same object).
      const input = `${encodedHeader(header)}.${base64url(json)}`;
      return `${input}.${signWithNode(null, Buffer.from(input, 'latin1'), privateKey).toString('base64url')}`;
    }
    return new CompactSign(new TextEncoder().encode(json)).setProtectedHeader(header).sign(privateKey);
  }
  // An Ed25519 Multikey SigningKey: its secret stays in `signer`, which makes the raw Ed25519
  // signature that EdDSA is (RFC 8037 §3.1) over the JWS signing input.
  const signing = key as SigningKey;
  if (!signing.signer || !/^z6Mk/.test(signing.publicKeyMultibase ?? '')) {
    throw new TypeError('The key has no private key to sign a JWT with.');
  }
  if (options.alg !== undefined && options.alg !== 'EdDSA')
    throw new TypeError(`An Ed25519 key cannot sign ${options.alg}.`);
  const header = { alg: 'EdDSA', kid: key.id, ...content.header };
  const input = `${encodedHeader(header)}.${base64url(json)}`;
  const signature = await signing.signer.sign({ data: ascii(input) });
  return `${input}.${base64url(signature)}`;
}
