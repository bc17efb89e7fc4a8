/**
 * Interop: a legacy issuer's VC 1.1 credential and its Status List 2021 list, both signed by
 * `@digitalbazaar/vc` + `@digitalbazaar/ed25519-signature-2020` directly (an
 * `Ed25519VerificationKey2020` did:key), verified by `createVerifier().verifyCredential`.
 * VC Data Model 1.1 §4.6 / §4.7 / §4.9; Status List 2021 §2.1, §2.2, §3.2.
 */
import { Ed25519Signature2020 } from '@digitalbazaar/ed25519-signature-2020';
import { Ed25519VerificationKey2020 } from '@digitalbazaar/ed25519-verification-key-2020';
import * as vc from '@digitalbazaar/vc';
import { type DocumentLoader, encodeList } from '@repo/core';
import { type CredentialVerification, createVerifier } from '@repo/verifier';
import { beforeAll, describe, expect, it } from 'vitest';
import { createTestLoader, FROZEN_NOW, statusListServer } from '../../../../test/helpers/credential-factory.ts';
import {
  listBits,
  SL2021_BASE,
  STATUS_LIST_2021_V1,
  statusList2021Entry,
  VC_V1,
} from '../../../../test/helpers/legacy-fixtures.ts';

const ED25519_2020_V1 = 'https://w3id.org/security/suites/ed25519-2020/v1';
const LIST_URL = `${SL2021_BASE}/legacy-issuer/revocation`;

let documentLoader: DocumentLoader;
let didResolver: ReturnType<typeof createTestLoader>['didResolver'];
let keyPair: any;

beforeAll(async () => {
  ({ documentLoader, didResolver } = createTestLoader());
  keyPair = await Ed25519VerificationKey2020.generate();
  keyPair.controller = `did:key:${keyPair.fingerprint()}`;
  keyPair.id = `${keyPair.controller}#${keyPair.fingerprint()}`;
});

/** Signs `document` the way a legacy `@digitalbazaar/vc` issuer does. */
function issue2020(document: Record<string, unknown>): Promise<any> {
  return vc.issue({
    credential: document,
    suite: new Ed25519Signature2020({ key: keyPair, date: '2026-01-01T00:00:00Z' }),
    documentLoader,
  });
}

async function world(revoked: number[]) {
  const server = statusListServer();
  server.publish(
    LIST_URL,
    await issue2020({
      '@context': [VC_V1, STATUS_LIST_2021_V1, ED25519_2020_V1],
      id: LIST_URL,
      type: ['VerifiableCredential', 'StatusList2021Credential'],
      issuer: keyPair.controller,
      issuanceDate: '2026-01-01T00:00:00Z',
      credentialSubject: {
        id: `${LIST_URL}#list`,
        type: 'StatusList2021',
        statusPurpose: 'revocation',
        encodedList: encodeList(listBits(revoked), { multibase: false }),
      },
    }),
  );
  const verifier = createVerifier({
    now: () => FROZEN_NOW,
    didResolver,
    fetchStatusList: server.fetchStatusList,
    checkSchema: false,
  });
  return { server, verifier };
}

function legacyCredential(index: string, overrides: Record<string, unknown> = {}) {
  return issue2020({
    '@context': [VC_V1, STATUS_LIST_2021_V1, ED25519_2020_V1],
    id: 'urn:uuid:2020a000-0000-4000-8000-000000000001',
    type: ['VerifiableCredential'],
    issuer: keyPair.controller,
    issuanceDate: '2026-01-01T00:00:00Z',
    credentialSubject: { id: 'did:example:worker-4f1c' },
    credentialStatus: statusList2021Entry({ index, url: LIST_URL }),
    ...overrides,
  });
}

const statusOf = (r: CredentialVerification) => r.checks.find((c) => c.id === 'status');

describe('Interop: VC 1.1 + StatusList2021 signed with Ed25519Signature2020 by @digitalbazaar/vc', () => {
  it('clear bit → verified (proof Ed25519Signature2020, status passed)', async () => {
    const { verifier } = await world([]);
    const credential = await legacyCredential('42');
    expect(credential.proof).toMatchObject({ type: 'Ed25519Signature2020', verificationMethod: keyPair.id });
    const r = await verifier.verifyCredential(credential);
    expect(r.problems).toEqual([]);
    expect(r.verified).toBe(true);
    expect(r.checks.find((c) => c.id === 'proof')).toMatchObject({
      status: 'passed',
      details: { verificationMethod: keyPair.id },
    });
    expect(statusOf(r)).toMatchObject({ status: 'passed', details: { entries: [{ value: 0 }] } });
  });

  it('S1 revoked in the issuer’s own Ed25519Signature2020-signed list → CREDENTIAL_REVOKED', async () => {
    const { verifier } = await world([42]);
    const r = await verifier.verifyCredential(await legacyCredential('42'));
    expect(r.verified).toBe(false);
    expect(statusOf(r)?.problem).toMatchObject({
      title: 'CREDENTIAL_REVOKED',
      detail: 'This credential was revoked by its issuer.',
    });
  });

  it('V1 expirationDate passed → CREDENTIAL_EXPIRED', async () => {
    const { verifier } = await world([]);
    const r = await verifier.verifyCredential(await legacyCredential('42', { expirationDate: '2026-03-01T00:00:00Z' }));
    expect(r.verified).toBe(false);
    expect(r.problems.map((p) => p.title)).toEqual(['CREDENTIAL_EXPIRED']);
  });

  it('S4 the list’s Ed25519Signature2020 proof broken → STATUS_VERIFICATION_ERROR', async () => {
    const { server, verifier } = await world([42]);
    const list = (await server.fetchStatusList(LIST_URL)) as any;
    list.credentialSubject.encodedList = encodeList(listBits([]), { multibase: false });
    server.publish(LIST_URL, list);
    const r = await verifier.verifyCredential(await legacyCredential('42'));
    expect(statusOf(r)?.problem?.title).toBe('STATUS_VERIFICATION_ERROR');
    expect(r.verified).toBe(false);
  });
});
