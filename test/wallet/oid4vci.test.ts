// OpenID for Verifiable Credential Issuance 1.0 (final, September 2025), pre-authorized code
// flow, with @digitalbazaar/oid4-client (the DCC Learner Credential Wallet's OID4 library) as the
// wallet over real HTTPS on 127.0.0.1 (it refuses plain-http issuers: §12.2.1 issuer identifiers
// are https). Where the library cannot do a step (it never sends tx_code; its retry after an
// invalid_proof calls an unbound `this.getNonce`), that one step is a plain HTTPS request.

import { generateKeyPairSync } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { decodeJwt, decodeProtectedHeader, importJWK, type JWK, SignJWT } from 'jose';
import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { FROZEN_NOW, type IssuerApp, startIssuerApp, storedState, TOKENS } from '../helpers/issuer-app.ts';
import {
  callTls,
  didJwkHolder,
  didKeyHolder,
  type Holder,
  oid4Client,
  TEST_TLS,
  tlsAgent,
} from '../helpers/wallet-keys.ts';

const fixture = JSON.parse(readFileSync(new URL('../fixtures/ob3-certification.json', import.meta.url), 'utf8'));
const PRE_AUTH = 'urn:ietf:params:oauth:grant-type:pre-authorized_code';
const { OID4Client, getCredentialOffer, discoverIssuer, generateDIDProofJWT } = oid4Client;

let issuer: IssuerApp;
let t = FROZEN_NOW.getTime();

beforeAll(async () => {
  issuer = await startIssuerApp({ loopbackPublicBaseUrl: true, tls: TEST_TLS, clock: () => new Date(t) });
});
afterAll(async () => {
  vi.useRealTimers();
  await issuer?.close();
});
beforeEach(() => {
  // The wallet library dates its proofs with Date.now(): the wallet's clock is the issuer's.
  t = FROZEN_NOW.getTime();
  vi.useFakeTimers({ toFake: ['Date'], now: t });
});

/** Records an award (POST /awards, TOKENS.full) and answers its offer. */
async function newAward(extra: Record<string, unknown> = {}) {
  const credential = structuredClone(fixture);
  delete credential.credentialSubject.id;
  const res = await callTls(`${issuer.url}/awards`, {
    method: 'POST',
    json: { credential, recipient: { name: 'Ada Lovelace', email: 'ada@example.org' }, ...extra },
    headers: { authorization: `Bearer ${TOKENS.full}` },
  });
  expect(res.status, res.text).toBe(201);
  const code = new URL(res.json.offer.credentialOfferUri).pathname.split('/').pop()!;
  return { award: res.json.award, offer: res.json.offer, code };
}

async function awardState(id: string) {
  const res = await callTls(`${issuer.url}/awards/${id}`, { headers: { authorization: `Bearer ${TOKENS.full}` } });
  return res.json.award;
}

/** The credential the wallet received, verified by our verifier, with its subject id. */
async function verifiedSubject(credential: unknown): Promise<string> {
  const result = await issuer.deps.verifier.verifyCredential(credential as never);
  expect(result.problems ?? [], JSON.stringify(result.problems)).toEqual([]);
  expect(result.verified).toBe(true);
  if (typeof credential === 'string') return decodeJwt(credential).sub as string;
  return (credential as any).credentialSubject.id;
}

