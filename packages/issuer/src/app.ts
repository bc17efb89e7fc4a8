import type { IncomingMessage, ServerResponse } from 'node:http';
import express, { type NextFunction, type Request, type Response } from 'express';
import { mountBatch } from './batch/routes.ts';
import { mountCatalogue } from './catalogue/routes.ts';
import { type ChallengeStore, createChallengeStore } from './challenges/challenge-store.ts';
import type { AppConfig, AppDeps } from './deps.ts';
import { mountExchanges } from './exchanges/routes.ts';
import { requireScope, SCOPES } from './http/auth.ts';
import { publicCors } from './http/cors.ts';
import { idempotency } from './http/idempotency.ts';
import { jsonBody } from './http/json-body.ts';
import { methodGuard } from './http/method-guard.ts';
import { ProblemError } from './http/problem-error.ts';
import { problemHandler } from './http/problem-handler.ts';
import { requestBody } from './http/request-body.ts';
import { DERIVE_BODY, EVALUATE_BODY, ISSUE_BODY, RENEW_BODY, STATUS_UPDATE_BODY } from './http/request-schemas.ts';
import type { RouteContext } from './http/route-context.ts';
import { mountOid4vci } from './oid4vci/routes.ts';
import { mountOpenApi } from './openapi/routes.ts';
import { mountInteractionPages } from './pages/interaction-routes.ts';
import { mountPages } from './pages/routes.ts';
import { mountRecords } from './records/routes.ts';
import { mountAwards } from './routes/awards.ts';
import { createChallengeRoute } from './routes/challenges.ts';
import { deriveCredentialRoute } from './routes/derive-credential.ts';
import { didWebPath, getDidDocument } from './routes/did-document.ts';
import { asksToIssue, evaluatePathwayRoute } from './routes/evaluate-pathway.ts';
import { getCredential } from './routes/get-credential.ts';
import { getStatusList } from './routes/get-status-list.ts';
import { issueCredential } from './routes/issue-credential.ts';
import { issueCredentialFast } from './routes/issue-credential-fast.ts';
import { getPathway, getPathways, publishPathway } from './routes/pathways.ts';
import { absoluteProblemType, problemsPage, problemTypeReplacer } from './routes/problems-page.ts';
import { refreshCredential } from './routes/refresh-credential.ts';
import { renewCredential } from './routes/renew-credential.ts';
import { updateStatus } from './routes/update-status.ts';
import { verifyCredentialRoute, verifyPresentationRoute } from './routes/verify.ts';
import { mountVerifyPage } from './verify-page/routes.ts';

/** Express's own request handling (`app.handle`), which the app function calls for each request. */
type ExpressHandle = (req: IncomingMessage, res: ServerResponse, callback?: (error?: unknown) => void) => void;

/** Errors the fast path met (a body cut short) for the app's error handler to answer. */
const fastPathErrors = new WeakMap<IncomingMessage, unknown>();

/** 256-bit capability tokens in a path (offer, share links): the secret itself, never logged (K1). */
const CAPABILITY = /(?<=\/)[A-Za-z0-9_-]{43}(?=\/|$)/g;

/** The path as logged: capability tokens replaced by `[token]`. */
export function redactCapabilities(path: string): string {
  return path.replace(CAPABILITY, '[token]');
}

/**
 * What {@link createApp} takes besides {@link AppDeps}: the single-use challenge store (default: a
 * fresh in-memory one on `deps.clock`, each challenge good for `config.challengeLifetimeMs`,
 * default 5 min). Pass one store to share it between apps or with other routes.
 */
export interface ChallengeDeps {
  challenges?: ChallengeStore;
  config: AppConfig;
}

