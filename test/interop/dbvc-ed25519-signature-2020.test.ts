/**
 * Interop, peers make, we verify: `@digitalbazaar/vc` + `@digitalbazaar/ed25519-signature-2020`
 * sign a VC Data Model 1.1 Open Badges 3.0 credential (`issuanceDate`, an `AchievementSubject` with
 * an `achievement`) with an `Ed25519VerificationKey2020` did:key; `createVerifier().verifyCredential`
 * says verified — for the OB 3.0.0 context (`context.json`, as 1EdTech published 3.0.0) and for
 * 3.0.3. VC Data Model 1.1 §4.6, §6.3.2; Ed25519Signature2020 (W3C CCG) §3; Open Badges 3.0 §8.3.
 */
import { Ed25519Signature2020 } from '@digitalbazaar/ed25519-signature-2020';
import { Ed25519VerificationKey2020 } from '@digitalbazaar/ed25519-verification-key-2020';
import * as vc from '@digitalbazaar/vc';
import { createVerifier } from '@repo/verifier';
import { beforeAll, describe, expect, it } from 'vitest';
import { FROZEN_NOW } from '../helpers/credential-factory.ts';
import { OB_V3P0_0, OB_V3P0_3, ob3Vc11Credential } from '../helpers/peer-credentials.ts';
import { peerDocumentLoader } from '../helpers/peer-document-loader.ts';

const ED25519_2020_V1 = 'https://w3id.org/security/suites/ed25519-2020/v1';
const { documentLoader } = peerDocumentLoader();
const verifier = createVerifier({ now: () => FROZEN_NOW });

describe('Interop: @digitalbazaar/vc Ed25519Signature2020 (VC 1.1, Open Badges 3.0) → our verifier', () => {
  let keyPair: any;

  beforeAll(async () => {
    keyPair = await Ed25519VerificationKey2020.generate();
    keyPair.controller = `did:key:${keyPair.fingerprint()}`;
    keyPair.id = `${keyPair.controller}#${keyPair.fingerprint()}`;
  });

  const sign = (credential: Record<string, unknown>) =>
    vc.issue({
      credential,
      suite: new Ed25519Signature2020({ key: keyPair, date: '2026-01-01T00:00:00Z' }),
      documentLoader,
    });

  for (const [name, obContext] of [
    ['OB 3.0.0 (context.json)', OB_V3P0_0],
    ['OB 3.0.3 (context-3.0.3.json)', OB_V3P0_3],
  ] as const) {
    describe(name, () => {
      let signed: any;
      beforeAll(async () => {
        signed = await sign(ob3Vc11Credential(keyPair.controller, [obContext, ED25519_2020_V1]));
      });

      it('VC 1.1 §4.6 + Ed25519Signature2020: verified, every check passed', async () => {
        expect(signed.proof).toMatchObject({ type: 'Ed25519Signature2020', verificationMethod: keyPair.id });
        const r = await verifier.verifyCredential(signed);
        expect(r.problems).toEqual([]);
        expect(r.verified).toBe(true);
        expect(Object.fromEntries(r.checks.map((c) => [c.id, c.status]))).toMatchObject({
          format: 'passed',
          proof: 'passed',
          validity: 'passed',
          schema: 'passed',
        });
      });

      it('negative twin: the achievement name changed → CRYPTOGRAPHIC_SECURITY_ERROR', async () => {
        const tampered = structuredClone(signed);
        tampered.credentialSubject.achievement.name = 'Master Technician';
        const r = await verifier.verifyCredential(tampered);
        expect(r.verified).toBe(false);
        expect(r.checks.find((c) => c.id === 'proof')?.problem?.title).toBe('CRYPTOGRAPHIC_SECURITY_ERROR');
      });
    });
  }
});
