import { createECDH, createPrivateKey, createPublicKey, ECDH } from 'node:crypto';
import { Resolver } from 'did-resolver';
import { describe, expect, it } from 'vitest';
import { decodeBase58btc, encodeBase58btc } from '../../src/did/base58btc.ts';
import {
  decodeEd25519Multikey,
  decodeMultikey,
  didKeyDocument,
  didKeyFromPublicKey,
  didKeyResolver,
  encodeEd25519Multikey,
  encodeMultikey,
} from '../../src/did/did-key.ts';

/**
 * did:key spec test vector (w3c-ccg/did-method-key, test-vectors/ed25519-x25519.json): the Ed25519
 * key of the all-zero seed, whose raw public key the vector gives as publicKeyBase58.
 */
const VECTOR = {
  did: 'did:key:z6MkiTBz1ymuepAQ4HEHYSF1H8quG5GLVVQR3djdX3mDooWp',
  multibase: 'z6MkiTBz1ymuepAQ4HEHYSF1H8quG5GLVVQR3djdX3mDooWp',
  seedHex: '0000000000000000000000000000000000000000000000000000000000000000',
  publicKeyBase58: '4zvwRjXUKGfvwnParsHAS3HuSVzV5cA4McphgmoCtajS',
};

function publicKeyFromSeed(seedHex: string): Uint8Array {
  const pkcs8 = Buffer.concat([Buffer.from('302e020100300506032b657004220420', 'hex'), Buffer.from(seedHex, 'hex')]);
  const jwk = createPublicKey(createPrivateKey({ key: pkcs8, format: 'der', type: 'pkcs8' })).export({ format: 'jwk' });
  return new Uint8Array(Buffer.from(jwk.x as string, 'base64url'));
}

const resolver = new Resolver({ key: didKeyResolver });

describe('base58btc', () => {
  it('round-trips bytes, keeping leading zeros', () => {
    for (const bytes of [[], [0], [0, 0, 1], [255, 254, 0, 7], Array.from({ length: 34 }, (_, i) => i * 7)]) {
      const encoded = encodeBase58btc(new Uint8Array(bytes));
      expect(Array.from(decodeBase58btc(encoded) ?? [])).toEqual(bytes);
    }
    expect(encodeBase58btc(new Uint8Array([0, 0, 1]))).toBe('112');
    expect(encodeBase58btc(new TextEncoder().encode('Hello World!'))).toBe('2NEpo7TZRRrLZSi2U');
  });

  it('refuses characters outside the alphabet and over-long input', () => {
    for (const bad of ['0', 'O', 'I', 'l', '+', ' ', 'abc=']) expect(decodeBase58btc(bad)).toBeUndefined();
    expect(decodeBase58btc('2'.repeat(300))).toBeUndefined();
  });
});

