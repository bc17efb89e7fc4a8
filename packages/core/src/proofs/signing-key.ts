import { createECDH, createPrivateKey, createPublicKey, type JsonWebKey, type KeyObject } from 'node:crypto';
import * as EcdsaMultikey from '@digitalbazaar/ecdsa-multikey';
import * as Ed25519Multikey from '@digitalbazaar/ed25519-multikey';
import { decodeBase58btc } from '../did/base58btc.ts';
import { decodeMultikey, type MultikeyAlgorithm } from '../did/did-key.ts';
import { VcError } from '../problems.ts';

/** A signer as `@digitalbazaar/data-integrity` expects it. */
export interface Signer {
  id: string;
  algorithm: string;
  sign(input: { data: Uint8Array }): Promise<Uint8Array>;
}

/** The signature algorithms an issuer key can use: Ed25519, or ECDSA on P-256 / P-384. */
export type KeyAlgorithm = MultikeyAlgorithm;

/** Every {@link KeyAlgorithm}, in the order we document them. */
export const KEY_ALGORITHMS: readonly KeyAlgorithm[] = Object.freeze(['Ed25519', 'P-256', 'P-384']);

/**
 * An imported issuer signing key. The secret never leaves the closure inside `signer` and the
 * non-enumerable `keyObjects`; `toJSON()` returns only public fields, and `util.inspect` shows
 * only enumerable ones, so a stray `JSON.stringify`/log cannot leak it (K1).
 */
export interface SigningKey {
  /** Verification method id (`did:key:z6Mk…#z6Mk…` or `did:web:host#key-1`). */
  readonly id: string;
  /** The DID that controls the key: the issuer identifier. */
  readonly controller: string;
  readonly type: 'Multikey';
  /** `Ed25519` (`z6Mk…`), `P-256` (`zDn…`) or `P-384` (`z82…`). */
  readonly algorithm: KeyAlgorithm;
  readonly publicKeyMultibase: string;
  readonly signer: Signer;
  /**
   * The key pair as `node:crypto` key objects, for JOSE signing (`jose` accepts `KeyObject`s).
   * Not enumerable: never serialised, never shown by `util.inspect`.
   */
  readonly keyObjects: { readonly privateKey: KeyObject; readonly publicKey: KeyObject };
  /** The public verification method, for DID documents. */
  publicMethod(): { id: string; type: 'Multikey'; controller: string; publicKeyMultibase: string };
  /** The public key as a JWK (`kty`, `crv`, `x`, and `y` for ECDSA); never `d`. */
  publicJwk(): JsonWebKey;
  toJSON(): Record<string, string>;
}

/** The JSON form of a key file (`keys-example/issuer-key.json`). */
export interface SerializedSigningKey {
  id: string;
  controller: string;
  type?: string;
  publicKeyMultibase: string;
  secretKeyMultibase: string;
}

/**
 * Multicodec of each algorithm's secret key as an unsigned varint, and its length:
 * `ed25519-priv` 0x1300 (`0x80 0x26`; 32-byte seed, or seed ‖ public key as
 * `@digitalbazaar/ed25519-multikey` exports it), `p256-priv` 0x1306 (`0x86 0x26`; 32 bytes),
 * `p384-priv` 0x1307 (`0x87 0x26`; 48 bytes).
 */
const SECRET_CODECS: Readonly<Record<KeyAlgorithm, { prefix: readonly [number, number]; lengths: number[] }>> = {
  Ed25519: { prefix: [0x80, 0x26], lengths: [32, 64] },
  'P-256': { prefix: [0x86, 0x26], lengths: [32] },
  'P-384': { prefix: [0x87, 0x26], lengths: [48] },
};

/** OpenSSL curve names for `createECDH`. */
const EC_CURVES: Readonly<Record<'P-256' | 'P-384', string>> = { 'P-256': 'prime256v1', 'P-384': 'secp384r1' };

/** PKCS#8 DER prefix of an Ed25519 private key; the 32-byte seed follows (RFC 8410). */
const ED25519_PKCS8_PREFIX = Buffer.from('302e020100300506032b657004220420', 'hex');

