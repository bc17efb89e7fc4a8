// Controlled Identifiers 1.0 §2.2.4 `revoked` and this project's `retiredAt` on a verification
// method: what it may still vouch for, and that did:web resolution carries both through.
import { checkVerificationMethodUse, createDidResolver, type GuardedFetch } from '@repo/core';
import { describe, expect, it } from 'vitest';

const DID = 'did:web:issuer.example';
const VM = {
  id: `${DID}#key-1`,
  type: 'Multikey',
  controller: DID,
  publicKeyMultibase: 'z6MkiTBz1ymuepAQ4HEHYSF1H8quG5GLVVQR3djdX3mDooWp',
};
const signedAt = (iso: string | undefined) => ({
  at: iso === undefined ? undefined : Date.parse(iso),
  pointer: '/proof/created',
});

describe('checkVerificationMethodUse: retiredAt and revoked (Controlled Identifiers 1.0 §2.2.4)', () => {
  it('a method without either vouches for anything, dated or not', () => {
    expect(checkVerificationMethodUse(VM, signedAt('2030-01-01T00:00:00Z'))).toBeUndefined();
    expect(checkVerificationMethodUse(VM, signedAt(undefined))).toBeUndefined();
  });

  it('retiredAt: at or before it passes; after it, or undated, is INVALID_VERIFICATION_METHOD at the date', () => {
    const vm = { ...VM, retiredAt: '2026-03-01T00:00:00Z' };
    expect(checkVerificationMethodUse(vm, signedAt('2026-03-01T00:00:00Z'))).toBeUndefined();
    expect(checkVerificationMethodUse(vm, signedAt('2026-02-28T23:59:59Z'))).toBeUndefined();
    const late = checkVerificationMethodUse(vm, signedAt('2026-03-01T00:00:01Z'));
    expect(late).toMatchObject({ title: 'INVALID_VERIFICATION_METHOD', pointer: '/proof/created' });
    expect(late?.detail).toBe(
      `This was signed with a key retired on 2026-03-01T00:00:00.000Z (${DID}#key-1), and is dated 2026-03-01T00:00:01.000Z, after the retirement.`,
    );
    expect(checkVerificationMethodUse(vm, signedAt(undefined))?.detail).toContain('carries no valid signing date');
  });

  it('revoked: nothing passes, whatever the date, and the problem points at the method', () => {
    const vm = { ...VM, revoked: '2026-05-01T00:00:00Z' };
    for (const at of ['2020-01-01T00:00:00Z', '2030-01-01T00:00:00Z', undefined]) {
      const p = checkVerificationMethodUse(vm, signedAt(at));
      expect(p).toMatchObject({ title: 'INVALID_VERIFICATION_METHOD', pointer: '/proof/verificationMethod' });
      expect(p?.detail).toContain('was revoked on 2026-05-01T00:00:00.000Z');
    }
    expect(checkVerificationMethodUse({ ...VM, revoked: 'yes' }, signedAt(undefined), '/kid')).toMatchObject({
      pointer: '/kid',
    });
  });

  it('fails closed on a retiredAt that is not a date-time; reads one without offset as UTC (Data Integrity §2.1)', () => {
    const bad = checkVerificationMethodUse({ ...VM, retiredAt: 'last spring' }, signedAt('2020-01-01T00:00:00Z'));
    expect(bad?.title).toBe('INVALID_VERIFICATION_METHOD');
    const utc = { ...VM, retiredAt: '2026-03-01T00:00:00' };
    expect(checkVerificationMethodUse(utc, signedAt('2026-03-01T00:00:00Z'))).toBeUndefined();
    expect(checkVerificationMethodUse(utc, signedAt('2026-03-01T00:00:01Z'))).toBeDefined();
  });
});

describe('did:web dereferencing keeps a method’s retiredAt and revoked', () => {
  it('the dereferenced verification method carries both, as published', async () => {
    const doc = {
      '@context': ['https://www.w3.org/ns/did/v1', 'https://w3id.org/security/multikey/v1'],
      id: DID,
      verificationMethod: [
        { ...VM, retiredAt: '2026-03-01T00:00:00Z', revoked: '2026-05-01T00:00:00Z' },
        { ...VM, id: '#key-2', retiredAt: '2026-04-01T00:00:00Z' },
      ],
      assertionMethod: [`${DID}#key-2`],
    };
    const fetch: GuardedFetch = async () => {
      const body = Buffer.from(JSON.stringify(doc));
      return { status: 200, headers: {}, body, json: () => JSON.parse(body.toString('utf8')) };
    };
    const resolver = createDidResolver({ fetch });
    expect(await resolver.dereference(`${DID}#key-1`)).toMatchObject({
      id: `${DID}#key-1`,
      retiredAt: '2026-03-01T00:00:00Z',
      revoked: '2026-05-01T00:00:00Z',
    });
    expect(await resolver.dereference(`${DID}#key-2`)).toMatchObject({
      id: `${DID}#key-2`,
      retiredAt: '2026-04-01T00:00:00Z',
    });
  });
});
