// OpenID for Verifiable Credential Issuance 1.0 (final, September 2025), pre-authorized code
// flow, with @digitalbazaar/oid4-client (the DCC Learner Credential Wallet's OID4 library) as the
// wallet over real HTTPS on 127.0.0.1 (it refuses plain-http issuers: §12.2.1 issuer identifiers
// are https). Where the library cannot do a step (it never sends tx_code; its retry after an
// invalid_proof calls an unbound `this.getNonce`), that one step is a plain HTTPS request.

import { createHmac, generateKeyPairSync } from 'node:crypto';
import { decodeJwt, decodeProtectedHeader, type JWK, SignJWT } from 'jose';
import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { awardTemplate } from '../helpers/awards.ts';
import { FROZEN_NOW, type IssuerApp, startIssuerApp, storedState, TOKENS } from '../helpers/issuer-app.ts';
import { callTls, didJwkHolder, didKeyHolder, oid4Client, TEST_TLS, tlsAgent } from '../helpers/wallet-keys.ts';

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
  const credential = awardTemplate();
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

/** Nothing issued since `before`: no new record, the award still offered. */
async function expectNothingIssued(before: { records: number }, awardId: string) {
  expect((await storedState(issuer.deps)).records).toBe(before.records);
  expect((await awardState(awardId)).state).toBe('offered');
}

/** The OAuth error an oid4-client call failed with (the library wraps the HTTP error as `cause`). */
async function oauthFailure(promise: Promise<unknown>): Promise<{ status: number; error: string }> {
  const failure: any = await promise.then(
    () => undefined,
    (error: unknown) => error,
  );
  expect(failure, 'the call should have failed').toBeInstanceOf(Error);
  return { status: failure.cause?.status, error: failure.cause?.data?.error };
}

/** A token request as RFC 6749 §4.1.3 form, sent by plain HTTPS. */
function tokenRequest(form: Record<string, string>) {
  return callTls(`${issuer.url}/oid4vci/token`, { method: 'POST', form: { grant_type: PRE_AUTH, ...form } });
}

async function freshNonce(): Promise<string> {
  const res = await callTls(`${issuer.url}/oid4vci/nonce`, { method: 'POST' });
  expect(res.status).toBe(200);
  return res.json.c_nonce;
}

