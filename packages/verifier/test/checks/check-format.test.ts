import { checkCredentialShape } from '@repo/verifier';
import { describe, expect, it } from 'vitest';

const V2 = 'https://www.w3.org/ns/credentials/v2';
const good = {
  '@context': [V2],
  type: ['VerifiableCredential'],
  issuer: 'did:example:1',
  credentialSubject: { id: 'did:example:2' },
};

describe('VC 2.0 §4 credential shape (format check)', () => {
  it('accepts the minimal VC 2.0 shape and a VC 1.1 context', () => {
    expect(checkCredentialShape(good)).toBeUndefined();
    expect(checkCredentialShape({ ...good, '@context': ['https://www.w3.org/2018/credentials/v1'] })).toBeUndefined();
  });

  const bad: Array<[string, unknown, string]> = [
    ['null', null, ''],
    ['a string', 'x', ''],
    ['an array', [good], ''],
    ['@context a string', { ...good, '@context': V2 }, '/@context'],
    [
      '@context not starting with the VC context',
      { ...good, '@context': ['https://example.com/ctx', V2] },
      '/@context',
    ],
    ['type without VerifiableCredential', { ...good, type: ['OpenBadgeCredential'] }, '/type'],
    ['no type', { ...good, type: undefined }, '/type'],
    ['no issuer', { ...good, issuer: undefined }, '/issuer'],
    ['credentialSubject a string', { ...good, credentialSubject: 'did:example:2' }, '/credentialSubject'],
    ['no credentialSubject', { ...good, credentialSubject: undefined }, '/credentialSubject'],
  ];
  for (const [name, input, pointer] of bad) {
    it(`${name} → MALFORMED_VALUE_ERROR at "${pointer}"`, () => {
      expect(checkCredentialShape(input)).toMatchObject({ title: 'MALFORMED_VALUE_ERROR', pointer });
    });
  }

  it('a presentation needs VerifiablePresentation, not VerifiableCredential', () => {
    expect(
      checkCredentialShape({ '@context': [V2], type: ['VerifiablePresentation'] }, 'presentation'),
    ).toBeUndefined();
    expect(checkCredentialShape(good, 'presentation')).toMatchObject({
      title: 'MALFORMED_VALUE_ERROR',
      pointer: '/type',
    });
  });
});

