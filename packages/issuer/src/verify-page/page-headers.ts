import type { Response } from 'express';
import { setPrivatePageHeaders } from '../pages/page-response.ts';

/**
 * CSP of the landing and verify pages: scripts and styles from this service only (the
 * drag-and-drop script, the page's stylesheet; the shared layout's inline `<style>`), images from
 * this service, `data:` (an achievement's embedded image) or https (loaded by the browser, never
 * by the server), forms posted here only, never framed.
 */
export const VERIFY_PAGE_CSP =
  "default-src 'none'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data: https:; form-action 'self'; base-uri 'none'; frame-ancestors 'none'";

/**
 * Headers of the landing page and the empty verify form: not a capability URL, so indexable, but
 * never framed (clickjacking), no referrer sent on, revalidated on every visit.
 *
 * @example
 * setPublicPageHeaders(res);
 */
export function setPublicPageHeaders(res: Response): void {
  res.setHeader('Cache-Control', 'no-cache');
  res.setHeader('Referrer-Policy', 'no-referrer');
  res.setHeader('Content-Security-Policy', VERIFY_PAGE_CSP);
  res.setHeader('X-Frame-Options', 'DENY');
}

/**
 * Headers of a verification result or a refused submission: as the private pages (`no-store` —
 * what a candidate sent is never cached — `noindex`, `no-referrer`), never framed.
 *
 * @example
 * setResultPageHeaders(res);
 */
export function setResultPageHeaders(res: Response): void {
  setPrivatePageHeaders(res, VERIFY_PAGE_CSP);
  res.setHeader('X-Frame-Options', 'DENY');
}
