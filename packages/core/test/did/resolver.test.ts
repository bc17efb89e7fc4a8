import type { DIDResolver } from 'did-resolver';
import { describe, expect, it } from 'vitest';
import { createDidResolver } from '../../src/did/resolver.ts';
import type { GuardedFetch } from '../../src/net/guarded-fetch.ts';
import { NetError } from '../../src/net/net-error.ts';
import { VcError } from '../../src/problems.ts';

const KEY_DID = 'did:key:z6MkiTBz1ymuepAQ4HEHYSF1H8quG5GLVVQR3djdX3mDooWp';
const KEY = 'z6MkiTBz1ymuepAQ4HEHYSF1H8quG5GLVVQR3djdX3mDooWp';
const WEB_DID = 'did:web:issuer.example.com';

function webDocument(did = WEB_DID): Record<string, unknown> {
  return {
    '@context': ['https://www.w3.org/ns/did/v1', 'https://w3id.org/security/multikey/v1'],
    id: did,
    verificationMethod: [{ id: `${did}#key-1`, type: 'Multikey', controller: did, publicKeyMultibase: KEY }],
    assertionMethod: [`${did}#key-1`],
  };
}

/** A counting stand-in for the guarded fetch, serving `docs` by URL (anything else: 404). */
function countingFetch(docs: Record<string, unknown>): GuardedFetch & { calls: string[] } {
  const calls: string[] = [];
  const f: GuardedFetch = async (url) => {
    calls.push(url);
    const doc = docs[url];
    if (doc === undefined) throw new NetError('http-status', 'The server answered HTTP 404.', { status: 404 });
    const body = Buffer.from(JSON.stringify(doc));
    return { status: 200, headers: {}, body, json: () => JSON.parse(body.toString()) };
  };
  return Object.assign(f, { calls });
}

async function resolutionError(promise: Promise<unknown>): Promise<VcError> {
  const error = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(VcError);
  expect((error as VcError).code).toBe('DID_RESOLUTION_ERROR');
  return error as VcError;
}

const WEB_URL = 'https://issuer.example.com/.well-known/did.json';

describe('createDidResolver', () => {
  it('resolves did:key without any fetch', async () => {
    const fetch = countingFetch({});
    const doc = await createDidResolver({ fetch }).resolve(KEY_DID);
    expect(doc.id).toBe(KEY_DID);
    expect(fetch.calls).toEqual([]);
  });

  it('dereferences did:key#fragment to the verification method with the Multikey context', async () => {
    const vm = await createDidResolver().dereference(`${KEY_DID}#${KEY}`);
    expect(vm).toEqual({
      '@context': 'https://w3id.org/security/multikey/v1',
      id: `${KEY_DID}#${KEY}`,
      type: 'Multikey',
      controller: KEY_DID,
      publicKeyMultibase: KEY,
    });
  });

  it('dereferences a bare DID to its document', async () => {
    const doc = await createDidResolver().dereference(KEY_DID);
    expect(doc.id).toBe(KEY_DID);
    expect('verificationMethod' in doc).toBe(true);
  });

  it('resolves and dereferences did:web through the injected fetch', async () => {
    const fetch = countingFetch({ [WEB_URL]: webDocument() });
    const dids = createDidResolver({ fetch });
    expect((await dids.resolve(WEB_DID)).id).toBe(WEB_DID);
    const vm = await dids.dereference(`${WEB_DID}#key-1`);
    expect(vm).toMatchObject({ '@context': 'https://w3id.org/security/multikey/v1', id: `${WEB_DID}#key-1` });
    expect(fetch.calls).toEqual([WEB_URL, WEB_URL]);
  });

  it('N6 through the resolver: a did:web document with a foreign controller is a DID_RESOLUTION_ERROR', async () => {
    const doc = webDocument();
    (doc.verificationMethod as Array<Record<string, unknown>>)[0]!.controller = 'did:web:evil.example';
    await resolutionError(createDidResolver({ fetch: countingFetch({ [WEB_URL]: doc }) }).resolve(WEB_DID));
  });

  it('N6 through the resolver: a did:web document for another DID is a DID_RESOLUTION_ERROR', async () => {
    const doc = webDocument('did:web:evil.example');
    await resolutionError(createDidResolver({ fetch: countingFetch({ [WEB_URL]: doc }) }).resolve(WEB_DID));
  });

  it('an extra driver whose document id is not the DID is a DID_RESOLUTION_ERROR', async () => {
    const lying: DIDResolver = async () => ({
      didResolutionMetadata: {},
      didDocument: { id: 'did:example:someone-else' },
      didDocumentMetadata: {},
    });
    await resolutionError(createDidResolver({ extra: { example: lying } }).resolve('did:example:123'));
  });

  it.each([
    ['an unsupported method', 'did:example:123'],
    ['a malformed did:key', 'did:key:z6Mk0OIl'],
    ['not a DID', 'https://example.com/'],
    ['a DID URL given to resolve', `${KEY_DID}#${KEY}`],
    ['an unreachable did:web', 'did:web:gone.example.com'],
  ])('throws DID_RESOLUTION_ERROR for %s', async (_why, did) => {
    await resolutionError(createDidResolver({ fetch: countingFetch({}) }).resolve(did));
  });

  it.each([
    ['an unknown fragment', `${KEY_DID}#nope`],
    ['a path', `${KEY_DID}/path`],
    ['a query', `${KEY_DID}?service=x`],
    ['not a DID URL', 'urn:uuid:1234'],
  ])('dereference throws DID_RESOLUTION_ERROR for %s', async (_why, url) => {
    await resolutionError(createDidResolver().dereference(url));
  });

  it('uses extra drivers', async () => {
    const example: DIDResolver = async (did) => ({
      didResolutionMetadata: {},
      didDocument: {
        id: did,
        verificationMethod: [{ id: '#k', type: 'JsonWebKey', controller: did, publicKeyJwk: { kty: 'OKP' } }],
      },
      didDocumentMetadata: {},
    });
    const dids = createDidResolver({ extra: { example } });
    const vm = await dids.dereference('did:example:123#k');
    expect(vm).toMatchObject({ '@context': 'https://w3id.org/security/jwk/v1', id: 'did:example:123#k' });
  });

  it('bad cache options are a TypeError', () => {
    expect(() => createDidResolver({ cache: { ttlMs: 0 } })).toThrow(TypeError);
    expect(() => createDidResolver({ cache: { maxEntries: 1.5 } })).toThrow(TypeError);
  });
});

