/**
 * Interop, peers make, we verify: `@digitalbazaar/vc` + `@digitalbazaar/data-integrity` +
 * `@digitalbazaar/eddsa-rdfc-2022-cryptosuite` sign a VC Data Model 2.0 Open Badges 3.0.3
 * credential (an Ed25519 Multikey did:key); `@digitalbazaar/vc-bitstring-status-list` makes its
 * `BitstringStatusListCredential` (`createList` / `createCredential`, signed with `vc.issue`), served
 * to `createVerifier` through an injected `fetchStatusList`. VC Data Model 2.0 §4.10, §4.12; VC Data
 * Integrity 1.0 §4.3; EdDSA Cryptosuites 1.0 §3.1; Bitstring Status List 1.0 §2.1, §2.2, §3.2.
 */
import { DataIntegrityProof } from '@digitalbazaar/data-integrity';
import * as Ed25519Multikey from '@digitalbazaar/ed25519-multikey';
import { cryptosuite as eddsaRdfc2022 } from '@digitalbazaar/eddsa-rdfc-2022-cryptosuite';
import * as vc from '@digitalbazaar/vc';
import { createVerifier } from '@repo/verifier';
import { beforeAll, describe, expect, it } from 'vitest';
import { FROZEN_NOW, frozenClock, jsonServer, ob3Credential } from '../helpers/credential-factory.ts';
import { peerDocumentLoader } from '../helpers/peer-document-loader.ts';
import { bitstringStatusList } from '../helpers/peer-libraries.ts';

const { documentLoader } = peerDocumentLoader();
const LIST_URL = 'https://status.peer.example/lists/revocation/7';
const INDEX = 94567;

describe('Interop: @digitalbazaar/vc DataIntegrityProof eddsa-rdfc-2022 (VC 2.0, Open Badges 3.0.3) → our verifier', () => {
  let keyPair: any;
  const sign = (credential: Record<string, unknown>) =>
    vc.issue({
      credential,
      suite: new DataIntegrityProof({ signer: keyPair.signer(), cryptosuite: eddsaRdfc2022, date: FROZEN_NOW }),
      documentLoader,
    });

  /** The peer's status list: 131,072 entries, `revoked` set, signed by the same issuer. */
  async function peerStatusList(revoked: number[]): Promise<any> {
    const list = await bitstringStatusList.createList({ length: 131072 });
    for (const i of revoked) list.setStatus(i, true);
    const unsigned = await bitstringStatusList.createCredential({ id: LIST_URL, list, statusPurpose: 'revocation' });
    return sign({ ...unsigned, issuer: keyPair.controller, validFrom: '2026-01-01T00:00:00Z' });
  }

  beforeAll(async () => {
    keyPair = await Ed25519Multikey.generate();
    keyPair.controller = `did:key:${keyPair.publicKeyMultibase}`;
    keyPair.id = `${keyPair.controller}#${keyPair.publicKeyMultibase}`;
  });

  describe('no status', () => {
    let signed: any;
    beforeAll(async () => {
      signed = await sign(ob3Credential(keyPair.controller));
    });

    it('VC 2.0 + eddsa-rdfc-2022: verified, every check passed', async () => {
      expect(signed.proof).toMatchObject({
        type: 'DataIntegrityProof',
        cryptosuite: 'eddsa-rdfc-2022',
        verificationMethod: keyPair.id,
      });
      const r = await createVerifier({ now: () => FROZEN_NOW }).verifyCredential(signed);
      expect(r.problems).toEqual([]);
      expect(r.verified).toBe(true);
      expect(Object.fromEntries(r.checks.map((c) => [c.id, c.status]))).toEqual({
        format: 'passed',
        proof: 'passed',
        issuer: 'skipped',
        validity: 'passed',
        status: 'skipped',
        schema: 'passed',
      });
    });

    it('negative twin: one character of proofValue changed → CRYPTOGRAPHIC_SECURITY_ERROR', async () => {
      const pv: string = signed.proof.proofValue;
      const flipped = `${pv.slice(0, 20)}${pv[20] === '2' ? '3' : '2'}${pv.slice(21)}`;
      const r = await createVerifier({ now: () => FROZEN_NOW }).verifyCredential({
        ...signed,
        proof: { ...signed.proof, proofValue: flipped },
      });
      expect(r.verified).toBe(false);
      expect(r.checks.find((c) => c.id === 'proof')?.problem?.title).toBe('CRYPTOGRAPHIC_SECURITY_ERROR');
    });
  });

  describe('BitstringStatusListEntry, list made by @digitalbazaar/vc-bitstring-status-list', () => {
    let signed: any;
    beforeAll(async () => {
      signed = await sign(
        ob3Credential(keyPair.controller, {
          credentialStatus: {
            id: `${LIST_URL}#${INDEX}`,
            type: 'BitstringStatusListEntry',
            statusPurpose: 'revocation',
            statusListIndex: String(INDEX),
            statusListCredential: LIST_URL,
          },
        }),
      );
    });

    it('BSL §3.2: bit 0 → verified; the bit set → CREDENTIAL_REVOKED once the cached list expires (§2.2 ttl, 300000 ms default)', async () => {
      const server = jsonServer();
      const clock = frozenClock(FROZEN_NOW);
      const verifier = createVerifier({ now: clock.now, fetchStatusList: server.fetch });
      server.publish(LIST_URL, await peerStatusList([INDEX + 1]));

      const before = await verifier.verifyCredential(signed);
      expect(before.problems).toEqual([]);
      expect(before.verified).toBe(true);
      expect(before.checks.find((c) => c.id === 'status')?.status).toBe('passed');
      expect(server.calls).toEqual([LIST_URL]);

      server.publish(LIST_URL, await peerStatusList([INDEX]));
      // Within the list's ttl the verifier answers from its cache (no fetch).
      expect((await verifier.verifyCredential(signed)).verified).toBe(true);
      expect(server.calls).toHaveLength(1);

      clock.advance(300_001);
      const after = await verifier.verifyCredential(signed);
      expect(server.calls).toHaveLength(2);
      expect(after.verified).toBe(false);
      expect(after.checks.find((c) => c.id === 'proof')?.status).toBe('passed');
      const status = after.checks.find((c) => c.id === 'status');
      expect(status?.status).toBe('failed');
      expect(status?.problem?.title).toBe('CREDENTIAL_REVOKED');
      expect(after.lifecycle?.state).toBe('revoked');
    });

    it('negative twin: the peer list altered after signing (one character of encodedList) → STATUS_VERIFICATION_ERROR, not passed', async () => {
      const server = jsonServer();
      const list = await peerStatusList([]);
      const e: string = list.credentialSubject.encodedList;
      list.credentialSubject.encodedList = `${e.slice(0, 12)}${e[12] === 'A' ? 'B' : 'A'}${e.slice(13)}`;
      server.publish(LIST_URL, list);
      const r = await createVerifier({ now: () => FROZEN_NOW, fetchStatusList: server.fetch }).verifyCredential(signed);
      expect(r.verified).toBe(false);
      const status = r.checks.find((c) => c.id === 'status');
      expect(status?.status).toBe('failed');
      expect(status?.problem?.title).toBe('STATUS_VERIFICATION_ERROR');
    });
  });
});
