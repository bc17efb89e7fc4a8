import { createECDH, createPrivateKey, sign as nodeSign, verify as nodeVerify } from 'node:crypto';
import { inspect } from 'node:util';
import {
  decodeBase58btc,
  decodeMultikey,
  encodeBase58btc,
  generateSigningKey,
  importSigningKey,
  KEY_ALGORITHMS,
  type KeyAlgorithm,
  type SerializedSigningKey,
} from '@repo/core';
import { describe, expect, it } from 'vitest';

/** Every form a secret could leak in: the multibase, its body, the raw secret (hex / base64 / base64url, i.e. JWK `d`). */
function secretForms(serialized: SerializedSigningKey, algorithm: KeyAlgorithm): string[] {
  const bytes = Buffer.from(decodeBase58btc(serialized.secretKeyMultibase.slice(1))!);
  const raw = algorithm === 'Ed25519' ? bytes.subarray(2, 34) : bytes.subarray(2);
  return [
    serialized.secretKeyMultibase,
    serialized.secretKeyMultibase.slice(1),
    raw.toString('hex'),
    raw.toString('base64').replace(/=+$/, ''),
    raw.toString('base64url'),
  ];
}

const PREFIX: Record<KeyAlgorithm, string> = { Ed25519: 'z6Mk', 'P-256': 'zDn', 'P-384': 'z82' };

