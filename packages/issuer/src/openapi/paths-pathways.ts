import { SCOPES } from '../http/auth.ts';
import { EVALUATE_BODY } from '../http/request-schemas.ts';
import {
  BODY_REFUSALS,
  bearer,
  json,
  jsonBody,
  type OpenApiObject,
  type Paths,
  PUBLIC,
  pathParam,
  preflight,
  problem,
  ref,
  TOKEN_REFUSALS,
} from './shared.ts';

const TAG = 'Pathways';
const ID = pathParam('id', 'The pathway id (a URL), percent-encoded.');

/** A pathway as published (its full rules: `schemas/json/pathway_schema.json`). */
const PATHWAY: OpenApiObject = {
  type: 'object',
  description:
    'A pathway (CTDL Pathway): what a destination achievement requires, as a tree of conditions and components. Its JSON Schema is `schemas/json/pathway_schema.json` in the repository.',
  required: ['type', 'id', 'name', 'description', 'destination', 'requirement'],
  properties: {
    type: { const: 'Pathway' },
    id: { type: 'string', format: 'uri' },
    name: { type: 'string' },
    description: { type: 'string' },
    destination: { type: 'object', required: ['kind', 'achievement'] },
    requirement: { type: 'object' },
    renewal: { type: 'object', description: 'For `destination.kind: "renewal"`: windows of the renewal.' },
  },
};

const PATHWAY_EXAMPLE = {
  type: 'Pathway',
  id: 'https://college.example/pathways/safety-basics',
  name: 'Safety basics',
  description: 'One safety course leads to the Safety basics certificate, for new technicians.',
  destination: {
    kind: 'certificate',
    achievement: {
      id: 'https://college.example/achievements/safety-basics',
      type: ['Achievement'],
      name: 'Safety basics',
      description: 'Completed the safety courses.',
      criteria: { narrative: 'One safety course.' },
    },
  },
  requirement: {
    type: 'AllOf',
    id: 'root',
    name: 'Safety courses',
    children: [
      {
        type: 'Component',
        id: 'osha-10',
        name: 'OSHA 10-hour',
        match: { achievementTypes: ['Course'], tags: ['safety'] },
      },
    ],
  },
};

/**
 * Pathways: publishing, reading, and evaluating a holder's credentials against one (issuing a
 * CLR 2.0, the destination achievement or a progress credential when asked).
 *
 * @example
 * const paths = pathwayPaths();
 */
export function pathwayPaths(): Paths {
  return {
    '/pathways': {
      post: {
        tags: [TAG],
        operationId: 'publishPathway',
        summary: 'Publish a pathway',
        description:
          'Validates and publishes a pathway. The same definition again is a no-op (200); another definition under a published id is 409: credentials point at their pathway, so it never changes silently.',
        security: bearer(SCOPES.pathways),
        requestBody: jsonBody(PATHWAY, PATHWAY_EXAMPLE),
        responses: {
          '200': json('Already published, unchanged.', PATHWAY),
          '201': json('Published.', PATHWAY),
          '400': problem('The body is not JSON, or not an object.', ['PARSING_ERROR', 'MALFORMED_VALUE_ERROR']),
          ...TOKEN_REFUSALS,
          '409': problem('Another pathway is published under this id.', ['CONFLICT']),
          ...BODY_REFUSALS,
          '422': problem('The pathway is not valid: the pointer names the rule (all errors in `errors`).', [
            'MALFORMED_VALUE_ERROR',
          ]),
        },
      },
      get: {
        tags: [TAG],
        operationId: 'listPathways',
        summary: 'The published pathways',
        security: PUBLIC,
        responses: {
          '200': json('A summary of each.', {
            type: 'object',
            required: ['pathways'],
            properties: {
              pathways: {
                type: 'array',
                items: { type: 'object', required: ['id', 'name', 'destination'] },
              },
            },
          }),
        },
      },
      options: preflight('GET', TAG),
    },
    '/pathways/{id}': {
      get: {
        tags: [TAG],
        operationId: 'getPathway',
        summary: 'One pathway',
        security: PUBLIC,
        parameters: [ID],
        responses: {
          '200': json('The pathway.', PATHWAY),
          '404': problem('No pathway with this id is published here.', ['NOT_FOUND']),
        },
      },
      options: preflight('GET', TAG),
    },
    '/pathways/{id}/evaluate': {
      post: {
        tags: [TAG],
        operationId: 'evaluatePathway',
        summary: 'Evaluate credentials against a pathway',
        description:
          'Verifies every credential sent (a presentation, or a list) and says how far they go toward the pathway. Public. With `options.issue` (a token with `write:/credentials/issue`) it also issues: for a complete pathway a CLR 2.0 (`"clr"`) and/or the destination achievement (`"achievement"`); for an incomplete one a progress credential (`"progress"`). Every counted credential must be about the recipient.',
        security: [{}, ...bearer(SCOPES.issue)],
        parameters: [ID, ref('parameters', 'IdempotencyKey')],
        requestBody: jsonBody(EVALUATE_BODY, {
          verifiableCredential: ["…the holder's credentials…"],
          options: { issue: ['progress'], recipient: 'did:example:worker-4f1c' },
        }),
        responses: {
          '200': json('The report (nothing issued).', {
            type: 'object',
            required: ['report'],
            properties: { report: { type: 'object', required: ['complete', 'requirements'] } },
          }),
          '201': json('The report and what was issued, in one atomic write.', {
            type: 'object',
            required: ['report', 'issued'],
            properties: {
              report: { type: 'object' },
              issued: {
                type: 'object',
                properties: { clr: { type: 'object' }, achievement: { type: 'object' }, progress: { type: 'object' } },
              },
            },
          }),
          '400': problem('The body is malformed.', [
            'PARSING_ERROR',
            'MALFORMED_VALUE_ERROR',
            'UNKNOWN_OPTION_PROVIDED',
          ]),
          ...TOKEN_REFUSALS,
          '404': problem('No pathway with this id is published here.', ['NOT_FOUND']),
          ...BODY_REFUSALS,
          '422': problem(
            "Nothing can be issued: no recipient, credentials about someone else, or what was asked does not fit the pathway's state (the report is in `report`).",
            ['MALFORMED_VALUE_ERROR', 'IDEMPOTENCY_KEY_REUSED'],
          ),
        },
      },
      options: preflight('POST', TAG),
    },
  };
}