describe('did:key Ed25519 (spec test vector)', () => {
  it('decodes the spec vector to the public key of the all-zero seed', () => {
    const key = decodeEd25519Multikey(VECTOR.multibase);
    expect(key).toBeDefined();
    expect(Buffer.from(key!).toString('hex')).toBe(Buffer.from(publicKeyFromSeed(VECTOR.seedHex)).toString('hex'));
    expect(Array.from(key!)).toEqual(Array.from(decodeBase58btc(VECTOR.publicKeyBase58)!));
  });

  it('round-trips: public key → did:key → public key', () => {
    const key = publicKeyFromSeed(VECTOR.seedHex);
    expect(encodeEd25519Multikey(key)).toBe(VECTOR.multibase);
    expect(didKeyFromPublicKey(key)).toBe(VECTOR.did);
    expect(() => encodeEd25519Multikey(new Uint8Array(31))).toThrow(TypeError);
  });

  it('resolves to a Multikey DID document', async () => {
    const result = await resolver.resolve(VECTOR.did);
    const vmId = `${VECTOR.did}#${VECTOR.multibase}`;
    expect(result.didResolutionMetadata.error).toBeUndefined();
    expect(result.didDocument).toEqual({
      '@context': ['https://www.w3.org/ns/did/v1', 'https://w3id.org/security/multikey/v1'],
      id: VECTOR.did,
      verificationMethod: [
        { id: vmId, type: 'Multikey', controller: VECTOR.did, publicKeyMultibase: VECTOR.multibase },
      ],
      authentication: [vmId],
      assertionMethod: [vmId],
      capabilityInvocation: [vmId],
      capabilityDelegation: [vmId],
    });
  });

  it('resolves the DID part of a DID URL with a fragment', async () => {
    const result = await resolver.resolve(`${VECTOR.did}#${VECTOR.multibase}`);
    expect(result.didDocument?.id).toBe(VECTOR.did);
  });

  const wrongLength = `z${encodeBase58btc(new Uint8Array([0xed, 0x01, ...new Uint8Array(31)]))}`;
  const tooLong = `z${encodeBase58btc(new Uint8Array([0xed, 0x01, ...new Uint8Array(33).fill(1)]))}`;
  it.each([
    ['bad base58 (0, O, I, l)', 'did:key:z6MkiTBz1ymuepAQ4HEHYSF1H8quG5GLVVQR3djdX3mDoo0l'],
    ['no multibase z prefix', 'did:key:6MkiTBz1ymuepAQ4HEHYSF1H8quG5GLVVQR3djdX3mDooWp'],
    ['base64 multibase prefix', 'did:key:uAe0BAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA'],
    ['X25519 codec (spec vector)', 'did:key:z6LShs9GGnqk85isEBzzshkuVWrVKsRp24GnDuHk8QWkARMW'],
    ['secp256k1 codec', 'did:key:zQ3shokFTS3brHcDQrn82RUDfCZESWL1ZdCEJwekUDPQiYBme'],
    ['31-byte key', `did:key:${wrongLength}`],
    ['33-byte key', `did:key:${tooLong}`],
    ['truncated', 'did:key:z6MkiTBz1ymuepAQ4HEHYSF1H8quG5GLVVQR3djdX3mDooW'],
    ['empty key', 'did:key:z'],
  ])('rejects a malformed key (%s) with invalidDid', async (_why, did) => {
    const result = await resolver.resolve(did);
    expect(result.didResolutionMetadata.error).toBe('invalidDid');
    expect(result.didDocument).toBeNull();
  });
});

/**
 * P-256 / P-384 did:keys of the W3C Data Integrity ECDSA Cryptosuites v1.0 REC, Appendix A.1 and A.3
 * (multicodec p256-pub 0x1200, p384-pub 0x1201; compressed points, did:key spec §3.1.5).
 */
const ECDSA_VECTORS = [
  {
    algorithm: 'P-256',
    multibase: 'zDnaepBuvsQ8cpsWrVKw8fbpGpvPeNSjVPTWoq6cRqaYzBKVP',
    prefix: [0x80, 0x24],
    length: 33,
  },
  {
    algorithm: 'P-384',
    multibase: 'z82LkuBieyGShVBhvtE2zoiD6Kma4tJGFtkAhxR5pfkp5QPw4LutoYWhvQCnGjdVn14kujQ',
    prefix: [0x81, 0x24],
    length: 49,
  },
] as const;

