import type { NextFunction, Request, Response } from 'express';
import { ProblemError } from '../http/problem-error.ts';
import { html, layout, type SafeHtml } from './html.ts';

/**
 * Headers every page of a capability URL (an offer link, a share link) sends: never cached (the
 * page shows live state), never indexed, and the secret URL never sent on as a `Referer`.
 *
 * @example
 * setPrivatePageHeaders(res, "default-src 'none'");
 */
export function setPrivatePageHeaders(res: Response, contentSecurityPolicy: string): void {
  res.setHeader('Cache-Control', 'no-store');
  res.setHeader('Referrer-Policy', 'no-referrer');
  res.setHeader('X-Robots-Tag', 'noindex');
  res.setHeader('Content-Security-Policy', contentSecurityPolicy);
}

/**
 * CSP of the offer pages: no scripts at all, images and form posts to this service only, no
 * framing (a page with a sharing switch must not be clickjacked).
 */
const OFFER_PAGE_CSP =
  "default-src 'none'; img-src 'self'; style-src 'unsafe-inline'; form-action 'self'; base-uri 'none'; frame-ancestors 'none'";

/**
 * Sends a whole offer page with {@link setPrivatePageHeaders}.
 *
 * @example
 * sendPage(res, 404, 'Offer not found', html`<h1>…</h1>`);
 */
export function sendPage(res: Response, status: number, title: string, body: SafeHtml): void {
  setPrivatePageHeaders(res, OFFER_PAGE_CSP);
  res.status(status).type('html').send(layout(title, body).value);
}

/**
 * A page for a refused request: its title and what to do.
 *
 * @example
 * problemPage('Not found', 'We do not know this offer link.', undefined);
 */
export function problemPage(title: string, detail: string, back?: string): SafeHtml {
  return html`<h1>${title}</h1>
<p>${detail}</p>
${back && html`<p><a href="${back}">Back to your offer</a></p>`}`;
}

/** A refused request's page title, by problem code. */
const TITLES: Partial<Record<string, string>> = {
  OFFER_CLAIMED: 'This offer was already claimed',
  OFFER_EXPIRED: 'This offer can no longer be claimed',
  NOT_FOUND: 'Not found',
  FORBIDDEN: 'This request was refused',
  CONFLICT: 'This cannot be done yet',
  MALFORMED_VALUE_ERROR: 'Something was wrong with the request',
};

/**
 * An async page handler whose refusals ({@link ProblemError}) a browser sees as a page with the
 * same status; clients that ask for JSON get the RFC 9457 problem. `back` links the page back
 * (to the offer).
 *
 * @example
 * app.get('/interactions/:token', pageRoute(async (req, res) => sendPage(res, 200, 'Offer', body)));
 */
export function pageRoute(handler: (req: Request, res: Response) => Promise<void>, back?: (req: Request) => string) {
  return (req: Request, res: Response, next: NextFunction): void => {
    handler(req, res).catch((error: unknown) => {
      const wantsPage = req.accepts(['text/html', 'application/problem+json', 'application/json']) === 'text/html';
      if (!(error instanceof ProblemError) || !wantsPage) return next(error);
      const title = TITLES[error.problem.title] ?? 'This request was refused';
      sendPage(res, error.status, title, problemPage(title, error.problem.detail ?? '', back?.(req)));
    });
  };
}
