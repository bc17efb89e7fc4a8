import { SCOPES } from '../http/auth.ts';
import { ISSUE_BODY, RENEW_BODY, STATUS_UPDATE_BODY } from '../http/request-schemas.ts';
import { issueExample } from './examples.ts';
import {
  BODY_REFUSALS,
  bearer,
  CREDENTIAL_TYPES,
  json,
  jsonBody,
  type Paths,
  PUBLIC,
  pathParam,
  preflight,
  problem,
  ref,
  TOKEN_REFUSALS,
} from './shared.ts';

const TAG = 'Issuing';
const ID = pathParam('id', 'The credential id, percent-encoded (`urn%3Auuid%3A…`).', { type: 'string' });
const ISSUED = {
  type: 'object',
  required: ['verifiableCredential'],
  properties: {
    verifiableCredential: ref('schemas', 'VerifiableCredential'),
    envelopedVerifiableCredential: {
      type: 'object',
      description: 'With `format: "di+jwt"` (VC 2.0): the JWT beside the proved credential.',
    },
    jwt: { type: 'string', description: 'With `format: "di+jwt"` (VC 1.1): the compact JWT.' },
  },
};

/**
 * Issuing and managing credentials (VC-API "Issue Credential", "Update Status"; renewal and the
 * refresh service).
 *
 * @example
 * const paths = issuingPaths('did:key:z6Mk…');
 */