describe('OID4VCI 1.0 §12 metadata', () => {
  it('§12.2: the credential issuer metadata, read by @digitalbazaar/oid4-client discovery', async () => {
    const { issuerConfig, metadata } = await discoverIssuer({
      issuerConfigUrl: `${issuer.url}/.well-known/openid-credential-issuer`,
      agent: tlsAgent,
    });
    expect(issuerConfig.credential_issuer).toBe(issuer.url);
    expect(issuerConfig.credential_endpoint).toBe(`${issuer.url}/oid4vci/credential`);
    expect(issuerConfig.nonce_endpoint).toBe(`${issuer.url}/oid4vci/nonce`);
    expect(issuerConfig.token_endpoint).toBe(`${issuer.url}/oid4vci/token`);
    const ldp = metadata.issuer.credential_configurations_supported.OpenBadgeCredential_ldp_vc;
    expect(ldp.format).toBe('ldp_vc');
    expect(ldp.credential_definition).toEqual({
      '@context': [
        'https://www.w3.org/ns/credentials/v2',
        'https://purl.imsglobal.org/spec/ob/v3p0/context-3.0.3.json',
      ],
      type: ['VerifiableCredential', 'OpenBadgeCredential'],
    });
    expect(ldp.credential_signing_alg_values_supported).toEqual(['eddsa-rdfc-2022']);
    expect(ldp.cryptographic_binding_methods_supported).toEqual(['did:key', 'did:jwk', 'jwk']);
    expect(ldp.proof_types_supported).toEqual({
      jwt: { proof_signing_alg_values_supported: ['EdDSA', 'ES256', 'ES384'] },
    });
    const jwt = metadata.issuer.credential_configurations_supported.OpenBadgeCredential_jwt_vc_json;
    expect(jwt.format).toBe('jwt_vc_json');
    expect(jwt.credential_definition).toEqual({ type: ['VerifiableCredential', 'OpenBadgeCredential'] });
    expect(jwt.credential_signing_alg_values_supported).toEqual(['EdDSA']);
    expect(jwt.credential_metadata.display[0].name).toBe('Open Badge (JWT)');
  });

  it('§12.3 / RFC 8414: the authorization server metadata; both documents public with CORS', async () => {
    const as = await callTls(`${issuer.url}/.well-known/oauth-authorization-server`, {
      headers: { origin: 'https://wallet.example' },
    });
    expect(as.status).toBe(200);
    expect(as.headers['access-control-allow-origin']).toBe('*');
    expect(as.json).toMatchObject({
      issuer: issuer.url,
      token_endpoint: `${issuer.url}/oid4vci/token`,
      grant_types_supported: [PRE_AUTH],
      'pre-authorized_grant_anonymous_access_supported': true,
      jwks_uri: `${issuer.url}/oid4vci/jwks`,
    });
    const preflight = await callTls(`${issuer.url}/.well-known/openid-credential-issuer`, {
      method: 'OPTIONS',
      headers: { origin: 'https://wallet.example', 'access-control-request-method': 'GET' },
    });
    expect(preflight.status).toBe(204);
    expect(preflight.headers['access-control-allow-methods']).toBe('GET, OPTIONS');
  });
});

describe('OID4VCI 1.0 pre-authorized code flow, @digitalbazaar/oid4-client as the wallet', () => {
  it.each([
    ['ldp_vc', 'did:key'],
    ['jwt_vc_json', 'did:jwk'],
    ['ldp_vc', 'did:jwk'],
    ['jwt_vc_json', 'did:key'],
  ] as const)(
    '§4.1.3 offer → §6 token → §7 nonce → §8 credential (%s, holder %s): verifies, bound to the wallet DID, award claimed',
    async (format, method) => {
      const holder = method === 'did:key' ? await didKeyHolder() : didJwkHolder();
      const { award, offer } = await newAward();
      // §4.1.3: the offer by reference, resolved by the library.
      const offerObject = await getCredentialOffer({ url: offer.credentialOffer, agent: tlsAgent });
      expect(offerObject.credential_configuration_ids).toEqual([
        'OpenBadgeCredential_ldp_vc',
        'OpenBadgeCredential_jwt_vc_json',
      ]);
      const client = await OID4Client.fromCredentialOffer({
        offer: offerObject,
        supportedFormats: [format],
        agent: tlsAgent,
      });
      // §6.2: authorization_details in the token response, with credential_identifiers.
      expect(client.authorizationDetails).toEqual([
        {
          type: 'openid_credential',
          credential_configuration_id: `OpenBadgeCredential_${format}`,
          credential_identifiers: [`OpenBadgeCredential_${format}`],
        },
      ]);
      const { nonce } = await client.getNonce({ agent: tlsAgent });
      const result = await client.requestCredentials({
        did: holder.did,
        didProofSigner: holder.signer,
        nonce,
        format,
        agent: tlsAgent,
      });
      expect(result.credentials).toHaveLength(1);
      const credential = result.credentials[0];
      if (format === 'jwt_vc_json') {
        expect(typeof credential).toBe('string');
        expect(decodeProtectedHeader(credential as string).typ).toBe('JWT');
      } else {
        expect((credential as any).proof.cryptosuite).toBe('eddsa-rdfc-2022');
      }
      expect(await verifiedSubject(credential)).toBe(holder.did);
      const state = await awardState(award.id);
      expect(state.state).toBe('claimed');
      expect(state.claim).toMatchObject({ holder: holder.did, via: 'oid4vci' });
    },
  );
});
