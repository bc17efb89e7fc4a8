/**
 * Requests that make the app answer each documented status of the delivery operations: awards and
 * offers, the worker's pages, shared credential pages, OID4VCI and the VC-API exchange.
 */

import { awardTemplate } from '../helpers/awards.ts';
import { createTestKey, createTestLoader, signedPresentation } from '../helpers/credential-factory.ts';
import { FROZEN_NOW, TOKENS } from '../helpers/issuer-app.ts';
import { bodyRefusals, type ProbeTable, tokenRefusals } from './probes-core.ts';
import {
  accessToken,
  claimedAward,
  issue,
  keyProof,
  newAward,
  SAME_ORIGIN,
  send,
  sharedCredential,
  UNKNOWN_TOKEN,
  type World,
  withdrawnAward,
} from './world.ts';

const FORM = 'application/x-www-form-urlencoded';
const PRE_AUTH = 'urn:ietf:params:oauth:grant-type:pre-authorized_code';
const JSON_ACCEPT = { accept: 'application/json' };

/** Probes of the delivery operations. */
export function deliveryProbes(w: World): ProbeTable {
  const u = w.main.url;
  const full = { token: TOKENS.full };
  const award = (extra?: Record<string, unknown>) => newAward(w.main, extra);
  const claimed = () => claimedAward(w.main);
  const withdrawn = () => withdrawnAward(w.main);
  const shareGets = (suffix: string, options?: Record<string, unknown>) => ({
    '200': async () => send(u, 'GET', `/c/${await sharedCredential(w.main, options)}${suffix}`),
    '404': () => send(u, 'GET', `/c/${UNKNOWN_TOKEN}${suffix}`),
  });
  const token = (form: Record<string, string>) =>
    send(u, 'POST', '/oid4vci/token', { body: new URLSearchParams(form).toString(), type: FORM });
  const credential = async (json: unknown) =>
    send(u, 'POST', '/oid4vci/credential', { json, token: await accessToken(w.main) });
  const exchange = (offerToken: string, json: unknown) => send(u, 'POST', `/exchanges/${offerToken}`, { json });

  return {
    'POST /awards': {
      '201': () =>
        send(u, 'POST', '/awards', { json: { credential: awardTemplate(), recipient: { name: 'Ada' } }, ...full }),
      '400': () => send(u, 'POST', '/awards', { json: { credential: awardTemplate() }, ...full }),
      ...tokenRefusals(u, 'POST', '/awards', TOKENS.readOnly, {
        credential: awardTemplate(),
        recipient: { name: 'A' },
      }),
      ...bodyRefusals(u, 'POST', '/awards', TOKENS.full),
      '422': () =>
        send(u, 'POST', '/awards', {
          json: {
            credential: awardTemplate((c) => (c.credentialSubject.id = 'did:example:someone')),
            recipient: { name: 'Ada' },
          },
          ...full,
        }),
    },
    'GET /awards': {
      '200': () => send(u, 'GET', '/awards?state=offered', full),
      '400': () => send(u, 'GET', '/awards?state=lost', full),
      ...tokenRefusals(u, 'GET', '/awards', TOKENS.issueOnly),
    },
    'GET /awards/{id}': {
      '200': async () => send(u, 'GET', `/awards/${(await award()).id}`, full),
      '401': async () => send(u, 'GET', `/awards/${(await award()).id}`),
      '403': async () => send(u, 'GET', `/awards/${(await award()).id}`, { token: TOKENS.issueOnly }),
      '404': () => send(u, 'GET', '/awards/00000000-0000-4000-8000-000000000000', full),
    },
    'POST /awards/{id}/withdraw': {
      '200': async () => send(u, 'POST', `/awards/${(await award()).id}/withdraw`, full),
      '401': async () => send(u, 'POST', `/awards/${(await award()).id}/withdraw`),
      '403': async () => send(u, 'POST', `/awards/${(await award()).id}/withdraw`, { token: TOKENS.readOnly }),
      '404': () => send(u, 'POST', '/awards/00000000-0000-4000-8000-000000000000/withdraw', full),
      '409': async () => send(u, 'POST', `/awards/${(await claimed()).id}/withdraw`, full),
    },
    'GET /interactions/{token}': {
      '200': async () => send(u, 'GET', `/interactions/${(await award()).token}?iuv=1`, { headers: JSON_ACCEPT }),
      '404': () => send(u, 'GET', `/interactions/${UNKNOWN_TOKEN}`, { headers: JSON_ACCEPT }),
      '409': async () => send(u, 'GET', `/interactions/${(await claimed()).token}`, { headers: JSON_ACCEPT }),
      '410': async () => send(u, 'GET', `/interactions/${await withdrawn()}`, { headers: { accept: 'text/html' } }),
    },
    'GET /interactions/{token}/{file}': {
      '200': async () => send(u, 'GET', `/interactions/${(await award()).token}/qr.svg`),
      '400': async () => send(u, 'GET', `/interactions/${(await award()).token}/qr.png?protocol=smoke-signals`),
      '404': async () => send(u, 'GET', `/interactions/${(await award()).token}/qr.gif`),
    },
    'POST /interactions/{token}/file': {
      '303': async () => send(u, 'POST', `/interactions/${(await award()).token}/file`, { headers: SAME_ORIGIN }),
      '403': async () =>
        send(u, 'POST', `/interactions/${(await award()).token}/file`, { headers: { 'sec-fetch-site': 'cross-site' } }),
      '404': () => send(u, 'POST', `/interactions/${UNKNOWN_TOKEN}/file`, { headers: SAME_ORIGIN }),
      '409': async () => send(u, 'POST', `/interactions/${(await claimed()).token}/file`, { headers: SAME_ORIGIN }),
      '410': async () =>
        send(u, 'POST', `/interactions/${await withdrawn()}/file`, {
          headers: { ...SAME_ORIGIN, accept: 'text/html' },
        }),
      '422': async () =>
        send(u, 'POST', `/interactions/${(await award({ recipient: { name: 'Ada' } })).token}/file`, {
          headers: SAME_ORIGIN,
        }),
    },
    'POST /interactions/{token}/share': {
      '303': async () =>
        send(u, 'POST', `/interactions/${(await claimed()).token}/share`, {
          body: 'enabled=off',
          type: FORM,
          headers: SAME_ORIGIN,
        }),
      '400': async () =>
        send(u, 'POST', `/interactions/${(await claimed()).token}/share`, {
          body: 'enabled=maybe',
          type: FORM,
          headers: SAME_ORIGIN,
        }),
      '403': async () =>
        send(u, 'POST', `/interactions/${(await claimed()).token}/share`, {
          body: 'enabled=off',
          type: FORM,
          headers: { origin: 'https://elsewhere.example' },
        }),
      '404': () =>
        send(u, 'POST', `/interactions/${UNKNOWN_TOKEN}/share`, {
          body: 'enabled=on',
          type: FORM,
          headers: SAME_ORIGIN,
        }),
      '409': async () =>
        send(u, 'POST', `/interactions/${(await award()).token}/share`, {
          body: 'enabled=on',
          type: FORM,
          headers: SAME_ORIGIN,
        }),
      '413': async () =>
        send(u, 'POST', `/interactions/${(await claimed()).token}/share`, {
          body: `enabled=on&padding=${'x'.repeat(300)}`,
          type: FORM,
          headers: SAME_ORIGIN,
        }),
    },
    'GET /interactions/{token}/file/credential': {
      '200': async () => send(u, 'GET', `/interactions/${(await claimed()).token}/file/credential`),
      '404': () => send(u, 'GET', `/interactions/${UNKNOWN_TOKEN}/file/credential`, { headers: JSON_ACCEPT }),
      '409': async () => send(u, 'GET', `/interactions/${(await award()).token}/file/credential`),
    },
    'GET /c/{token}': shareGets(''),
    'GET /c/{token}/verify': shareGets('/verify'),
    'GET /c/{token}/credential.json': shareGets('/credential.json'),
    'GET /c/{token}/credential.jwt': shareGets('/credential.jwt', { format: 'jwt' }),
    'GET /c/{token}/badge.png': shareGets('/badge.png'),
    'GET /c/{token}/badge.svg': shareGets('/badge.svg'),
    'GET /c/{shareToken}/progress': {
      '200': async () => send(u, 'GET', `/c/${(await claimed()).shareToken}/progress`),
      '404': () => send(u, 'GET', `/c/${UNKNOWN_TOKEN}/progress`),
    },
    'POST /credentials/{id}/share': {
      '200': async () => {
        const id = (await issue(w.main)).verifiableCredential.id as string;
        return send(u, 'POST', `/credentials/${encodeURIComponent(id)}/share`, { json: { enabled: false }, ...full });
      },
      '400': () => send(u, 'POST', '/credentials/x/share', { json: { enabled: 'yes' }, ...full }),
      ...tokenRefusals(u, 'POST', '/credentials/x/share', TOKENS.issueOnly, { enabled: true }),
      '404': () => send(u, 'POST', '/credentials/urn%3Auuid%3Anone/share', { json: { enabled: true }, ...full }),
      '409': async () => {
        const { credentialId } = await claimed();
        return send(u, 'POST', `/credentials/${encodeURIComponent(credentialId)}/share`, {
          json: { enabled: true },
          ...full,
        });
      },
      ...bodyRefusals(u, 'POST', '/credentials/x/share', TOKENS.full),
    },
    'POST /progress': {
      '200': async () =>
        send(u, 'POST', '/progress', { json: { verifiableCredential: [(await issue(w.main)).verifiableCredential] } }),
      '400': () => send(u, 'POST', '/progress', { json: { verifiableCredential: [] } }),
      ...bodyRefusals(u, 'POST', '/progress'),
    },
    'GET /.well-known/openid-credential-issuer': {
      '200': () => send(u, 'GET', '/.well-known/openid-credential-issuer'),
    },
    'GET /.well-known/oauth-authorization-server': {
      '200': () => send(u, 'GET', '/.well-known/oauth-authorization-server'),
    },
    'GET /oid4vci/jwks': { '200': () => send(u, 'GET', '/oid4vci/jwks') },
    'GET /oid4vci/offers/{token}': {
      '200': async () => send(u, 'GET', `/oid4vci/offers/${(await award()).token}`),
      '404': () => send(u, 'GET', `/oid4vci/offers/${UNKNOWN_TOKEN}`),
      '409': async () => send(u, 'GET', `/oid4vci/offers/${(await claimed()).token}`),
      '410': async () => send(u, 'GET', `/oid4vci/offers/${await withdrawn()}`),
    },
    'POST /oid4vci/token': {
      '200': async () => token({ grant_type: PRE_AUTH, 'pre-authorized_code': (await award()).token }),
      '400': () => token({ grant_type: PRE_AUTH, 'pre-authorized_code': UNKNOWN_TOKEN }),
      '413': () => token({ grant_type: PRE_AUTH, 'pre-authorized_code': 'x'.repeat(20 * 1024) }),
      '415': () => send(u, 'POST', '/oid4vci/token', { json: { grant_type: PRE_AUTH } }),
    },
    'POST /oid4vci/nonce': { '200': () => send(u, 'POST', '/oid4vci/nonce') },
    'POST /oid4vci/credential': {
      '200': async () =>
        credential({
          credential_configuration_id: 'OpenBadgeCredential_ldp_vc',
          proofs: { jwt: [await keyProof(w.main)] },
        }),
      '400': () => credential({ proofs: {} }),
      '401': () => send(u, 'POST', '/oid4vci/credential', { json: { credential_configuration_id: 'x' } }),
      '413': async () =>
        send(u, 'POST', '/oid4vci/credential', { body: '{}'.padEnd(600 * 1024), token: await accessToken(w.main) }),
      '415': async () =>
        send(u, 'POST', '/oid4vci/credential', { body: 'hello', type: 'text/plain', token: await accessToken(w.main) }),
    },
    'POST /exchanges/{token}': {
      '200': async () => {
        const offer = await award();
        const request = (await exchange(offer.token, {})).json.verifiablePresentationRequest;
        const vp = await signedPresentation({
          key: await createTestKey(),
          documentLoader: createTestLoader().documentLoader,
          credentials: [],
          challenge: request.challenge,
          domain: request.domain,
          now: FROZEN_NOW,
        });
        return exchange(offer.token, { verifiablePresentation: vp });
      },
      '400': async () => exchange((await award()).token, { hello: 'world' }),
      '404': () => exchange(UNKNOWN_TOKEN, {}),
      '409': async () => exchange((await claimed()).token, {}),
      '410': async () => exchange(await withdrawn(), {}),
      ...bodyRefusals(u, 'POST', `/exchanges/${UNKNOWN_TOKEN}`),
      '422': async () =>
        exchange((await award()).token, {
          verifiablePresentation: {
            '@context': ['https://www.w3.org/ns/credentials/v2'],
            type: ['VerifiablePresentation'],
            holder: 'did:key:z6MkhaXgBZDvotDkL5257faiztiGiC2QtKLGpbnnEGta2doK',
          },
        }),
    },
  };
}