describe('RFC 7493 I-JSON values in a credential handed over as a JavaScript value (format check)', () => {
  const cyclic: Record<string, unknown> = { ...good };
  cyclic.credentialSubject = { id: 'did:example:2', self: cyclic };
  const cases: Array<[string, unknown, string]> = [
    ['§2.1 a lone surrogate in a string', { ...good, name: 'Technician \uD83D' }, '/name'],
    [
      '§2.1 a lone surrogate in a member name',
      { ...good, credentialSubject: { id: 'x', 'a\uDC00': 1 } },
      '/credentialSubject/a\uDC00',
    ],
    ['§2.1 a noncharacter', { ...good, description: '\uFFFE' }, '/description'],
    ['§2.2 NaN', { ...good, credentialSubject: { id: 'x', credits: Number.NaN } }, '/credentialSubject/credits'],
    [
      '§2.2 Infinity',
      { ...good, credentialSubject: { id: 'x', credits: Number.POSITIVE_INFINITY } },
      '/credentialSubject/credits',
    ],
    [
      '§2.2 an integer beyond 2^53 − 1',
      { ...good, credentialSubject: { id: 'x', n: [2 ** 53] } },
      '/credentialSubject/n/0',
    ],
    ['−0 (canonicalised as 0)', { ...good, credentialSubject: { id: 'x', n: -0 } }, '/credentialSubject/n'],
    [
      '0.10000000000000002 (canonicalised as 1.0E-1, like 0.1)',
      { ...good, credentialSubject: { id: 'x', n: 0.10000000000000002 } },
      '/credentialSubject/n',
    ],
    [
      '1e-7 (canonicalised as the integer 0)',
      { ...good, credentialSubject: { id: 'x', n: 1e-7 } },
      '/credentialSubject/n',
    ],
    ['a BigInt', { ...good, credentialSubject: { id: 'x', n: 1n } }, '/credentialSubject/n'],
    ['a cycle', cyclic, '/credentialSubject/self'],
  ];
  for (const [name, input, pointer] of cases) {
    it(`${name} → MALFORMED_VALUE_ERROR at "${pointer}"`, () => {
      expect(checkCredentialShape(input)).toMatchObject({ title: 'MALFORMED_VALUE_ERROR', pointer });
    });
  }

  it('the RDF number rule applies under RDFC proofs only: JCS proofs and JWTs carry 0.10000000000000002 exactly; −0 stays refused', () => {
    const n = { ...good, credentialSubject: { id: 'x', n: 0.10000000000000002 } };
    const jcs = { ...n, proof: { type: 'DataIntegrityProof', cryptosuite: 'eddsa-jcs-2022', proofValue: 'z1' } };
    const rdfc = { ...n, proof: { type: 'DataIntegrityProof', cryptosuite: 'eddsa-rdfc-2022', proofValue: 'z1' } };
    const mixed = { ...n, proof: [jcs.proof, { ...rdfc.proof, proofValue: 'z2' }] };
    expect(checkCredentialShape(jcs)).toBeUndefined();
    expect(checkCredentialShape(n, 'credential', { exactNumbers: true })).toBeUndefined();
    expect(checkCredentialShape(rdfc)?.title).toBe('MALFORMED_VALUE_ERROR');
    expect(checkCredentialShape(mixed)?.title).toBe('MALFORMED_VALUE_ERROR');
    const minusZero = { ...jcs, credentialSubject: { id: 'x', n: -0 } };
    expect(checkCredentialShape(minusZero)).toMatchObject({ pointer: '/credentialSubject/n' });
  });

  it('nesting deeper than MAX_DOCUMENT_DEPTH → MALFORMED_VALUE_ERROR, without recursion', () => {
    let deep: unknown = 'leaf';
    for (let i = 0; i < 100_000; i++) deep = [deep];
    expect(checkCredentialShape({ ...good, credentialSubject: { id: 'x', deep } })?.title).toBe(
      'MALFORMED_VALUE_ERROR',
    );
  });

  it('accepts Unicode that is I-JSON (NFD, RTL marks, zero-width joiners, emoji) and ordinary numbers', () => {
    const subject = {
      id: 'x',
      name: 'Zoë'.normalize('NFD'),
      rtl: '\u200Fشهادة',
      zwj: '👩\u200D🔧',
      credits: 6,
      score: 12.5,
    };
    expect(checkCredentialShape({ ...good, credentialSubject: subject })).toBeUndefined();
  });
});

