import { type DocumentLoader, type SigningKey, signCredential } from '@repo/core';
import { type CredentialVerification, checkIssuer, createVerifier, issuerIdOf } from '@repo/verifier';
import { beforeAll, describe, expect, it } from 'vitest';
import {
  createTestKey,
  createTestLoader,
  FROZEN_NOW,
  ob3Credential,
  signedOb3Credential,
} from '../../../../test/helpers/credential-factory.ts';

let key: SigningKey;
let other: SigningKey;
let documentLoader: DocumentLoader;
let didResolver: ReturnType<typeof createTestLoader>['didResolver'];

beforeAll(async () => {
  ({ documentLoader, didResolver } = createTestLoader());
  [key, other] = await Promise.all([createTestKey(), createTestKey()]);
});

const issuerCheck = (r: CredentialVerification) => r.checks.find((c) => c.id === 'issuer');

describe('VC 2.0 §4.7 issuer: trusted issuers', () => {
  it('an issuer on the trusted list → passed, with details.matched', async () => {
    const verifier = createVerifier({
      now: () => FROZEN_NOW,
      didResolver,
      trustedIssuers: ['did:web:someone.example', key.controller],
    });
    const r = await verifier.verifyCredential(await signedOb3Credential(key, documentLoader));
    expect(issuerCheck(r)).toMatchObject({
      status: 'passed',
      details: { issuer: key.controller, matched: key.controller },
    });
    expect(r.problems).toEqual([]);
    expect(r.verified).toBe(true);
  });

  it('an issuer off the list → UNTRUSTED_ISSUER, although the proof passed', async () => {
    const verifier = createVerifier({ now: () => FROZEN_NOW, didResolver, trustedIssuers: [other.controller] });
    const r = await verifier.verifyCredential(await signedOb3Credential(key, documentLoader));
    expect(r.checks.find((c) => c.id === 'proof')?.status).toBe('passed');
    expect(issuerCheck(r)).toMatchObject({
      status: 'failed',
      problem: { title: 'UNTRUSTED_ISSUER', pointer: '/issuer' },
    });
    expect(r.problems.map((p) => p.title)).toEqual(['UNTRUSTED_ISSUER']);
    expect(r.verified).toBe(false);
  });

  it('an empty trusted list trusts nobody', async () => {
    const verifier = createVerifier({ now: () => FROZEN_NOW, didResolver, trustedIssuers: [] });
    const r = await verifier.verifyCredential(await signedOb3Credential(key, documentLoader));
    expect(issuerCheck(r)?.problem?.title).toBe('UNTRUSTED_ISSUER');
    expect(r.verified).toBe(false);
  });

  it('a per-call trustedIssuers overrides the verifier’s', async () => {
    const verifier = createVerifier({ now: () => FROZEN_NOW, didResolver, trustedIssuers: [key.controller] });
    const credential = await signedOb3Credential(key, documentLoader);
    expect((await verifier.verifyCredential(credential)).verified).toBe(true);
    const r = await verifier.verifyCredential(credential, { trustedIssuers: [other.controller] });
    expect(issuerCheck(r)?.problem?.title).toBe('UNTRUSTED_ISSUER');
    expect(r.verified).toBe(false);
  });

  it('the issuer written as a plain string is matched the same way', async () => {
    const verifier = createVerifier({
      now: () => FROZEN_NOW,
      didResolver,
      trustedIssuers: [key.controller],
      checkSchema: false,
    });
    const r = await verifier.verifyCredential(
      await signedOb3Credential(key, documentLoader, { issuer: key.controller }),
    );
    expect(issuerCheck(r)).toMatchObject({ status: 'passed', details: { matched: key.controller } });
    expect(r.verified).toBe(true);
  });

  it('naming a trusted issuer does not help a credential signed by someone else (T5) → INVALID_VERIFICATION_METHOD', async () => {
    const verifier = createVerifier({ now: () => FROZEN_NOW, didResolver, trustedIssuers: [key.controller] });
    const forged = await signCredential(ob3Credential(key), { key: other, documentLoader, now: FROZEN_NOW });
    const r = await verifier.verifyCredential(forged);
    expect(r.checks.find((c) => c.id === 'proof')?.problem?.title).toBe('INVALID_VERIFICATION_METHOD');
    expect(r.verified).toBe(false);
  });

  it('without a trusted list the issuer check is skipped (the proof already tied the key to the issuer)', async () => {
    const verifier = createVerifier({ now: () => FROZEN_NOW, didResolver });
    const r = await verifier.verifyCredential(await signedOb3Credential(key, documentLoader));
    expect(issuerCheck(r)).toMatchObject({ status: 'skipped', details: { issuer: key.controller } });
    expect(r.verified).toBe(true);
  });

  describe('checkIssuer / issuerIdOf', () => {
    it('matches exactly: no prefix, suffix or case-folded match', () => {
      const trusted = ['did:web:certs.example'];
      for (const near of [
        'did:web:certs.example.evil',
        'did:web:certs.exampl',
        'DID:WEB:CERTS.EXAMPLE',
        'did:web:certs.example#key-1',
        ' did:web:certs.example',
      ]) {
        expect(checkIssuer(near, trusted), near).toMatchObject({
          status: 'failed',
          problem: { title: 'UNTRUSTED_ISSUER' },
        });
      }
      expect(checkIssuer('did:web:certs.example', trusted)).toMatchObject({
        status: 'passed',
        details: { matched: 'did:web:certs.example' },
      });
    });

    it('no issuer id → MALFORMED_VALUE_ERROR', () => {
      expect(checkIssuer(undefined, ['did:web:certs.example'])).toMatchObject({
        status: 'failed',
        problem: { title: 'MALFORMED_VALUE_ERROR', pointer: '/issuer' },
      });
      expect(checkIssuer(undefined, undefined).status).toBe('failed');
    });

    it('issuerIdOf reads a string or an object id, nothing else', () => {
      expect(issuerIdOf({ issuer: 'did:web:a.example' })).toBe('did:web:a.example');
      expect(issuerIdOf({ issuer: { id: 'did:web:a.example', name: 'A' } })).toBe('did:web:a.example');
      for (const issuer of [undefined, null, 42, {}, { id: 42 }, ['did:web:a.example']])
        expect(issuerIdOf({ issuer })).toBeUndefined();
    });
  });
});
