// The issuer's key set after rotation and revocation: retired and revoked keys are public only and
// never picked to sign, the DID document says what each key may still vouch for (retiredAt,
// Controlled Identifiers 1.0 §2.2.4 revoked), the data folder remembers it, and the issuer's own
// verifier (its DID document from memory) applies the same rule as any other.

import { readFileSync } from 'node:fs';
import { generateSigningKey, importSigningKey, signCredential } from '@repo/core';
import { didDocumentOf, type KeySet, loadKeySet, rotateKeySet, type SerializedKeySet } from '@repo/issuer';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { chooseKey } from '../../packages/issuer/src/keys/choose-key.ts';
import { checkKeyHistory } from '../../packages/issuer/src/keys/key-history.ts';
import { type IssuerApp, startIssuerApp, TOKENS } from '../helpers/issuer-app.ts';
import { call } from '../helpers/issuer-process.ts';

const DID = 'did:web:issuer.example.test';
const RETIRED_AT = '2026-01-01T00:00:00Z';
const fixture = JSON.parse(readFileSync(new URL('../fixtures/ob3-certification.json', import.meta.url), 'utf8'));
const credential = () => ({ ...structuredClone(fixture), issuer: { ...fixture.issuer, id: DID } });

/** key-1 (Ed25519) rotated on RETIRED_AT to key-2, as rotate-key writes it. */
async function rotated(): Promise<{ first: Record<string, any>; set: SerializedKeySet }> {
  const { serialized } = await generateSigningKey({ didWeb: DID, fragment: 'key-1' });
  return { first: serialized, set: await rotateKeySet(serialized, { now: new Date(RETIRED_AT) }) };
}

/** An in-memory stand-in for the store's document API. */
function memoryStore() {
  const docs = new Map<string, unknown>();
  return {
    docs,
    getDocument: async (kind: string, id: string) => structuredClone(docs.get(`${kind}/${id}`)),
    putDocument: async (kind: string, id: string, doc: unknown) => void docs.set(`${kind}/${id}`, structuredClone(doc)),
  };
}

describe('rotate-key: the retired key keeps only its public part; --add leaves the signing key alone', () => {
  it('rotation retires key-1 at now, removes its secret, and makes key-2 the signing key', async () => {
    const { first, set } = await rotated();
    const old = set.keys.find((k) => k.id === `${DID}#key-1`)!;
    expect(old).toMatchObject({ retiredAt: RETIRED_AT, publicKeyMultibase: first.publicKeyMultibase });
    expect(old.secretKeyMultibase).toBeUndefined();
    expect(JSON.stringify(set)).not.toContain(first.secretKeyMultibase);
    expect(set.signing).toBe(`${DID}#key-2`);
  });

  it('add (rotate-key --add) puts the new key beside the signing key, which stays the signing key, unretired', async () => {
    const { serialized } = await generateSigningKey({ didWeb: DID, fragment: 'key-1' });
    const set = await rotateKeySet(serialized, { now: new Date(RETIRED_AT), algorithm: 'P-256', add: true });
    expect(set.signing).toBe(`${DID}#key-1`);
    expect(set.keys.map((k) => [k.id, k.retiredAt])).toEqual([
      [`${DID}#key-1`, undefined],
      [`${DID}#key-2`, undefined],
    ]);
    const keys = await loadKeySet(set);
    expect(keys.signing.id).toBe(`${DID}#key-1`);
    expect(chooseKey(keys, { cryptosuite: 'ecdsa-rdfc-2019' }).id).toBe(`${DID}#key-2`);
  });

  it('a key file written before rotation dropped secrets is cleaned at the next rotation', async () => {
    const { first, set } = await rotated();
    set.keys[0]!.secretKeyMultibase = first.secretKeyMultibase;
    const next = await rotateKeySet(set, { now: new Date('2026-02-01T00:00:00Z') });
    expect(JSON.stringify(next)).not.toContain(first.secretKeyMultibase);
  });
});