/** The raw secret (Ed25519 seed or ECDSA scalar `d`) of a `secretKeyMultibase`, or undefined. */
function decodeSecret(algorithm: KeyAlgorithm, secretKeyMultibase: string): Buffer | undefined {
  if (!secretKeyMultibase.startsWith('z')) return undefined;
  const bytes = decodeBase58btc(secretKeyMultibase.slice(1), 128);
  if (bytes === undefined) return undefined;
  const codec = SECRET_CODECS[algorithm];
  if (bytes[0] !== codec.prefix[0] || bytes[1] !== codec.prefix[1]) return undefined;
  if (!codec.lengths.includes(bytes.length - 2)) return undefined;
  const end = algorithm === 'Ed25519' ? 2 + 32 : bytes.length;
  return Buffer.from(bytes.subarray(2, end));
}

/**
 * Builds the `node:crypto` key pair from the raw secret and checks that it belongs to the given
 * raw public key (compressed point for ECDSA). Returns `undefined` when it does not.
 */
function keyObjectsOf(
  algorithm: KeyAlgorithm,
  secret: Buffer,
  publicKey: Uint8Array,
): { privateKey: KeyObject; publicKey: KeyObject } | undefined {
  try {
    if (algorithm === 'Ed25519') {
      const privateKey = createPrivateKey({
        key: Buffer.concat([ED25519_PKCS8_PREFIX, secret]),
        format: 'der',
        type: 'pkcs8',
      });
      const pub = createPublicKey(privateKey);
      const x = Buffer.from(pub.export({ format: 'jwk' }).x as string, 'base64url');
      return x.equals(Buffer.from(publicKey)) ? { privateKey, publicKey: pub } : undefined;
    }
    const ecdh = createECDH(EC_CURVES[algorithm]);
    ecdh.setPrivateKey(secret);
    if (!ecdh.getPublicKey(null, 'compressed').equals(Buffer.from(publicKey))) return undefined;
    const uncompressed = ecdh.getPublicKey();
    const size = (uncompressed.length - 1) / 2;
    const jwk = {
      kty: 'EC',
      crv: algorithm,
      x: uncompressed.subarray(1, 1 + size).toString('base64url'),
      y: uncompressed.subarray(1 + size).toString('base64url'),
    };
    const privateKey = createPrivateKey({ key: { ...jwk, d: secret.toString('base64url') }, format: 'jwk' });
    return { privateKey, publicKey: createPublicKey({ key: jwk, format: 'jwk' }) };
  } catch {
    return undefined;
  }
}

/**
 * Imports a Multikey key pair for signing: Ed25519 (`z6Mk…`), P-256 (`zDn…`) or P-384 (`z82…`),
 * with `secretKeyMultibase` as `@digitalbazaar/ed25519-multikey` / `@digitalbazaar/ecdsa-multikey`
 * export it. Throws `TypeError` on a malformed key file (a configuration mistake), never echoing
 * the secret.
 *
 * @example
 * const key = await importSigningKey(JSON.parse(readFileSync('keys-example/issuer-key.json', 'utf8')));
 * key.controller; // 'did:key:z6Mk…'
 */
