/**
 * Building blocks of the OpenAPI 3.1 document (`openapi/document.ts`): plain objects, no I/O.
 * Every area module (`paths-*.ts`) describes its routes with these, so responses look alike.
 */

/** An OpenAPI Operation, Response or Schema object: plain JSON. */
export type OpenApiObject = Record<string, unknown>;

/** The operations of one path, by lower-case HTTP method. */
export type PathItem = Partial<Record<'get' | 'post' | 'put' | 'options', OpenApiObject>>;

/** Paths of the document, in OpenAPI template form (`/credentials/{id}`). */
export type Paths = Record<string, PathItem>;

/**
 * Media types a credential (or a status list credential) is served as, by `Accept`
 * (`http/negotiate.ts`).
 *
 * @example
 * content: Object.fromEntries(CREDENTIAL_TYPES.map((t) => [t, { schema }]))
 */
export const CREDENTIAL_TYPES = ['application/vc', 'application/vc+ld+json', 'application/ld+json', 'application/json'];

/**
 * `$ref` to a shared component.
 *
 * @example
 * ref('schemas', 'Problem'); // { $ref: '#/components/schemas/Problem' }
 */
export const ref = (kind: 'schemas' | 'responses' | 'parameters', name: string): OpenApiObject => ({
  $ref: `#/components/${kind}/${name}`,
});

/**
 * A problem answer (RFC 9457 `application/problem+json`) for one status, saying in words when it
 * happens and which codes (`title`) to expect.
 *
 * @example
 * problem('No credential with this id was issued here.', ['NOT_FOUND']);
 */
export function problem(description: string, codes: readonly string[] = []): OpenApiObject {
  const listed =
    codes.length > 0 ? ` Codes (the problem's \`title\`): ${codes.map((c) => `\`${c}\``).join(', ')}.` : '';
  return {
    description: `${description}${listed}`,
    content: { 'application/problem+json': { schema: ref('schemas', 'HttpProblem') } },
  };
}

/**
 * A JSON answer with its schema and, when given, an example.
 *
 * @example
 * json('The challenge.', { type: 'object' }, { challenge: '…' });
 */
export function json(
  description: string,
  schema: OpenApiObject,
  example?: unknown,
  mediaType = 'application/json',
  headers?: OpenApiObject,
): OpenApiObject {
  return {
    description,
    ...(headers && { headers }),
    content: { [mediaType]: { schema, ...(example !== undefined && { example }) } },
  };
}

/**
 * An HTML page answer (server-rendered, no scripts).
 *
 * @example
 * page('The credential page.');
 */
export function page(description: string): OpenApiObject {
  return { description, content: { 'text/html': { schema: { type: 'string' } } } };
}

/**
 * A response that is an HTML page for a browser and an RFC 9457 problem for other clients
 * (the offer pages' refusals, `pages/page-response.ts` `pageRoute`).
 *
 * @example
 * pageOrProblem('We do not know this offer link.', ['NOT_FOUND']);
 */
export function pageOrProblem(description: string, codes: readonly string[]): OpenApiObject {
  const asProblem = problem(description, codes);
  return {
    description: `${asProblem.description} A browser (\`Accept: text/html\`) gets a page saying so; other clients the problem.`,
    content: {
      'text/html': { schema: { type: 'string' } },
      'application/problem+json': { schema: ref('schemas', 'HttpProblem') },
    },
  };
}

/**
 * A request body as JSON with its schema (reused from the route's own validation where it has
 * one) and an example.
 *
 * @example
 * jsonBody(ISSUE_BODY, { credential: {…} });
 */
export function jsonBody(schema: OpenApiObject, example?: unknown, description?: string): OpenApiObject {
  return {
    required: true,
    ...(description && { description }),
    content: { 'application/json': { schema, ...(example !== undefined && { example }) } },
  };
}

/**
 * A path parameter (values with `/` or `:` are percent-encoded).
 *
 * @example
 * pathParam('id', 'The award id (a UUID).');
 */
export function pathParam(name: string, description: string, schema: OpenApiObject = { type: 'string' }) {
  return { name, in: 'path', required: true, description, schema };
}

/**
 * The responses every JSON-body route shares (I1, I6), by status.
 *
 * @example
 * responses: { '201': created, ...BODY_REFUSALS }
 */
export const BODY_REFUSALS: Readonly<Record<string, OpenApiObject>> = {
  '413': ref('responses', 'PayloadTooLarge'),
  '415': ref('responses', 'UnsupportedMediaType'),
};

/**
 * The responses of a route behind a bearer token (A1, A2, A5).
 *
 * @example
 * responses: { '200': ok, ...TOKEN_REFUSALS }
 */
export const TOKEN_REFUSALS: Readonly<Record<string, OpenApiObject>> = {
  '401': ref('responses', 'Unauthorized'),
  '403': ref('responses', 'Forbidden'),
};

/**
 * Security requirement: the service's bearer token holding `scope` (`http/auth.ts` SCOPES).
 *
 * @example
 * security: bearer(SCOPES.issue) // [{ issuerToken: ['write:/credentials/issue'] }]
 */
export const bearer = (scope: string) => [{ issuerToken: [scope] }];

/**
 * No authentication: a public route, or one whose URL carries a capability token.
 *
 * @example
 * security: PUBLIC
 */
export const PUBLIC: readonly never[] = [];

/**
 * A CORS pre-flight operation (`http/cors.ts`): 204 with the allowed methods and headers, any origin.
 *
 * @example
 * const paths = { '/pathways': { get, options: preflight('GET') } };
 */
export function preflight(methods: string, tag: string): OpenApiObject {
  return {
    tags: [tag],
    summary: 'CORS pre-flight',
    description: `Answers a browser's CORS pre-flight: any origin may call ${methods} here, without credentials (Fetch §3.2 CORS protocol).`,
    security: PUBLIC,
    responses: {
      '204': {
        description: 'Allowed.',
        headers: {
          'Access-Control-Allow-Origin': { schema: { const: '*' } },
          'Access-Control-Allow-Methods': { schema: { type: 'string' }, example: `${methods}, OPTIONS` },
          'Access-Control-Allow-Headers': { schema: { type: 'string' } },
        },
      },
    },
  };
}