describe('OID4VCI 1.0 §6.3 token refusals (invalid_grant), nothing issued', () => {
  it('§4.1.1 "single use": a replayed offer (second token request with the same code) → invalid_grant; the first wallet still claims', async () => {
    const { award, offer } = await newAward();
    const offerObject = await getCredentialOffer({ url: offer.credentialOffer, agent: tlsAgent });
    const first = await OID4Client.fromCredentialOffer({ offer: offerObject, agent: tlsAgent });
    const before = await storedState(issuer.deps);
    expect(await oauthFailure(OID4Client.fromCredentialOffer({ offer: offerObject, agent: tlsAgent }))).toEqual({
      status: 400,
      error: 'invalid_grant',
    });
    await expectNothingIssued(before, award.id);
    // §4.1.3: the offer of a code already exchanged is gone for other wallets too.
    const again = await callTls(offer.credentialOfferUri);
    expect(again.status).toBe(409);
    expect(again.json.title).toBe('OFFER_CLAIMED');
    const holder = await didKeyHolder();
    const { nonce } = await first.getNonce({ agent: tlsAgent });
    const result = await first.requestCredentials({
      did: holder.did,
      didProofSigner: holder.signer,
      nonce,
      agent: tlsAgent,
    });
    expect(await verifiedSubject(result.credentials[0])).toBe(holder.did);
  });

  it('§4.1.1 "short lived": an expired offer → invalid_grant at the token endpoint, 410 OFFER_EXPIRED for the offer URI', async () => {
    const { award, offer } = await newAward({ expiresIn: 3600 });
    const offerObject = await getCredentialOffer({ url: offer.credentialOffer, agent: tlsAgent });
    t += 3600_000;
    vi.setSystemTime(t);
    const before = await storedState(issuer.deps);
    expect(await oauthFailure(OID4Client.fromCredentialOffer({ offer: offerObject, agent: tlsAgent }))).toEqual({
      status: 400,
      error: 'invalid_grant',
    });
    const gone = await callTls(offer.credentialOfferUri);
    expect(gone.status).toBe(410);
    expect(gone.json.title).toBe('OFFER_EXPIRED');
    await expectNothingIssued(before, award.id);
  });

  it('§6.3 transaction code: missing → invalid_request, wrong → invalid_grant, right → the credential (library token step replaced: it never sends tx_code)', async () => {
    const { award, offer, code } = await newAward({ txCode: true });
    const offerObject = await getCredentialOffer({ url: offer.credentialOffer, agent: tlsAgent });
    expect(offerObject.grants[PRE_AUTH]).toEqual({
      'pre-authorized_code': code,
      tx_code: { length: 6, input_mode: 'numeric', description: expect.any(String) },
    });
    const before = await storedState(issuer.deps);
    // @digitalbazaar/oid4-client ignores tx_code: its token request lacks it.
    expect(await oauthFailure(OID4Client.fromCredentialOffer({ offer: offerObject, agent: tlsAgent }))).toEqual({
      status: 400,
      error: 'invalid_request',
    });
    const wrong = String((Number(offer.txCode) + 1) % 1_000_000).padStart(6, '0');
    const refused = await tokenRequest({ 'pre-authorized_code': code, tx_code: wrong });
    expect(refused.status).toBe(400);
    expect(refused.headers['cache-control']).toBe('no-store');
    expect(refused.json.error).toBe('invalid_grant');
    await expectNothingIssued(before, award.id);
    expect((await awardState(award.id)).codeRedeemedAt).toBeUndefined();
    // The right code: the token step by hand, the rest by the library.
    const details = [{ type: 'openid_credential', credential_configuration_id: 'OpenBadgeCredential_ldp_vc' }];
    const token = await tokenRequest({
      'pre-authorized_code': code,
      tx_code: offer.txCode,
      authorization_details: JSON.stringify(details),
    });
    expect(token.status, token.text).toBe(200);
    expect(token.json).toMatchObject({ token_type: 'bearer', expires_in: 300 });
    const { issuerConfig } = await discoverIssuer({
      issuerConfigUrl: `${issuer.url}/.well-known/openid-credential-issuer`,
      agent: tlsAgent,
    });
    const client = new OID4Client({
      accessToken: token.json.access_token,
      authorizationDetails: token.json.authorization_details,
      issuerConfig,
      offer: offerObject,
      agent: tlsAgent,
    });
    const holder = didJwkHolder();
    const { nonce } = await client.getNonce({ agent: tlsAgent });
    const result = await client.requestCredentials({
      did: holder.did,
      didProofSigner: holder.signer,
      nonce,
      agent: tlsAgent,
    });
    expect(await verifiedSubject(result.credentials[0])).toBe(holder.did);
  });

  it('§13.6.3 transaction code guessing: after 5 wrong codes even the right one is refused (invalid_grant)', async () => {
    const { award, offer, code } = await newAward({ txCode: true });
    const wrong = String((Number(offer.txCode) + 7) % 1_000_000).padStart(6, '0');
    for (let i = 0; i < 5; i++)
      expect((await tokenRequest({ 'pre-authorized_code': code, tx_code: wrong })).json.error).toBe('invalid_grant');
    const right = await tokenRequest({ 'pre-authorized_code': code, tx_code: offer.txCode });
    expect(right.status).toBe(400);
    expect(right.json.error).toBe('invalid_grant');
    expect((await awardState(award.id)).state).toBe('offered');
  });

  it('RFC 6749 §5.2: an unknown code → invalid_grant; another grant type → unsupported_grant_type; JSON body → 415', async () => {
    expect((await tokenRequest({ 'pre-authorized_code': 'A'.repeat(43) })).json.error).toBe('invalid_grant');
    const other = await callTls(`${issuer.url}/oid4vci/token`, {
      method: 'POST',
      form: { grant_type: 'authorization_code', code: 'x' },
    });
    expect(other.json.error).toBe('unsupported_grant_type');
    const json = await callTls(`${issuer.url}/oid4vci/token`, { method: 'POST', json: { grant_type: PRE_AUTH } });
    expect(json.status).toBe(415);
    expect(json.json.error).toBe('invalid_request');
  });
});

/** A wallet holding an access token (granted with authorization_details) for a fresh award. */
async function walletWithToken(format: 'ldp_vc' | 'jwt_vc_json' = 'ldp_vc') {
  const { award, offer } = await newAward();
  const offerObject = await getCredentialOffer({ url: offer.credentialOffer, agent: tlsAgent });
  const client = await OID4Client.fromCredentialOffer({
    offer: offerObject,
    supportedFormats: [format],
    agent: tlsAgent,
  });
  return { award, client };
}

/** POSTs a credential request as the library would build it (§8.2 with credential_identifier). */
function credentialRequest(accessToken: string | undefined, body: Record<string, unknown>) {
  return callTls(`${issuer.url}/oid4vci/credential`, {
    method: 'POST',
    json: body,
    headers: accessToken === undefined ? {} : { authorization: `Bearer ${accessToken}` },
  });
}

