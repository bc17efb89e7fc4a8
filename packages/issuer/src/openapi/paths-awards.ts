import { SCOPES } from '../http/auth.ts';
import { AWARD_BODY } from '../http/request-schemas.ts';
import { awardExample } from './examples.ts';
import {
  BODY_REFUSALS,
  bearer,
  json,
  jsonBody,
  type OpenApiObject,
  type Paths,
  PUBLIC,
  pathParam,
  problem,
  TOKEN_REFUSALS,
} from './shared.ts';

const TAG = 'Awards and offers';
const AWARD_ID = pathParam('id', 'The award id (a UUID).');

/**
 * The offer token in a path: a 256-bit capability (43 base64url characters) that is the worker's
 * only credential for the offer; never logged (K1).
 */
export const OFFER_TOKEN = pathParam(
  'token',
  'The offer token: a 256-bit capability (43 base64url characters) that alone opens the offer. Whoever has it can claim; it is never logged.',
  { type: 'string', pattern: '^[A-Za-z0-9_-]{43}$' },
);

const AWARD: OpenApiObject = {
  type: 'object',
  description: 'An award as the API shows it: never its offer token or transaction code.',
  required: ['id', 'state', 'recipient', 'credential', 'createdAt', 'expiresAt'],
  properties: {
    id: { type: 'string' },
    state: { enum: ['offered', 'claimed', 'withdrawn'] },
    recipient: { type: 'object' },
    credential: { type: 'object' },
    options: { type: 'object' },
    createdAt: { type: 'string', format: 'date-time' },
    createdBy: { type: 'string' },
    expiresAt: { type: 'string', format: 'date-time' },
    claim: {
      type: 'object',
      properties: { at: { type: 'string' }, holder: { type: 'string' }, via: { enum: ['oid4vci', 'vcapi', 'file'] } },
    },
  },
};
const ONE_AWARD = { type: 'object', required: ['award'], properties: { award: AWARD } };

/**
 * Awards (a credential offered to a person whose wallet is not known yet), their offers and the
 * wallet-facing interaction URL and QR codes.
 *
 * @example
 * const paths = awardPaths('did:key:z6Mk…');
 */
