// The VC-API exchange the Learner Credential Wallet (LCW) claims an award with: VCALM (W3C VC API
// for Lifecycle Management) §"Interaction Protocols Response" (GET the interaction URL, iuv=1 →
// `protocols.vcapi`), §"Participate in an Exchange" (POST {} → a verifiable presentation request;
// POST { verifiablePresentation } → the credential), §"DID Authentication" (the holder signs a
// presentation with the request's challenge and domain, proofPurpose authentication).
//
// The wallet is played by peers, as LCW does it (openwallet-foundation-labs/learner-credential-wallet
// at 1c46a82: app/lib/interactionUrl.ts fetchInteractionProtocols, app/screens/ExchangeCredentials
// POST {} to protocols.vcapi, app/lib/composeVp.ts createPresentation({ holder }) + signPresentation
// with Ed25519Signature2020 and the request's challenge and domain, app/lib/exchanges.ts sending
// { verifiablePresentation } and reading the answer's verifiablePresentation.verifiableCredential):
// @digitalbazaar/vc with @digitalbazaar/ed25519-signature-2020 (an Ed25519VerificationKey2020
// did:key, LCW's key type) and with @digitalbazaar/data-integrity + eddsa-rdfc-2022 (VCALM's
// example). The credential it receives is verified by @digitalbazaar/vc + vc-bitstring-status-list
// over HTTP.
import { readFileSync } from 'node:fs';
import { DataIntegrityProof } from '@digitalbazaar/data-integrity';
import * as Ed25519Multikey from '@digitalbazaar/ed25519-multikey';
import { Ed25519Signature2020 } from '@digitalbazaar/ed25519-signature-2020';
import { Ed25519VerificationKey2020 } from '@digitalbazaar/ed25519-verification-key-2020';
import { cryptosuite as eddsaRdfc2022 } from '@digitalbazaar/eddsa-rdfc-2022-cryptosuite';
import * as vc from '@digitalbazaar/vc';
import { getAward } from '@repo/issuer';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { awardTemplate } from '../helpers/awards.ts';
import { FROZEN_NOW, type IssuerApp, startIssuerApp, storedState, TOKENS } from '../helpers/issuer-app.ts';
import { call } from '../helpers/issuer-process.ts';
import { peerDocumentLoader } from '../helpers/peer-document-loader.ts';
import { peerVerify } from '../helpers/peer-verify.ts';

const fixture = JSON.parse(readFileSync(new URL('../fixtures/ob3-certification.json', import.meta.url), 'utf8'));
const { documentLoader } = peerDocumentLoader();

let issuer: IssuerApp;
let t = FROZEN_NOW.getTime();

beforeAll(async () => {
  issuer = await startIssuerApp({ loopbackPublicBaseUrl: true, clock: () => new Date(t) });
});
beforeEach(() => {
  t = FROZEN_NOW.getTime();
});
afterAll(async () => {
  await issuer?.close();
});

/** A wallet: its DID and how it signs a DID authentication (`createPresentation` + `signPresentation`). */
interface Wallet {
  did: string;
  sign(options: { challenge: string; domain: string; holder?: string }): Promise<Record<string, any>>;
}

/** LCW's wallet: an Ed25519VerificationKey2020 did:key, a VC 1.1 presentation, Ed25519Signature2020. */
async function lcwWallet(): Promise<Wallet> {
  const key = await Ed25519VerificationKey2020.generate();
  key.controller = `did:key:${key.fingerprint()}`;
  key.id = `${key.controller}#${key.fingerprint()}`;
  return {
    did: key.controller,
    sign: ({ challenge, domain, holder }) =>
      vc.signPresentation({
        presentation: vc.createPresentation({ holder: holder ?? key.controller, version: 1.0 }),
        suite: new Ed25519Signature2020({ key, date: new Date(t - 60_000).toISOString() }),
        challenge,
        domain,
        documentLoader,
      }),
  };
}

/** VCALM's example wallet: an Ed25519 Multikey did:key, a VC 2.0 presentation, eddsa-rdfc-2022. */
async function dataIntegrityWallet(): Promise<Wallet> {
  const key = await Ed25519Multikey.generate();
  key.controller = `did:key:${key.publicKeyMultibase}`;
  key.id = `${key.controller}#${key.publicKeyMultibase}`;
  return {
    did: key.controller,
    sign: ({ challenge, domain, holder }) =>
      vc.signPresentation({
        presentation: vc.createPresentation({ holder: holder ?? key.controller, version: 2.0 }),
        suite: new DataIntegrityProof({
          signer: key.signer(),
          cryptosuite: eddsaRdfc2022,
          date: new Date(t - 60_000).toISOString(),
        }),
        challenge,
        domain,
        documentLoader,
      }),
  };
}

