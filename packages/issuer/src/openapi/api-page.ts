import type { NextFunction, Request, RequestHandler, Response } from 'express';
import swaggerUi from 'swagger-ui-express';
import { ProblemError } from '../http/problem-error.ts';

/** Where the reference page is, and where its files are. */
export const API_PAGE_PATH = '/api';

/**
 * The files the reference page loads, all served by this service from `swagger-ui-dist`
 * (through `swagger-ui-express`), with their media types: nothing comes from another host.
 */
export const API_ASSETS: Readonly<Record<string, string>> = {
  'swagger-ui.css': 'text/css',
  'swagger-ui-bundle.js': 'text/javascript',
  'swagger-ui-standalone-preset.js': 'text/javascript',
  'swagger-ui-init.js': 'application/javascript',
  'favicon-32x32.png': 'image/png',
  'favicon-16x16.png': 'image/png',
};

/**
 * The page's Content-Security-Policy: Swagger UI's own scripts and styles from this origin only
 * (its bundle injects `<style>` elements and `style` attributes, hence `'unsafe-inline'` for styles,
 * never for scripts), its icons as `data:` images, the description fetched from this origin, and no
 * framing.
 */
export const API_PAGE_CSP = [
  "default-src 'none'",
  "script-src 'self'",
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' data:",
  "connect-src 'self'",
  "base-uri 'none'",
  "form-action 'none'",
  "frame-ancestors 'none'",
].join('; ');

const UI_OPTIONS = {
  swaggerUrl: '/openapi.json',
  customSiteTitle: 'Issuer API reference',
  swaggerOptions: {
    // No validator badge: it would load an image from validator.swagger.io.
    validatorUrl: null,
    docExpansion: 'list',
    defaultModelsExpandDepth: 0,
  },
};

/**
 * The reference page (Swagger UI over `GET /openapi.json`) and the handler of its files. The page's
 * file links are made absolute under {@link API_PAGE_PATH}, so `/api` and `/api/` both work.
 *
 * @example
 * const { page, asset } = apiReferencePage();
 * app.get('/api', page); app.get('/api/:asset', asset);
 */
export function apiReferencePage(): { page: RequestHandler; asset: RequestHandler } {
  const html = swaggerUi.generateHTML(undefined, UI_OPTIONS).replaceAll('"./', `"${API_PAGE_PATH}/`);
  const [init, files] = swaggerUi.serveFiles(undefined, UI_OPTIONS) as [RequestHandler, RequestHandler];
  const page: RequestHandler = (_req, res) => {
    res.setHeader('Content-Security-Policy', API_PAGE_CSP);
    res.setHeader('X-Frame-Options', 'DENY');
    res.setHeader('Referrer-Policy', 'no-referrer');
    res.setHeader('Cache-Control', 'no-cache');
    res.status(200).type('html').send(html);
  };
  const asset: RequestHandler = (req: Request, res: Response, next: NextFunction) => {
    const name = String(req.params.asset);
    const type = Object.hasOwn(API_ASSETS, name) ? API_ASSETS[name] : undefined;
    const missing = () => next(new ProblemError(404, 'NOT_FOUND', `Nothing here: ${req.method} ${req.path}.`));
    if (!type) return missing();
    res.type(type);
    // swagger-ui-express's handlers read the file name from the URL, as when mounted with app.use.
    req.url = `/${name}`;
    init(req, res, (error?: unknown) => (error ? next(error) : files(req, res, () => missing())));
  };
  return { page, asset };
}
