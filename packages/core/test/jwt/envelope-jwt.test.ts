import { envelopeJwt, isEnvelopedCredential, type SigningKey, signCredentialJwt, unenvelope } from '@repo/core';
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