describe('Data Integrity 1.0 §2.4.1 context validation of inline contexts (format check)', () => {
  const OB = 'https://purl.imsglobal.org/spec/ob/v3p0/context-3.0.3.json';
  const withContext = (...extra: unknown[]) => ({ ...good, '@context': [V2, ...extra] });
  const refused: Array<[string, unknown, string]> = [
    ['@vocab', withContext({ '@vocab': 'https://example.org/#' }), '/@context/1/@vocab'],
    ['@vocab: null', withContext({ '@vocab': null }), '/@context/1/@vocab'],
    [
      '@vocab in a scoped context',
      withContext({ X: { '@id': 'urn:example:X', '@context': { '@vocab': 'urn:x:' } } }),
      '/@context/1/X/@context/@vocab',
    ],
    ['@base', withContext({ '@base': 'https://example.org/' }), '/@context/1/@base'],
    ['@protected: false', withContext({ '@protected': false, a: 'urn:example:a' }), '/@context/1/@protected'],
    [
      'a redefinition of a VC term',
      withContext({ VerifiableCredential: 'https://example.org/#Bad' }),
      '/@context/1/VerifiableCredential',
    ],
    [
      'a redefinition of an Open Badges term',
      { ...good, '@context': [V2, OB, { Achievement: 'https://example.org/#A' }] },
      '/@context/2/Achievement',
    ],
    [
      'a term redefined by a later inline context',
      withContext({ '@protected': true, Ex: 'https://example.org/#Ex' }, { Ex: 'https://example.org/#Bad' }),
      '/@context/2/Ex',
    ],
    [
      'a new term mapped onto the VC vocabulary',
      withContext({ myIssuer: 'https://www.w3.org/2018/credentials#issuer' }),
      '/@context/1/myIssuer',
    ],
    [
      'a new term mapped onto the security vocabulary',
      withContext({ pv: { '@id': 'https://w3id.org/security#proofValue' } }),
      '/@context/1/pv',
    ],
    [
      'a new term mapped onto the Open Badges vocabulary',
      withContext({ ach: 'https://purl.imsglobal.org/spec/vc/ob/vocab.html#achievement' }),
      '/@context/1/ach',
    ],
    [
      'a @reverse onto the VC vocabulary',
      withContext({ holds: { '@reverse': 'https://www.w3.org/2018/credentials#credentialSubject' } }),
      '/@context/1/holds',
    ],
    ['a new alias of a keyword', withContext({ kind: '@type' }), '/@context/1/kind'],
    ['a term mapped to null', withContext({ foo: null }), '/@context/1/foo'],
    ['a relative IRI', withContext({ foo: 'bar' }), '/@context/1/foo'],
    ['a null @context entry', withContext(null), '/@context/1'],
    [
      '@vocab in a nested credential',
      { ...good, credentialSubject: { id: 'x', vc: { '@context': [V2, { '@vocab': 'urn:x:' }] } } },
      '/credentialSubject/vc/@context/1/@vocab',
    ],
  ];
  for (const [name, input, pointer] of refused) {
    it(`${name} → CONTEXT_NOT_ALLOWED at "${pointer}"`, () => {
      expect(checkCredentialShape(input)).toMatchObject({ title: 'CONTEXT_NOT_ALLOWED', pointer });
    });
  }

  const accepted: Array<[string, unknown]> = [
    [
      'new terms (VC DM 2.0 suite, credential-context-combo2-ok)',
      withContext({ ExampleVerifiableCredential: 'https://example.org/#ExampleVerifiableCredential' }),
    ],
    [
      'a wrapped inline context (Data Integrity suite inputs)',
      withContext({
        '@context': {
          AlumniCredential: 'https://www.example.org/AlumniCredential',
          alumniOf: 'https://www.example.org/alumniOf',
        },
      }),
    ],
    [
      'protected new terms with scoped contexts restating "id" and "type" (ECDSA suite mocks)',
      withContext({
        '@protected': true,
        WindsailingAchievement: {
          '@id': 'urn:example:WindsailingAchievement',
          '@context': { '@protected': true, id: '@id', type: '@type', sailNumber: 'urn:example:sailNumber' },
        },
        achievements: { '@id': 'urn:example:achievements', '@type': '@id' },
      }),
    ],
    [
      'an Open Badges extension term',
      { ...good, '@context': [V2, OB, { myExt: { '@id': 'https://ext.example/myExt', '@type': 'xsd:string' } }] },
    ],
  ];
  for (const [name, input] of accepted) {
    it(`accepts ${name}`, () => {
      expect(checkCredentialShape(input)).toBeUndefined();
    });
  }
});

describe('VC 2.0 §6.1 "Restrictions on JSON-LD": compacted form, what a JSON reader sees is what is signed (format check)', () => {
  const refused: Array<[string, unknown, string]> = [
    ['"@nest" hiding a validUntil', { ...good, '@nest': { validUntil: '2020-01-01T00:00:00Z' } }, '/@nest'],
    ['"@included" adding nodes', { ...good, '@included': [{ id: 'did:example:x' }] }, '/@included'],
    ['"@reverse"', { ...good, credentialSubject: { id: 'x', '@reverse': {} } }, '/credentialSubject/@reverse'],
    [
      '"@id" beside id',
      { ...good, credentialSubject: { id: 'did:example:2', '@id': 'did:example:3' } },
      '/credentialSubject/@id',
    ],
    ['"@type" beside type', { ...good, '@type': 'Other' }, '/@type'],
    ['"@graph"', { ...good, '@graph': [] }, '/@graph'],
    [
      'a VC term by its full IRI',
      { ...good, 'https://www.w3.org/2018/credentials#validUntil': '2020-01-01T00:00:00Z' },
      '/https:~1~1www.w3.org~12018~1credentials#validUntil',
    ],
    ['a blank-node id', { ...good, credentialSubject: { id: '_:b0' } }, '/credentialSubject/id'],
  ];
  for (const [name, input, pointer] of refused) {
    it(`${name} → MALFORMED_VALUE_ERROR at "${pointer}"`, () => {
      expect(checkCredentialShape(input)).toMatchObject({ title: 'MALFORMED_VALUE_ERROR', pointer });
    });
  }

  it('accepts VC 2.0 §11.1 value objects ("@value", "@language", "@direction") and keywords inside @context', () => {
    const name = { '@value': 'Example', '@language': 'en', '@direction': 'ltr' };
    const context = [V2, { X: { '@id': 'urn:example:X', '@type': '@id' } }];
    expect(checkCredentialShape({ ...good, '@context': context, name })).toBeUndefined();
  });
});
