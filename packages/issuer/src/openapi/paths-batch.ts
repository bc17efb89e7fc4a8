import { BATCH_CSV_COLUMNS } from '../batch/csv-template.ts';
import { SCOPES } from '../http/auth.ts';
import { bearer, json, type OpenApiObject, type Paths, PUBLIC, pathParam, problem, TOKEN_REFUSALS } from './shared.ts';

const TAG = 'Issuing';
const JOB_ID = pathParam('jobId', 'The job id (a UUID), as the upload answered it.', { type: 'string' });
const query = (name: string, description: string, schema: OpenApiObject) => ({
  name,
  in: 'query',
  required: false,
  description,
  schema,
});
const count = { type: 'integer', minimum: 0 };
const JOB: OpenApiObject = {
  type: 'object',
  required: [
    'id',
    'state',
    'createdAt',
    'updatedAt',
    'createdBy',
    'rows',
    'issued',
    'alreadyIssued',
    'failed',
    'pending',
    'links',
  ],
  properties: {
    id: { type: 'string' },
    state: {
      enum: ['queued', 'running', 'completed', 'interrupted'],
      description:
        '`interrupted`: the upload never finished (the client left, or the service stopped while receiving it); nothing of it was issued.',
    },
    createdAt: { type: 'string', format: 'date-time' },
    updatedAt: { type: 'string', format: 'date-time' },
    finishedAt: { type: 'string', format: 'date-time' },
    createdBy: { type: 'string', description: "The uploading token's name." },
    format: { enum: ['csv', 'jsonl'] },
    rows: count,
    issued: count,
    alreadyIssued: count,
    failed: count,
    pending: { ...count, description: 'Rows without a result yet.' },
    links: {
      type: 'object',
      required: ['self', 'results', 'credentials'],
      properties: {
        self: { type: 'string', format: 'uri-reference' },
        results: { type: 'string', format: 'uri-reference' },
        credentials: { type: 'string', format: 'uri-reference' },
      },
    },
  },
};
const ROW_RESULT: OpenApiObject = {
  type: 'object',
  required: ['row', 'rowKey', 'status'],
  properties: {
    row: { type: 'integer', minimum: 1, description: 'The data row, from 1 (a CSV header is not a row).' },
    rowKey: { type: 'string' },
    status: { enum: ['issued', 'already-issued', 'failed'] },
    id: { type: 'string', description: 'The credential issued (or issued before under this row key).' },
    problem: {
      type: 'object',
      required: ['code', 'title', 'detail', 'status'],
      properties: {
        code: { type: 'string' },
        title: { type: 'string' },
        detail: { type: 'string' },
        status: { type: 'integer', description: 'What `POST /credentials/issue` would have answered.' },
        pointer: { type: 'string', description: 'Where in the JSON Lines row (JSON Pointer).' },
        column: { enum: [...BATCH_CSV_COLUMNS], description: 'The CSV column.' },
      },
    },
  },
};
const CREDENTIAL_LINE: OpenApiObject = {
  type: 'object',
  required: ['row', 'id', 'verifiableCredential'],
  properties: {
    row: { type: 'integer', minimum: 1 },
    id: { type: 'string' },
    verifiableCredential: { type: 'object' },
    jwt: { type: 'string' },
  },
};
const NO_JOB = problem('No batch job has this id.', ['NOT_FOUND']);
const BAD_QUERY = problem('A query parameter is unknown, repeated or malformed; `parameter` names it.', [
  'MALFORMED_VALUE_ERROR',
  'UNKNOWN_OPTION_PROVIDED',
]);
const jsonl = (description: string, line: OpenApiObject): OpenApiObject => ({
  description: `${description} JSON Lines: the schema is the one of each line.`,
  content: { 'application/jsonl': { schema: line } },
});
const EXAMPLE_CSV = `${BATCH_CSV_COLUMNS.slice(0, 8).join(',')}\r\n2026-fall-0001,https://college.example/achievements/safety-basics,,did:key:z6MkhaXgBZDvotDkL5257faiztiGiC2QtKLGpbnnEGta2doK,,,,3\r\n`;

/**
 * OpenAPI paths of batch issuance (`batch/`): upload a CSV or JSON Lines file of issue requests,
 * follow the job, read its per-row results and its credentials, and the CSV template.
 *
 * @example
 * const paths = { ...batchPaths() };
 */
