import { envelopeJwt, openCredential, type SigningKey, signCredentialJwt } from '@repo/core';
import { beforeAll, describe, expect, it } from 'vitest';
import { createTestKey, FROZEN_NOW, ob3Credential } from '../../../../test/helpers/credential-factory.ts';
import { vc11Credential } from '../../../../test/helpers/legacy-fixtures.ts';
import { segment } from '../jwt/jwt-test-keys.ts';

let key: SigningKey;
beforeAll(async () => {
  key = await createTestKey();
});

const now = FROZEN_NOW;

describe('openCredential: one way to open a credential (embedded proof, compact JWT, VC 2.0 §4.13.1 envelope)', () => {
  it('an embedded-proof object is the credential itself (same reference)', () => {
    const credential = ob3Credential(key);
    const opened = openCredential(credential);
    expect(opened).toEqual({ credential, securing: { format: 'embedded-proof' } });
    expect('credential' in opened && opened.credential).toBe(credential);
  });

  it('a compact Open Badges 3.0 §8.2 JWT: the payload with its subject; securing names the token', async () => {
    const credential = ob3Credential(key, { validUntil: '2030-01-01T00:00:00Z' });
    const jwt = await signCredentialJwt(credential, { key, now });
    const opened = openCredential(jwt);
    if ('problem' in opened) throw new Error(opened.problem.detail);
    expect(opened.credential).toMatchObject({ id: credential.id, credentialSubject: credential.credentialSubject });
    expect(opened.securing).toMatchObject({ format: 'compact-jwt', jwt, jwtFormat: 'ob', header: { typ: 'JWT' } });
  });

  it('an EnvelopedVerifiableCredential of a VC-JOSE-COSE vc+jwt: the credential inside, the same JWT', async () => {
    const credential = ob3Credential(key);
    const jwt = await signCredentialJwt(credential, { key, now, profile: 'vc-jose-cose' });
    const opened = openCredential(envelopeJwt(jwt));
    if ('problem' in opened) throw new Error(opened.problem.detail);
    expect(opened.credential).toEqual(credential);
    expect(opened.securing).toMatchObject({ format: 'enveloped-jwt', jwt, jwtFormat: 'vc-jose-cose' });
  });

  it('a VC 1.1 §6.3.1 vc-claim JWT: the credential rebuilt from the claims (credentialSubject.id ← sub)', async () => {
    const credential = vc11Credential(key);
    const jwt = await signCredentialJwt(credential, { key, now });
    const opened = openCredential(jwt);
    if ('problem' in opened) throw new Error(opened.problem.detail);
    expect(opened.securing).toMatchObject({ format: 'compact-jwt', jwtFormat: 'vc-jwt-v1' });
    expect(opened.credential.id).toBe(credential.id);
    expect((opened.credential.credentialSubject as { id?: unknown }).id).toBe(
      (credential.credentialSubject as { id?: unknown }).id,
    );
  });

  it('J3: not a compact JWS, an envelope of another media type, a vp JWT → a coded problem, never a throw', async () => {
    const jwt = await signCredentialJwt(ob3Credential(key), { key, now });
    const vpJwt = `${segment({ alg: 'EdDSA', typ: 'vp+jwt' })}.${segment({ vp: {} })}.sig`;
    const cases: Array<[unknown, string]> = [
      ['not.a.jwt', 'PARSING_ERROR'],
      [{ ...envelopeJwt(jwt), id: `data:application/vc+sd-jwt,${jwt}~` }, 'PARSING_ERROR'],
      [{ ...envelopeJwt(jwt), '@context': ['https://www.w3.org/2018/credentials/v1'] }, 'MALFORMED_VALUE_ERROR'],
      [vpJwt, 'MALFORMED_VALUE_ERROR'],
      [null, 'MALFORMED_VALUE_ERROR'],
      [42, 'MALFORMED_VALUE_ERROR'],
      [[ob3Credential(key)], 'MALFORMED_VALUE_ERROR'],
      [undefined, 'MALFORMED_VALUE_ERROR'],
    ];
    for (const [input, title] of cases) {
      const opened = openCredential(input);
      expect('problem' in opened && opened.problem.title, JSON.stringify(input)?.slice(0, 60)).toBe(title);
    }
  });

  it('odd input (a throwing getter) → a problem, not an exception', () => {
    const hostile = {
      get type(): never {
        throw new Error('boom');
      },
    };
    const opened = openCredential(hostile);
    expect('problem' in opened && opened.problem.title).toBe('MALFORMED_VALUE_ERROR');
  });
});
