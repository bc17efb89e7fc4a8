import { type DocumentLoader, decodeBase58btc, encodeBase58btc, type SigningKey, signCredential } from '@repo/core';
import { type CredentialVerification, createVerifier, type Verifier, verifyCredential } from '@repo/verifier';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import {
  createTestKey,
  createTestLoader,
  FROZEN_NOW,
  STATUS_BASE,
  signedOb3Credential,
  signedStatusList,
  statusEntry,
  statusListServer,
} from '../../../test/helpers/credential-factory.ts';
import { spyOnNetwork } from './network-spy.ts';
import { loadVectors } from './vectors.ts';

const REVOCATION_URL = `${STATUS_BASE}/revocation/0`;

let key: SigningKey;
let other: SigningKey;
let documentLoader: DocumentLoader;
let didResolver: ReturnType<typeof createTestLoader>['didResolver'];
let verifier: Verifier;
let server: ReturnType<typeof statusListServer>;

beforeAll(async () => {
  ({ documentLoader, didResolver } = createTestLoader());
  [key, other] = await Promise.all([createTestKey(), createTestKey()]);
  server = statusListServer();
  server.publish(REVOCATION_URL, await signedStatusList({ key, documentLoader, url: REVOCATION_URL }));
  verifier = createVerifier({ now: () => FROZEN_NOW, didResolver, fetchStatusList: server.fetchStatusList });
});

function check(r: CredentialVerification, id: string) {
  return r.checks.find((c) => c.id === id);
}

/** Rejected by the proof check with `code`; status is not looked at for a forged credential. */
function expectProofFailure(r: CredentialVerification, code: string): void {
  expect(check(r, 'proof')?.status).toBe('failed');
  expect(check(r, 'proof')?.problem?.title).toBe(code);
  expect(r.problems.map((p) => p.title)).toContain(code);
  expect(r.verified).toBe(false);
}

/** A fresh signed credential with a status entry (so T1 can edit the index). */
function fresh(overrides: Record<string, unknown> = {}) {
  return signedOb3Credential(key, documentLoader, {
    credentialStatus: statusEntry({ index: '41' }),
    validUntil: '2030-01-01T00:00:00Z',
    ...overrides,
  });
}

/** Adds an own `__proto__` data member, as `JSON.parse` creates it. */
function ownProto(target: object, value: unknown): void {
  Object.defineProperty(target, '__proto__', { value, enumerable: true, writable: true, configurable: true });
}

function flipBit(proofValue: string, byte: number): string {
  const sig = decodeBase58btc(proofValue.slice(1), 128)!;
  sig[byte]! ^= 0x01;
  return `z${encodeBase58btc(sig)}`;
}