describe('createDidResolver cache (LRU + TTL, keyed by DID)', () => {
  it('without the cache option every resolve fetches', async () => {
    const fetch = countingFetch({ [WEB_URL]: webDocument() });
    const dids = createDidResolver({ fetch });
    await dids.resolve(WEB_DID);
    await dids.resolve(WEB_DID);
    expect(fetch.calls).toHaveLength(2);
  });

  it('reuses a document within the TTL, for the DID and its DID URLs, and refetches after it', async () => {
    let clock = 1_000_000;
    const fetch = countingFetch({ [WEB_URL]: webDocument() });
    const dids = createDidResolver({ fetch, cache: { ttlMs: 60_000 }, now: () => clock });
    await dids.resolve(WEB_DID);
    await dids.dereference(`${WEB_DID}#key-1`);
    clock += 59_999;
    await dids.resolve(WEB_DID);
    expect(fetch.calls).toHaveLength(1);
    clock += 1;
    await dids.resolve(WEB_DID);
    expect(fetch.calls).toHaveLength(2);
  });

  it('evicts the least recently used DID past maxEntries', async () => {
    const urlOf = (name: string) => `https://${name}.example.com/.well-known/did.json`;
    const didOf = (name: string) => `did:web:${name}.example.com`;
    const fetch = countingFetch({
      [urlOf('a')]: webDocument(didOf('a')),
      [urlOf('b')]: webDocument(didOf('b')),
      [urlOf('c')]: webDocument(didOf('c')),
    });
    const dids = createDidResolver({ fetch, cache: { maxEntries: 2 }, now: () => 0 });
    await dids.resolve(didOf('a'));
    await dids.resolve(didOf('b'));
    await dids.resolve(didOf('a')); // a is now the most recently used
    await dids.resolve(didOf('c')); // evicts b
    expect(fetch.calls).toEqual([urlOf('a'), urlOf('b'), urlOf('c')]);
    await dids.resolve(didOf('a'));
    expect(fetch.calls).toHaveLength(3);
    await dids.resolve(didOf('b'));
    expect(fetch.calls).toEqual([urlOf('a'), urlOf('b'), urlOf('c'), urlOf('b')]);
  });

  it('never caches failures', async () => {
    const docs: Record<string, unknown> = {};
    const fetch = countingFetch(docs);
    const dids = createDidResolver({ fetch, cache: {}, now: () => 0 });
    await resolutionError(dids.resolve(WEB_DID));
    docs[WEB_URL] = webDocument();
    expect((await dids.resolve(WEB_DID)).id).toBe(WEB_DID);
    expect(fetch.calls).toHaveLength(2);
  });

  it('hands out copies: mutating a resolved document does not poison the cache', async () => {
    const fetch = countingFetch({ [WEB_URL]: webDocument() });
    const dids = createDidResolver({ fetch, cache: {}, now: () => 0 });
    const first = await dids.resolve(WEB_DID);
    first.verificationMethod![0]!.controller = 'did:web:evil.example';
    const second = await dids.resolve(WEB_DID);
    expect(second.verificationMethod![0]!.controller).toBe(WEB_DID);
    expect(fetch.calls).toHaveLength(1);
  });
});
