/**
 * Ed25519 through libsodium gives OpenSSL's answers (RFC 8032 §5.1.6 signing is deterministic;
 * §5.1.7 verification — libsodium's checks are a strict subset, so its `true` is OpenSSL's and
 * anything it refuses is asked of OpenSSL).
 */
import { createPrivateKey, createPublicKey, generateKeyPairSync, randomBytes, sign, verify } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { ed25519PublicKey, signEd25519, sodium, verifyEd25519 } from '../../src/proofs/fast/sodium-ed25519.ts';

/** RFC 8032 §7.1, TEST 1–3, copied unchanged (secret key, public key, message, signature). */
const RFC8032_VECTORS = [
  {
    name: 'TEST 1',
    secret: '9d61b19deffd5a60ba844af492ec2cc44449c5697b326919703bac031cae7f60',
    public: 'd75a980182b10ab7d54bfed3c964073a0ee172f3daa62325af021a68f707511a',
    message: '',
    signature:
      'e5564300c360ac729086e2cc806e828a84877f1eb8e5d974d873e065224901555fb8821590a33bacc61e39701cf9b46bd25bf5f0595bbe24655141438e7a100b',
  },
  {
    name: 'TEST 2',
    secret: '4ccd089b28ff96da9db6c346ec114e0f5b8a319f35aba624da8cf6ed4fb8a6fb',
    public: '3d4017c3e843895a92b70aa74d1b7ebc9c982ccf2ec4968cc0cd55f12af4660c',
    message: '72',
    signature:
      '92a009a9f0d4cab8720e820b5f642540a2b27b5416503f8fb3762223ebdb69da085ac1e43e15996e458f3613d0f11d8c387b2eaeb4302aeeb00d291612bb0c00',
  },
  {
    name: 'TEST 3',
    secret: 'c5aa8df43f9f837bedb7442f31dcb7b166d38535076f094b85ce3a2e0b4458f7',
    public: 'fc51cd8e6218a1a38da47ed00230f0580816ed13ba3303ac5deb911548908025',
    message: 'af82',
    signature:
      '6291d657deec24024827e69c3abe01a30ce548a284743a445e3680d7db5ac3ac18ff9b538d16f290ae67f760984dc6594a7c15e9716ed28dc027beceea1ec40a',
  },
];

const hex = (s: string) => Buffer.from(s, 'hex');
const b64u = (b: Uint8Array) => Buffer.from(b).toString('base64url');
const privateKeyOf = (secret: Uint8Array, pub: Uint8Array) =>
  createPrivateKey({ key: { kty: 'OKP', crv: 'Ed25519', d: b64u(secret), x: b64u(pub) }, format: 'jwk' });
const rawPublicKey = (key: ReturnType<typeof createPublicKey>) =>
  Buffer.from(key.export({ format: 'jwk' }).x as string, 'base64url');

/** The group order L (RFC 8032 §5.1), little-endian as S is encoded. */
const L = 2n ** 252n + 27742317777372353535851937790883648493n;
const toLE = (n: bigint) => {
  const out = Buffer.alloc(32);
  for (let i = 0; i < 32; i++) out[i] = Number((n >> BigInt(8 * i)) & 0xffn);
  return out;
};
const fromLE = (b: Uint8Array) => b.reduceRight((n, byte) => (n << 8n) | BigInt(byte), 0n);

describe('Ed25519 through libsodium', () => {
  it('loads on this platform (else the service silently runs on OpenSSL alone)', () => {
    expect(sodium).toBeDefined();
  });

  it('signs the RFC 8032 §7.1 vectors as the RFC gives them, and verifies them', () => {
    for (const v of RFC8032_VECTORS) {
      const privateKey = privateKeyOf(hex(v.secret), hex(v.public));
      const signature = signEd25519(hex(v.message), privateKey);
      expect(signature.toString('hex'), v.name).toBe(v.signature);
      expect(verifyEd25519(hex(v.message), ed25519PublicKey(hex(v.public)), signature), v.name).toBe(true);
    }
  });

  it('gives the bytes OpenSSL gives, for 300 random keys and messages, and without libsodium too', () => {
    for (let i = 0; i < 300; i++) {
      const { privateKey } = generateKeyPairSync('ed25519');
      const message = randomBytes(i % 97);
      const expected = sign(null, message, privateKey);
      expect(signEd25519(message, privateKey).equals(expected)).toBe(true);
      expect(signEd25519(message, privateKey, undefined).equals(expected)).toBe(true);
    }
  });

  it("verifies as OpenSSL does: valid, altered, non-canonical S, small-order keys — libsodium's true is always OpenSSL's", () => {
    const cases: { message: Uint8Array; raw: Uint8Array; signature: Uint8Array }[] = [];
    for (let i = 0; i < 60; i++) {
      const { privateKey, publicKey } = generateKeyPairSync('ed25519');
      const raw = rawPublicKey(publicKey);
      const message = randomBytes(64);
      const signature = sign(null, message, privateKey);
      cases.push({ message, raw, signature });
      // one bit of the signature, of the message
      const flipped = Buffer.from(signature);
      flipped[i % 64]! ^= 1 << (i % 8);
      cases.push({ message, raw, signature: flipped });
      const other = Buffer.from(message);
      other[i % 64]! ^= 1;
      cases.push({ message: other, raw, signature });
      // S + L: the same point equation, a non-canonical scalar (RFC 8032 §5.1.7 step 1 refuses it)
      const s = fromLE(signature.subarray(32));
      if (s + L < 2n ** 256n)
        cases.push({ message, raw, signature: Buffer.concat([signature.subarray(0, 32), toLE(s + L)]) });
    }
    // the neutral element as public key and as R, S = 0: [0]B = R + [k]A holds for any message;
    // OpenSSL accepts it, libsodium refuses small-order points
    const identity = Buffer.concat([Buffer.from([1]), Buffer.alloc(31)]);
    for (let i = 0; i < 5; i++) {
      cases.push({ message: randomBytes(32), raw: identity, signature: Buffer.concat([identity, Buffer.alloc(32)]) });
    }
    let sodiumOnlyRefused = 0;
    let valid = 0;
    let invalid = 0;
    for (const c of cases) {
      const key = ed25519PublicKey(c.raw);
      const openssl = verify(
        null,
        c.message,
        createPublicKey({ key: { kty: 'OKP', crv: 'Ed25519', x: b64u(c.raw) }, format: 'jwk' }),
        c.signature,
      );
      const lib = sodium?.crypto_sign_verify_detached(c.signature, c.message, c.raw) ?? false;
      if (lib) expect(openssl).toBe(true);
      if (openssl && !lib) sodiumOnlyRefused++;
      expect(verifyEd25519(c.message, key, c.signature)).toBe(openssl);
      expect(verifyEd25519(c.message, key, c.signature, undefined)).toBe(openssl);
      if (openssl) valid++;
      else invalid++;
    }
    // the cases reach every branch: accepted by both, refused by both, refused by libsodium alone
    expect(valid).toBeGreaterThanOrEqual(60);
    expect(invalid).toBeGreaterThanOrEqual(120);
    expect(sodiumOnlyRefused).toBeGreaterThan(0);
  });
});
