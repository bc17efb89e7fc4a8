import type { NextFunction, Request, Response } from 'express';

/**
 * CORS for the public endpoints (status lists, DID document, verify, derive, pathways): browser
 * verifiers and wallets fetch status lists and DID documents from another origin. Any origin,
 * no credentials (no cookies exist here; bearer-token routes are not covered), and a pre-flight
 * `OPTIONS` answered 204 with the methods and request headers allowed (Fetch §3.2 CORS protocol).
 *
 * @example
 * app.use('/status', publicCors(['GET']));
 */
export function publicCors(methods: readonly string[]) {
  const allow = [...new Set([...methods, 'OPTIONS'])].join(', ');
  return (req: Request, res: Response, next: NextFunction): void => {
    res.setHeader('Access-Control-Allow-Origin', '*');
    res.setHeader('Access-Control-Expose-Headers', 'Content-Type, Cache-Control, Idempotent-Replayed');
    if (req.method !== 'OPTIONS') {
      next();
      return;
    }
    res.setHeader('Access-Control-Allow-Methods', allow);
    res.setHeader('Access-Control-Allow-Headers', 'Accept, Content-Type, Idempotency-Key');
    res.setHeader('Access-Control-Max-Age', '600');
    res.setHeader('Allow', allow);
    res.status(204).end();
  };
}
