import { ACHIEVEMENT_BODY, PROFILE_BODY } from '../catalogue/schemas.ts';
import { SCOPES } from '../http/auth.ts';
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
  TOKEN_REFUSALS,
} from './shared.ts';

const TAG = 'Catalogue';
const ID = pathParam(
  'id',
  'The achievement id (a URL), percent-encoded; or, for an id minted here, its last segment (`/achievements/<slug>`).',
);
const N = pathParam('n', 'The version number: 1, 2, …', { type: 'string', pattern: '^[1-9][0-9]*$' });

/** An OB 3.0 Profile (the full rules: the bundled `ob_v3p0_profile_schema.json`). */
const PROFILE: OpenApiObject = {
  type: 'object',
  description: "The issuer's Open Badges 3.0 Profile (OB 3.0 §B.1.16); `id` is the service's DID.",
  required: ['id', 'type'],
  properties: {
    id: { type: 'string' },
    type: { type: 'array', items: { type: 'string' } },
    name: { type: 'string' },
    url: { type: 'string' },
    email: { type: 'string' },
    description: { type: 'string' },
    image: { type: 'object' },
  },
};

/** An OB 3.0 Achievement version as stored. */
const ACHIEVEMENT: OpenApiObject = {
  type: 'object',
  description:
    'An Open Badges 3.0 Achievement (OB 3.0 §B.1.1); `version` is the version number as a string, set by the service. Its full rules: the `Achievement` definition of the bundled AchievementCredential JSON Schema.',
  required: ['id', 'type', 'name', 'description', 'criteria', 'version'],
  properties: {
    id: { type: 'string' },
    type: { type: 'array', items: { type: 'string' } },
    name: { type: 'string' },
    description: { type: 'string' },
    criteria: { type: 'object' },
    version: { type: 'string', pattern: '^[1-9][0-9]*$' },
  },
};

const PROFILE_EXAMPLE = {
  name: 'Example College',
  url: 'https://college.example',
  email: 'registrar@college.example',
  description: 'A college that certifies technicians.',
  image: { id: 'https://college.example/logo.png', type: 'Image' },
};

const ACHIEVEMENT_EXAMPLE = {
  id: 'https://college.example/achievements/safety-basics',
  type: ['Achievement'],
  achievementType: 'Certificate',
  name: 'Safety basics',
  description: 'Completed the safety courses.',
  criteria: { narrative: 'Pass the OSHA 10-hour course.' },
};

const INVALID = (what: string) =>
  problem(
    `The ${what} is not valid against the Open Badges 3.0 JSON Schema: the pointer names the field (all errors in \`errors\`).`,
    ['MALFORMED_VALUE_ERROR'],
  );
const NOT_JSON = problem('The body is not JSON, or not an object.', ['PARSING_ERROR', 'MALFORMED_VALUE_ERROR']);
const NO_SUCH = problem('No such achievement (or version) in the catalogue.', ['NOT_FOUND']);

/**
 * The issuer profile and the achievement catalogue (versioned achievements credentials are issued from).
 *
 * @example
 * const paths = cataloguePaths();
 */
export function cataloguePaths(): Paths {
  return {
    '/issuer': {
      get: {
        tags: [TAG],
        operationId: 'getIssuerProfile',
        summary: 'The issuer profile',
        description: 'The Open Badges 3.0 Profile credentials issued from the catalogue carry as `issuer`.',
        security: PUBLIC,
        responses: { '200': json('The profile.', PROFILE) },
      },
      put: {
        tags: [TAG],
        operationId: 'putIssuerProfile',
        summary: 'Configure the issuer profile',
        description: 'Replaces the profile. Its `id` is always the service\'s DID; `type` defaults to `["Profile"]`.',
        security: bearer(SCOPES.achievements),
        requestBody: jsonBody(PROFILE_BODY, PROFILE_EXAMPLE),
        responses: {
          '200': json('Stored.', PROFILE),
          '400': NOT_JSON,
          ...TOKEN_REFUSALS,
          ...BODY_REFUSALS,
          '422': INVALID('profile'),
        },
      },
      options: preflight('GET', TAG),
    },
    '/achievements': {
      post: {
        tags: [TAG],
        operationId: 'createAchievement',
        summary: 'Add an achievement',
        description:
          'Adds an achievement as version 1. Without `id`, one is minted from the name under `/achievements/<slug>`. The same content again is 200 with the stored version; other content under a known id is 409 (change it with PUT).',
        security: bearer(SCOPES.achievements),
        requestBody: jsonBody(ACHIEVEMENT_BODY, ACHIEVEMENT_EXAMPLE),
        responses: {
          '200': json('Already in the catalogue, unchanged.', ACHIEVEMENT),
          '201': json('Added as version 1.', ACHIEVEMENT),
          '400': NOT_JSON,
          ...TOKEN_REFUSALS,
          '409': problem('Another achievement is stored under this id.', ['CONFLICT']),
          ...BODY_REFUSALS,
          '422': INVALID('achievement'),
        },
      },
      get: {
        tags: [TAG],
        operationId: 'listAchievements',
        summary: 'The catalogue',
        security: PUBLIC,
        responses: {
          '200': json('The latest version of each achievement.', {
            type: 'object',
            required: ['achievements'],
            properties: { achievements: { type: 'array', items: ACHIEVEMENT } },
          }),
        },
      },
      options: preflight('GET', TAG),
    },
    '/achievements/{id}': {
      get: {
        tags: [TAG],
        operationId: 'getAchievement',
        summary: 'An achievement (latest version)',
        security: PUBLIC,
        parameters: [ID],
        responses: { '200': json('The latest version.', ACHIEVEMENT), '404': NO_SUCH },
      },
      put: {
        tags: [TAG],
        operationId: 'changeAchievement',
        summary: 'Change an achievement (a new version)',
        description:
          'Other content becomes version n+1 (201); a version is never edited, so credentials keep the one they were issued with. The same content is 200 with the latest version. A `version` in the body must be the latest (409 otherwise: someone changed it since you read it).',
        security: bearer(SCOPES.achievements),
        parameters: [ID],
        requestBody: jsonBody(ACHIEVEMENT_BODY, { ...ACHIEVEMENT_EXAMPLE, version: '1' }),
        responses: {
          '200': json('Unchanged: the latest version.', ACHIEVEMENT),
          '201': json('The new version.', ACHIEVEMENT),
          '400': NOT_JSON,
          ...TOKEN_REFUSALS,
          '404': NO_SUCH,
          '409': problem('`version` is not the latest version.', ['CONFLICT']),
          ...BODY_REFUSALS,
          '422': INVALID('achievement'),
        },
      },
      options: preflight('GET', TAG),
    },
    '/achievements/{id}/versions/{n}': {
      get: {
        tags: [TAG],
        operationId: 'getAchievementVersion',
        summary: 'One version of an achievement',
        security: PUBLIC,
        parameters: [ID, N],
        responses: { '200': json('That version.', ACHIEVEMENT), '404': NO_SUCH },
      },
      options: preflight('GET', TAG),
    },
  };
}
