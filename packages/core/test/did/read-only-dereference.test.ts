import { generateKeyPairSync, type KeyObject } from 'node:crypto';
import type { DIDResolver } from 'did-resolver';
import { describe, expect, it } from 'vitest';
import { createDidResolver, readOnlyDereferenceOf } from '../../src/did/resolver.ts';
import { createJwtKeyResolver } from '../../src/jwt/resolve-jwt-key.ts';

const DID = 'did:example:issuer';

/** A driver serving one document whose `#key-1` is a JsonWebKey of `keys.current`, counting calls. */
function servedIssuer() {
  const keys = {
    current: generateKeyPairSync('ed25519').publicKey.export({ format: 'jwk' }) as Record<string, unknown>,
  };
  const state = { calls: 0 };
  const driver: DIDResolver = async (did) => {
    state.calls++;
    return {
      didResolutionMetadata: {},
      didDocument: {
        '@context': ['https://www.w3.org/ns/did/v1', 'https://w3id.org/security/jwk/v1'],
        id: did,
        verificationMethod: [
          { id: `${did}#key-1`, type: 'JsonWebKey', controller: did, publicKeyJwk: keys.current as never },
        ],
        assertionMethod: [`${did}#key-1`],
      },
      didDocumentMetadata: {},
    };
  };
  return { keys, state, driver };
}

const x = (key: unknown) => ((key as KeyObject).export({ format: 'jwk' }) as { x: string }).x;

describe('createDidResolver: dereferenced verification methods are copies', () => {
  it('mutating a dereferenced method (its nested key and its @context) does not poison the cache', async () => {
    const { keys, state, driver } = servedIssuer();
    const dids = createDidResolver({ extra: { example: driver }, cache: {}, now: () => 0 });
    const first = (await dids.dereference(`${DID}#key-1`)) as unknown as Record<string, Record<string, unknown>>;
    first.publicKeyJwk!.x = 'changed';
    const doc = (await dids.dereference(DID)) as unknown as Record<string, unknown[]>;
    (doc['@context'] as unknown[]).push('https://evil.example/context');
    (doc.assertionMethod as unknown[]).length = 0;
    const second = (await dids.dereference(`${DID}#key-1`)) as unknown as Record<string, Record<string, unknown>>;
    expect(second.publicKeyJwk!.x).toBe(keys.current.x);
    expect((await dids.resolve(DID)).assertionMethod).toEqual([`${DID}#key-1`]);
    expect((await dids.resolve(DID))['@context']).toHaveLength(2);
    expect(state.calls).toBe(1);
  });
});