export async function importSigningKey(serialized: unknown): Promise<SigningKey> {
  if (!serialized || typeof serialized !== 'object') throw new TypeError('The key file must hold a JSON object.');
  const s = serialized as Partial<SerializedSigningKey>;
  for (const field of ['id', 'controller', 'publicKeyMultibase', 'secretKeyMultibase'] as const) {
    if (typeof s[field] !== 'string' || s[field] === '') {
      throw new TypeError(`The key file is missing "${field}".`);
    }
  }
  if (s.type !== undefined && s.type !== 'Multikey') throw new TypeError('The key file "type" must be "Multikey".');
  const decoded = decodeMultikey(s.publicKeyMultibase!);
  if (decoded === undefined) {
    throw new TypeError(
      'The key file "publicKeyMultibase" is not an Ed25519 (z6Mk…), P-256 (zDn…) or P-384 (z82…) Multikey.',
    );
  }
  const { algorithm } = decoded;
  if (!s.id!.startsWith(`${s.controller}#`)) {
    throw new TypeError('The key file "id" must be a fragment of its "controller" DID.');
  }
  const invalid = () => new TypeError(`The key file does not hold a valid ${algorithm} key pair.`);
  const secret = decodeSecret(algorithm, s.secretKeyMultibase!);
  if (secret === undefined) throw invalid();
  const keyObjects = keyObjectsOf(algorithm, secret, decoded.publicKey);
  secret.fill(0);
  if (keyObjects === undefined) throw new TypeError('The key file secret key does not match its public key.');

  const multikey = {
    id: s.id,
    controller: s.controller,
    publicKeyMultibase: s.publicKeyMultibase,
    secretKeyMultibase: s.secretKeyMultibase,
  };
  let pair: any;
  try {
    pair =
      algorithm === 'Ed25519'
        ? await Ed25519Multikey.from(multikey)
        : await EcdsaMultikey.from({ ...multikey, type: 'Multikey' });
  } catch {
    throw invalid();
  }
  // Prove the pair matches: sign and verify a probe, so a mismatched secret fails at start-up
  // instead of producing credentials nobody can verify (F8).
  const probe = new TextEncoder().encode('key-check');
  const signer: Signer = pair.signer();
  const signature = await signer.sign({ data: probe });
  if (!(await pair.verifier().verify({ data: probe, signature }))) {
    throw new TypeError('The key file secret key does not match its public key.');
  }
  const pub = {
    id: s.id!,
    type: 'Multikey' as const,
    controller: s.controller!,
    publicKeyMultibase: s.publicKeyMultibase!,
  };
  const key = {
    ...pub,
    algorithm,
    signer,
    publicMethod: () => ({ ...pub }),
    publicJwk: (): JsonWebKey => {
      const { kty, crv, x, y } = keyObjects.publicKey.export({ format: 'jwk' });
      return y === undefined ? { kty, crv, x } : { kty, crv, x, y };
    },
    toJSON: () => ({ ...pub }),
  };
  Object.defineProperty(key, 'keyObjects', {
    value: Object.freeze(keyObjects),
    enumerable: false,
    writable: false,
    configurable: false,
  });
  return Object.freeze(key) as unknown as SigningKey;
}

/**
 * Generates a fresh key (Ed25519 by default, or ECDSA P-256 / P-384) for a `did:key` issuer, or for
 * a `did:web` issuer when `didWeb` is given (`did:web:example.com` → verification method
 * `did:web:example.com#key-1`).
 *
 * @example
 * const { serialized } = await generateSigningKey({ algorithm: 'P-256' });
 * serialized.controller; // 'did:key:zDn…'
 */
export async function generateSigningKey(
  options: { algorithm?: KeyAlgorithm; didWeb?: string; fragment?: string } = {},
): Promise<{ serialized: SerializedSigningKey }> {
  const algorithm = options.algorithm ?? 'Ed25519';
  if (!KEY_ALGORITHMS.includes(algorithm)) {
    throw new TypeError(`algorithm must be one of ${KEY_ALGORITHMS.map((a) => `"${a}"`).join(', ')}.`);
  }
  if (options.didWeb !== undefined && !options.didWeb.startsWith('did:web:')) {
    throw new VcError('MALFORMED_VALUE_ERROR', 'didWeb must start with "did:web:".');
  }
  const pair =
    algorithm === 'Ed25519' ? await Ed25519Multikey.generate() : await EcdsaMultikey.generate({ curve: algorithm });
  const exported = await pair.export({ publicKey: true, secretKey: true, includeContext: false });
  const publicKeyMultibase: string = exported.publicKeyMultibase;
  const controller = options.didWeb ?? `did:key:${publicKeyMultibase}`;
  const fragment = options.didWeb ? (options.fragment ?? 'key-1') : publicKeyMultibase;
  return {
    serialized: {
      id: `${controller}#${fragment}`,
      controller,
      type: 'Multikey',
      publicKeyMultibase,
      secretKeyMultibase: exported.secretKeyMultibase,
    },
  };
}