describe('OID4VCI 1.0 §8.3.1.2 credential refusals, nothing issued', () => {
  it('§F.1 nonce: a proof for a nonce this issuer never gave → invalid_nonce', async () => {
    const { award, client } = await walletWithToken();
    const holder = await didKeyHolder();
    const before = await storedState(issuer.deps);
    const failure = await oauthFailure(
      client.requestCredentials({
        did: holder.did,
        didProofSigner: holder.signer,
        nonce: 'yCn8bTgJ0k2nS4Wz1pQmHw',
        agent: tlsAgent,
      }),
    );
    expect(failure).toEqual({ status: 400, error: 'invalid_nonce' });
    await expectNothingIssued(before, award.id);
  });

  it('§13.8 proof replay: a c_nonce is good once — a second proof with it → invalid_nonce', async () => {
    const holder = await didKeyHolder();
    const first = await walletWithToken();
    const { nonce } = await first.client.getNonce({ agent: tlsAgent });
    await first.client.requestCredentials({ did: holder.did, didProofSigner: holder.signer, nonce, agent: tlsAgent });
    const second = await walletWithToken();
    const before = await storedState(issuer.deps);
    const failure = await oauthFailure(
      second.client.requestCredentials({ did: holder.did, didProofSigner: holder.signer, nonce, agent: tlsAgent }),
    );
    expect(failure).toEqual({ status: 400, error: 'invalid_nonce' });
    await expectNothingIssued(before, second.award.id);
  });

  it('§F.1 aud: a proof for another issuer → invalid_proof; its nonce is not used up (the wallet can retry)', async () => {
    const { award, client } = await walletWithToken();
    const holder = await didKeyHolder();
    const nonce = await freshNonce();
    const identifier = `OpenBadgeCredential_ldp_vc`;
    // The library makes the proof (as it would for its own issuer), only the aud differs.
    const jwt = await generateDIDProofJWT({
      signer: holder.signer,
      nonce,
      iss: holder.did,
      aud: 'https://other-issuer.example',
    });
    const before = await storedState(issuer.deps);
    const refused = await credentialRequest(client.accessToken, {
      credential_identifier: identifier,
      proofs: { jwt: [jwt] },
    });
    expect(refused.status).toBe(400);
    expect(refused.headers['cache-control']).toBe('no-store');
    expect(refused.json.error).toBe('invalid_proof');
    expect(refused.json.error_description).toContain(issuer.url);
    await expectNothingIssued(before, award.id);
    const good = await generateDIDProofJWT({ signer: holder.signer, nonce, iss: holder.did, aud: issuer.url });
    const ok = await credentialRequest(client.accessToken, {
      credential_identifier: identifier,
      proofs: { jwt: [good] },
    });
    expect(ok.status, ok.text).toBe(200);
    expect(await verifiedSubject(ok.json.credentials[0].credential)).toBe(holder.did);
  });

  it('§8.3.1.1 / RFC 6750 §3: no, tampered or expired access token → 401 invalid_token with WWW-Authenticate', async () => {
    const { award, client } = await walletWithToken();
    const body = { credential_identifier: 'OpenBadgeCredential_ldp_vc', proofs: { jwt: ['x.y.z'] } };
    const none = await credentialRequest(undefined, body);
    expect(none.status, none.text).toBe(401);
    expect(none.headers['www-authenticate']).toMatch(/^Bearer/);
    const [h, p, s] = client.accessToken.split('.');
    const flipped = `${s!.slice(0, 10)}${s![10] === 'A' ? 'B' : 'A'}${s!.slice(11)}`;
    const tampered = await credentialRequest(`${h}.${p}.${flipped}`, body);
    expect(tampered.status, tampered.text).toBe(401);
    expect(tampered.json.error).toBe('invalid_token');
    expect(tampered.headers['www-authenticate']).toContain('error="invalid_token"');
    t += 301_000; // §13.10: 5-minute tokens
    vi.setSystemTime(t);
    const expired = await credentialRequest(client.accessToken, body);
    expect(expired.status, expired.text).toBe(401);
    expect(expired.json.error).toBe('invalid_token');
    expect((await awardState(award.id)).state).toBe('offered');
  });
});

