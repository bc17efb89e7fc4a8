import {
  createDidResolver,
  createDocumentLoader,
  type GuardedFetch,
  generateSigningKey,
  importSigningKey,
  type SigningKey,
} from '@repo/core';
import { loadPinnedContexts } from '@repo/schemas';
import { beforeAll, describe, expect, it } from 'vitest';
import {
  createTestKey,
  FROZEN_NOW,
  STATUS_BASE,
  signedOb3Credential,
  signedStatusList,
  statusEntry,
} from '../../../../test/helpers/credential-factory.ts';
import { expectStatus, statusCheck, statusWorld } from '../status-assertions.ts';

const REVOCATION_URL = `${STATUS_BASE}/revocation/0`;
const DID_WEB = 'did:web:registrar.college.example';

let webKey: SigningKey;
let sameKeyAsDidKey: SigningKey;
let stranger: SigningKey;
let didResolver: ReturnType<typeof createDidResolver>;
let documentLoader: ReturnType<typeof createDocumentLoader>;

beforeAll(async () => {
  // One Ed25519 key, named two ways: #key-1 of a did:web issuer, and its own did:key.
  const { serialized } = await generateSigningKey({ didWeb: DID_WEB });
  webKey = await importSigningKey(serialized);
  const didKey = `did:key:${serialized.publicKeyMultibase}`;
  sameKeyAsDidKey = await importSigningKey({
    ...serialized,
    id: `${didKey}#${serialized.publicKeyMultibase}`,
    controller: didKey,
  });
  stranger = await createTestKey();
  const didDocument = {
    '@context': ['https://www.w3.org/ns/did/v1', 'https://w3id.org/security/multikey/v1'],
    id: DID_WEB,
    verificationMethod: [webKey.publicMethod()],
    assertionMethod: [webKey.id],
  };
  const fetch: GuardedFetch = async (url) => {
    if (url !== 'https://registrar.college.example/.well-known/did.json') throw new Error(`unexpected ${url}`);
    const body = Buffer.from(JSON.stringify(didDocument));
    return {
      status: 200,
      headers: { 'content-type': 'application/did+json' },
      body,
      json: () => JSON.parse(`${body}`),
    };
  };
  didResolver = createDidResolver({ fetch });
  documentLoader = createDocumentLoader({
    contexts: loadPinnedContexts(),
    resolveDid: (u) => didResolver.dereference(u),
  });
});

describe('Status lists from other issuers (Bitstring Status List v1.0 §3.2 step 6, S4)', () => {
  it('a list signed with the same key as the credential, under its did:key, is the issuer’s own', async () => {
    const { server, verifier } = statusWorld(didResolver);
    server.publish(
      REVOCATION_URL,
      await signedStatusList({ key: sameKeyAsDidKey, documentLoader, url: REVOCATION_URL, set: [7] }),
    );
    const revoked = await signedOb3Credential(webKey, documentLoader, {
      credentialStatus: statusEntry({ index: '7' }),
    });
    expectStatus(await verifier.verifyCredential(revoked), 'failed', 'CREDENTIAL_REVOKED');
    const fine = await signedOb3Credential(webKey, documentLoader, { credentialStatus: statusEntry({ index: '8' }) });
    const r = await verifier.verifyCredential(fine);
    expect(r.problems).toEqual([]);
    expect(r.verified).toBe(true);
  });

  it('(control) a list signed by a stranger’s key is still refused', async () => {
    const { server, verifier } = statusWorld(didResolver);
    server.publish(REVOCATION_URL, await signedStatusList({ key: stranger, documentLoader, url: REVOCATION_URL }));
    const credential = await signedOb3Credential(webKey, documentLoader, {
      credentialStatus: statusEntry({ index: '1' }),
    });
    const r = await verifier.verifyCredential(credential);
    expectStatus(r, 'failed', 'STATUS_VERIFICATION_ERROR');
    expect(statusCheck(r).problem?.detail).toMatch(/someone other than the credential issuer/);
  });
});

describe('Bitstring Status List v1.0 §3.2 step 9: minimumNumberOfEntries is configurable', () => {
  it('a 100,000-entry list (what the DCC status service publishes) fails by default, naming the bound', async () => {
    const { server, verifier } = statusWorld(didResolver);
    server.publish(
      REVOCATION_URL,
      await signedStatusList({ key: webKey, documentLoader, url: REVOCATION_URL, lengthBits: 100_000 }),
    );
    const credential = await signedOb3Credential(webKey, documentLoader, {
      credentialStatus: statusEntry({ index: '1' }),
    });
    const r = await verifier.verifyCredential(credential);
    expectStatus(r, 'failed', 'STATUS_LIST_LENGTH_ERROR');
    expect(statusCheck(r).problem?.detail).toMatch(/at least 131072 .*minimumStatusListEntries/);
  });

  it('…and is read with minimumStatusListEntries: 100000; shorter still fails, naming the configured bound', async () => {
    const { server, verifier } = statusWorld(didResolver, { minimumStatusListEntries: 100_000 });
    server.publish(
      REVOCATION_URL,
      await signedStatusList({ key: webKey, documentLoader, url: REVOCATION_URL, lengthBits: 100_000, set: [5] }),
    );
    const revoked = await signedOb3Credential(webKey, documentLoader, {
      credentialStatus: statusEntry({ index: '5' }),
    });
    expectStatus(await verifier.verifyCredential(revoked), 'failed', 'CREDENTIAL_REVOKED');
    const short = statusWorld(didResolver, { minimumStatusListEntries: 100_000 });
    short.server.publish(
      REVOCATION_URL,
      await signedStatusList({ key: webKey, documentLoader, url: REVOCATION_URL, lengthBits: 99_992 }),
    );
    const r = await short.verifier.verifyCredential(revoked);
    expectStatus(r, 'failed', 'STATUS_LIST_LENGTH_ERROR');
    expect(statusCheck(r).problem?.detail).toMatch(/at least 100000 .*configured/);
  });

  it('minimumStatusListEntries must be a positive integer (TypeError when the verifier is built)', () => {
    expect(() => statusWorld(didResolver, { minimumStatusListEntries: 0 })).toThrow(TypeError);
  });
});

describe('Data Integrity §2.1 proof times on a status list’s own proof (S4)', () => {
  it('a list whose proof was created a day in the future → STATUS_VERIFICATION_ERROR naming the proof time', async () => {
    const { server, verifier } = statusWorld(didResolver);
    const future = new Date(FROZEN_NOW.getTime() + 86_400_000);
    server.publish(
      REVOCATION_URL,
      await signedStatusList({
        key: webKey,
        documentLoader,
        url: REVOCATION_URL,
        now: future,
        validFrom: '2026-01-01T00:00:00Z',
      }),
    );
    const credential = await signedOb3Credential(webKey, documentLoader, {
      credentialStatus: statusEntry({ index: '1' }),
    });
    const r = await verifier.verifyCredential(credential);
    expectStatus(r, 'failed', 'STATUS_VERIFICATION_ERROR');
    expect(statusCheck(r).problem?.detail).toMatch(/created on .*in the future/);
  });
});
