import { SCOPES } from '../http/auth.ts';
import { BULK_STATUS_BODY, BULK_STATUS_MAX_IDS } from '../records/bulk-status.ts';
import { CSV_COLUMNS } from '../records/csv.ts';
import { DEFAULT_LIMIT, MAX_LIMIT } from '../records/query.ts';
import { RECORD_STATUSES } from '../records/summary.ts';
import {
  BODY_REFUSALS,
  bearer,
  json,
  jsonBody,
  type OpenApiObject,
  type Paths,
  pathParam,
  problem,
  TOKEN_REFUSALS,
} from './shared.ts';

const TAG = 'Issuing';
const query = (name: string, description: string, schema: OpenApiObject = { type: 'string' }) => ({
  name,
  in: 'query',
  required: false,
  description,
  schema,
});
const nullable = { type: ['string', 'null'] };
const SUMMARY = {
  type: 'object',
  required: CSV_COLUMNS,
  properties: {
    id: { type: 'string' },
    achievementId: nullable,
    achievementName: nullable,
    recipient: { ...nullable, description: '`credentialSubject.id`, else the IdentityObject `identityHash`.' },
    issuedAt: { type: 'string', format: 'date-time' },
    validUntil: nullable,
    status: { enum: RECORD_STATUSES },
    issuedBy: { type: 'string', description: "The issuing token's name, or `award:<id>`." },
  },
};
const BAD_QUERY = problem('A query parameter is unknown, repeated or malformed; `parameter` names it.', [
  'MALFORMED_VALUE_ERROR',
  'UNKNOWN_OPTION_PROVIDED',
]);

/**
 * OpenAPI paths of the records routes (`records/`): list, search and export what was issued, a
 * credential's status history, and bulk status changes.
 *
 * @example
 * const paths = { ...recordPaths() };
 */
