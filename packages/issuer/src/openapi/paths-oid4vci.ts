import { EXCHANGE_BODY } from '../exchanges/routes.ts';
import { OFFER_TOKEN } from './paths-awards.ts';
import {
  BODY_REFUSALS,
  json,
  jsonBody,
  type OpenApiObject,
  type Paths,
  PUBLIC,
  preflight,
  problem,
  ref,
} from './shared.ts';

const OID4VCI = 'OID4VCI';
const VCAPI = 'VC-API exchanges';
const PRE_AUTH = 'urn:ietf:params:oauth:grant-type:pre-authorized_code';

/** An OAuth error answer (OID4VCI endpoints answer these, not problems). */
const oauth = (description: string, headers?: OpenApiObject): OpenApiObject => ({
  description,
  ...(headers && { headers }),
  content: { 'application/json': { schema: ref('schemas', 'OAuthError') } },
});

/** A public JSON document served with `Cache-Control: public, max-age=300` and CORS. */
const document = (operationId: string, summary: string, description: string, schema: OpenApiObject) => ({
  get: {
    tags: [OID4VCI],
    operationId,
    summary,
    description,
    security: PUBLIC,
    responses: { '200': json('The document.', schema) },
  },
  options: preflight('GET', OID4VCI),
});

/** OID4VCI 1.0 §6.1 token request (form-encoded), pre-authorized code grant. */
const TOKEN_REQUEST: OpenApiObject = {
  type: 'object',
  required: ['grant_type', 'pre-authorized_code'],
  properties: {
    grant_type: { const: PRE_AUTH },
    'pre-authorized_code': { type: 'string', description: 'From the credential offer (the offer token).' },
    tx_code: { type: 'string', description: 'The transaction code, when the offer asks for one.' },
    authorization_details: {
      type: 'string',
      description: 'RFC 9396 JSON array of `openid_credential` entries naming offered configurations.',
    },
  },
};

/** OID4VCI 1.0 §8.2 credential request. */
const CREDENTIAL_REQUEST: OpenApiObject = {
  type: 'object',
  properties: {
    credential_configuration_id: { enum: ['OpenBadgeCredential_ldp_vc', 'OpenBadgeCredential_jwt_vc_json'] },
    credential_identifier: { type: 'string', description: 'When the token was granted with authorization_details.' },
    proofs: {
      type: 'object',
      properties: {
        jwt: {
          type: 'array',
          minItems: 1,
          maxItems: 1,
          items: { type: 'string', description: 'A key proof JWT (§F.1): typ openid4vci-proof+jwt, aud, iat, nonce.' },
        },
      },
    },
    proof: { type: 'object', description: 'The older singular form: { proof_type: "jwt", jwt }.' },
  },
};

/**
 * OpenID for Verifiable Credential Issuance 1.0 (pre-authorized code flow, the service being its own
 * authorization server) and the VC-API exchange the Learner Credential Wallet claims with.
 *
 * @example
 * const paths = walletPaths();
 */