async function newAward(extra: Record<string, unknown> = {}) {
  const res = await call(
    issuer.url,
    'POST',
    '/awards',
    { credential: awardTemplate(), recipient: { name: 'Ada Lovelace', email: 'ada@example.org' }, ...extra },
    TOKENS.full,
  );
  expect(res.status, res.text).toBe(201);
  return res.json as { award: { id: string }; offer: Record<string, string> };
}

const post = (url: string, body: unknown) => call(url, 'POST', '', body);

/** GET the interaction URL as LCW does (Accept: application/json) and take `protocols.vcapi`. */
async function vcapiOf(interactionUrl: string): Promise<string> {
  const res = await fetch(interactionUrl, { headers: { accept: 'application/json' } });
  expect(res.status).toBe(200);
  const { protocols } = (await res.json()) as { protocols: Record<string, string> };
  return protocols.vcapi!;
}

/** POST {} to the exchange: the verifiable presentation request. */
async function startExchange(exchangeUrl: string): Promise<Record<string, any>> {
  const res = await post(exchangeUrl, {});
  expect(res.status, res.text).toBe(200);
  return res.json.verifiablePresentationRequest;
}

/** The issuer's state: credential records, status indexes, and the award. */
async function state(awardId: string) {
  return { stored: await storedState(issuer.deps), award: (await getAward(issuer.deps, awardId))?.state };
}

/** The peer verifier (@digitalbazaar/vc + vc-bitstring-status-list over HTTP) at the test's clock. */
const peerVerifyNow = (credential: unknown) => peerVerify(credential, { now: new Date(t) });