/**
 * Builds the issuer's Express app from its dependencies. No side effects: it opens nothing,
 * reads no environment and does not listen (STYLE "No side effects on import").
 *
 * Routes (VC-API shaped, JSON in and out, errors as RFC 9457 problem+json):
 * - `POST /credentials/issue` (scope `write:/credentials/issue`)
 * - `POST /credentials/status` (scope `write:/credentials/status`)
 * - `GET /credentials/:id` (scope `read:/credentials`)
 * - `POST /credentials/renew` (scope `write:/credentials/issue`), `GET /credentials/refresh/:id` (public)
 * - `POST /pathways` (scope `write:/pathways`), `GET /pathways`, `GET /pathways/:id`,
 *   `POST /pathways/:id/evaluate` (public; issuing needs `write:/credentials/issue`)
 * - `POST /credentials/verify`, `POST /presentations/verify`, `POST /challenges` (public)
 * - `GET /status/:purpose/:list` (public, signed BitstringStatusListCredential)
 * - `GET /.well-known/did.json` for a did:web issuer
 * - `POST /awards`, `GET /awards/:id`, `GET /interactions/:token` (awards and their offers,
 *   `routes/awards.ts`); OID4VCI (`oid4vci/`), VC-API exchanges (`exchanges/`), pages (`pages/`)
 *
 * @example
 * const app = createApp(await buildDeps({ store, key, config, logger, contexts }));
 * app.listen(8080, '127.0.0.1');
 */
