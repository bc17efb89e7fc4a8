import { Resolver } from 'did-resolver';
import { describe, expect, it } from 'vitest';
import { createDidWebResolver, didWebUrl } from '../../src/did/did-web.ts';
import type { GuardedFetch, GuardedResponse } from '../../src/net/guarded-fetch.ts';
import { createGuardedFetch } from '../../src/net/guarded-fetch.ts';
import { NetError } from '../../src/net/net-error.ts';

const DID = 'did:web:example.com:user:alice';
const KEY = 'z6MkiTBz1ymuepAQ4HEHYSF1H8quG5GLVVQR3djdX3mDooWp';

function jsonResponse(body: unknown): GuardedResponse {
  const buffer = Buffer.from(typeof body === 'string' ? body : JSON.stringify(body));
  return {
    status: 200,
    headers: { 'content-type': 'application/did+json' },
    body: buffer,
    json: () => JSON.parse(buffer.toString()),
  };
}

/** A stand-in for the guarded fetch that serves `doc` and records the URLs asked for. */
function stubFetch(doc: unknown): GuardedFetch & { urls: string[]; accepts: Array<string | undefined> } {
  const urls: string[] = [];
  const accepts: Array<string | undefined> = [];
  const f: GuardedFetch = async (url, opts) => {
    urls.push(url);
    accepts.push(opts?.accept);
    return jsonResponse(doc);
  };
  return Object.assign(f, { urls, accepts });
}

function goodDocument(did = DID): Record<string, unknown> {
  return {
    '@context': ['https://www.w3.org/ns/did/v1', 'https://w3id.org/security/multikey/v1'],
    id: did,
    verificationMethod: [{ id: `${did}#key-1`, type: 'Multikey', controller: did, publicKeyMultibase: KEY }],
    assertionMethod: [`${did}#key-1`],
    authentication: ['#key-1'],
  };
}

function resolverWith(fetch: GuardedFetch): Resolver {
  return new Resolver({ web: createDidWebResolver({ fetch }) });
}

describe('did:web path mapping (did:web spec)', () => {
  it.each([
    ['did:web:w3c-ccg.github.io', 'https://w3c-ccg.github.io/.well-known/did.json'],
    ['did:web:w3c-ccg.github.io:user:alice', 'https://w3c-ccg.github.io/user/alice/did.json'],
    ['did:web:example.com%3A3000', 'https://example.com:3000/.well-known/did.json'],
    ['did:web:example.com%3A3000:user:alice', 'https://example.com:3000/user/alice/did.json'],
    ['did:web:example.com%3a3000:user:alice', 'https://example.com:3000/user/alice/did.json'],
    ['did:web:Example.COM', 'https://example.com/.well-known/did.json'],
    ['did:web:example.com:a:b:c', 'https://example.com/a/b/c/did.json'],
    ['did:web:example.com:issuers:caf%C3%A9', 'https://example.com/issuers/caf%C3%A9/did.json'],
  ])('maps %s → %s', (did, url) => {
    expect(didWebUrl(did)).toBe(url);
  });

  it.each([
    ['not did:web', 'did:key:z6MkiTBz1ymuepAQ4HEHYSF1H8quG5GLVVQR3djdX3mDooWp'],
    ['a DID URL with a fragment', 'did:web:example.com#key-1'],
    ['a DID URL with a path', 'did:web:example.com/path'],
    ['a DID URL with a query', 'did:web:example.com?versionId=1'],
    ['an empty path segment', 'did:web:example.com::alice'],
    ['a dot-dot segment', 'did:web:example.com:..:admin'],
    ['an encoded dot-dot segment', 'did:web:example.com:%2E%2E:admin'],
    ['an encoded slash in a segment', 'did:web:example.com:a%2Fb'],
    ['an encoded character in the host other than the port colon', 'did:web:exa%2Fmple.com'],
    ['userinfo smuggled into the host', 'did:web:user%40example.com'],
    ['a port out of range', 'did:web:example.com%3A70000'],
    ['port zero', 'did:web:example.com%3A0'],
    ['an empty port', 'did:web:example.com%3A'],
    ['an empty label', 'did:web:example..com'],
    ['bad percent-encoding', 'did:web:example.com:%E0%A4%A'],
  ])('refuses %s', (_why, did) => {
    expect(didWebUrl(did)).toBeUndefined();
  });
});

