import type { RouteContext } from '../http/route-context.ts';
import { didWebPath } from '../routes/did-document.ts';
import { API_PAGE_PATH, apiReferencePage } from './api-page.ts';
import { openApiDocument } from './document.ts';

/**
 * The OpenAPI 3.1 description of the whole HTTP API and a readable reference page:
 * - `GET /openapi.json` (public, CORS): the description, built once for this configuration;
 * - `GET /api`: Swagger UI over it, and `GET /api/:asset` its files, all served from this service.
 *
 * @example
 * mountOpenApi(ctx);
 */
export function mountOpenApi(ctx: RouteContext): void {
  const { app, deps, getCors } = ctx;
  const body = JSON.stringify(
    openApiDocument({
      publicBaseUrl: deps.config.publicBaseUrl,
      issuerDid: deps.key.controller,
      didPath: didWebPath(deps.key.controller),
    }),
  );
  app.options('/openapi.json', getCors);
  app.get('/openapi.json', getCors, (_req, res) => {
    res.setHeader('Cache-Control', 'public, max-age=300');
    res.status(200).type('application/json').send(body);
  });
  const { page, asset } = apiReferencePage();
  app.get(API_PAGE_PATH, page);
  app.get(`${API_PAGE_PATH}/:asset`, asset);
}