describe('did:key P-256 and P-384 (Multikey, compressed points)', () => {
  for (const v of ECDSA_VECTORS) {
    const did = `did:key:${v.multibase}`;
    const curve = v.algorithm === 'P-256' ? 'prime256v1' : 'secp384r1';

    it(`${v.algorithm}: decodes to a ${v.length}-byte compressed point and re-encodes unchanged`, () => {
      const decoded = decodeMultikey(v.multibase);
      expect(decoded?.algorithm).toBe(v.algorithm);
      expect(decoded?.publicKey).toHaveLength(v.length);
      expect([0x02, 0x03]).toContain(decoded!.publicKey[0]);
      expect(encodeMultikey(v.algorithm, decoded!.publicKey)).toBe(v.multibase);
      expect(decodeEd25519Multikey(v.multibase)).toBeUndefined();
    });

    it(`${v.algorithm}: resolves to a Multikey DID document`, async () => {
      const result = await resolver.resolve(did);
      const vmId = `${did}#${v.multibase}`;
      expect(result.didResolutionMetadata.error).toBeUndefined();
      expect(result.didDocument).toEqual({
        '@context': ['https://www.w3.org/ns/did/v1', 'https://w3id.org/security/multikey/v1'],
        id: did,
        verificationMethod: [{ id: vmId, type: 'Multikey', controller: did, publicKeyMultibase: v.multibase }],
        authentication: [vmId],
        assertionMethod: [vmId],
        capabilityInvocation: [vmId],
        capabilityDelegation: [vmId],
      });
    });

    it(`${v.algorithm}: a freshly generated key round-trips through encode / decode / did:key`, async () => {
      const ecdh = createECDH(curve);
      ecdh.generateKeys();
      const point = new Uint8Array(ecdh.getPublicKey(null, 'compressed'));
      const multibase = encodeMultikey(v.algorithm, point);
      expect(Array.from(decodeMultikey(multibase)!.publicKey)).toEqual(Array.from(point));
      expect(didKeyDocument(`did:key:${multibase}`)?.verificationMethod?.[0]?.publicKeyMultibase).toBe(multibase);
    });

    const point = decodeMultikey(v.multibase)!.publicKey;
    const uncompressed = new Uint8Array(ECDH.convertKey(point, curve, undefined, undefined, 'uncompressed') as Buffer);
    const encode = (bytes: number[] | Uint8Array) =>
      `did:key:z${encodeBase58btc(new Uint8Array([...v.prefix, ...bytes]))}`;
    const offCurve = (() => {
      // Flip bits of x until the point leaves the curve (about half of all x values are on it).
      for (let i = 1; i < 256; i++) {
        const bytes = Uint8Array.from(point);
        bytes[bytes.length - 1] ^= i;
        try {
          ECDH.convertKey(bytes, curve, undefined, undefined, 'uncompressed');
        } catch {
          return bytes;
        }
      }
      throw new Error('no off-curve point found');
    })();
    it.each([
      ['one byte short', encode(point.slice(0, -1))],
      ['one byte long', encode([...point, 0])],
      ['uncompressed point (0x04 ‖ x ‖ y)', encode(uncompressed)],
      ['x with a 0x04 prefix at compressed length', encode([0x04, ...point.slice(1)])],
      ['a point not on the curve', encode(offCurve)],
      ['truncated multibase', `did:key:${v.multibase.slice(0, -1)}`],
    ])(`${v.algorithm}: rejects %s with invalidDid`, async (_why, bad) => {
      const result = await resolver.resolve(bad);
      expect(result.didResolutionMetadata.error).toBe('invalidDid');
      expect(result.didDocument).toBeNull();
      expect(decodeMultikey(bad.slice('did:key:'.length))).toBeUndefined();
    });
  }

  it('rejects P-521 (p521-pub 0x1202), which we do not support', async () => {
    const ecdh = createECDH('secp521r1');
    ecdh.generateKeys();
    const did = `did:key:z${encodeBase58btc(new Uint8Array([0x82, 0x24, ...ecdh.getPublicKey(null, 'compressed')]))}`;
    expect((await resolver.resolve(did)).didResolutionMetadata.error).toBe('invalidDid');
  });

  it('encodeMultikey refuses a key of the wrong length', () => {
    expect(() => encodeMultikey('P-256', new Uint8Array(65))).toThrow(TypeError);
    expect(() => encodeMultikey('P-384', new Uint8Array(33))).toThrow(TypeError);
  });
});