describe('loadKeySet: the issuer never signs with a retired or revoked key', () => {
  it('a retired key is read public-only even when the file still holds its secret (listed in staleSecrets)', async () => {
    const { first, set } = await rotated();
    set.keys[0]!.secretKeyMultibase = first.secretKeyMultibase;
    const keys = await loadKeySet(set);
    const old = keys.all.find((k) => k.id === `${DID}#key-1`)!;
    expect('signer' in old).toBe(false);
    expect(old.publicMethod()).toMatchObject({ retiredAt: RETIRED_AT });
    expect(keys.staleSecrets).toEqual([`${DID}#key-1`]);
  });

  it('a key file whose signing key is retired or revoked is refused, saying which and since when', async () => {
    const { set } = await rotated();
    await expect(loadKeySet({ ...set, signing: `${DID}#key-1` })).rejects.toThrow(
      `names ${DID}#key-1, retired on ${RETIRED_AT}: the issuer never signs with a retired key`,
    );
    const revoked = structuredClone(set);
    revoked.keys[1]!.revoked = '2026-02-01T00:00:00Z';
    await expect(loadKeySet(revoked)).rejects.toThrow('revoked on 2026-02-01T00:00:00Z');
    const { serialized } = await generateSigningKey({ didWeb: DID, fragment: 'key-1' });
    await expect(loadKeySet({ ...serialized, retiredAt: RETIRED_AT })).rejects.toThrow('retired on');
    await expect(loadKeySet({ ...set, keys: [{ ...set.keys[0], retiredAt: 'soon' }, set.keys[1]] })).rejects.toThrow(
      '"retiredAt" must be a date-time',
    );
  });

  it('chooseKey: a retired key is never picked (422 when it was the only one of its kind); a withdrawn signing key is 503', async () => {
    const { serialized } = await generateSigningKey({ didWeb: DID, fragment: 'key-1' });
    const withP256 = await rotateKeySet(serialized, { now: new Date(RETIRED_AT), algorithm: 'P-256', add: true });
    withP256.keys[1]!.retiredAt = RETIRED_AT;
    const keys = await loadKeySet(withP256);
    expect(() => chooseKey(keys, { cryptosuite: 'ecdsa-rdfc-2019' })).toThrow(
      expect.objectContaining({ status: 422, problem: expect.objectContaining({ title: 'MALFORMED_VALUE_ERROR' }) }),
    );
    // A key set built by hand (not through loadKeySet) whose signing key is marked retired.
    const handMade: KeySet = { ...keys, retired: new Map([[keys.signing.id, RETIRED_AT]]) };
    expect(() => chooseKey(handMade, {})).toThrow(
      expect.objectContaining({ status: 503, problem: expect.objectContaining({ title: 'SERVICE_UNAVAILABLE' }) }),
    );
  });
});

describe('The DID document after rotation and revocation (DID Core §5.3; Controlled Identifiers 1.0 §2.2.4)', () => {
  it('retired: an assertionMethod with retiredAt, not authentication; revoked: a verification method with revoked, in no relationship', async () => {
    const { set } = await rotated();
    const next = await rotateKeySet(set, { now: new Date('2026-02-01T00:00:00Z') });
    next.keys[0]!.revoked = '2026-02-15T00:00:00Z';
    const doc = didDocumentOf(await loadKeySet(next)) as any;
    expect(doc.verificationMethod.map((m: any) => [m.id, m.retiredAt, m.revoked])).toEqual([
      [`${DID}#key-3`, undefined, undefined],
      [`${DID}#key-2`, '2026-02-01T00:00:00Z', undefined],
      [`${DID}#key-1`, RETIRED_AT, '2026-02-15T00:00:00Z'],
    ]);
    expect(doc.assertionMethod).toEqual([`${DID}#key-3`, `${DID}#key-2`]);
    expect(doc.authentication).toEqual([`${DID}#key-3`]);
    expect(JSON.stringify(doc)).not.toMatch(/secretKeyMultibase|privateKeyJwk/);
  });
});