describe('did:web resolution through the injected guarded fetch', () => {
  it('fetches the mapped URL with a DID Accept header and returns the checked document', async () => {
    const fetch = stubFetch(goodDocument());
    const result = await resolverWith(fetch).resolve(DID);
    expect(fetch.urls).toEqual(['https://example.com/user/alice/did.json']);
    expect(fetch.accepts[0]).toContain('application/did+json');
    expect(result.didResolutionMetadata.error).toBeUndefined();
    expect(result.didDocument?.id).toBe(DID);
    // Relative references are made absolute.
    expect(result.didDocument?.authentication).toEqual([`${DID}#key-1`]);
  });

  it('network refusals and failures become notFound, naming the reason', async () => {
    const refusing: GuardedFetch = async () => {
      throw new NetError('private-address', 'Refused a request: the host resolves to a non-public address.');
    };
    const result = await resolverWith(refusing).resolve(DID);
    expect(result.didResolutionMetadata.error).toBe('notFound');
    expect(result.didResolutionMetadata.message).toContain('private-address');
    expect(result.didDocument).toBeNull();
  });

  it('a body that is not JSON, or not an object, is invalidDidDocument', async () => {
    for (const body of ['<html>', '[1,2]', '"did"', 'null']) {
      const result = await resolverWith(stubFetch(body)).resolve(DID);
      expect(result.didResolutionMetadata.error).toBe('invalidDidDocument');
    }
  });

  it('N1 through did:web: the production guarded fetch refuses localhost and IP-literal DIDs before any lookup', async () => {
    const lookups: string[] = [];
    const fetch = createGuardedFetch({
      lookup: async (host) => {
        lookups.push(host);
        return [{ address: '127.0.0.1', family: 4 }];
      },
    });
    for (const did of [
      'did:web:localhost%3A8080',
      'did:web:127.0.0.1',
      'did:web:169.254.169.254',
      'did:web:api.localhost',
    ]) {
      const result = await resolverWith(fetch).resolve(did);
      expect(result.didResolutionMetadata.error, did).toBe('notFound');
      expect(result.didResolutionMetadata.message).toMatch(/ip-literal|localhost/);
    }
    expect(lookups).toEqual([]);
  });

  it('N2 through did:web: a did:web host resolving to 169.254.169.254 is notFound (private-address)', async () => {
    const fetch = createGuardedFetch({ lookup: async () => [{ address: '169.254.169.254', family: 4 }] });
    const result = await resolverWith(fetch).resolve('did:web:metadata.example.com');
    expect(result.didResolutionMetadata.error).toBe('notFound');
    expect(result.didResolutionMetadata.message).toContain('private-address');
  });
});

describe('N6 did:web document must belong to and be controlled by the DID', () => {
  const cases: Array<[string, (doc: Record<string, unknown>) => void]> = [
    ['document id ≠ DID', (d) => (d.id = 'did:web:evil.example')],
    ['document id missing', (d) => delete d.id],
    ['document id of a parent path', (d) => (d.id = 'did:web:example.com')],
    [
      'verification method controller ≠ DID',
      (d) => ((d.verificationMethod as Array<Record<string, unknown>>)[0]!.controller = 'did:web:evil.example'),
    ],
    [
      'verification method controller missing',
      (d) => delete (d.verificationMethod as Array<Record<string, unknown>>)[0]!.controller,
    ],
    [
      'verification method controller as a list',
      (d) => ((d.verificationMethod as Array<Record<string, unknown>>)[0]!.controller = [DID]),
    ],
    [
      'verification method id under another DID',
      (d) => ((d.verificationMethod as Array<Record<string, unknown>>)[0]!.id = 'did:web:evil.example#key-1'),
    ],
    [
      'embedded assertionMethod controlled by another DID',
      (d) =>
        (d.assertionMethod = [
          { id: `${DID}#key-2`, type: 'Multikey', controller: 'did:key:z6Mkother', publicKeyMultibase: KEY },
        ]),
    ],
    ['assertionMethod reference to another DID', (d) => (d.assertionMethod = [`did:key:${KEY}#${KEY}`])],
    ['verificationMethod not a list', (d) => (d.verificationMethod = { id: `${DID}#key-1` })],
  ];

  it.each(cases)('N6 rejects a document whose %s', async (_why, mutate) => {
    const doc = goodDocument();
    mutate(doc);
    const result = await resolverWith(stubFetch(doc)).resolve(DID);
    expect(result.didResolutionMetadata.error).toBe('invalidDidDocument');
    expect(result.didDocument).toBeNull();
  });

  it('N6 accepts the unmodified document (control)', async () => {
    const result = await resolverWith(stubFetch(goodDocument())).resolve(DID);
    expect(result.didResolutionMetadata.error).toBeUndefined();
  });
});
