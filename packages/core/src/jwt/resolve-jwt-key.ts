import { createPublicKey, ECDH, type KeyObject, type JsonWebKey as NodeJwk, type webcrypto } from 'node:crypto';
import { isObject } from '@repo/schemas';
import { calculateJwkThumbprint, type JWK } from 'jose';
import {
  checkVerificationMethodUse,
  parseProofDateTime,
  type SigningTime,
} from '../did/check-verification-method-use.ts';
import { decodeMultikey } from '../did/did-key.ts';
import { readOnlyDereferenceOf } from '../did/resolver.ts';
import { VcError } from '../problems.ts';
import { checkEmbeddedJwk } from './check-embedded-jwk.ts';
import { base64url, isNumericDate } from './jwt-claims.ts';

/** A public key for a JWS `kid`, and the DID that controls it (the verification method's `controller`). */
export interface ResolvedJwtKey {
  /** The public key: a Node `KeyObject`, a WebCrypto `CryptoKey` or a public JWK. */
  key: KeyObject | webcrypto.CryptoKey | JWK;
  /** The verification method's controller: must be the credential's issuer. */
  controller: string;
  /** The verification method's id (a DID URL), when the key was found by something other than its `kid`. */
  id?: string;
}

/**
 * The verification relationship a key must have in its DID document: `assertionMethod` to issue
 * credentials, `authentication` to sign presentations as their holder.
 */
export type KeyRelationship = 'assertionMethod' | 'authentication';

/**
 * Finds the public key for a JWS `kid` (a DID URL). Throws `VcError` when it cannot. A resolver
 * may also vouch for a public key embedded in the JOSE header (`jwk`, Open Badges 3.0 §8.2):
 * `resolveEmbeddedJwk(jwk, issuerDid)` gives the issuer's `assertionMethod` holding that very key
 * (with its `id`), or throws `VcError`. Without it, JWTs that carry only a `jwk` are rejected.
 * `relationship` says which verification relationship its keys have (default `assertionMethod`).
 * `signed` is when the JWT says it was signed ({@link jwtSigningTime}); a retired key is accepted
 * only with a date no later than its retirement ({@link jwtKeyResolverAt} binds one).
 */
export interface JwtKeyResolver {
  (kid: string, signed?: SigningTime): Promise<ResolvedJwtKey>;
  resolveEmbeddedJwk?: (jwk: JWK, issuerDid: string, signed?: SigningTime) => Promise<ResolvedJwtKey & { id: string }>;
  readonly relationship?: KeyRelationship;
}

/**
 * When a JWT says it was signed, for the retirement rule of its key: `iat` (RFC 7519 §4.1.6),
 * else `nbf`, else — a VC-JOSE-COSE `vc+jwt`, whose payload is the credential and which need not
 * carry either claim — the credential's `validFrom` (VC 1.1: `issuanceDate`), the instant `nbf`
 * stands for in that form. `at` is undefined when none is there (then a retired key fails).
 *
 * @example
 * jwtSigningTime({ iat: 1767225600, nbf: 1767225600 }); // { at: 1767225600000, pointer: '/iat' }
 */
export function jwtSigningTime(payload: Record<string, unknown>, credential?: Record<string, unknown>): SigningTime {
  for (const claim of ['iat', 'nbf'] as const) {
    if (payload[claim] !== undefined) {
      return {
        at: isNumericDate(payload[claim]) ? (payload[claim] as number) * 1000 : undefined,
        pointer: `/${claim}`,
      };
    }
  }
  const doc = credential ?? payload;
  for (const field of ['validFrom', 'issuanceDate'] as const) {
    if (doc[field] !== undefined) return { at: parseProofDateTime(doc[field]), pointer: `/${field}` };
  }
  return { at: undefined, pointer: '/iat' };
}

/**
 * The same resolver, told when the JWT at hand was signed ({@link jwtSigningTime}), for
 * `verifyCredentialJwt` / `verifyPresentationJwt`, which call it with the `kid` alone.
 *
 * @example
 * await verifyCredentialJwt(jwt, { resolveKey: jwtKeyResolverAt(resolveKey, jwtSigningTime(payload, credential)) });
 */
export function jwtKeyResolverAt(resolver: JwtKeyResolver, signed: SigningTime): JwtKeyResolver {
  const embedded = resolver.resolveEmbeddedJwk;
  const bound = (kid: string) => resolver(kid, signed);
  return Object.assign(bound, {
    ...(embedded && { resolveEmbeddedJwk: (jwk: JWK, issuerDid: string) => embedded(jwk, issuerDid, signed) }),
    ...(resolver.relationship !== undefined && { relationship: resolver.relationship }),
  });
}