export function batchPaths(): Paths {
  return {
    '/credentials/issue/batch': {
      post: {
        tags: [TAG],
        operationId: 'issueBatch',
        summary: 'Issue credentials in a batch (CSV or JSON Lines)',
        description: `The upload is read as it streams in and spooled to the store in chunks (never held whole); once all of it is stored durably the answer is 202 with the job, which issues in the background in chunks — each row exactly as \`POST /credentials/issue\` would issue it — and survives a client that leaves and a restart of the service (even \`kill -9\`: it goes on from its first row without a result). **JSON Lines** (\`application/jsonl\` or \`application/x-ndjson\`): one issue request a line, in the catalogue form \`{ achievement, achievementVersion?, recipient, fields?, options? }\` or the full form \`{ credential, options? }\`, each with an optional \`rowKey\`. **CSV** (\`text/csv\`, UTF-8, RFC 4180; the template is \`GET /credentials/issue/batch/template.csv\`): a header row naming some of ${BATCH_CSV_COLUMNS.join(', ')} (unknown columns are refused), then one row a person; empty cells are absent. A row's key is its \`rowKey\`, else the SHA-256 of its canonical JSON: a key already issued (by any job) is not issued again (result \`already-issued\` with the credential's id), so uploading a file twice issues nothing twice. A row's problem (bad JSON, a bad value, an unknown achievement …) is that row's \`failed\` result and never stops the job. Every credential issued carries the job id (\`GET /credentials?batch=\`).`,
        security: bearer(SCOPES.issue),
        parameters: [
          query('achievement', 'The catalogue achievement of rows in the catalogue form that name none.', {
            type: 'string',
          }),
          query('achievementVersion', 'Its version (with `achievement`).', { type: 'integer', minimum: 1 }),
          {
            name: 'Idempotency-Key',
            in: 'header',
            required: false,
            description:
              'Names the job (an RFC 8941 sf-string): the same key with the same bytes (and query) answers that job again with `Idempotent-Replayed: true`, and creates nothing.',
            schema: { type: 'string' },
            example: '"cohort-2026-fall"',
          },
        ],
        requestBody: {
          required: true,
          content: {
            'text/csv': { schema: { type: 'string' }, example: EXAMPLE_CSV },
            'application/jsonl': { schema: { type: 'string' } },
            'application/x-ndjson': { schema: { type: 'string' } },
          },
        },
        responses: {
          '202': json(
            'The upload is stored; the job issues it in the background.',
            JOB,
            undefined,
            'application/json',
            {
              Location: { description: 'The job.', schema: { type: 'string', format: 'uri-reference' } },
              'Idempotent-Replayed': {
                description: '`true` when this is the job of an earlier upload with the same Idempotency-Key.',
                schema: { const: 'true' },
              },
            },
          ),
          '400': problem(
            'The upload cannot be read as a whole: a CSV header with unknown or repeated columns (`columns` names them), text that is not UTF-8, no data rows, a bad query parameter or Idempotency-Key. Nothing of it is kept.',
            ['PARSING_ERROR', 'MALFORMED_VALUE_ERROR', 'UNKNOWN_OPTION_PROVIDED'],
          ),
          ...TOKEN_REFUSALS,
          '409': problem('An upload with this Idempotency-Key is still being received.', ['IDEMPOTENCY_KEY_IN_USE']),
          '413': problem('The upload is larger than `BATCH_MAX_BYTES` (default 256 MiB); nothing of it is kept.', [
            'PAYLOAD_TOO_LARGE',
          ]),
          '415': problem('Not CSV or JSON Lines (in UTF-8).', ['UNSUPPORTED_MEDIA_TYPE']),
          '422': problem('This Idempotency-Key was used for another upload; nothing was done.', [
            'IDEMPOTENCY_KEY_REUSED',
          ]),
        },
      },
      get: {
        tags: [TAG],
        operationId: 'listBatchJobs',
        summary: 'List batch jobs',
        description: 'The batch jobs, newest first.',
        security: bearer(SCOPES.read),
        parameters: [
          query('limit', 'At most this many (default 100).', { type: 'integer', minimum: 1, maximum: 1000 }),
        ],
        responses: {
          '200': json('The jobs.', {
            type: 'object',
            required: ['jobs'],
            properties: { jobs: { type: 'array', items: JOB } },
          }),
          '400': BAD_QUERY,
          ...TOKEN_REFUSALS,
        },
      },
    },
    '/credentials/issue/batch/template.csv': {
      get: {
        tags: [TAG],
        operationId: 'getBatchTemplate',
        summary: 'The CSV template of batch issuance',
        description: `The header row of the documented CSV template: ${BATCH_CSV_COLUMNS.join(', ')}. \`resultDescription\`/\`resultValue\` make one OB 3.0 Result, \`evidenceUrl\`/\`evidenceName\` one Evidence; the rest are the catalogue form's fields.`,
        security: PUBLIC,
        responses: {
          '200': { description: 'The header row.', content: { 'text/csv': { schema: { type: 'string' } } } },
        },
      },
    },
    '/credentials/issue/batch/{jobId}': {
      get: {
        tags: [TAG],
        operationId: 'getBatchJob',
        summary: 'A batch job: state and progress',
        security: bearer(SCOPES.read),
        parameters: [JOB_ID],
        responses: { '200': json('The job.', JOB), ...TOKEN_REFUSALS, '404': NO_JOB },
      },
    },
    '/credentials/issue/batch/{jobId}/results': {
      get: {
        tags: [TAG],
        operationId: 'getBatchResults',
        summary: "A batch job's per-row results",
        description:
          'One line per finished row after `after`, in row order. While the job runs the answer stays open, and the rows of each chunk are sent as soon as they are stored; it ends with the job. A failed row names its problem: a JSON Pointer into a JSON Lines row, or the CSV column.',
        security: bearer(SCOPES.read),
        parameters: [
          JOB_ID,
          query('after', 'Only rows after this one (default 0).', { type: 'integer', minimum: 0 }),
          query('only', 'Only the failed rows.', { const: 'failed' }),
        ],
        responses: {
          '200': jsonl('The results.', ROW_RESULT),
          '400': BAD_QUERY,
          ...TOKEN_REFUSALS,
          '404': NO_JOB,
        },
      },
    },
    '/credentials/issue/batch/{jobId}/credentials': {
      get: {
        tags: [TAG],
        operationId: 'getBatchCredentials',
        summary: "A batch job's signed credentials",
        description:
          'The credentials the job has issued so far, in row order, one a line (with `jwt` when one was issued).',
        security: bearer(SCOPES.read),
        parameters: [JOB_ID],
        responses: {
          '200': jsonl('The credentials.', CREDENTIAL_LINE),
          '400': BAD_QUERY,
          ...TOKEN_REFUSALS,
          '404': NO_JOB,
        },
      },
    },
  };
}