export function createApp(deps: AppDeps & ChallengeDeps): express.Express {
  const app = express();
  app.disable('x-powered-by');
  app.set('etag', false);
  app.set('query parser', 'simple');
  // Our problem types are sent absolute, under the public base URL (GET /problems documents them).
  app.set('json replacer', problemTypeReplacer(deps.config.publicBaseUrl));
  const { tokens, bodyLimit, maxDepth, challengeLifetimeMs } = deps.config;
  const challenges =
    deps.challenges ??
    createChallengeStore({
      now: deps.clock,
      ...(challengeLifetimeMs !== undefined && { lifetimeMs: challengeLifetimeMs }),
    });
  const body = jsonBody({ limit: bodyLimit, maxDepth });
  const wrap =
    (handler: (req: Request, res: Response) => Promise<void>) =>
    (req: Request, res: Response, next: NextFunction): void => {
      handler(req, res).catch(next);
    };

  // The common POST /credentials/issue is read, signed (in a signing worker) and stored before
  // Express handles the request; everything else, and any request it does not issue, goes on to
  // Express and the routes below (with the error to answer, if any, passed on first of all).
  const fast = issueCredentialFast(deps, requireScope(tokens, SCOPES.issue));
  const handle = (app as unknown as { handle: ExpressHandle }).handle.bind(app);
  (app as unknown as { handle: ExpressHandle }).handle = (req, res, callback) =>
    fast(req, res, (error?: unknown) => {
      if (error !== undefined) fastPathErrors.set(req, error);
      handle(req, res, callback);
    });
  app.use((req, _res, next) => {
    const error = fastPathErrors.get(req);
    if (error === undefined) return next();
    fastPathErrors.delete(req);
    next(error);
  });
  app.use((req, res, next) => {
    res.setHeader('X-Content-Type-Options', 'nosniff');
    // The request log is at debug level: nothing is timed, redacted or built when it is off.
    if (!deps.logger.isLevelEnabled('debug')) return next();
    const started = process.hrtime.bigint();
    res.on('finish', () => {
      // Method, path and status only: never headers (tokens) or bodies (K1).
      deps.logger.debug(
        {
          method: req.method,
          path: redactCapabilities(req.path),
          status: res.statusCode,
          ms: Number(process.hrtime.bigint() - started) / 1e6,
        },
        'request',
      );
    });
    next();
  });
  const guard = methodGuard(app);
  app.use(guard.early);

  // CORS for the public routes only (browser verifiers and wallets); pre-flights answered here.
  const getCors = publicCors(['GET']);
  const postCors = publicCors(['POST']);
  const didPath = didWebPath(deps.key.controller);
  const publicGets = ['/status/:purpose/:list', '/pathways', '/pathways/:id', '/credentials/refresh/:id'];
  const publicPosts = [
    '/credentials/verify',
    '/presentations/verify',
    '/credentials/derive',
    '/pathways/:id/evaluate',
    '/challenges',
  ];
  app.options([...publicGets, ...(didPath ? [didPath] : [])], getCors);
  app.options(publicPosts, postCors);
  app.get([...publicGets, ...(didPath ? [didPath] : [])], getCors);
  app.post(publicPosts, postCors);

  // Idempotency-Key on the routes that create credentials (draft-ietf-httpapi-idempotency-key-header).
  const once = idempotency(deps);
  // Every body is checked against its route's JSON Schema (http/request-schemas.ts) before the route runs.
  const issueBody = requestBody(
    ISSUE_BODY,
    'Send { "credential": {…}, "options": {…} }, or from the catalogue { "achievement": "<id>", "recipient": { "id" or "email" }, "fields": {…} }.',
  );
  app.post(
    '/credentials/issue',
    requireScope(tokens, SCOPES.issue),
    ...body,
    issueBody,
    once,
    wrap(issueCredential(deps)),
  );
  app.post(
    '/credentials/status',
    requireScope(tokens, SCOPES.status),
    ...body,
    requestBody(STATUS_UPDATE_BODY),
    wrap(updateStatus(deps)),
  );
  app.post(
    '/credentials/renew',
    requireScope(tokens, SCOPES.issue),
    ...body,
    requestBody(RENEW_BODY),
    once,
    wrap(renewCredential(deps)),
  );
  app.get('/credentials/refresh/:id', wrap(refreshCredential(deps)));
  app.get('/credentials/:id', requireScope(tokens, SCOPES.read), wrap(getCredential(deps)));
  app.post('/pathways', requireScope(tokens, SCOPES.pathways), ...body, wrap(publishPathway(deps)));
  app.get('/pathways', wrap(getPathways(deps)));
  app.get('/pathways/:id', wrap(getPathway(deps)));
  const issuesOnce = idempotency(deps, { creates: asksToIssue, authenticate: requireScope(tokens, SCOPES.issue) });
  app.post('/pathways/:id/evaluate', ...body, requestBody(EVALUATE_BODY), issuesOnce, wrap(evaluatePathwayRoute(deps)));
  app.post('/credentials/derive', ...body, requestBody(DERIVE_BODY), wrap(deriveCredentialRoute(deps)));
  const verifyBodyLimits = {
    limit: bodyLimit,
    maxDepth,
    jwtTypes: ['application/vc+jwt', 'application/vp+jwt', 'application/jwt'],
  };
  const verifyBody = jsonBody(verifyBodyLimits);
  // A credential may also be sent as the Open Badges baked image that carries it.
  const verifyCredentialBody = jsonBody({ ...verifyBodyLimits, bakedImages: true });
  app.post('/credentials/verify', ...verifyCredentialBody, wrap(verifyCredentialRoute(deps)));
  app.post('/presentations/verify', ...verifyBody, wrap(verifyPresentationRoute(deps, challenges)));
  app.post('/challenges', createChallengeRoute(challenges));
  app.get('/status/:purpose/:list', wrap(getStatusList(deps)));
  if (didPath) app.get(didPath, getDidDocument(deps.keys));

  // Delivery to workers: awards and offers, OID4VCI, VC-API exchanges, pages.
  const ctx: RouteContext = { app, deps, body, wrap, challenges, getCors, postCors };
  mountAwards(ctx);
  mountRecords(ctx);
  // Batch issuance (CSV / JSON Lines jobs) and bulk status changes.
  mountBatch(ctx);
  // The achievement catalogue and the issuer profile (issuing from it is POST /credentials/issue).
  mountCatalogue(ctx);
  mountOid4vci(ctx);
  mountExchanges(ctx);
  mountPages(ctx);
  mountInteractionPages(ctx);
  // For employers: the verify page (and GET /), the API description.
  mountVerifyPage(ctx);
  mountOpenApi(ctx);

  app.options('/problems', getCors);
  app.get('/problems', getCors, problemsPage(deps.config.publicBaseUrl));

  app.use(guard.late);
  app.use((req, _res, next) => next(new ProblemError(404, 'NOT_FOUND', `Nothing here: ${req.method} ${req.path}.`)));
  app.use(problemHandler(deps.logger, (type) => absoluteProblemType(type, deps.config.publicBaseUrl)));
  return app;
}