/** Throws when the method is revoked, or retired before `signed` ({@link checkVerificationMethodUse}). */
function assertUsable(vm: unknown, signed: SigningTime | undefined): void {
  const p = checkVerificationMethodUse(vm, signed ?? { at: undefined, pointer: '/iat' }, '/kid');
  if (p) throw new VcError(p.title, p.detail, p.pointer === undefined ? {} : { pointer: p.pointer });
}

/** Most `assertionMethod` entries looked at for an embedded `jwk`: a bound on a hostile DID document. */
const MAX_ASSERTION_METHODS = 64;

/** OpenSSL names of the ECDSA curves, to decompress a Multikey point. */
const EC_CURVES = { 'P-256': 'prime256v1', 'P-384': 'secp384r1' } as const;

/**
 * The public JWK of a Multikey `publicKeyMultibase` (Controlled Identifiers 1.0 §2.2.2): Ed25519
 * (`z6Mk…`), P-256 (`zDn…`) or P-384 (`z82…`, compressed points). `undefined` for anything else or
 * for a point that is not on its curve.
 *
 * @example
 * publicJwkFromMultikey('z6MkiTBz1ymuepAQ4HEHYSF1H8quG5GLVVQR3djdX3mDooWp'); // { kty: 'OKP', crv: 'Ed25519', x: '…' }
 */
export function publicJwkFromMultikey(publicKeyMultibase: unknown): JWK | undefined {
  if (typeof publicKeyMultibase !== 'string') return undefined;
  const decoded = decodeMultikey(publicKeyMultibase);
  if (!decoded) return undefined;
  if (decoded.algorithm === 'Ed25519') return { kty: 'OKP', crv: 'Ed25519', x: base64url(decoded.publicKey) };
  try {
    const curve = EC_CURVES[decoded.algorithm];
    const point = ECDH.convertKey(decoded.publicKey, curve, undefined, undefined, 'uncompressed') as Buffer;
    const half = (point.length - 1) / 2;
    return {
      kty: 'EC',
      crv: decoded.algorithm,
      x: base64url(point.subarray(1, 1 + half)),
      y: base64url(point.subarray(1 + half)),
    };
  } catch {
    return undefined;
  }
}

/** A copy of a verification method's `publicKeyJwk` if it is a usable public key, else undefined. */
function publicJwkOf(value: unknown): JWK | undefined {
  if (!value || typeof value !== 'object' || Array.isArray(value)) return undefined;
  const jwk = { ...(value as Record<string, unknown>) } as JWK & Record<string, unknown>;
  // A symmetric or private key published as a verification method is never used (J1).
  if (typeof jwk.kty !== 'string' || jwk.kty === 'oct' || 'd' in jwk || 'priv' in jwk || 'k' in jwk) return undefined;
  try {
    createPublicKey({ key: jwk as any, format: 'jwk' });
  } catch {
    return undefined;
  }
  return jwk;
}

/**
 * The public JWK of a verification method: `Multikey` / `Ed25519VerificationKey2020`
 * (`publicKeyMultibase`) or `JsonWebKey` / `JsonWebKey2020` (`publicKeyJwk`).
 *
 * @example
 * verificationMethodJwk({ type: 'Multikey', publicKeyMultibase: 'z6Mk…' }); // { kty: 'OKP', … }
 */
export function verificationMethodJwk(vm: Record<string, unknown>): JWK | undefined {
  switch (vm.type) {
    case 'Multikey':
    case 'Ed25519VerificationKey2020':
      return publicJwkFromMultikey(vm.publicKeyMultibase);
    case 'JsonWebKey':
    case 'JsonWebKey2020':
      return publicJwkOf(vm.publicKeyJwk);
    default:
      return undefined;
  }
}

