// The operator's trust registry file (issue 11): a strict parser that names every problem by its
// JSON Pointer (RFC 6901). Issuer ids are DIDs (DID Core 1.0 §3.1 DID Syntax) or http(s) URLs
// (Open Badges 2.0 issuer Profile ids); the DID examples below are the specifications' own.
import { parseTrustRegistry, readTrustRegistry, TrustRegistryError } from '@repo/verifier';
import { describe, expect, it } from 'vitest';

/** The problems a registry is refused with, as [pointer, message] pairs. */
function problemsOf(value: unknown): Array<[string, string]> {
  try {
    parseTrustRegistry(value);
  } catch (error) {
    expect(error).toBeInstanceOf(TrustRegistryError);
    return (error as TrustRegistryError).problems.map((p) => [p.pointer, p.message]);
  }
  throw new Error('expected the registry to be refused');
}

describe('trust registry: DID Core 1.0 §3.1 and did:web identifiers as issuer ids', () => {
  it('accepts the DID Core §3.1 example DID, the did:web spec examples (path, percent-encoded port) and an https profile URL', () => {
    const ids = [
      'did:example:123456789abcdefghi', // DID Core 1.0 Example 1
      'did:web:w3c-ccg.github.io:user:alice', // did:web Method Specification §3.1
      'did:web:example.com%3A3000', // did:web §3.1 (port, percent-encoded)
      'https://example.org/organization.json', // Open Badges 2.0 examples: the issuer Profile id
    ];
    const registry = parseTrustRegistry({
      name: 'Acme hiring team',
      issuers: [{ name: 'Example Org', ids, url: 'https://example.org', pathways: ['urn:uuid:1'] }],
    });
    expect(registry).toEqual({
      name: 'Acme hiring team',
      issuers: [{ name: 'Example Org', ids, url: 'https://example.org', pathways: ['urn:uuid:1'] }],
    });
  });

  it('refuses a DID URL with a fragment (DID Core Example 2 style), a path or a query as an issuer id', () => {
    const problems = problemsOf({
      issuers: [
        {
          name: 'X',
          ids: ['did:example:123456789abcdefghi#keys-1', 'did:example:123/path', 'did:example:123?service=x'],
        },
      ],
    });
    expect(problems.map(([p]) => p)).toEqual(['/issuers/0/ids/0', '/issuers/0/ids/1', '/issuers/0/ids/2']);
    for (const [, message] of problems) expect(message).toContain('is not a DID (DID Core §3.1');
  });
});

describe('trust registry: strict parsing with a pointer and a message for every problem', () => {
  it('optional members may be left out: pathways defaults to an empty list, an empty issuers list is allowed', () => {
    expect(parseTrustRegistry({ issuers: [] })).toEqual({ issuers: [] });
    expect(parseTrustRegistry({ issuers: [{ name: ' Skills Council ', ids: ['did:web:skills.example'] }] })).toEqual({
      issuers: [{ name: 'Skills Council', ids: ['did:web:skills.example'], pathways: [] }],
    });
  });

  it('lists every problem at once, each at its JSON Pointer', () => {
    const problems = problemsOf({
      nmae: 'typo',
      issuers: [
        { name: '', ids: [] },
        { name: 'B', ids: ['ftp://b.example/issuer', 42, 'https://user:pw@b.example/'], url: 'javascript:alert(1)' },
        { name: 'C', ids: ['did:web:c.example'], pathways: 'not a list', extra: true },
        'not an object',
      ],
    });
    expect(problems).toEqual([
      ['/nmae', 'unknown member "nmae" (allowed: name, issuers).'],
      ['/issuers/0/name', 'name must be a non-empty string.'],
      ['/issuers/0/ids', 'must be a non-empty list of the DIDs or URLs this issuer issues as.'],
      ['/issuers/1/ids/0', '"ftp://b.example/issuer" must be an http or https URL.'],
      ['/issuers/1/ids/1', 'an issuer id must be a non-empty string.'],
      ['/issuers/1/ids/2', '"https://user:pw@b.example/" must not carry a user name or password.'],
      ['/issuers/1/url', '"javascript:alert(1)" must be an http or https URL.'],
      ['/issuers/2/extra', 'unknown member "extra" (allowed: name, ids, url, pathways).'],
      ['/issuers/2/pathways', 'must be a list of pathway ids.'],
      ['/issuers/3', 'must be an object { "name", "ids", "url"?, "pathways"? }.'],
    ]);
  });

  it('an id may name one issuer only: the second listing points back at the first', () => {
    expect(
      problemsOf({
        issuers: [
          { name: 'A', ids: ['did:web:a.example'] },
          { name: 'Impostor', ids: ['did:web:a.example'] },
        ],
      }),
    ).toEqual([
      ['/issuers/1/ids/0', 'did:web:a.example is already listed at /issuers/0/ids/0; an id can name one issuer only.'],
    ]);
  });

  it('refuses anything but an object with an issuers list, and escapes "/" and "~" in pointers (RFC 6901 §3)', () => {
    expect(problemsOf([])).toEqual([['', 'must be a JSON object with an "issuers" list.']]);
    expect(problemsOf(null)).toEqual([['', 'must be a JSON object with an "issuers" list.']]);
    expect(problemsOf({})).toEqual([['/issuers', 'is required: a list of { "name", "ids", "url"?, "pathways"? }.']]);
    expect(problemsOf({ issuers: [], 'a/b~c': 1 })[0]![0]).toBe('/a~1b~0c');
  });

  it('I7: a "__proto__" member is refused as unknown and Object.prototype is untouched', () => {
    const value = JSON.parse('{"issuers":[{"name":"A","ids":["did:web:a.example"],"__proto__":{"polluted":true}}]}');
    expect(problemsOf(value)).toEqual([
      ['/issuers/0/__proto__', 'unknown member "__proto__" (allowed: name, ids, url, pathways).'],
    ]);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });

  it('the error is a coded VcError: MALFORMED_VALUE_ERROR with the first pointer, and a message listing them all', () => {
    try {
      parseTrustRegistry({
        issuers: [
          { name: 'A', ids: ['nope'] },
          { name: 7, ids: ['did:web:b.example'] },
        ],
      });
      expect.unreachable();
    } catch (error) {
      const e = error as TrustRegistryError;
      expect(e.code).toBe('MALFORMED_VALUE_ERROR');
      expect(e.pointer).toBe('/issuers/0/ids/0');
      expect(e.message).toBe(
        'The trust registry is not valid:\n  /issuers/0/ids/0: "nope" is not a URL.\n  /issuers/1/name: name must be a non-empty string.',
      );
    }
  });
});

describe('trust registry: reading the file text', () => {
  it('reads JSON text (with or without a UTF-8 byte order mark)', () => {
    const text = '{"issuers":[{"name":"A","ids":["did:web:a.example"]}]}';
    expect(readTrustRegistry(text)).toEqual(readTrustRegistry(`\uFEFF${text}`));
    expect(readTrustRegistry(text).issuers[0]!.ids).toEqual(['did:web:a.example']);
  });

  it('text that is not JSON is a PARSING_ERROR at the root', () => {
    try {
      readTrustRegistry('{ issuers: [] }');
      expect.unreachable();
    } catch (error) {
      const e = error as TrustRegistryError;
      expect(e).toBeInstanceOf(TrustRegistryError);
      expect(e.code).toBe('PARSING_ERROR');
      expect(e.problems).toHaveLength(1);
      expect(e.problems[0]!.pointer).toBe('');
      expect(e.problems[0]!.message).toMatch(/^is not JSON \(/);
    }
  });
});
