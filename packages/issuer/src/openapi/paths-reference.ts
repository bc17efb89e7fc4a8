import { API_ASSETS } from './api-page.ts';
import { json, type Paths, PUBLIC, page, pathParam, preflight, problem } from './shared.ts';

const TAG = 'API reference';

/**
 * This description itself and the readable reference page built on it.
 *
 * @example
 * const paths = referencePaths();
 */
export function referencePaths(): Paths {
  return {
    '/openapi.json': {
      get: {
        tags: [TAG],
        operationId: 'openApiDocument',
        summary: 'This API description (OpenAPI 3.1)',
        security: PUBLIC,
        responses: {
          '200': json('The OpenAPI document.', {
            type: 'object',
            required: ['openapi', 'info', 'paths'],
            properties: { openapi: { const: '3.1.0' } },
          }),
        },
      },
      options: preflight('GET', TAG),
    },
    '/api': {
      get: {
        tags: [TAG],
        operationId: 'apiReferencePage',
        summary: 'The API reference page',
        description:
          'Swagger UI over GET /openapi.json, with its scripts and styles served by this service (nothing from other hosts).',
        security: PUBLIC,
        responses: { '200': page('The reference page.') },
      },
    },
    '/api/{asset}': {
      get: {
        tags: [TAG],
        operationId: 'apiReferenceAsset',
        summary: "The reference page's scripts, styles and icons",
        security: PUBLIC,
        parameters: [pathParam('asset', 'One of the files of the page.', { enum: Object.keys(API_ASSETS) })],
        responses: {
          '200': {
            description: 'The file.',
            content: Object.fromEntries(
              [...new Set(Object.values(API_ASSETS))].map((type) => [type, { schema: { type: 'string' } }]),
            ),
          },
          '404': problem('Not a file of the page.', ['NOT_FOUND']),
        },
      },
    },
  };
}
