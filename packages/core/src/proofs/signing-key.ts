import * as Ed25519Multikey from '@digitalbazaar/ed25519-multikey';
import { VcError } from '../problems.ts';

/** A signer as `@digitalbazaar/data-integrity` expects it. */
export interface Signer {
  id: string;
  algorithm: string;
  sign(input: { data: Uint8Array }): Promise<Uint8Array>;
}

/**
 * An imported issuer signing key. The secret never leaves the closure inside `signer`;
 * `toJSON()` returns only public fields so a stray `JSON.stringify`/log cannot leak it (K1).
 */
export interface SigningKey {
  /** Verification method id (`did:key:z6Mk…#z6Mk…` or `did:web:host#key-1`). */
  readonly id: string;
  /** The DID that controls the key: the issuer identifier. */
  readonly controller: string;
  readonly type: 'Multikey';
  readonly publicKeyMultibase: string;
  readonly signer: Signer;
  /** The public verification method, for DID documents. */
  publicMethod(): { id: string; type: 'Multikey'; controller: string; publicKeyMultibase: string };
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

const MULTIBASE_ED25519_PUB = /^z6Mk[1-9A-HJ-NP-Za-km-z]{44}$/;

/**
 * Imports an Ed25519 Multikey key pair for signing. Throws `TypeError` on a malformed key file
 * (a configuration mistake), never echoing the secret.
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
  if (!MULTIBASE_ED25519_PUB.test(s.publicKeyMultibase!)) {
    throw new TypeError('The key file "publicKeyMultibase" is not an Ed25519 Multikey (z6Mk…).');
  }
  if (!s.id!.startsWith(`${s.controller}#`)) {
    throw new TypeError('The key file "id" must be a fragment of its "controller" DID.');
  }
  let pair: any;
  try {
    pair = await Ed25519Multikey.from({
      id: s.id,
      controller: s.controller,
      publicKeyMultibase: s.publicKeyMultibase,
      secretKeyMultibase: s.secretKeyMultibase,
    });
  } catch {
    throw new TypeError('The key file does not hold a valid Ed25519 key pair.');
  }
  // Prove the pair matches: sign and verify a probe, so a mismatched secret fails at start-up
  // instead of producing credentials nobody can verify (F8).
  const probe = new TextEncoder().encode('key-check');
  const signature = await pair.signer().sign({ data: probe });
  if (!(await pair.verifier().verify({ data: probe, signature }))) {
    throw new TypeError('The key file secret key does not match its public key.');
  }
  const signer: Signer = pair.signer();
  const pub = {
    id: s.id!,
    type: 'Multikey' as const,
    controller: s.controller!,
    publicKeyMultibase: s.publicKeyMultibase!,
  };
  return Object.freeze({
    ...pub,
    signer,
    publicMethod: () => ({ ...pub }),
    toJSON: () => ({ ...pub }),
  });
}

/**
 * Generates a fresh Ed25519 key for a `did:key` issuer, or for a `did:web` issuer when `didWeb`
 * is given (`did:web:example.com` → verification method `did:web:example.com#key-1`).
 *
 * @example
 * const { serialized } = await generateSigningKey();
 * serialized.controller; // 'did:key:z6Mk…'
 */
export async function generateSigningKey(
  options: { didWeb?: string; fragment?: string } = {},
): Promise<{ serialized: SerializedSigningKey }> {
  const pair = await Ed25519Multikey.generate();
  const exported = await pair.export({ publicKey: true, secretKey: true, includeContext: false });
  const publicKeyMultibase: string = exported.publicKeyMultibase;
  const controller = options.didWeb ?? `did:key:${publicKeyMultibase}`;
  if (options.didWeb !== undefined && !options.didWeb.startsWith('did:web:')) {
    throw new VcError('MALFORMED_VALUE_ERROR', 'didWeb must start with "did:web:".');
  }
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