describe('readOnlyDereferenceOf (the JWT key resolver reads cached documents without copying them)', () => {
  it('is there only for a resolver of createDidResolver whose dereference was not replaced', () => {
    const dids = createDidResolver();
    expect(readOnlyDereferenceOf(dids)).toBeTypeOf('function');
    expect(readOnlyDereferenceOf({ dereference: (u) => dids.dereference(u) })).toBeUndefined();
    expect(readOnlyDereferenceOf({ ...dids, dereference: async () => ({}) })).toBeUndefined();
  });

  it('gives what dereference gives, and the same errors', async () => {
    const { driver } = servedIssuer();
    const dids = createDidResolver({ extra: { example: driver }, cache: {}, now: () => 0 });
    const read = readOnlyDereferenceOf(dids)!;
    for (const url of [DID, `${DID}#key-1`]) {
      expect(await read(url)).toEqual(await dids.dereference(url));
      expect(await read(url)).toEqual(await dids.dereference(url)); // from the cache this time
    }
    for (const url of [`${DID}#nope`, `${DID}/path`, `${DID}?q=1`, 'urn:uuid:1', 'did:nope:x']) {
      const mine = await read(url).then(
        () => undefined,
        (e: unknown) => e,
      );
      const theirs = await dids.dereference(url).then(
        () => undefined,
        (e: unknown) => e,
      );
      expect(mine).toBeInstanceOf(Error);
      expect(mine).toMatchObject({ code: (theirs as { code: string }).code, message: (theirs as Error).message });
    }
  });

  it('keeps the TTL: a JWT key resolver sees a rotated key only once the cached document expires', async () => {
    let clock = 1_000_000;
    const { keys, state, driver } = servedIssuer();
    const dids = createDidResolver({ extra: { example: driver }, cache: { ttlMs: 60_000 }, now: () => clock });
    const resolveKey = createJwtKeyResolver(dids);
    const before = keys.current;
    expect(x((await resolveKey(`${DID}#key-1`)).key)).toBe(before.x);
    keys.current = generateKeyPairSync('ed25519').publicKey.export({ format: 'jwk' }) as Record<string, unknown>;
    clock += 59_999;
    expect(x((await resolveKey(`${DID}#key-1`)).key)).toBe(before.x);
    expect(state.calls).toBe(1);
    clock += 1;
    expect(x((await resolveKey(`${DID}#key-1`)).key)).toBe(keys.current.x);
    expect(state.calls).toBe(2);
  });

  it('reads a DID URL again from the document it was read from, and from the new one once that one is replaced', async () => {
    let clock = 0;
    const { keys, state, driver } = servedIssuer();
    const other = servedIssuer();
    const dids = createDidResolver({
      extra: { example: driver, other: other.driver },
      cache: { maxEntries: 1, ttlMs: 60_000 },
      now: () => clock,
    });
    const read = readOnlyDereferenceOf(dids)!;
    const key = async () => ((await read(`${DID}#key-1`)) as { publicKeyJwk: { x: string } }).publicKeyJwk.x;
    const before = keys.current.x;
    expect(await key()).toBe(before);
    expect(await key()).toBe(before);
    expect(await read(`${DID}#key-1`)).toBe(await read(`${DID}#key-1`)); // the same answer, not rebuilt
    expect(await read(`${DID}#key-1`)).toEqual(await dids.dereference(`${DID}#key-1`));
    await expect(read(`${DID}#key-2`)).rejects.toMatchObject({ code: 'DID_RESOLUTION_ERROR' });
    keys.current = generateKeyPairSync('ed25519').publicKey.export({ format: 'jwk' }) as Record<string, unknown>;
    // evicted (maxEntries 1): the next read resolves the DID again and reads the new document
    await dids.resolve('did:other:issuer');
    expect(await key()).toBe(keys.current.x);
    expect(state.calls).toBe(2);
    // expired: the same
    const second = keys.current.x;
    keys.current = generateKeyPairSync('ed25519').publicKey.export({ format: 'jwk' }) as Record<string, unknown>;
    clock += 59_999;
    expect(await key()).toBe(second);
    clock += 1;
    expect(await key()).toBe(keys.current.x);
    expect(state.calls).toBe(3);
  });

  it('keeps the LRU order: a document read through it counts as recently used', async () => {
    const calls: string[] = [];
    const driver: DIDResolver = async (did) => {
      calls.push(did);
      return {
        didResolutionMetadata: {},
        didDocument: { id: did, verificationMethod: [], assertionMethod: [] },
        didDocumentMetadata: {},
      };
    };
    const dids = createDidResolver({ extra: { example: driver }, cache: { maxEntries: 2 }, now: () => 0 });
    const read = readOnlyDereferenceOf(dids)!;
    await dids.resolve('did:example:a');
    await dids.resolve('did:example:b');
    await read('did:example:a'); // a is now the most recently used
    await dids.resolve('did:example:c'); // evicts b
    await dids.resolve('did:example:a');
    expect(calls).toEqual(['did:example:a', 'did:example:b', 'did:example:c']);
  });
});

describe('createDidResolver: cache.methods limits the cache to some DID methods', () => {
  it('caches the methods named, resolves the others every time, and refuses a list that is not one', async () => {
    const { state, driver } = servedIssuer();
    const other = servedIssuer();
    const dids = createDidResolver({
      extra: { example: driver, other: other.driver },
      cache: { methods: ['example'] },
    });
    for (let i = 0; i < 3; i++) {
      await dids.resolve(DID);
      await dids.dereference('did:other:issuer#key-1');
      await readOnlyDereferenceOf(dids)!('did:other:issuer');
    }
    expect(state.calls).toBe(1);
    expect(other.state.calls).toBe(6);
    expect(() => createDidResolver({ cache: { methods: 'key' as never } })).toThrow(TypeError);
  });
});
