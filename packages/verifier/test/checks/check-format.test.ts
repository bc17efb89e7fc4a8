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