/**
 * A {@link JwtKeyResolver} over a DID resolver (`dereference` as in `createDidResolver()`): the
 * `kid` must be a DID URL with a fragment, listed in the `assertionMethod` of its DID's document
 * (the key may issue credentials, as `CredentialIssuancePurpose` requires of Data Integrity
 * proofs) — or, with `{ relationship: 'authentication' }`, in its `authentication` (a holder's key
 * for presentations, as `AuthenticationProofPurpose` requires) — whose verification method is a
 * Multikey (Ed25519, P-256, P-384) or a JsonWebKey. A method its controller marked `revoked`
 * (Controlled Identifiers 1.0 §2.2.4) is refused whatever the JWT's date; one marked `retiredAt`
 * only vouches for a JWT signed no later than that (`signed`, see {@link jwtKeyResolverAt}). Failures
 * throw `VcError` (`INVALID_VERIFICATION_METHOD`, or the resolver's `DID_RESOLUTION_ERROR`).
 *
 * Its `resolveEmbeddedJwk(jwk, issuerDid)` serves a JOSE header `jwk` (Open Badges 3.0 §8.2): the
 * jwk must be a public key and the issuer a DID whose document lists, under the relationship, a
 * verification method of that DID with the same public key (RFC 7638 thumbprints compared).
 *
 * @example
 * const resolveKey = createJwtKeyResolver(createDidResolver());
 * const { key, controller } = await resolveKey('did:key:z6Mk…#z6Mk…');
 * const { id } = await resolveKey.resolveEmbeddedJwk!(header.jwk, 'did:key:z6Mk…');
 * const resolveHolderKey = createJwtKeyResolver(createDidResolver(), { relationship: 'authentication' });
 */
