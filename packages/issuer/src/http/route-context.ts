import type express from 'express';
import type { NextFunction, Request, RequestHandler, Response } from 'express';
import type { ChallengeStore } from '../challenges/challenge-store.ts';
import type { AppDeps } from '../deps.ts';

/**
 * What a group of routes gets to mount itself on the app (`mountAwards(ctx)` …). Routes are
 * registered on `app` itself, never on a sub-router, so that the method guard (405 / OPTIONS)
 * sees them.
 */
export interface RouteContext {
  app: express.Express;
  deps: AppDeps;
  /** The JSON body reader with the configured limits (size, depth). */
  body: RequestHandler[];
  /** Runs an async handler, passing its rejection to the problem handler. */
  wrap: (
    handler: (req: Request, res: Response) => Promise<void>,
  ) => (req: Request, res: Response, next: NextFunction) => void;
  /** The service's single-use challenges (also used for DID authentication in exchanges). */
  challenges: ChallengeStore;
  /** CORS for public GET / POST routes (register these with the route, and `app.options(path, cors)`). */
  getCors: RequestHandler;
  postCors: RequestHandler;
}