export function issuingPaths(issuerDid: string): Paths {
  return {
    '/credentials/issue': {
      post: {
        tags: [TAG],
        operationId: 'issueCredential',
        summary: 'Issue a credential',
        description:
          'VC-API "Issue Credential". Checks the request and the credential (the Open Badges 3.0 JSON Schema for Open Badges), fills `id` and `validFrom`, adds Bitstring Status List entries, signs (`eddsa-rdfc-2022` by default; `options.format` `jwt` or `di+jwt`, `options.cryptosuite`) and stores it durably before answering. The issuer must be this service\'s DID. On any refusal nothing is stored.',
        security: bearer(SCOPES.issue),
        parameters: [ref('parameters', 'IdempotencyKey')],
        requestBody: jsonBody(ISSUE_BODY, issueExample(issuerDid)),
        responses: {
          '201': json('Issued and stored.', ISSUED, undefined, 'application/json', {
            'Idempotent-Replayed': {
              description: '`true` when this is the stored answer to an earlier request with the same Idempotency-Key.',
              schema: { const: 'true' },
            },
          }),
          '400': problem(
            'The request or the credential is malformed (I2–I7): the pointer names the field. Also a malformed Idempotency-Key.',
            ['PARSING_ERROR', 'MALFORMED_VALUE_ERROR', 'UNKNOWN_OPTION_PROVIDED'],
          ),
          ...TOKEN_REFUSALS,
          '409': problem('A credential with this id was already issued (I13), or the Idempotency-Key is in use.', [
            'CONFLICT',
            'IDEMPOTENCY_KEY_IN_USE',
          ]),
          ...BODY_REFUSALS,
          '422': problem(
            'Well-formed but not signable: another issuer, an Open Badges schema violation, JSON-LD terms no context defines, dates in the wrong order; or the Idempotency-Key was used for another request.',
            [
              'MALFORMED_VALUE_ERROR',
              'SCHEMA_VALIDATION_ERROR',
              'DATA_LOSS_DETECTION_ERROR',
              'CONTEXT_NOT_ALLOWED',
              'IDEMPOTENCY_KEY_REUSED',
            ],
          ),
        },
      },
    },
    '/credentials/status': {
      post: {
        tags: [TAG],
        operationId: 'updateStatus',
        summary: 'Revoke, suspend or reinstate a credential',
        description:
          'VC-API "Update Status". Revocation is final (S11): undoing it, or suspending a revoked credential, is 409. The change is stored before the answer; the next status list published carries it.',
        security: bearer(SCOPES.status),
        requestBody: jsonBody(STATUS_UPDATE_BODY, {
          credentialId: 'urn:uuid:0d5b7a1e-3c1f-4b6a-9a51-2f0e3c7d9b10',
          credentialStatus: [{ type: 'BitstringStatusListEntry', status: 'revoked' }],
        }),
        responses: {
          '200': json("The credential's state now.", {
            type: 'object',
            required: ['credentialId', 'revoked', 'suspended'],
            properties: {
              credentialId: { type: 'string' },
              revoked: { type: 'boolean' },
              suspended: { type: 'boolean' },
              updatedAt: { type: 'string', format: 'date-time' },
              recordDamaged: { const: true },
            },
          }),
          '400': problem('The body is malformed.', ['PARSING_ERROR', 'MALFORMED_VALUE_ERROR']),
          ...TOKEN_REFUSALS,
          '404': problem('No credential with this id was issued here.', ['NOT_FOUND']),
          '409': problem('Revoked already (final), or issued without the status entry this needs.', ['CONFLICT']),
          ...BODY_REFUSALS,
        },
      },
    },
    '/credentials/{id}': {
      get: {
        tags: [TAG],
        operationId: 'getCredential',
        summary: "Read the issuer's record of a credential",
        description: 'The signed credential, its status entries and current state, who issued it and when.',
        security: bearer(SCOPES.read),
        parameters: [ID],
        responses: {
          '200': json('The record.', {
            type: 'object',
            required: ['verifiableCredential', 'record'],
            properties: {
              verifiableCredential: ref('schemas', 'VerifiableCredential'),
              jwt: { type: 'string' },
              record: { type: 'object', required: ['id', 'issuedBy', 'issuedAt', 'revoked', 'suspended', 'statuses'] },
            },
          }),
          ...TOKEN_REFUSALS,
          '404': problem('No credential with this id was issued here.', ['NOT_FOUND']),
        },
      },
    },
    '/credentials/renew': {
      post: {
        tags: [TAG],
        operationId: 'renewCredential',
        summary: 'Renew a certification',
        description:
          'The certification\'s renewal pathway (a published pathway with `destination.kind: "renewal"`) decides: renewal is open from `validUntil − renewalWindow` until `validUntil + gracePeriod`, and the continuing-education credentials sent must complete the pathway and be about the holder. The renewal points at its predecessor (`relatedResource`), which becomes "superseded" in the same write.',
        security: bearer(SCOPES.issue),
        parameters: [ref('parameters', 'IdempotencyKey')],
        requestBody: jsonBody(RENEW_BODY, {
          credentialId: 'urn:uuid:0d5b7a1e-3c1f-4b6a-9a51-2f0e3c7d9b10',
          verifiableCredential: ['…continuing-education credentials…'],
        }),
        responses: {
          '201': json('The renewal, and the pathway report.', {
            type: 'object',
            required: ['verifiableCredential', 'report'],
            properties: { verifiableCredential: ref('schemas', 'VerifiableCredential'), report: { type: 'object' } },
          }),
          '400': problem('The body is malformed.', ['PARSING_ERROR', 'MALFORMED_VALUE_ERROR']),
          ...TOKEN_REFUSALS,
          '404': problem('No credential with this id was issued here.', ['NOT_FOUND']),
          '409': problem('The certification is revoked, or was renewed already.', ['CONFLICT']),
          ...BODY_REFUSALS,
          '422': problem(
            'Not renewable now: no renewal pathway, outside the renewal window, lapsed, or the continuing education is not complete or not about the holder.',
            ['MALFORMED_VALUE_ERROR', 'CREDENTIAL_EXPIRED', 'IDEMPOTENCY_KEY_REUSED'],
          ),
        },
      },
    },
    '/credentials/refresh/{id}': {
      get: {
        tags: [TAG],
        operationId: 'refreshCredential',
        summary: 'The current credential of a renewal lineage',
        description:
          'The `1EdTechCredentialRefresh` service (Open Badges 3.0): the latest renewal of the credential `id` belongs to. Public: ids are random and known only to whoever holds the credential.',
        security: PUBLIC,
        parameters: [ID],
        responses: {
          '200': {
            description: 'The current credential; the media type follows `Accept`.',
            content: Object.fromEntries(
              CREDENTIAL_TYPES.map((t) => [t, { schema: ref('schemas', 'VerifiableCredential') }]),
            ),
          },
          '404': problem('There is no such credential.', ['NOT_FOUND']),
        },
      },
      options: preflight('GET', TAG),
    },
  };
}