describe('VC 2.0 §4.12 securing mechanisms / Data Integrity 1.0 verify proof: a signed credential', () => {
  it('verifies untouched, with every check named', async () => {
    const r = await verifier.verifyCredential(await fresh());
    expect(r.problems).toEqual([]);
    expect(Object.fromEntries(r.checks.map((c) => [c.id, c.status]))).toEqual({
      format: 'passed',
      proof: 'passed',
      issuer: 'skipped',
      validity: 'passed',
      status: 'passed',
      schema: 'passed',
    });
    expect(r.verified).toBe(true);
    expect(r.issuer).toBe(key.controller);
    expect(check(r, 'proof')?.details?.verificationMethod).toBe(key.id);
  });

  describe('T1 rejects any one changed field with CRYPTOGRAPHIC_SECURITY_ERROR', () => {
    const edits: Array<[string, (c: Record<string, any>) => void]> = [
      ['issuer name', (c) => (c.issuer.name = 'Someone Else')],
      ['issuer id', (c) => (c.issuer.id = other.controller)],
      ['validFrom', (c) => (c.validFrom = '2025-01-01T00:00:00Z')],
      ['validUntil', (c) => (c.validUntil = '2035-01-01T00:00:00Z')],
      ['id', (c) => (c.id = 'urn:uuid:11111111-1111-4111-8111-111111111111')],
      ['type entry replaced', (c) => (c.type = ['VerifiableCredential', 'EndorsementCredential'])],
      ['type entry removed', (c) => (c.type = ['VerifiableCredential'])],
      ['name', (c) => (c.name = 'Certified Senior Maintenance Technician')],
      ['credentialSubject.id', (c) => (c.credentialSubject.id = 'did:example:someone-else')],
      ['credentialSubject.achievement.name', (c) => (c.credentialSubject.achievement.name = 'Master Technician')],
      [
        'credentialSubject.achievement.criteria.narrative',
        (c) => (c.credentialSubject.achievement.criteria.narrative = 'None.'),
      ],
      ['credentialStatus.statusListIndex', (c) => (c.credentialStatus.statusListIndex = '42')],
      ['credentialStatus.statusPurpose', (c) => (c.credentialStatus.statusPurpose = 'suspension')],
      ['a field removed (validUntil)', (c) => delete c.validUntil],
    ];
    for (const [field, edit] of edits) {
      it(`T1 ${field} changed → CRYPTOGRAPHIC_SECURITY_ERROR`, async () => {
        const credential = await fresh();
        edit(credential);
        const r = await verifier.verifyCredential(credential);
        expectProofFailure(r, 'CRYPTOGRAPHIC_SECURITY_ERROR');
        expect(check(r, 'status')?.status).toBe('skipped');
      });
    }

    it('T1 a forged credential makes the verifier fetch nothing on its behalf', async () => {
      const before = server.calls.length;
      const credential = await fresh();
      credential.credentialStatus.statusListIndex = '42';
      expectProofFailure(await verifier.verifyCredential(credential), 'CRYPTOGRAPHIC_SECURITY_ERROR');
      expect(server.calls.length).toBe(before);
    });
  });

  describe('T2 a damaged proofValue is rejected, nothing thrown', () => {
    const damages: Array<[string, (v: string) => unknown, string]> = [
      ['first signature bit flipped', (v) => flipBit(v, 0), 'CRYPTOGRAPHIC_SECURITY_ERROR'],
      ['last signature bit flipped', (v) => flipBit(v, 63), 'CRYPTOGRAPHIC_SECURITY_ERROR'],
      ['truncated by 4 characters', (v) => v.slice(0, -4), 'CRYPTOGRAPHIC_SECURITY_ERROR'],
      ['truncated to the prefix', () => 'z', 'CRYPTOGRAPHIC_SECURITY_ERROR'],
      [
        'wrong length: 65 bytes',
        (v) => `z${encodeBase58btc(new Uint8Array([...decodeBase58btc(v.slice(1), 128)!, 0]))}`,
        'CRYPTOGRAPHIC_SECURITY_ERROR',
      ],
      [
        'wrong length: 63 bytes',
        (v) => `z${encodeBase58btc(decodeBase58btc(v.slice(1), 128)!.slice(0, 63))}`,
        'CRYPTOGRAPHIC_SECURITY_ERROR',
      ],
      ['64 zero bytes', () => `z${encodeBase58btc(new Uint8Array(64))}`, 'CRYPTOGRAPHIC_SECURITY_ERROR'],
      ['not base58 (0, O, I, l)', () => 'z0OIl0OIl', 'CRYPTOGRAPHIC_SECURITY_ERROR'],
      [
        'wrong multibase prefix: u (base64url)',
        (v) => `u${Buffer.from(decodeBase58btc(v.slice(1), 128)!).toString('base64url')}`,
        'MALFORMED_VALUE_ERROR',
      ],
      // Every leading z goes: a signature whose base-58 form itself starts with z (1 in 58, the
      // test key is random) would otherwise still carry a base58btc prefix.
      ['wrong multibase prefix: none', (v) => v.slice(1).replace(/^z+/, ''), 'MALFORMED_VALUE_ERROR'],
      ['wrong multibase prefix: Z', (v) => `Z${v.slice(1)}`, 'MALFORMED_VALUE_ERROR'],
      ['a number', () => 42, 'MALFORMED_VALUE_ERROR'],
      ['missing', () => undefined, 'MALFORMED_VALUE_ERROR'],
    ];
    for (const [name, damage, code] of damages) {
      it(`T2 proofValue ${name} → ${code}`, async () => {
        const credential = await fresh();
        const damaged = damage(credential.proof.proofValue);
        if (damaged === undefined) delete credential.proof.proofValue;
        else credential.proof.proofValue = damaged;
        expectProofFailure(await verifier.verifyCredential(credential), code);
      });
    }
  });

  it('T3 a valid proof copied onto another credential of the same issuer → CRYPTOGRAPHIC_SECURITY_ERROR', async () => {
    const donor = await fresh();
    const target = await fresh({ credentialSubject: { ...donor.credentialSubject, id: 'did:example:other-worker' } });
    expect((await verifier.verifyCredential(donor)).verified).toBe(true);
    expect((await verifier.verifyCredential(target)).verified).toBe(true);
    target.proof = structuredClone(donor.proof);
    expectProofFailure(await verifier.verifyCredential(target), 'CRYPTOGRAPHIC_SECURITY_ERROR');
  });

  it('T3 …also onto an otherwise identical credential that differs only in id', async () => {
    const donor = await fresh();
    const { proof: _proof, ...unsigned } = donor;
    const target = { ...unsigned, id: 'urn:uuid:22222222-2222-4222-8222-222222222222', proof: donor.proof };
    expectProofFailure(await verifier.verifyCredential(target), 'CRYPTOGRAPHIC_SECURITY_ERROR');
  });

  describe('T4 edited proof options are rejected', () => {
    const edits: Array<[string, (p: Record<string, any>) => void, string]> = [
      ['created moved one second', (p) => (p.created = '2026-06-01T12:00:01Z'), 'CRYPTOGRAPHIC_SECURITY_ERROR'],
      ['created removed', (p) => delete p.created, 'CRYPTOGRAPHIC_SECURITY_ERROR'],
      // eddsa-jcs-2022 is supported: relabelled, the rdfc signature does not verify as JCS.
      ['cryptosuite eddsa-jcs-2022', (p) => (p.cryptosuite = 'eddsa-jcs-2022'), 'CRYPTOGRAPHIC_SECURITY_ERROR'],
      ['cryptosuite bbs-2023 (not supported)', (p) => (p.cryptosuite = 'bbs-2023'), 'PROOF_VERIFICATION_ERROR'],
      ['cryptosuite ecdsa-rdfc-2019', (p) => (p.cryptosuite = 'ecdsa-rdfc-2019'), 'PROOF_VERIFICATION_ERROR'],
      ['type Ed25519Signature2020', (p) => (p.type = 'Ed25519Signature2020'), 'PROOF_VERIFICATION_ERROR'],
      ['proofPurpose authentication', (p) => (p.proofPurpose = 'authentication'), 'CRYPTOGRAPHIC_SECURITY_ERROR'],
      [
        'proofPurpose capabilityInvocation',
        (p) => (p.proofPurpose = 'capabilityInvocation'),
        'CRYPTOGRAPHIC_SECURITY_ERROR',
      ],
      [
        'verificationMethod of another did:key',
        (p) => (p.verificationMethod = other.id),
        'CRYPTOGRAPHIC_SECURITY_ERROR',
      ],
      [
        'verificationMethod fragment the DID does not have',
        (p) => (p.verificationMethod = `${key.controller}#key-2`),
        'DID_RESOLUTION_ERROR',
      ],
      [
        'verificationMethod an https URL (not fetched)',
        (p) => (p.verificationMethod = 'https://keys.example.test/key-1'),
        'CONTEXT_NOT_ALLOWED',
      ],
      ['challenge added', (p) => (p.challenge = 'abc'), 'CRYPTOGRAPHIC_SECURITY_ERROR'],
      ['domain added', (p) => (p.domain = 'example.org'), 'CRYPTOGRAPHIC_SECURITY_ERROR'],
    ];
    for (const [name, edit, code] of edits) {
      it(`T4 proof ${name} → ${code}`, async () => {
        const credential = await fresh();
        edit(credential.proof);
        expectProofFailure(await verifier.verifyCredential(credential), code);
      });
    }
  });

  it('T5 signed by a key whose controller is not the issuer → INVALID_VERIFICATION_METHOD', async () => {
    // The credential names `key`'s DID as issuer but is signed, validly, by `other`.
    const { proof: _proof, ...unsigned } = await fresh();
    const credential = await signCredential(unsigned, { key: other, documentLoader, now: FROZEN_NOW });
    expect(credential.proof.verificationMethod).toBe(other.id);
    expect(credential.issuer.id).toBe(key.controller);
    const r = await verifier.verifyCredential(credential);
    expectProofFailure(r, 'INVALID_VERIFICATION_METHOD');
  });

  describe('T8 @context URLs come only from the pinned allowlist; nothing is fetched', () => {
    let network: ReturnType<typeof spyOnNetwork> | undefined;
    afterEach(() => {
      network?.restore();
      network = undefined;
    });

    const contexts = [
      'https://evil.example/context.jsonld',
      'https://purl.imsglobal.org/spec/ob/v3p0/context-3.0.4.json',
      'http://www.w3.org/ns/credentials/v2',
      'https://www.w3.org/ns/credentials/v2/',
    ];
    for (const url of contexts) {
      it(`T8 ${url} → CONTEXT_NOT_ALLOWED, zero network requests (injected fetchers and the network both untouched)`, async () => {
        network = spyOnNetwork();
        const lists: string[] = [];
        const recording = createVerifier({
          now: () => FROZEN_NOW,
          didResolver,
          fetchStatusList: async (u) => {
            lists.push(u);
            return server.fetchStatusList(u);
          },
        });
        const credential = await fresh();
        credential['@context'].push(url);
        const r = await recording.verifyCredential(credential);
        expectProofFailure(r, 'CONTEXT_NOT_ALLOWED');
        expect(r.problems[0]?.detail).toContain(url);
        expect(lists).toEqual([]);
        expect(network.attempts()).toEqual([]);
      });
    }

    it('T8 the default verifier (no injected fetchers) makes no network request either', async () => {
      network = spyOnNetwork();
      const credential = await fresh();
      credential['@context'].push('https://evil.example/context.jsonld');
      const r = await verifyCredential(credential, { now: () => FROZEN_NOW });
      expectProofFailure(r, 'CONTEXT_NOT_ALLOWED');
      expect(network.attempts()).toEqual([]);
    });

    it('T8 (control) the network spies do see the default verifier reach for a status list', async () => {
      network = spyOnNetwork();
      const r = await verifyCredential(await fresh(), { now: () => FROZEN_NOW });
      expect(check(r, 'status')?.status).toBe('could-not-check');
      expect(network.attempts().length).toBeGreaterThan(0);
    });
  });

  describe('T9 a term or type no context defines, added after signing → DATA_LOSS_DETECTION_ERROR', () => {
    const additions: Array<[string, (c: Record<string, any>) => void]> = [
      ['top-level term', (c) => (c.favoriteColor = 'blue')],
      ['top-level type', (c) => c.type.push('SuperCredential')],
      ['credentialSubject term', (c) => (c.credentialSubject.grade = 'A+')],
      ['credentialSubject type', (c) => c.credentialSubject.type.push('Employee')],
      ['achievement term', (c) => (c.credentialSubject.achievement.level = 'expert')],
      ['achievement type', (c) => c.credentialSubject.achievement.type.push('Diploma')],
      ['issuer term', (c) => (c.issuer.accreditedBy = 'Nobody')],
      ['credentialStatus term', (c) => (c.credentialStatus.revoked = false)],
      [
        '"__proto__" member in the subject (as JSON.parse makes it)',
        (c) => ownProto(c.credentialSubject, { admin: true }),
      ],
      ['"__proto__" member at the top', (c) => ownProto(c, { name: 'Forged' })],
    ];
    for (const [name, add] of additions) {
      it(`T9 ${name} → DATA_LOSS_DETECTION_ERROR`, async () => {
        const credential = await fresh();
        add(credential);
        expectProofFailure(await verifier.verifyCredential(credential), 'DATA_LOSS_DETECTION_ERROR');
      });
    }

    it('T9 "__proto__" parsed from JSON text is reported with its pointer, and Object.prototype stays clean', async () => {
      const text = JSON.stringify(await fresh()).replace(
        '"achievement":',
        '"__proto__":{"polluted":true},"achievement":',
      );
      const r = await verifier.verifyCredential(JSON.parse(text));
      expectProofFailure(r, 'DATA_LOSS_DETECTION_ERROR');
      expect(check(r, 'proof')?.problem?.pointer).toBe('/credentialSubject/__proto__');
      expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    });
  });

  describe('V1 / V2 validity of an authentic credential (shared vectors, signed)', () => {
    // Vectors whose dates are well-formed can be signed; the proof must pass and validity alone decide.
    const vectors = loadVectors<{ validFrom?: string; validUntil?: string; now: string; skewSeconds: number }>(
      'validity',
    ).filter((v) => v.expected.code !== 'MALFORMED_VALUE_ERROR');

    it('covers expired and not-yet-valid vectors', () => {
      expect(vectors.some((v) => v.expected.code === 'CREDENTIAL_EXPIRED')).toBe(true);
      expect(vectors.some((v) => v.expected.code === 'CREDENTIAL_NOT_YET_VALID')).toBe(true);
    });

    for (const v of vectors) {
      it(`${v.file}: ${v.title}`, async () => {
        const { now, skewSeconds, validFrom, validUntil } = v.input;
        const credential = await signedOb3Credential(key, documentLoader, { validFrom, validUntil });
        const r = await createVerifier({
          now: () => new Date(now),
          clockSkewSeconds: skewSeconds,
          didResolver,
          checkSchema: false,
        }).verifyCredential(credential);
        expect(check(r, 'proof')?.status).toBe('passed');
        expect(check(r, 'validity')?.status).toBe(v.expected.status);
        expect(check(r, 'validity')?.problem?.title).toBe(v.expected.code);
        expect(r.verified).toBe(v.expected.status === 'passed');
        if (v.expected.code) expect(r.problems.map((p) => p.title)).toEqual([v.expected.code]);
      });
    }

    it('V1 default skew is 60 s: 61 s after validUntil → CREDENTIAL_EXPIRED while the proof passed', async () => {
      const credential = await signedOb3Credential(key, documentLoader, { validUntil: '2026-06-01T11:58:59Z' });
      const r = await createVerifier({ now: () => FROZEN_NOW, didResolver, checkSchema: false }).verifyCredential(
        credential,
      );
      expect(check(r, 'proof')?.status).toBe('passed');
      expect(check(r, 'validity')?.problem?.title).toBe('CREDENTIAL_EXPIRED');
      expect(r.verified).toBe(false);
    });

    it('V1 a per-call now override is honoured', async () => {
      const credential = await signedOb3Credential(key, documentLoader, { validUntil: '2027-01-01T00:00:00Z' });
      expect((await verifier.verifyCredential(credential)).verified).toBe(true);
      const r = await verifier.verifyCredential(credential, { now: () => new Date('2027-01-01T00:01:01Z') });
      expect(check(r, 'validity')?.problem?.title).toBe('CREDENTIAL_EXPIRED');
      expect(r.verified).toBe(false);
    });

    it('rejects a negative or non-finite clock skew as a caller mistake (TypeError)', () => {
      expect(() => createVerifier({ clockSkewSeconds: -1, didResolver })).toThrow(TypeError);
      expect(() => createVerifier({ clockSkewSeconds: Number.NaN, didResolver })).toThrow(TypeError);
    });
  });

  describe('never throws on bad input: verified:false with a problem', () => {
    const deep: Record<string, unknown> = {};
    let cursor = deep;
    for (let i = 0; i < 5000; i++) cursor = cursor.next = {} as Record<string, unknown>;
    const cyclic: Record<string, any> = {
      '@context': ['https://www.w3.org/ns/credentials/v2'],
      type: ['VerifiableCredential'],
      issuer: 'did:example:1',
    };
    cyclic.credentialSubject = { self: cyclic };
    const throwing = {
      '@context': ['https://www.w3.org/ns/credentials/v2'],
      type: ['VerifiableCredential'],
      issuer: 'did:example:1',
      credentialSubject: {},
      get proof(): never {
        throw new Error('boom');
      },
    };

    const inputs: Array<[string, () => unknown | Promise<unknown>]> = [
      ['null', () => null],
      ['undefined', () => undefined],
      ['42', () => 42],
      ['"x"', () => 'x'],
      ['true', () => true],
      ['[]', () => []],
      ['{}', () => ({})],
      ['{ "@context": "x" }', () => ({ '@context': 'x' })],
      [
        '@context not starting with the VC context',
        () => ({ '@context': ['https://example.com'], type: ['VerifiableCredential'] }),
      ],
      ['a Date', () => new Date()],
      ['a function', () => () => 1],
      ['Object.create(null)', () => Object.create(null)],
      ['a credential with proof: "x"', async () => ({ ...(await fresh()), proof: 'x' })],
      ['a credential with proof: []', async () => ({ ...(await fresh()), proof: [] })],
      ['a credential with proof: null', async () => ({ ...(await fresh()), proof: null })],
      ['a credential with proof: [null]', async () => ({ ...(await fresh()), proof: [null] })],
      ['a credential with proof: {}', async () => ({ ...(await fresh()), proof: {} })],
      ['a credential without proof', async () => ({ ...(await fresh()), proof: undefined })],
      ['issuer: 42', async () => ({ ...(await fresh()), issuer: 42 })],
      ['issuer: { id: {} }', async () => ({ ...(await fresh()), issuer: { id: {} } })],
      ['credentialSubject: "x"', async () => ({ ...(await fresh()), credentialSubject: 'x' })],
      ['type: 42', async () => ({ ...(await fresh()), type: 42 })],
      [
        '@context with a number in it',
        async () => ({ ...(await fresh()), '@context': ['https://www.w3.org/ns/credentials/v2', 42] }),
      ],
      ['validFrom: {}', async () => ({ ...(await fresh()), validFrom: {} })],
      ['credentialStatus: "x"', async () => ({ ...(await fresh()), credentialStatus: 'x' })],
      [
        'verificationMethod: 42',
        async () => {
          const c = await fresh();
          c.proof.verificationMethod = 42;
          return c;
        },
      ],
      [
        'verificationMethod: "did:key:zNotAKey#x"',
        async () => {
          const c = await fresh();
          c.proof.verificationMethod = 'did:key:zNotAKey#x';
          return c;
        },
      ],
      ['a 5000-deep subject', async () => ({ ...(await fresh()), credentialSubject: deep })],
      ['a cyclic subject', () => cyclic],
      ['a proof getter that throws', () => throwing],
    ];

    for (const [name, make] of inputs) {
      it(`${name} → resolves verified:false`, async () => {
        const input = await make();
        const r = await verifier.verifyCredential(input);
        expect(r.verified).toBe(false);
        expect(r.problems.length).toBeGreaterThan(0);
        expect(r.checks.some((c) => c.status === 'failed' || c.status === 'could-not-check')).toBe(true);
      });
    }

    it('the top-level verifyCredential resolves verified:false for null', async () => {
      const r = await verifyCredential(null);
      expect(r.verified).toBe(false);
      expect(r.checks[0]).toMatchObject({
        id: 'format',
        status: 'failed',
        problem: { title: 'MALFORMED_VALUE_ERROR' },
      });
      expect(r.checks.slice(1).map((c) => c.status)).toEqual(['skipped', 'skipped', 'skipped', 'skipped', 'skipped']);
    });
  });
});
