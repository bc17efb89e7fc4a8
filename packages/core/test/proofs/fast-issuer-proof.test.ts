import { readFileSync } from 'node:fs';
import { CredentialIssuancePurpose } from '@digitalbazaar/vc';
import { createDidResolver, createDocumentLoader, importSigningKey, signCredential } from '@repo/core';
import { loadPinnedContexts } from '@repo/schemas';
import { beforeAll, describe, expect, it } from 'vitest';
import type { DocumentLoader } from '../../src/loader/document-loader.ts';
import { verifiedIssuerProof } from '../../src/proofs/fast/verify-eddsa-rdfc-2022.ts';
import { verifyCredentialProof, verifyProofSet } from '../../src/proofs/verify-proof.ts';

const root = new URL('../../../../', import.meta.url);
const fixture = JSON.parse(readFileSync(new URL('test/fixtures/ob3-certification.json', root), 'utf8'));
const now = new Date('2026-06-01T00:00:00Z');

/** The stock path alone: jsonld-signatures with the suites and CredentialIssuancePurpose. */
const stock = (doc: unknown, documentLoader: DocumentLoader, at = now) =>
  verifyProofSet(doc, { documentLoader, now: at, kind: 'credential', purpose: () => new CredentialIssuancePurpose() });

describe('the fast eddsa-rdfc-2022 issuer-proof check answers as the stock pipeline does', () => {
  const resolver = createDidResolver();
  const documentLoader = createDocumentLoader({
    contexts: loadPinnedContexts(),
    resolveDid: (u) => resolver.dereference(u),
  });
  let signed: any;
  let did: string;
  let vmId: string;

  /** The loader, with the issuer's DID document and verification method changed by `edit`. */
  const editing =
    (doc: (d: any) => any, vm: (m: any) => any = (m) => m): DocumentLoader =>
    async (url) => {
      const r = await documentLoader(url);
      if (url === did) return { ...r, document: doc(structuredClone(r.document)) };
      if (url === vmId) return { ...r, document: vm(structuredClone(r.document)) };
      return r;
    };

  beforeAll(async () => {
    const key = await importSigningKey(JSON.parse(readFileSync(new URL('keys-example/issuer-key.json', root), 'utf8')));
    const credential = {
      ...fixture,
      id: 'urn:uuid:1b7e0c2a-8f4d-4c1e-9a0b-3d5f6e7a8b9c',
      validFrom: '2026-01-01T00:00:00Z',
    };
    signed = await signCredential(credential, { key, documentLoader, now: new Date('2026-01-01T00:00:00Z') });
    vmId = signed.proof.verificationMethod;
    did = vmId.split('#')[0]!;
  });

  const cases: [string, () => { doc: any; loader?: DocumentLoader; at?: Date }][] = [
    ['as signed', () => ({ doc: signed })],
    ['a changed field', () => ({ doc: { ...signed, name: 'Another name' } })],
    [
      'a changed proofValue',
      () => ({
        doc: { ...signed, proof: { ...signed.proof, proofValue: `${signed.proof.proofValue.slice(0, -3)}abc` } },
      }),
    ],
    [
      'a short proofValue',
      () => ({ doc: { ...signed, proof: { ...signed.proof, proofValue: signed.proof.proofValue.slice(0, 40) } } }),
    ],
    ['another created', () => ({ doc: { ...signed, proof: { ...signed.proof, created: '2026-01-01T00:00:01Z' } } })],
    [
      'created with an offset',
      () => ({ doc: { ...signed, proof: { ...signed.proof, created: '2026-01-01T00:00:00+00:00' } } }),
    ],
    ['created in the future', () => ({ doc: signed, at: new Date('2025-12-31T00:00:00Z') })],
    [
      'a controller document of another DID',
      () => ({ doc: signed, loader: editing((d) => ({ ...d, id: 'did:example:other' })) }),
    ],
    ['no assertionMethod', () => ({ doc: signed, loader: editing((d) => ({ ...d, assertionMethod: [] })) })],
    [
      'a null before the method',
      () => ({ doc: signed, loader: editing((d) => ({ ...d, assertionMethod: [null, vmId] })) }),
    ],
    [
      'the method embedded',
      () => ({ doc: signed, loader: editing((d) => ({ ...d, assertionMethod: [{ id: vmId }] })) }),
    ],
    [
      'a controller document without the DID context first',
      () => ({
        doc: signed,
        loader: editing((d) => ({
          ...d,
          '@context': ['https://w3id.org/security/multikey/v1', 'https://www.w3.org/ns/did/v1'],
        })),
      }),
    ],
    [
      'a revoked key',
      () => ({
        doc: signed,
        loader: editing(
          (d) => d,
          (m) => ({ ...m, revoked: '2025-01-01T00:00:00Z' }),
        ),
      }),
    ],
    [
      'a key retired before the proof',
      () => ({
        doc: signed,
        loader: editing(
          (d) => d,
          (m) => ({ ...m, retiredAt: '2025-01-01T00:00:00Z' }),
        ),
      }),
    ],
    [
      'a method without controller',
      () => ({
        doc: signed,
        loader: editing(
          (d) => d,
          ({ controller: _c, ...m }) => m,
        ),
      }),
    ],
    [
      'a method whose controller is an object',
      () => ({
        doc: signed,
        loader: editing(
          (d) => d,
          (m) => ({ ...m, controller: { id: m.controller } }),
        ),
      }),
    ],
    [
      'a method of another type',
      () => ({
        doc: signed,
        loader: editing(
          (d) => d,
          (m) => ({ ...m, type: 'JsonWebKey' }),
        ),
      }),
    ],
    [
      'a method that cannot be loaded',
      () => ({
        doc: signed,
        loader: async (u) => (u === vmId ? Promise.reject(new Error('gone')) : documentLoader(u)),
      }),
    ],
  ];

  it('a method object handed out again but changed in place is read again (another key: not verified)', async () => {
    const vm = structuredClone((await documentLoader(vmId)).document) as Record<string, unknown>;
    const sameObject: DocumentLoader = async (url) =>
      url === vmId ? { contextUrl: null, documentUrl: url, document: vm } : documentLoader(url);
    expect(await verifiedIssuerProof(signed, sameObject)).toBe(vmId);
    expect(await verifiedIssuerProof(signed, sameObject)).toBe(vmId);
    const key = vm.publicKeyMultibase;
    // another Ed25519 key (the did:key of RFC 8032 TEST 1's public key)
    vm.publicKeyMultibase = 'z6MktwupdmLXVVqTzCw4i46r4uGyosGXRnR3XjN4Zq7oMMsw';
    expect(await verifiedIssuerProof(signed, sameObject)).toBeUndefined();
    expect((await stock(signed, sameObject)).verified).toBe(false);
    // a P-256 key: the suite's key-algorithm guard refuses it
    vm.publicKeyMultibase = 'zDnaerDaTF5BXEavCrfRZEk316dpbLsfPDZ3WJ5hRTPFU2169';
    expect(await verifiedIssuerProof(signed, sameObject)).toBeUndefined();
    vm.publicKeyMultibase = key;
    expect(await verifiedIssuerProof(signed, sameObject)).toBe(vmId);
  });

  for (const [name, make] of cases) {
    it(`${name}: same result, and the fast check vouches only for what the stock one verifies`, async () => {
      const { doc, loader = documentLoader, at = now } = make();
      const expected = await stock(doc, loader, at);
      expect(await verifyCredentialProof(doc, { documentLoader: loader, now: at })).toEqual(expected);
      const fast = await verifiedIssuerProof(doc, loader);
      if (fast !== undefined && !expected.verified) {
        // the key state and the proof's times are checked around it, as around the stock one
        expect(['/proof/verificationMethod', '/proof/created']).toContain(expected.problem?.pointer);
      } else if (fast !== undefined) {
        expect(fast).toBe(expected.verificationMethod);
      }
      if (name === 'as signed') expect(fast).toBe(vmId);
    });
  }
});
