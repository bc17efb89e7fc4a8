// Who issued a credential, as the operator's registry knows it (issue 11): the registry's name
// when the issuer id is listed, otherwise only the credential's self-asserted name. The example
// registry shipped in keys-example/ must name the example issuer key's DID.
import { readFileSync } from 'node:fs';
import {
  createVerifier,
  describeIssuer,
  findRegisteredIssuer,
  parseTrustRegistry,
  readTrustRegistry,
  trustedIssuerIds,
} from '@repo/verifier';
import { describe, expect, it } from 'vitest';

const registry = parseTrustRegistry({
  issuers: [
    {
      name: 'Midwest Industrial Skills Council',
      ids: ['did:web:skills-council.example', 'https://skills-council.example/issuer.json'],
      url: 'https://skills-council.example',
      pathways: ['https://skills-council.example/pathways/cimt'],
    },
    { name: 'Northside College', ids: ['did:key:z6MkhaXgBZDvotDkL5257faiztiGiC2QtKLGpbnnEGta2doK'] },
  ],
});

describe('describeIssuer: registered or not in the registry', () => {
  it('a listed DID is registered under the registry name; the self-asserted name is kept only when it differs', () => {
    expect(describeIssuer(registry, 'did:web:skills-council.example', 'Skills Council (official!)')).toEqual({
      registered: true,
      id: 'did:web:skills-council.example',
      name: 'Midwest Industrial Skills Council',
      url: 'https://skills-council.example',
      pathways: ['https://skills-council.example/pathways/cimt'],
      selfAssertedName: 'Skills Council (official!)',
    });
    expect(
      describeIssuer(registry, 'https://skills-council.example/issuer.json', 'Midwest Industrial Skills Council'),
    ).toEqual({
      registered: true,
      id: 'https://skills-council.example/issuer.json',
      name: 'Midwest Industrial Skills Council',
      url: 'https://skills-council.example',
      pathways: ['https://skills-council.example/pathways/cimt'],
    });
  });

  it('an unlisted issuer is not registered, whatever name it gives itself', () => {
    expect(describeIssuer(registry, 'did:web:evil.example', 'Midwest Industrial Skills Council')).toEqual({
      registered: false,
      id: 'did:web:evil.example',
      selfAssertedName: 'Midwest Industrial Skills Council',
    });
    expect(describeIssuer(registry, 'did:web:evil.example', '   ')).toEqual({
      registered: false,
      id: 'did:web:evil.example',
    });
  });

  it('ids compare exactly as the issuer check compares them: no case folding, no trailing-slash games', () => {
    expect(describeIssuer(registry, 'did:web:Skills-Council.example').registered).toBe(false);
    expect(describeIssuer(registry, 'https://skills-council.example/issuer.json/').registered).toBe(false);
    expect(findRegisteredIssuer(registry, 'did:key:z6MkhaXgBZDvotDkL5257faiztiGiC2QtKLGpbnnEGta2doK')?.name).toBe(
      'Northside College',
    );
  });

  it('without a registry or an issuer id, nothing is registered', () => {
    expect(describeIssuer(undefined, 'did:web:skills-council.example', 'X')).toEqual({
      registered: false,
      id: 'did:web:skills-council.example',
      selfAssertedName: 'X',
    });
    expect(describeIssuer(registry, undefined)).toEqual({ registered: false });
  });
});

describe('trustedIssuerIds: the registry as the verifier issuer check list', () => {
  it('lists every id, and a verifier given them fails an unlisted issuer with UNTRUSTED_ISSUER', async () => {
    const ids = trustedIssuerIds(registry);
    expect(ids).toEqual([
      'did:web:skills-council.example',
      'https://skills-council.example/issuer.json',
      'did:key:z6MkhaXgBZDvotDkL5257faiztiGiC2QtKLGpbnnEGta2doK',
    ]);
    const verifier = createVerifier({ trustedIssuers: ids });
    const result = await verifier.verifyCredential({
      '@context': ['https://www.w3.org/ns/credentials/v2'],
      type: ['VerifiableCredential'],
      issuer: 'did:web:evil.example',
      credentialSubject: { id: 'did:example:1' },
    });
    const issuerCheck = result.checks.find((c) => c.id === 'issuer');
    expect(issuerCheck?.status).toBe('failed');
    expect(issuerCheck?.problem?.title).toBe('UNTRUSTED_ISSUER');
  });
});

describe('keys-example/trust-registry.json', () => {
  it('parses and registers the example issuer key (keys-example/issuer-key.json) by its DID', () => {
    const root = new URL('../../../../keys-example/', import.meta.url);
    const example = readTrustRegistry(readFileSync(new URL('trust-registry.json', root), 'utf8'));
    const key = JSON.parse(readFileSync(new URL('issuer-key.json', root), 'utf8'));
    const described = describeIssuer(example, key.controller);
    expect(described.registered).toBe(true);
    expect(described.registered && described.name).toBe('Example Issuer (development key, NOT FOR PRODUCTION)');
  });
});