export function recordPaths(): Paths {
  return {
    '/credentials': {
      get: {
        tags: [TAG],
        operationId: 'listCredentials',
        summary: 'List, search and export issued credentials',
        description: `Every filter is optional and all given must match; the order is (issuedAt, id). JSON (the default) is paginated: pass \`next\` as \`cursor\` for the next page (null on the last). \`Accept: text/csv\` or \`?format=csv\` streams every match as RFC 4180 CSV (header row: ${CSV_COLUMNS.join(', ')}; every field quoted; a field starting with = + - @ tab or CR gets a leading \`'\`, OWASP "CSV Injection"); \`Accept: application/jsonl\` or \`?format=jsonl\` streams the stored credentials, one JSON a line. Exports stream all matches unless \`limit\` is given. Cost: the scan walks the (issuedAt, id) index from the cursor (or \`from\`) and reads each record until the page is full, so a rare filter over many records reads many.`,
        security: bearer(SCOPES.read),
        parameters: [
          query('achievement', 'The achievement id (`credentialSubject.achievement.id`).'),
          query('recipient', 'A subject id (DID), or an email matched against plain or hashed IdentityObjects.'),
          query('from', 'Issued at or after (a date or a date-time with a zone).'),
          query('to', 'Issued before (a date or a date-time with a zone).'),
          query('status', `One or more (comma-separated) of ${RECORD_STATUSES.join(', ')}.`),
          query('issuedBy', 'A token name, or `award:<id>`.'),
          query('batch', 'The batch job the credential was issued by.'),
          query('cursor', 'The `next` of the previous page, unchanged.'),
          query('limit', `Page size (default ${DEFAULT_LIMIT}).`, { type: 'integer', minimum: 1, maximum: MAX_LIMIT }),
          query('format', 'Instead of `Accept`.', { enum: ['json', 'csv', 'jsonl'] }),
        ],
        responses: {
          '200': {
            description: 'A page of summaries, or the whole export.',
            content: {
              'application/json': {
                schema: {
                  type: 'object',
                  required: ['items', 'next'],
                  properties: { items: { type: 'array', items: SUMMARY }, next: nullable },
                },
              },
              'text/csv': { schema: { type: 'string' } },
              'application/jsonl': { schema: { type: 'string' } },
            },
          },
          '400': BAD_QUERY,
          ...TOKEN_REFUSALS,
        },
      },
    },
    '/credentials/{id}/history': {
      get: {
        tags: [TAG],
        operationId: 'getCredentialHistory',
        summary: "A credential's status history",
        description:
          'Every revocation, suspension and reinstatement, oldest first: who (the token name), when, what and why (the `reason` sent to `POST /credentials/status`). Append-only: each entry is written in the same atomic write as the change and never rewritten.',
        security: bearer(SCOPES.read),
        parameters: [pathParam('id', 'The credential id, percent-encoded (`urn%3Auuid%3A…`).', { type: 'string' })],
        responses: {
          '200': json('The history.', {
            type: 'object',
            required: ['credentialId', 'entries'],
            properties: {
              credentialId: { type: 'string' },
              entries: {
                type: 'array',
                items: {
                  type: 'object',
                  required: ['seq', 'at', 'by', 'action'],
                  properties: {
                    seq: { type: 'integer', minimum: 1 },
                    at: { type: 'string', format: 'date-time' },
                    by: { type: 'string' },
                    action: { enum: ['revoked', 'suspended', 'unsuspended'] },
                    reason: { type: 'string', maxLength: 500 },
                  },
                },
              },
            },
          }),
          ...TOKEN_REFUSALS,
          '404': problem('No credential with this id was issued here.', ['NOT_FOUND']),
        },
      },
    },
    '/credentials/status/bulk': {
      post: {
        tags: [TAG],
        operationId: 'updateStatusBulk',
        summary: 'Revoke, suspend or reinstate many credentials',
        description: `The credentials listed in \`ids\` (at most ${BULK_STATUS_MAX_IDS}; a repeated id counts once) or every credential a batch job issued (\`batch\`) — exactly one of the two — each changed exactly as \`POST /credentials/status\` would: revocation is final (S11), each change is stored durably with its history entry (who: the token name, when, the \`reason\`). One credential's refusal does not stop the others: it is listed in \`failed\` with its problem (its \`status\` the one \`POST /credentials/status\` would answer, \`pointer\` the id's place in \`ids\`); \`unchanged\` counts credentials already in that state. A malformed body changes nothing.`,
        security: bearer(SCOPES.status),
        requestBody: jsonBody(BULK_STATUS_BODY, {
          batch: 'b5f1c2d4-7e3a-4c1b-9f60-2a8d7e4b1c93',
          status: 'revoked',
          reason: 'Exam session annulled by the examination board',
        }),
        responses: {
          '200': json('What changed; per-credential refusals in `failed`.', {
            type: 'object',
            required: ['changed', 'unchanged', 'failed'],
            properties: {
              changed: { type: 'integer', minimum: 0 },
              unchanged: { type: 'integer', minimum: 0 },
              failed: {
                type: 'array',
                items: {
                  type: 'object',
                  required: ['id', 'problem'],
                  properties: {
                    id: { type: 'string' },
                    problem: {
                      type: 'object',
                      required: ['type', 'title', 'code', 'status', 'detail'],
                      properties: {
                        type: { type: 'string' },
                        title: { type: 'string' },
                        code: { type: 'string' },
                        status: { type: 'integer' },
                        detail: { type: 'string' },
                        pointer: { type: 'string' },
                      },
                    },
                  },
                },
              },
            },
          }),
          '400': problem('The body is malformed, or names both or neither of `ids` and `batch`; nothing changed.', [
            'PARSING_ERROR',
            'MALFORMED_VALUE_ERROR',
          ]),
          ...TOKEN_REFUSALS,
          '404': problem('No credential issued here came from this batch job.', ['NOT_FOUND']),
          ...BODY_REFUSALS,
        },
      },
    },
  };
}