export function walletPaths(): Paths {
  return {
    '/.well-known/openid-credential-issuer': document(
      'credentialIssuerMetadata',
      'Credential issuer metadata',
      'OID4VCI 1.0 §12.2: the endpoints and the two credential configurations (`OpenBadgeCredential_ldp_vc`, `OpenBadgeCredential_jwt_vc_json`).',
      { type: 'object', required: ['credential_issuer', 'credential_endpoint', 'credential_configurations_supported'] },
    ),
    '/.well-known/oauth-authorization-server': document(
      'authorizationServerMetadata',
      'Authorization server metadata',
      'RFC 8414 (OID4VCI 1.0 §12.3): the token endpoint, the pre-authorized code grant, the key set of the access tokens.',
      { type: 'object', required: ['issuer', 'token_endpoint'] },
    ),
    '/oid4vci/jwks': document(
      'accessTokenKeys',
      "The access tokens' public key",
      'A JWK Set (RFC 7517) with the key the access tokens are signed with.',
      { type: 'object', required: ['keys'], properties: { keys: { type: 'array', items: { type: 'object' } } } },
    ),
    '/oid4vci/offers/{token}': {
      get: {
        tags: [OID4VCI],
        operationId: 'credentialOffer',
        summary: 'The credential offer (by reference)',
        description:
          'OID4VCI 1.0 §4.1.3: the offer object the `openid-credential-offer://` link points at, with the pre-authorized code grant (and `tx_code` when the award asks for one).',
        security: PUBLIC,
        parameters: [OFFER_TOKEN],
        responses: {
          '200': json('The credential offer.', {
            type: 'object',
            required: ['credential_issuer', 'credential_configuration_ids', 'grants'],
          }),
          '404': problem('Unknown offer token.', ['NOT_FOUND']),
          '409': problem('Claimed already, or its code was already exchanged for a token.', ['OFFER_CLAIMED']),
          '410': problem('Withdrawn or expired.', ['OFFER_EXPIRED']),
        },
      },
      options: preflight('GET', OID4VCI),
    },
    '/oid4vci/token': {
      post: {
        tags: [OID4VCI],
        operationId: 'token',
        summary: 'Exchange the pre-authorized code for an access token',
        description:
          'OID4VCI 1.0 §6, form-encoded (RFC 6749 §4.1.3). The code is good once; with a wrong transaction code five times the offer is refused for good.',
        security: PUBLIC,
        requestBody: {
          required: true,
          content: {
            'application/x-www-form-urlencoded': {
              schema: TOKEN_REQUEST,
              example: { grant_type: PRE_AUTH, 'pre-authorized_code': '<the offer token>' },
            },
          },
        },
        responses: {
          '200': json('The access token (5 minutes).', {
            type: 'object',
            required: ['access_token', 'token_type', 'expires_in'],
            properties: {
              access_token: { type: 'string' },
              token_type: { type: 'string' },
              expires_in: { type: 'integer' },
              authorization_details: { type: 'array' },
            },
          }),
          '400': oauth(
            'Refused (§6.3): `invalid_grant` (unknown, used or expired code, wrong tx_code), `invalid_request` (tx_code missing or not expected), `unsupported_grant_type`, `invalid_authorization_details`.',
          ),
          '413': problem('The form is larger than 16 KB (answered as a problem, not OAuth JSON).', [
            'PAYLOAD_TOO_LARGE',
          ]),
          '415': oauth('Not form-encoded (`invalid_request`).'),
        },
      },
      options: preflight('POST', OID4VCI),
    },
    '/oid4vci/nonce': {
      post: {
        tags: [OID4VCI],
        operationId: 'nonce',
        summary: 'A fresh c_nonce',
        description: 'OID4VCI 1.0 §7: a single-use nonce for the key proof. `Cache-Control: no-store`. No body.',
        security: PUBLIC,
        responses: {
          '200': json('The nonce.', {
            type: 'object',
            required: ['c_nonce'],
            properties: { c_nonce: { type: 'string' } },
          }),
        },
      },
      options: preflight('POST', OID4VCI),
    },
    '/oid4vci/credential': {
      post: {
        tags: [OID4VCI],
        operationId: 'credential',
        summary: 'Get the credential',
        description:
          'OID4VCI 1.0 §8: the credential named in the request, bound to the DID (did:key, did:jwk, or a bare JWK) of the one key proof. The award is claimed by this request.',
        security: [{ oid4vciAccessToken: [] }],
        requestBody: {
          required: true,
          content: {
            'application/json': {
              schema: CREDENTIAL_REQUEST,
              example: { credential_configuration_id: 'OpenBadgeCredential_ldp_vc', proofs: { jwt: ['eyJ…'] } },
            },
          },
        },
        responses: {
          '200': json('The credential (§8.3).', {
            type: 'object',
            required: ['credentials'],
            properties: {
              credentials: {
                type: 'array',
                items: { type: 'object', required: ['credential'] },
              },
            },
          }),
          '400': oauth(
            'Refused (§8.3.1.2): `invalid_credential_request`, `invalid_proof`, `invalid_nonce`, `unknown_credential_configuration`, `unknown_credential_identifier`, `credential_request_denied` (claimed, withdrawn or expired offer).',
          ),
          '401': oauth('No access token, or not valid (`invalid_token`).', {
            'WWW-Authenticate': { schema: { type: 'string' } },
          }),
          '413': problem('The body is larger than the limit (answered as a problem, not OAuth JSON).', [
            'PAYLOAD_TOO_LARGE',
          ]),
          '415': oauth('Not JSON (`invalid_credential_request`).'),
        },
      },
    },
    '/exchanges/{token}': {
      post: {
        tags: [VCAPI],
        operationId: 'exchange',
        summary: 'Claim the offer through a VC-API exchange',
        description:
          'VCALM "Participate in an Exchange", as the Learner Credential Wallet does it. Send `{}` to get a DID Authentication request (a single-use challenge and this service\'s domain); then send `{ verifiablePresentation }` signed with that challenge and domain by the holder\'s DID, and get the credential bound to that DID. Refusals issue nothing.',
        security: PUBLIC,
        parameters: [OFFER_TOKEN],
        requestBody: jsonBody(EXCHANGE_BODY, {}),
        responses: {
          '200': json('The DID Authentication request, or the credential in a presentation.', {
            oneOf: [
              { type: 'object', required: ['verifiablePresentationRequest'] },
              { type: 'object', required: ['verifiablePresentation'] },
            ],
          }),
          '400': problem('The body is malformed.', ['PARSING_ERROR', 'MALFORMED_VALUE_ERROR']),
          '404': problem('Unknown offer token.', ['NOT_FOUND']),
          '409': problem('Claimed already.', ['OFFER_CLAIMED']),
          '410': problem('Withdrawn or expired.', ['OFFER_EXPIRED']),
          ...BODY_REFUSALS,
          '422': problem(
            'The DID authentication is refused: not signed, a challenge this exchange did not issue (or used, or expired), another domain, a holder that is not the signer, a bad signature.',
            [
              'PROOF_VERIFICATION_ERROR',
              'MALFORMED_VALUE_ERROR',
              'INVALID_VERIFICATION_METHOD',
              'INVALID_CHALLENGE_ERROR',
              'INVALID_DOMAIN_ERROR',
              'CRYPTOGRAPHIC_SECURITY_ERROR',
            ],
          ),
        },
      },
      options: preflight('POST', VCAPI),
    },
  };
}