export function createJwtKeyResolver(
  resolver: { dereference(didUrl: string): Promise<unknown> },
  options: { relationship?: KeyRelationship } = {},
): JwtKeyResolver {
  const relationship = options.relationship ?? 'assertionMethod';
  if (relationship !== 'assertionMethod' && relationship !== 'authentication') {
    throw new TypeError('relationship must be "assertionMethod" or "authentication".');
  }
  const purpose = relationship === 'assertionMethod' ? 'it may not issue' : 'it may not authenticate as its DID';
  // What is dereferenced here is only read, never kept or handed out: a resolver of
  // createDidResolver gives its cached documents without copying them.
  const dereference = readOnlyDereferenceOf(resolver) ?? ((didUrl: string) => resolver.dereference(didUrl));
  // Public keys imported once per distinct JWK: importing is a large part of a verification, and
  // the same few issuer keys come back again and again (bounded; oldest dropped first).
  const imported = new Map<string, KeyObject>();
  const toKeyObject = (jwk: JWK): KeyObject => {
    const id = JSON.stringify(jwk);
    let keyObject = imported.get(id);
    if (!keyObject) {
      keyObject = createPublicKey({ key: jwk as NodeJwk, format: 'jwk' });
      imported.set(id, keyObject);
      if (imported.size > 256) imported.delete(imported.keys().next().value!);
    }
    return keyObject;
  };
  const byMultibase = new Map<string, KeyObject>();
  const resolveKid = async (kid: string, signed?: SigningTime): Promise<ResolvedJwtKey> => {
    const hash = kid.indexOf('#');
    if (!kid.startsWith('did:') || hash < 0 || hash === kid.length - 1) {
      throw new VcError('INVALID_VERIFICATION_METHOD', `The JWS kid "${kid}" is not a DID URL with a fragment.`);
    }
    const did = kid.slice(0, hash);
    const doc = await dereference(did);
    if (!isObject(doc) || doc.id !== did) {
      throw new VcError('INVALID_VERIFICATION_METHOD', `${did} did not resolve to its DID document.`);
    }
    const absolute = (id: unknown) => (typeof id === 'string' && id.startsWith('#') ? `${did}${id}` : id);
    // A revoked key is taken out of the relationships but stays a verification method, so that
    // the reason can be told; its state is looked at before the relationship.
    let vm: unknown;
    let unresolved: unknown;
    try {
      vm = await dereference(kid);
    } catch (error) {
      unresolved = error;
    }
    if (isObject(vm) && absolute(vm.id) === kid) assertUsable(vm, signed);
    const methods = Array.isArray(doc[relationship]) ? (doc[relationship] as unknown[]) : [];
    const listed = methods.some((m) => absolute(isObject(m) ? m.id : m) === kid);
    if (!listed) {
      throw new VcError(
        'INVALID_VERIFICATION_METHOD',
        `${kid} is not listed under ${relationship} in ${did}: ${purpose}.`,
      );
    }
    if (unresolved !== undefined) throw unresolved;
    if (!isObject(vm) || absolute(vm.id) !== kid) {
      throw new VcError('INVALID_VERIFICATION_METHOD', `${kid} did not dereference to a verification method.`);
    }
    if (typeof vm.controller !== 'string') {
      throw new VcError('INVALID_VERIFICATION_METHOD', `The verification method ${kid} has no controller.`);
    }
    // A Multikey's key object is found by its publicKeyMultibase alone: no decoding, JWK or
    // thumbprint string per verification for the few issuer keys that come back again and again.
    const multibase =
      (vm.type === 'Multikey' || vm.type === 'Ed25519VerificationKey2020') && typeof vm.publicKeyMultibase === 'string'
        ? `${vm.type} ${vm.publicKeyMultibase}`
        : undefined;
    const known = multibase === undefined ? undefined : byMultibase.get(multibase);
    if (known) return { key: known, controller: vm.controller };
    const key = verificationMethodJwk(vm);
    if (!key) {
      throw new VcError(
        'INVALID_VERIFICATION_METHOD',
        `The verification method ${kid} (${String(vm.type)}) holds no usable public key; Multikey (Ed25519, P-256, P-384) and JsonWebKey are supported.`,
      );
    }
    const keyObject = toKeyObject(key);
    if (multibase !== undefined) {
      byMultibase.set(multibase, keyObject);
      if (byMultibase.size > 256) byMultibase.delete(byMultibase.keys().next().value!);
    }
    return { key: keyObject, controller: vm.controller };
  };

  const resolveEmbeddedJwk = async (
    jwk: JWK,
    issuerDid: string,
    signed?: SigningTime,
  ): Promise<ResolvedJwtKey & { id: string }> => {
    const notIssuers = (why: string) =>
      new VcError('INVALID_VERIFICATION_METHOD', `The embedded jwk is not a key of the issuer ${issuerDid}: ${why}`);
    const checked = checkEmbeddedJwk(jwk);
    if ('reason' in checked) {
      throw new VcError('INVALID_VERIFICATION_METHOD', `The embedded jwk cannot be used: ${checked.reason}`);
    }
    if (typeof issuerDid !== 'string' || !/^did:[a-z0-9]+:[^#?/]+$/.test(issuerDid)) {
      throw notIssuers('the issuer is not a DID, so no DID document can list the key as an assertionMethod.');
    }
    const doc = await dereference(issuerDid);
    if (!isObject(doc) || doc.id !== issuerDid) {
      throw new VcError('INVALID_VERIFICATION_METHOD', `${issuerDid} did not resolve to its DID document.`);
    }
    const wanted = await calculateJwkThumbprint(checked.jwk, 'sha256');
    const absolute = (id: unknown) => (typeof id === 'string' && id.startsWith('#') ? `${issuerDid}${id}` : id);
    const methods = (Array.isArray(doc.verificationMethod) ? doc.verificationMethod : []).filter(isObject);
    const listed = doc[relationship];
    const assertion = Array.isArray(listed) ? listed.slice(0, MAX_ASSERTION_METHODS) : [];
    const holds = async (vm: Record<string, unknown>): Promise<JWK | undefined> => {
      const key = verificationMethodJwk(vm);
      return key && (await calculateJwkThumbprint(key, 'sha256')) === wanted ? key : undefined;
    };
    for (const entry of assertion) {
      let found: { key: JWK; vm: Record<string, unknown>; id: string } | undefined;
      try {
        let vm: unknown = isObject(entry) ? entry : methods.find((m) => absolute(m.id) === absolute(entry));
        if (vm === undefined && typeof entry === 'string') vm = await dereference(String(absolute(entry)));
        if (!isObject(vm)) continue;
        const id = absolute(vm.id);
        // The method must be the issuer's own: a DID URL of its DID, controlled by it.
        if (typeof id !== 'string' || !id.startsWith(`${issuerDid}#`) || vm.controller !== issuerDid) continue;
        if (typeof entry === 'string' && absolute(entry) !== id) continue;
        const key = await holds(vm);
        if (key) found = { key, vm, id };
      } catch {
        // A method that cannot be read is simply not a match.
      }
      if (found) {
        assertUsable(found.vm, signed);
        return { key: toKeyObject(found.key), controller: issuerDid, id: found.id };
      }
    }
    // A revoked key is no longer an assertion method; say so when it is the one embedded.
    for (const vm of methods.slice(0, MAX_ASSERTION_METHODS)) {
      if (vm.revoked === undefined || vm.controller !== issuerDid) continue;
      if (await holds(vm).catch(() => undefined)) assertUsable(vm, signed);
    }
    throw notIssuers(`no ${relationship} of its DID document holds this public key.`);
  };

  return Object.assign(resolveKid, { resolveEmbeddedJwk, relationship });
}