describe('VCALM §"Participate in an Exchange": the Learner Credential Wallet claims an award', () => {
  it('interaction URL (iuv=1) → protocols.vcapi → POST {} → DIDAuthentication request → signed presentation → the credential, bound to the wallet DID; a peer verifies it; the award is claimed', async () => {
    const wallet = await lcwWallet();
    const { award, offer } = await newAward();
    const exchangeUrl = await vcapiOf(offer.interactionUrl!);
    expect(exchangeUrl).toBe(offer.exchangeUrl);

    // §"The DID Authentication Query Format": what LCW's composeVp needs (challenge AND domain).
    const vpr = await startExchange(exchangeUrl);
    expect(vpr).toEqual({
      query: [
        {
          type: 'DIDAuthentication',
          acceptedMethods: [{ method: 'key' }, { method: 'web' }],
          acceptedCryptosuites: expect.arrayContaining([
            { cryptosuite: 'eddsa-rdfc-2022' },
            { cryptosuite: 'Ed25519Signature2020' },
          ]),
        },
      ],
      challenge: expect.stringMatching(/^[A-Za-z0-9_-]{22}$/),
      domain: new URL(issuer.url).host,
      interact: { service: [{ type: 'UnmediatedPresentationService2021', serviceEndpoint: exchangeUrl }] },
    });

    const verifiablePresentation = await wallet.sign({ challenge: vpr.challenge, domain: vpr.domain });
    expect(verifiablePresentation.proof).toMatchObject({
      type: 'Ed25519Signature2020',
      proofPurpose: 'authentication',
    });
    const res = await post(vpr.interact.service[0].serviceEndpoint, { verifiablePresentation });
    expect(res.status, res.text).toBe(200);
    expect(res.headers.get('cache-control')).toBe('no-store');
    expect(res.headers.get('access-control-allow-origin')).toBe('*');

    // What LCW reads: verifiablePresentation.type includes VerifiablePresentation, and an array of credentials.
    const vp = res.json.verifiablePresentation;
    expect(vp['@context']).toEqual(['https://www.w3.org/ns/credentials/v2']);
    expect(vp.type).toEqual(['VerifiablePresentation']);
    expect(vp.verifiableCredential).toHaveLength(1);
    const [credential] = vp.verifiableCredential;
    expect(credential.credentialSubject.id).toBe(wallet.did);
    expect(credential.name).toBe(fixture.name);

    const peer = await peerVerifyNow(credential);
    expect(peer.error).toBeUndefined();
    expect(peer.verified).toBe(true);
    expect(peer.statusResult.verified).toBe(true);

    const got = await call(issuer.url, 'GET', `/awards/${award.id}`, undefined, TOKENS.readOnly);
    expect(got.json.award).toMatchObject({
      state: 'claimed',
      claim: { holder: wallet.did, via: 'vcapi', credentialId: credential.id },
    });
  });

  it('VCALM §"DID Authentication" example form: a VC 2.0 presentation with an eddsa-rdfc-2022 DataIntegrityProof', async () => {
    const wallet = await dataIntegrityWallet();
    const { award, offer } = await newAward();
    const vpr = await startExchange(await vcapiOf(offer.interactionUrl!));
    const verifiablePresentation = await wallet.sign({ challenge: vpr.challenge, domain: vpr.domain });
    expect(verifiablePresentation.proof).toMatchObject({ type: 'DataIntegrityProof', cryptosuite: 'eddsa-rdfc-2022' });
    const res = await post(offer.exchangeUrl!, { verifiablePresentation });
    expect(res.status, res.text).toBe(200);
    const [credential] = res.json.verifiablePresentation.verifiableCredential;
    expect(credential.credentialSubject.id).toBe(wallet.did);
    const ours = await issuer.deps.verifier.verifyCredential(credential);
    expect(ours.verified, JSON.stringify(ours.problems)).toBe(true);
    expect((await state(award.id)).award).toBe('claimed');
  });

  it('the LCW deep link (https://lcw.app/request?request=…) carries { credentialRequestOrigin, protocols.vcapi } and LCW’s parse of it reaches the exchange', async () => {
    const wallet = await lcwWallet();
    const { offer } = await newAward();
    const link = new URL(offer.lcwDeepLink!);
    expect(`${link.origin}${link.pathname}`).toBe('https://lcw.app/request');
    // LCW app/lib/walletRequestApi.ts parseWalletApiUrl: the `request` query parameter, JSON.
    const message = JSON.parse(decodeURI(link.searchParams.get('request')!));
    expect(message).toEqual({ credentialRequestOrigin: issuer.url, protocols: { vcapi: offer.exchangeUrl } });
    const vpr = await startExchange(message.protocols.vcapi);
    const verifiablePresentation = await wallet.sign({ challenge: vpr.challenge, domain: vpr.domain });
    const res = await post(message.protocols.vcapi, { verifiablePresentation });
    expect(res.status, res.text).toBe(200);
    expect(res.json.verifiablePresentation.verifiableCredential[0].credentialSubject.id).toBe(wallet.did);
  });

  it('three presentations at once (one sent twice, another with a second challenge): one claim, one record; the others refused', async () => {
    const wallet = await lcwWallet();
    const { award, offer } = await newAward();
    const before = await storedState(issuer.deps);
    const [vpr1, vpr2] = [await startExchange(offer.exchangeUrl!), await startExchange(offer.exchangeUrl!)];
    const a = await wallet.sign({ challenge: vpr1!.challenge, domain: vpr1!.domain });
    const b = await wallet.sign({ challenge: vpr2!.challenge, domain: vpr2!.domain });
    const answers = await Promise.all(
      [a, a, b].map((verifiablePresentation) => post(offer.exchangeUrl!, { verifiablePresentation })),
    );
    expect(answers.filter((r) => r.status === 200)).toHaveLength(1);
    for (const r of answers.filter((x) => x.status !== 200)) {
      expect(['INVALID_CHALLENGE_ERROR', 'OFFER_CLAIMED'], r.text).toContain(r.json.title);
    }
    expect((await storedState(issuer.deps)).records).toBe(before.records + 1);
    expect((await state(award.id)).award).toBe('claimed');
  });

  it('is public with CORS: the pre-flight answers 204 allowing POST', async () => {
    const { offer } = await newAward();
    const res = await fetch(offer.exchangeUrl!, {
      method: 'OPTIONS',
      headers: { origin: 'https://wallet.example', 'access-control-request-method': 'POST' },
    });
    expect(res.status).toBe(204);
    expect(res.headers.get('access-control-allow-origin')).toBe('*');
    expect(res.headers.get('access-control-allow-methods')).toContain('POST');
  });
});