export function awardPaths(issuerDid: string): Paths {
  return {
    '/awards': {
      post: {
        tags: [TAG],
        operationId: 'createAward',
        summary: 'Award a credential to a person',
        description:
          "Records an award and makes its offer: the interaction URL (for any wallet or a browser), the OID4VCI credential offer, the VC-API exchange, the Learner Credential Wallet link and QR codes. Send those to the worker; with `txCode: true`, send the transaction code separately (it is shown once). The credential is checked now as an issue request would be, so a claim cannot fail on it; it leaves out `id` and `credentialSubject.id` (the wallet's DID fills it).",
        security: bearer(SCOPES.issue),
        requestBody: jsonBody(AWARD_BODY, awardExample(issuerDid)),
        responses: {
          '201': json(
            'Recorded; the offer URLs carry the offer token.',
            {
              type: 'object',
              required: ['award', 'offer'],
              properties: {
                award: AWARD,
                offer: {
                  type: 'object',
                  required: ['interactionUrl', 'credentialOfferUri', 'credentialOffer', 'exchangeUrl', 'qr'],
                  properties: {
                    interactionUrl: { type: 'string', format: 'uri' },
                    credentialOfferUri: { type: 'string', format: 'uri' },
                    credentialOffer: { type: 'string' },
                    exchangeUrl: { type: 'string', format: 'uri' },
                    lcwDeepLink: { type: 'string', format: 'uri' },
                    qr: { type: 'object' },
                    txCode: { type: 'string', pattern: '^[0-9]{6}$' },
                  },
                },
              },
            },
            undefined,
            'application/json',
            { Location: { description: 'The award.', schema: { type: 'string', format: 'uri' } } },
          ),
          '400': problem('The body is malformed: the pointer names the field.', [
            'PARSING_ERROR',
            'MALFORMED_VALUE_ERROR',
            'UNKNOWN_OPTION_PROVIDED',
          ]),
          ...TOKEN_REFUSALS,
          ...BODY_REFUSALS,
          '422': problem(
            'The credential would not be issued as it stands (a `credentialSubject.id` or `id` given, another issuer, a schema violation).',
            ['MALFORMED_VALUE_ERROR', 'SCHEMA_VALIDATION_ERROR', 'DATA_LOSS_DETECTION_ERROR'],
          ),
        },
      },
      get: {
        tags: [TAG],
        operationId: 'listAwards',
        summary: 'List awards, newest first',
        security: bearer(SCOPES.read),
        parameters: [
          { name: 'state', in: 'query', required: false, schema: { enum: ['offered', 'claimed', 'withdrawn'] } },
        ],
        responses: {
          '200': json('The awards.', {
            type: 'object',
            required: ['awards'],
            properties: { awards: { type: 'array', items: AWARD } },
          }),
          '400': problem('`state` is not one of the three.', ['MALFORMED_VALUE_ERROR']),
          ...TOKEN_REFUSALS,
        },
      },
    },
    '/awards/{id}': {
      get: {
        tags: [TAG],
        operationId: 'getAward',
        summary: 'An award and its state',
        security: bearer(SCOPES.read),
        parameters: [AWARD_ID],
        responses: {
          '200': json('The award.', ONE_AWARD),
          ...TOKEN_REFUSALS,
          '404': problem('No such award.', ['NOT_FOUND']),
        },
      },
    },
    '/awards/{id}/withdraw': {
      post: {
        tags: [TAG],
        operationId: 'withdrawAward',
        summary: 'Withdraw an unclaimed offer',
        description:
          'The offer stops working (wallets then get 410 `OFFER_EXPIRED`). Withdrawing twice is harmless. A claimed award is 409: revoke its credential instead. No body.',
        security: bearer(SCOPES.issue),
        parameters: [AWARD_ID],
        responses: {
          '200': json('The award, withdrawn.', ONE_AWARD),
          ...TOKEN_REFUSALS,
          '404': problem('No such award.', ['NOT_FOUND']),
          '409': problem('The award was claimed already.', ['CONFLICT']),
        },
      },
    },
    '/interactions/{token}': {
      get: {
        tags: [TAG],
        operationId: 'openInteraction',
        summary: 'The offer: protocols for a wallet, a page for a person',
        description:
          'The VC-API interaction URL (`?iuv=1`). A wallet (any `Accept` but a browser\'s) gets `{ protocols: { vcapi, OID4VCI } }`; a browser gets the offer page (QR codes, wallet links, "get it as a file"), and after the claim the claimed page with the sharing switch.',
        security: PUBLIC,
        parameters: [OFFER_TOKEN, { name: 'iuv', in: 'query', required: false, schema: { const: '1' } }],
        responses: {
          '200': {
            description: 'The protocols (JSON), or the page (HTML).',
            content: {
              'application/json': {
                schema: {
                  type: 'object',
                  required: ['protocols'],
                  properties: {
                    protocols: {
                      type: 'object',
                      required: ['vcapi', 'OID4VCI'],
                      properties: { vcapi: { type: 'string' }, OID4VCI: { type: 'string' } },
                    },
                  },
                },
              },
              'text/html': { schema: { type: 'string' } },
            },
          },
          '404': {
            description: 'Unknown offer token: a problem (JSON clients) or a page (browsers). Code `NOT_FOUND`.',
            content: {
              'application/problem+json': { schema: { $ref: '#/components/schemas/HttpProblem' } },
              'text/html': { schema: { type: 'string' } },
            },
          },
          '409': problem('For a wallet: the offer was claimed already (a browser gets the claimed page).', [
            'OFFER_CLAIMED',
          ]),
          '410': {
            description:
              'Withdrawn or expired: a problem (JSON clients) or the "offer closed" page. Code `OFFER_EXPIRED`.',
            content: {
              'application/problem+json': { schema: { $ref: '#/components/schemas/HttpProblem' } },
              'text/html': { schema: { type: 'string' } },
            },
          },
        },
      },
    },
    '/interactions/{token}/{file}': {
      get: {
        tags: [TAG],
        operationId: 'offerQrCode',
        summary: "The offer's QR code",
        description:
          'The QR code of the interaction URL, or with `?protocol=OID4VCI` of the `openid-credential-offer://` link.',
        security: PUBLIC,
        parameters: [
          OFFER_TOKEN,
          pathParam('file', 'The image format.', { enum: ['qr.png', 'qr.svg'] }),
          { name: 'protocol', in: 'query', required: false, schema: { enum: ['OID4VCI', 'vcapi'] } },
        ],
        responses: {
          '200': {
            description: 'The QR code.',
            content: {
              'image/png': { schema: { type: 'string', contentMediaType: 'image/png' } },
              'image/svg+xml': { schema: { type: 'string' } },
            },
          },
          '400': problem('`protocol` is not one of the two.', ['MALFORMED_VALUE_ERROR']),
          '404': problem('Unknown offer token, or another file name.', ['NOT_FOUND']),
        },
      },
    },
  };
}