describe('Start-up: the data folder remembers retirements, so an old key file is refused', () => {
  it('remembers the keys; refuses the pre-rotation key file, a key file missing a key, or another key under a known id', async () => {
    const { first, set } = await rotated();
    const store = memoryStore();
    await checkKeyHistory(store, await loadKeySet(first));
    await checkKeyHistory(store, await loadKeySet(set));
    await expect(checkKeyHistory(store, await loadKeySet(first))).rejects.toThrow(
      `The key file's signing key ${DID}#key-1 was retired on ${RETIRED_AT}`,
    );
    const other = (await generateSigningKey({ didWeb: DID, fragment: 'key-2' })).serialized;
    await expect(checkKeyHistory(store, await loadKeySet({ ...set, keys: [set.keys[0]!, other] }))).rejects.toThrow(
      `${DID}#key-2 holds another public key`,
    );
    await expect(checkKeyHistory(store, await loadKeySet({ ...set, keys: [set.keys[1]!] }))).rejects.toThrow(
      `The key file lacks ${DID}#key-1`,
    );
    const unretired = { ...set, keys: [first, set.keys[1]!] };
    await expect(checkKeyHistory(store, await loadKeySet(unretired))).rejects.toThrow(
      `does not mark ${DID}#key-1 retired on ${RETIRED_AT}`,
    );
    // The current key file still starts, and nothing in the history is key material.
    await checkKeyHistory(store, await loadKeySet(set));
    expect(JSON.stringify([...store.docs.values()])).not.toContain(first.secretKeyMultibase);
  });
});

describe("The issuer's own verifier reads retiredAt / revoked from its DID document in memory", () => {
  let issuer: IssuerApp;
  let old: Awaited<ReturnType<typeof importSigningKey>>;
  beforeAll(async () => {
    const { first, set } = await rotated();
    // The test keeps key-1's secret (the key file no longer does) to sign before and after.
    old = await importSigningKey(first);
    issuer = await startIssuerApp({ key: set });
  });
  afterAll(async () => {
    await issuer?.close();
  });

  it('signed by key-1 after its retirement → 422 INVALID_VERIFICATION_METHOD; before → verified', async () => {
    const { documentLoader } = issuer.deps;
    const before = await signCredential(
      { ...credential(), validFrom: '2025-12-01T00:00:00Z' },
      { key: old, documentLoader, now: new Date('2025-12-01T00:00:00Z') },
    );
    const ok = await call(issuer.url, 'POST', '/credentials/verify', { verifiableCredential: before });
    expect(ok.json.problems).toEqual([]);
    const forged = await signCredential(credential(), {
      key: old,
      documentLoader,
      now: new Date('2026-02-01T00:00:00Z'),
    });
    const bad = await call(issuer.url, 'POST', '/credentials/verify', { verifiableCredential: forged });
    expect(bad.status).toBe(422);
    expect(bad.json.problems).toMatchObject([{ title: 'INVALID_VERIFICATION_METHOD', pointer: '/proof/created' }]);
    expect(bad.json.problems[0].detail).toContain(
      `signed with a key retired on 2026-01-01T00:00:00.000Z (${DID}#key-1)`,
    );
  });

  it('issuing still works with the current key; asking for a suite only the retired key had is 422', async () => {
    const res = await call(issuer.url, 'POST', '/credentials/issue', { credential: credential() }, TOKENS.full);
    expect(res.status).toBe(201);
    expect(res.json.verifiableCredential.proof.verificationMethod).toBe(`${DID}#key-2`);
    const p256 = await call(
      issuer.url,
      'POST',
      '/credentials/issue',
      { credential: credential(), options: { cryptosuite: 'ecdsa-rdfc-2019' } },
      TOKENS.full,
    );
    expect(p256.status).toBe(422);
  });
});