describe('VCALM §"Participate in an Exchange": refusals issue nothing', () => {
  /** Runs `act` and checks that it changed nothing: no record, no status index, the award still offered. */
  async function refused(awardId: string, act: () => Promise<Awaited<ReturnType<typeof call>>>) {
    const before = await state(awardId);
    expect(before.award).toBe('offered');
    const res = await act();
    expect(res.headers.get('content-type')).toMatch(/^application\/problem\+json/);
    expect(await state(awardId)).toEqual(before);
    return res;
  }

  it('V4 a replayed challenge: the presentation that claimed an award, sent again here or to another exchange → INVALID_CHALLENGE_ERROR', async () => {
    const wallet = await lcwWallet();
    const first = await newAward();
    const vpr = await startExchange(first.offer.exchangeUrl!);
    const verifiablePresentation = await wallet.sign({ challenge: vpr.challenge, domain: vpr.domain });
    expect((await post(first.offer.exchangeUrl!, { verifiablePresentation })).status).toBe(200);

    const again = await post(first.offer.exchangeUrl!, { verifiablePresentation });
    expect(again.status).toBe(422);
    expect(again.json).toMatchObject({
      title: 'INVALID_CHALLENGE_ERROR',
      pointer: '/verifiablePresentation/proof/challenge',
    });
    expect(again.json.detail).toMatch(/already used/);

    const other = await newAward();
    const res = await refused(other.award.id, () => post(other.offer.exchangeUrl!, { verifiablePresentation }));
    expect(res.status).toBe(422);
    expect(res.json.title).toBe('INVALID_CHALLENGE_ERROR');
  });

  it('V4 a challenge this exchange never issued (made up, from POST /challenges, or from another exchange) → INVALID_CHALLENGE_ERROR', async () => {
    const wallet = await dataIntegrityWallet();
    const { award, offer } = await newAward();
    const domain = new URL(issuer.url).host;
    const elsewhere = await newAward();
    const challenges = [
      'a-challenge-nobody-issued',
      (await call(issuer.url, 'POST', '/challenges')).json.challenge,
      (await startExchange(elsewhere.offer.exchangeUrl!)).challenge,
    ];
    for (const challenge of challenges) {
      const verifiablePresentation = await wallet.sign({ challenge, domain });
      const res = await refused(award.id, () => post(offer.exchangeUrl!, { verifiablePresentation }));
      expect(res.status).toBe(422);
      expect(res.json).toMatchObject({
        title: 'INVALID_CHALLENGE_ERROR',
        type: 'https://www.w3.org/ns/credentials#INVALID_CHALLENGE_ERROR',
        pointer: '/verifiablePresentation/proof/challenge',
      });
      expect(res.json.detail).toMatch(/not issued by this exchange/);
    }
  });

  it('V4 a presentation for another domain → INVALID_DOMAIN_ERROR; the challenge is not used up by the refusal', async () => {
    const wallet = await lcwWallet();
    const { award, offer } = await newAward();
    const vpr = await startExchange(offer.exchangeUrl!);
    const wrong = await wallet.sign({ challenge: vpr.challenge, domain: 'evil.example' });
    const res = await refused(award.id, () => post(offer.exchangeUrl!, { verifiablePresentation: wrong }));
    expect(res.status).toBe(422);
    expect(res.json).toMatchObject({ title: 'INVALID_DOMAIN_ERROR', pointer: '/verifiablePresentation/proof/domain' });
    // Garbage sent with a challenge does not burn it: the holder's right presentation still works.
    const right = await wallet.sign({ challenge: vpr.challenge, domain: vpr.domain });
    expect((await post(offer.exchangeUrl!, { verifiablePresentation: right })).status).toBe(200);
  });

  it('VCALM "DID Authentication Response Format": signed by a key that is not the holder’s → INVALID_VERIFICATION_METHOD', async () => {
    const victim = await lcwWallet();
    const signer = await lcwWallet();
    const { award, offer } = await newAward();
    const vpr = await startExchange(offer.exchangeUrl!);
    const verifiablePresentation = await signer.sign({
      challenge: vpr.challenge,
      domain: vpr.domain,
      holder: victim.did,
    });
    expect(verifiablePresentation.holder).toBe(victim.did);
    const res = await refused(award.id, () => post(offer.exchangeUrl!, { verifiablePresentation }));
    expect(res.status).toBe(422);
    expect(res.json).toMatchObject({
      title: 'INVALID_VERIFICATION_METHOD',
      pointer: '/verifiablePresentation/proof/verificationMethod',
    });
  });

  it('V4 a presentation changed after signing → the verifier’s CRYPTOGRAPHIC_SECURITY_ERROR', async () => {
    const wallet = await dataIntegrityWallet();
    const { award, offer } = await newAward();
    const vpr = await startExchange(offer.exchangeUrl!);
    const verifiablePresentation = await wallet.sign({ challenge: vpr.challenge, domain: vpr.domain });
    verifiablePresentation.id = 'urn:uuid:6a3e39b4-7b39-4a34-9a8e-4d1bbf7f6a01';
    const expected = await issuer.deps.verifier.verifyPresentation(verifiablePresentation, {
      challenge: vpr.challenge,
      domain: vpr.domain,
    });
    expect(expected.problems[0]?.title).toBe('CRYPTOGRAPHIC_SECURITY_ERROR');
    const res = await refused(award.id, () => post(offer.exchangeUrl!, { verifiablePresentation }));
    expect(res.status).toBe(422);
    expect(res.json.title).toBe('CRYPTOGRAPHIC_SECURITY_ERROR');
  });

  it.each([
    ['unsigned', 'PROOF_VERIFICATION_ERROR', '/verifiablePresentation/proof', (vp: any) => delete vp.proof],
    ['without a holder', 'MALFORMED_VALUE_ERROR', '/verifiablePresentation/holder', (vp: any) => delete vp.holder],
    [
      'with a holder of a DID method not asked for',
      'MALFORMED_VALUE_ERROR',
      '/verifiablePresentation/holder',
      (vp: any) => (vp.holder = 'did:example:123'),
    ],
  ])('VCALM "DID Authentication Response Format": a presentation %s → %s', async (_name, title, pointer, change) => {
    const wallet = await dataIntegrityWallet();
    const { award, offer } = await newAward();
    const vpr = await startExchange(offer.exchangeUrl!);
    const verifiablePresentation = await wallet.sign({ challenge: vpr.challenge, domain: vpr.domain });
    change(verifiablePresentation);
    const res = await refused(award.id, () => post(offer.exchangeUrl!, { verifiablePresentation }));
    expect(res.status).toBe(422);
    expect(res.json).toMatchObject({ title, pointer });
  });

  it('claiming twice: a second presentation (its own fresh challenge) after the claim → 409 OFFER_CLAIMED, and so is POST {}', async () => {
    const wallet = await lcwWallet();
    const { award, offer } = await newAward();
    const vpr1 = await startExchange(offer.exchangeUrl!);
    const vpr2 = await startExchange(offer.exchangeUrl!);
    expect(vpr2.challenge).not.toBe(vpr1.challenge);
    const first = await wallet.sign({ challenge: vpr1.challenge, domain: vpr1.domain });
    expect((await post(offer.exchangeUrl!, { verifiablePresentation: first })).status).toBe(200);
    const after = await state(award.id);
    expect(after.award).toBe('claimed');

    const second = await wallet.sign({ challenge: vpr2.challenge, domain: vpr2.domain });
    const res = await post(offer.exchangeUrl!, { verifiablePresentation: second });
    expect(res.status).toBe(409);
    expect(res.json.title).toBe('OFFER_CLAIMED');
    const restart = await post(offer.exchangeUrl!, {});
    expect(restart.status).toBe(409);
    expect(restart.json.title).toBe('OFFER_CLAIMED');
    expect(await state(award.id)).toEqual(after);
  });

  it('an expired offer: a presentation with a live challenge → 410 OFFER_EXPIRED, and so is POST {}', async () => {
    const wallet = await lcwWallet();
    const { award, offer } = await newAward({ expiresIn: 60 });
    const vpr = await startExchange(offer.exchangeUrl!);
    const verifiablePresentation = await wallet.sign({ challenge: vpr.challenge, domain: vpr.domain });
    t += 61_000; // past the offer's expiry, within the challenge's 5 minutes
    const res = await refused(award.id, () => post(offer.exchangeUrl!, { verifiablePresentation }));
    expect(res.status).toBe(410);
    expect(res.json.title).toBe('OFFER_EXPIRED');
    const restart = await refused(award.id, () => post(offer.exchangeUrl!, {}));
    expect(restart.status).toBe(410);
  });

  it('an unknown exchange → 404; a body with other members or a presentation that is not an object → 400 naming it', async () => {
    const unknown = await post(`${issuer.url}/exchanges/${'A'.repeat(43)}`, {});
    expect(unknown.status).toBe(404);
    expect(unknown.json.title).toBe('NOT_FOUND');
    const { award, offer } = await newAward();
    const extra = await refused(award.id, () => post(offer.exchangeUrl!, { surprise: true }));
    expect(extra.status).toBe(400);
    expect(extra.json).toMatchObject({ title: 'MALFORMED_VALUE_ERROR', pointer: '/surprise' });
    const jwt = await refused(award.id, () => post(offer.exchangeUrl!, { verifiablePresentation: 'eyJ.e30.sig' }));
    expect(jwt.status).toBe(400);
    expect(jwt.json.pointer).toBe('/verifiablePresentation');
  });
});