describe('OID4VCI 1.0 §8.2 credential_configuration_id with a spec-form §F.1 proof (typ, iat, jwk header)', () => {
  /** An Ed25519 key proof made with jose, as §F.1 writes it. */
  async function joseProof(header: Record<string, unknown>, payload: Record<string, unknown>) {
    const { privateKey, publicKey } = generateKeyPairSync('ed25519');
    const jwk = publicKey.export({ format: 'jwk' }) as JWK;
    const protectedHeader = { alg: 'EdDSA', typ: 'openid4vci-proof+jwt', jwk, ...header };
    if (protectedHeader.alg === 'HS256') {
      // jose will not MAC with an Ed25519 key: the JWS by hand, keyed with the public key's x.
      const b64 = (v: unknown) => Buffer.from(JSON.stringify(v)).toString('base64url');
      const input = `${b64(protectedHeader)}.${b64(payload)}`;
      return { jwt: `${input}.${createHmac('sha256', String(jwk.x)).update(input).digest('base64url')}`, jwk };
    }
    const jwt = await new SignJWT(payload).setProtectedHeader(protectedHeader as never).sign(privateKey);
    return { jwt, jwk };
  }

  let accessToken: string;
  let awardId: string;
  beforeAll(async () => {
    vi.useFakeTimers({ toFake: ['Date'], now: FROZEN_NOW });
    const { award, code } = await newAward();
    awardId = award.id;
    const token = await tokenRequest({ 'pre-authorized_code': code });
    expect(token.status, token.text).toBe(200);
    expect(token.json.authorization_details).toBeUndefined();
    accessToken = token.json.access_token;
  });

  it.each([
    ['typ "JWT" (RFC 8725 §3.11 explicit typing)', { typ: 'JWT' }, {}, /typ must be openid4vci-proof\+jwt/],
    ['no iat nor nbf', {}, { iat: undefined }, /when it was made \(iat\)/],
    ['iat in the future', {}, { iat: FROZEN_NOW.getTime() / 1000 + 600 }, /in the future/],
    [
      'a private key in the jwk header (§F.4)',
      { jwk: { kty: 'OKP', crv: 'Ed25519', x: 'AAAA', d: 'AAAA' } },
      {},
      /private key material \(d\)/,
    ],
    ['no nonce (§8.3.1.2 (3))', {}, { nonce: undefined }, /c_nonce/],
    [
      'kid of an unsupported DID method',
      { jwk: undefined, kid: 'did:web:wallet.example#key-1' },
      {},
      /Only did:key and did:jwk/,
    ],
    ['alg HS256 (§F.1: never a MAC)', { alg: 'HS256' }, {}, /alg must be one of EdDSA, ES256, ES384/],
  ])('%s → invalid_proof', async (_name, header, payload, description) => {
    const nonce = await freshNonce();
    const claims = { aud: issuer.url, iat: FROZEN_NOW.getTime() / 1000, nonce, ...payload };
    for (const [k, v] of Object.entries(claims)) if (v === undefined) delete (claims as Record<string, unknown>)[k];
    const { jwt } = await joseProof(header, claims);
    const res = await credentialRequest(accessToken, {
      credential_configuration_id: 'OpenBadgeCredential_ldp_vc',
      proofs: { jwt: [jwt] },
    });
    expect(res.status).toBe(400);
    expect(res.json.error).toBe('invalid_proof');
    expect(res.json.error_description).toMatch(description);
  });

  it('an unknown configuration → unknown_credential_configuration; a credential_identifier not granted → invalid_credential_request', async () => {
    const unknown = await credentialRequest(accessToken, {
      credential_configuration_id: 'Diploma_mso_mdoc',
      proofs: { jwt: ['x'] },
    });
    expect(unknown.json.error).toBe('unknown_credential_configuration');
    const identifier = await credentialRequest(accessToken, {
      credential_identifier: 'OpenBadgeCredential_ldp_vc',
      proofs: { jwt: ['x'] },
    });
    expect(identifier.json.error).toBe('invalid_credential_request');
    expect((await awardState(awardId)).state).toBe('offered');
  });

  it('a jwk-header proof is bound to the did:jwk of that key; the answer is §8.3 { credentials: [{ credential }] }', async () => {
    const nonce = await freshNonce();
    const { jwt, jwk } = await joseProof({}, { aud: issuer.url, iat: FROZEN_NOW.getTime() / 1000, nonce });
    const res = await credentialRequest(accessToken, {
      credential_configuration_id: 'OpenBadgeCredential_jwt_vc_json',
      proofs: { jwt: [jwt] },
    });
    expect(res.status, res.text).toBe(200);
    expect(Object.keys(res.json)).toEqual(['credentials']);
    const did = `did:jwk:${Buffer.from(JSON.stringify({ kty: jwk.kty, crv: jwk.crv, x: jwk.x })).toString('base64url')}`;
    expect(await verifiedSubject(res.json.credentials[0].credential)).toBe(did);
    // A second request with the same token: the award is claimed.
    const again = await credentialRequest(accessToken, {
      credential_configuration_id: 'OpenBadgeCredential_jwt_vc_json',
      proofs: {
        jwt: [
          (await joseProof({}, { aud: issuer.url, iat: FROZEN_NOW.getTime() / 1000, nonce: await freshNonce() })).jwt,
        ],
      },
    });
    expect(again.json.error).toBe('credential_request_denied');
  });
});
