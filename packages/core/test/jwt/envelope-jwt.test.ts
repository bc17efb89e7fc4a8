import {
  envelopeJwt,
  envelopePresentationJwt,
  isEnvelopedCredential,
  isEnvelopedPresentation,
  type SigningKey,
  signCredentialJwt,
  unenvelope,
  unenvelopePresentation,
} from '@repo/core';
import { beforeAll, describe, expect, it } from 'vitest';
import { createTestKey, FROZEN_NOW, ob3Credential } from '../../../../test/helpers/credential-factory.ts';

let key: SigningKey;
let jwt: string;

beforeAll(async () => {
  key = await createTestKey();
  jwt = await signCredentialJwt(ob3Credential(key), { key, now: FROZEN_NOW });
});

describe('VC 2.0 §4.13.1 EnvelopedVerifiableCredential / VC-JOSE-COSE §3.1.1 data: URL', () => {
  it('envelopes a vc+jwt as a data:application/vc+jwt URL and gets the same JWT back', () => {
    const enveloped = envelopeJwt(jwt);
    expect(enveloped).toEqual({
      '@context': ['https://www.w3.org/ns/credentials/v2'],
      id: `data:application/vc+jwt,${jwt}`,
      type: 'EnvelopedVerifiableCredential',
    });
    expect(isEnvelopedCredential(enveloped)).toBe(true);
    expect(unenvelope(enveloped)).toEqual({ jwt });
    expect(unenvelope(JSON.parse(JSON.stringify(enveloped)))).toEqual({ jwt });
    expect(unenvelope({ ...enveloped, type: ['EnvelopedVerifiableCredential'] })).toEqual({ jwt });
  });

  it('accepts @context as the string VC 2.0 §4.13 writes, or a list starting with the v2 context', () => {
    // VC 2.0 §4.13.1 example "Basic structure of a presentation": the envelope inside it, verbatim but the id.
    const asInTheSpec = {
      '@context': 'https://www.w3.org/ns/credentials/v2',
      id: `data:application/vc+jwt,${jwt}`,
      type: 'EnvelopedVerifiableCredential',
    };
    expect(unenvelope(asInTheSpec)).toEqual({ jwt });
    const withExamples = {
      ...asInTheSpec,
      '@context': ['https://www.w3.org/ns/credentials/v2', 'https://www.w3.org/ns/credentials/examples/v2'],
    };
    expect(unenvelope(withExamples)).toEqual({ jwt });
  });

  it('rejects an envelope whose @context is only the examples context (string or list), as the W3C VC 2.0 suite asks', () => {
    for (const ctx of [
      'https://www.w3.org/ns/credentials/examples/v2',
      ['https://www.w3.org/ns/credentials/examples/v2'],
      ['https://www.w3.org/ns/credentials/examples/v2', 'https://www.w3.org/ns/credentials/v2'],
      [],
      42,
    ]) {
      const envelope = { '@context': ctx, id: `data:application/vc+jwt,${jwt}`, type: 'EnvelopedVerifiableCredential' };
      expect(unenvelope(envelope)).toMatchObject({ problem: { title: 'MALFORMED_VALUE_ERROR', pointer: '/@context' } });
    }
  });

  it('envelopeJwt takes only a compact JWS', () => {
    for (const bad of ['', 'a.b', 'a.b.', '{"payload":"x"}', 42]) {
      expect(() => envelopeJwt(bad as string)).toThrow(TypeError);
    }
  });

  const rejected: Array<[string, unknown, string, string]> = [
    ['not an envelope', { type: 'VerifiableCredential' }, 'MALFORMED_VALUE_ERROR', '/type'],
    ['null', null, 'MALFORMED_VALUE_ERROR', '/type'],
    [
      'no @context',
      { type: 'EnvelopedVerifiableCredential', id: 'data:application/vc+jwt,a.b.c' },
      'MALFORMED_VALUE_ERROR',
      '/@context',
    ],
    [
      'an https id',
      {
        '@context': ['https://www.w3.org/ns/credentials/v2'],
        type: 'EnvelopedVerifiableCredential',
        id: 'https://x.example/vc',
      },
      'MALFORMED_VALUE_ERROR',
      '/id',
    ],
    [
      'an SD-JWT',
      {
        '@context': ['https://www.w3.org/ns/credentials/v2'],
        type: 'EnvelopedVerifiableCredential',
        id: 'data:application/vc+sd-jwt,a.b.c~',
      },
      'PARSING_ERROR',
      '/id',
    ],
    [
      'a base64 data URL',
      {
        '@context': ['https://www.w3.org/ns/credentials/v2'],
        type: 'EnvelopedVerifiableCredential',
        id: 'data:application/vc+jwt;base64,YS5iLmM=',
      },
      'PARSING_ERROR',
      '/id',
    ],
    [
      'no JWS inside',
      {
        '@context': ['https://www.w3.org/ns/credentials/v2'],
        type: 'EnvelopedVerifiableCredential',
        id: 'data:application/vc+jwt,{"a":1}',
      },
      'MALFORMED_VALUE_ERROR',
      '/id',
    ],
  ];
  for (const [name, input, title, pointer] of rejected) {
    it(`unenvelope rejects ${name} (${title} at ${pointer}) without throwing`, () => {
      expect(unenvelope(input)).toMatchObject({ problem: { title, pointer } });
    });
  }
});

describe('VC 2.0 §4.13.2 EnvelopedVerifiablePresentation / VC-JOSE-COSE §3.2 data:application/vp+jwt', () => {
  it('envelopes a vp+jwt and gets it back; the §4.13.2 example shape (string @context) is accepted', () => {
    const enveloped = envelopePresentationJwt(jwt);
    expect(enveloped).toEqual({
      '@context': ['https://www.w3.org/ns/credentials/v2'],
      id: `data:application/vp+jwt,${jwt}`,
      type: 'EnvelopedVerifiablePresentation',
    });
    expect(isEnvelopedPresentation(enveloped)).toBe(true);
    expect(isEnvelopedCredential(enveloped)).toBe(false);
    expect(unenvelopePresentation(enveloped)).toEqual({ jwt });
    // VC 2.0 §4.13.2 example "Basic structure of an enveloped verifiable presentation", with a real JWS.
    const asInTheSpec = {
      '@context': 'https://www.w3.org/ns/credentials/v2',
      id: `data:application/vp+jwt,${jwt}`,
      type: 'EnvelopedVerifiablePresentation',
    };
    expect(unenvelopePresentation(asInTheSpec)).toEqual({ jwt });
  });

  it('refuses a credential envelope, a vc+jwt data: URL, and the examples-only @context', () => {
    expect(unenvelopePresentation(envelopeJwt(jwt))).toMatchObject({ problem: { pointer: '/type' } });
    const base = { '@context': 'https://www.w3.org/ns/credentials/v2', type: 'EnvelopedVerifiablePresentation' };
    expect(unenvelopePresentation({ ...base, id: `data:application/vc+jwt,${jwt}` })).toMatchObject({
      problem: { title: 'PARSING_ERROR', pointer: '/id' },
    });
    expect(
      unenvelopePresentation({
        ...base,
        '@context': 'https://www.w3.org/ns/credentials/examples/v2',
        id: `data:application/vp+jwt,${jwt}`,
      }),
    ).toMatchObject({ problem: { title: 'MALFORMED_VALUE_ERROR', pointer: '/@context' } });
    expect(() => envelopePresentationJwt('a.b')).toThrow(TypeError);
  });
});