describe('Issuer signing keys: Ed25519, P-256 and P-384 Multikeys', () => {
  for (const algorithm of KEY_ALGORITHMS) {
    describe(algorithm, () => {
      it(`generates a did:key whose multibase starts ${PREFIX[algorithm]} and imports it`, async () => {
        const { serialized } = await generateSigningKey(algorithm === 'Ed25519' ? {} : { algorithm });
        expect(serialized.publicKeyMultibase.startsWith(PREFIX[algorithm])).toBe(true);
        expect(serialized.controller).toBe(`did:key:${serialized.publicKeyMultibase}`);
        expect(serialized.id).toBe(`${serialized.controller}#${serialized.publicKeyMultibase}`);
        const key = await importSigningKey(serialized);
        expect(key.algorithm).toBe(algorithm);
        expect(key.signer.algorithm).toBe(algorithm);
        expect(key.publicMethod()).toEqual({
          id: serialized.id,
          type: 'Multikey',
          controller: serialized.controller,
          publicKeyMultibase: serialized.publicKeyMultibase,
        });
      });

      it('generates a did:web key with the given fragment', async () => {
        const { serialized } = await generateSigningKey({
          algorithm,
          didWeb: 'did:web:issuer.example',
          fragment: 'k2',
        });
        expect(serialized.id).toBe('did:web:issuer.example#k2');
        expect((await importSigningKey(serialized)).controller).toBe('did:web:issuer.example');
      });

      it('publicJwk() is the public key (kty/crv/x[/y]) and never has "d"', async () => {
        const key = await importSigningKey((await generateSigningKey({ algorithm })).serialized);
        const jwk = key.publicJwk();
        expect(jwk).not.toHaveProperty('d');
        if (algorithm === 'Ed25519') {
          expect(Object.keys(jwk).sort()).toEqual(['crv', 'kty', 'x']);
          expect(jwk).toMatchObject({ kty: 'OKP', crv: 'Ed25519' });
          const raw = decodeBase58btc(key.publicKeyMultibase.slice(1))!.subarray(2);
          expect(jwk.x).toBe(Buffer.from(raw).toString('base64url'));
        } else {
          expect(Object.keys(jwk).sort()).toEqual(['crv', 'kty', 'x', 'y']);
          expect(jwk).toMatchObject({ kty: 'EC', crv: algorithm });
          // x and the parity of y are exactly the compressed point of the Multikey.
          const point = decodeMultikey(key.publicKeyMultibase)!.publicKey;
          const y = Buffer.from(jwk.y!, 'base64url');
          expect(point[0]).toBe(0x02 + (y[y.length - 1]! & 1));
          expect(Buffer.from(point.subarray(1)).toString('base64url')).toBe(jwk.x);
        }
        jwk.x = 'changed';
        expect(key.publicJwk().x).not.toBe('changed');
      });

      it('keyObjects sign with node:crypto / jose and verify with the public key', async () => {
        const key = await importSigningKey((await generateSigningKey({ algorithm })).serialized);
        const { privateKey, publicKey } = key.keyObjects;
        expect(privateKey.type).toBe('private');
        expect(publicKey.type).toBe('public');
        expect(publicKey.export({ format: 'jwk' })).toEqual(key.publicJwk());
        const data = Buffer.from('header.payload');
        const hash = algorithm === 'Ed25519' ? null : algorithm === 'P-256' ? 'sha256' : 'sha384';
        const signature = nodeSign(hash, data, { key: privateKey, dsaEncoding: 'ieee-p1363' });
        expect(nodeVerify(hash, data, { key: publicKey, dsaEncoding: 'ieee-p1363' }, signature)).toBe(true);
        // …and the Multikey signer's signatures verify under the same KeyObject.
        const viaSigner = await key.signer.sign({ data });
        expect(nodeVerify(hash, data, { key: publicKey, dsaEncoding: 'ieee-p1363' }, viaSigner)).toBe(true);
      });

      it('K1 JSON.stringify, util.inspect, Object.keys and spreading show only public fields', async () => {
        const { serialized } = await generateSigningKey({ algorithm });
        const key = await importSigningKey(serialized);
        const json = JSON.stringify(key);
        expect(JSON.parse(json)).toEqual({
          id: serialized.id,
          type: 'Multikey',
          controller: serialized.controller,
          publicKeyMultibase: serialized.publicKeyMultibase,
        });
        expect(Object.keys(key)).not.toContain('keyObjects');
        const shown = [
          json,
          inspect(key),
          inspect(key, { depth: Number.POSITIVE_INFINITY }),
          inspect(key, { showHidden: true, depth: Number.POSITIVE_INFINITY }),
          String(key),
          JSON.stringify({ ...key }),
          inspect({ ...key }, { depth: Number.POSITIVE_INFINITY }),
        ];
        for (const text of shown) {
          for (const secret of secretForms(serialized, algorithm)) expect(text).not.toContain(secret);
          expect(text).not.toMatch(/"d"\s*:|secretKey/);
        }
      });

      it('the key is frozen: keyObjects cannot be replaced', async () => {
        const key = await importSigningKey((await generateSigningKey({ algorithm })).serialized);
        expect(Object.isFrozen(key)).toBe(true);
        expect(() => {
          (key as any).keyObjects = {};
        }).toThrow(TypeError);
      });
    });
  }

  describe('import refuses bad key files with TypeError, without echoing the secret', () => {
    it('a P-256 public key with a P-384 secret (wrong curve)', async () => {
      const p256 = (await generateSigningKey({ algorithm: 'P-256' })).serialized;
      const p384 = (await generateSigningKey({ algorithm: 'P-384' })).serialized;
      const mixed = { ...p256, secretKeyMultibase: p384.secretKeyMultibase };
      const error = await importSigningKey(mixed).catch((e) => e);
      expect(error).toBeInstanceOf(TypeError);
      expect(error.message).toMatch(/valid P-256 key pair/);
      expect(error.message).not.toContain(p384.secretKeyMultibase);
    });

    it.each(['Ed25519', 'P-256', 'P-384'] as const)('%s: a secret of another key of the same curve', async (alg) => {
      const a = (await generateSigningKey({ algorithm: alg })).serialized;
      const b = (await generateSigningKey({ algorithm: alg })).serialized;
      const error = await importSigningKey({ ...a, secretKeyMultibase: b.secretKeyMultibase }).catch((e) => e);
      expect(error).toBeInstanceOf(TypeError);
      expect(error.message).toBe('The key file secret key does not match its public key.');
    });

    it('a P-256 secret of the wrong length', async () => {
      const { serialized } = await generateSigningKey({ algorithm: 'P-256' });
      const bytes = decodeBase58btc(serialized.secretKeyMultibase.slice(1))!;
      const short = `z${encodeBase58btc(bytes.subarray(0, bytes.length - 1))}`;
      await expect(importSigningKey({ ...serialized, secretKeyMultibase: short })).rejects.toThrow(TypeError);
    });

    it('an uncompressed or unknown public key', async () => {
      const { serialized } = await generateSigningKey({ algorithm: 'P-256' });
      const ecdh = createECDH('prime256v1');
      ecdh.generateKeys();
      const uncompressed = `z${encodeBase58btc(new Uint8Array([0x80, 0x24, ...ecdh.getPublicKey()]))}`;
      await expect(importSigningKey({ ...serialized, publicKeyMultibase: uncompressed })).rejects.toThrow(
        /not an Ed25519 \(z6Mk…\), P-256 \(zDn…\) or P-384 \(z82…\) Multikey/,
      );
    });

    it('an unknown algorithm to generate', async () => {
      await expect(generateSigningKey({ algorithm: 'P-521' as KeyAlgorithm })).rejects.toThrow(TypeError);
    });
  });

  it('the Ed25519 example key file still imports (keys-example/issuer-key.json)', async () => {
    const { readFileSync } = await import('node:fs');
    const json = JSON.parse(readFileSync(new URL('../../../../keys-example/issuer-key.json', import.meta.url), 'utf8'));
    const key = await importSigningKey(json);
    expect(key.algorithm).toBe('Ed25519');
    // The secret is the PKCS#8 seed: the KeyObject equals one built from the multibase seed.
    const seed = Buffer.from(decodeBase58btc(json.secretKeyMultibase.slice(1))!.subarray(2, 34));
    const pkcs8 = Buffer.concat([Buffer.from('302e020100300506032b657004220420', 'hex'), seed]);
    expect(key.keyObjects.privateKey.equals(createPrivateKey({ key: pkcs8, format: 'der', type: 'pkcs8' }))).toBe(true);
  });
});
