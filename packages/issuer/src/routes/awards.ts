import type { Request, Response } from 'express';
import {
  type Award,
  type AwardInput,
  assertClaimable,
  createAward,
  findAwardByToken,
  getAward,
  listAwards,
  withdrawAward,
} from '../awards/awards.ts';
import { offerUrls } from '../awards/offer-urls.ts';
import { qrPng, qrSvg } from '../awards/qr.ts';
import { type Caller, requireScope, SCOPES } from '../http/auth.ts';
import { ProblemError } from '../http/problem-error.ts';
import { requestBody } from '../http/request-body.ts';
import { AWARD_BODY } from '../http/request-schemas.ts';
import type { RouteContext } from '../http/route-context.ts';

/** An award as the API shows it: never the token or code hashes. */
export function awardView(award: Award): Record<string, unknown> {
  const { tokenHash: _t, txCodeHash: _c, template, ...rest } = award;
  return { ...rest, credential: template.credential, ...(template.options && { options: template.options }) };
}

/**
 * The awards routes:
 * - `POST /awards` (scope `write:/credentials/issue`): records an award and answers 201
 *   `{ award, offer }` — the offer's interaction URL, OID4VCI offer, VC-API exchange URL, QR code
 *   URLs and, when asked, the transaction code (shown once; send it to the worker separately).
 * - `GET /awards/:id` (scope `read:/credentials`): its state (offered / claimed / withdrawn);
 *   `GET /awards?state=offered` lists them, newest first.
 * - `POST /awards/:id/withdraw` (scope `write:/credentials/issue`): an unclaimed offer stops
 *   working (410 `OFFER_EXPIRED` for the wallet); a claimed one is 409 (revoke the credential).
 * - `GET /interactions/:token?iuv=1` (public): the VCALM interaction answer
 *   `{ protocols: { vcapi, OID4VCI } }` for wallets (any Accept but a browser's, which gets the page).
 * - `GET /interactions/:token/qr.png` / `qr.svg` (public): the QR code of the interaction URL, or
 *   with `?protocol=OID4VCI` of the `openid-credential-offer://` link.
 *
 * @example
 * mountAwards(ctx);
 */
export function mountAwards(ctx: RouteContext): void {
  const { app, deps, body, wrap } = ctx;
  const base = deps.config.publicBaseUrl;
  app.post(
    '/awards',
    requireScope(deps.config.tokens, SCOPES.issue),
    ...body,
    requestBody(AWARD_BODY, 'Send { "credential": {…}, "recipient": { "name", "email" }, "options": {…} }.'),
    wrap(async (req, res) => {
      const caller = res.locals.caller as Caller;
      const { award, token, txCode } = await createAward(deps, req.body as AwardInput, caller.name);
      res.setHeader('Cache-Control', 'no-store');
      res.setHeader('Location', `${base}/awards/${award.id}`);
      res
        .status(201)
        .json({ award: awardView(award), offer: { ...offerUrls(base, token), ...(txCode && { txCode }) } });
    }),
  );
  app.get(
    '/awards',
    requireScope(deps.config.tokens, SCOPES.read),
    wrap(async (req, res) => {
      const state = req.query.state;
      if (state !== undefined && state !== 'offered' && state !== 'claimed' && state !== 'withdrawn') {
        throw new ProblemError(400, 'MALFORMED_VALUE_ERROR', 'state must be "offered", "claimed" or "withdrawn".');
      }
      res.setHeader('Cache-Control', 'no-store');
      res.json({ awards: (await listAwards(deps, state)).map(awardView) });
    }),
  );
  app.post(
    '/awards/:id/withdraw',
    requireScope(deps.config.tokens, SCOPES.issue),
    wrap(async (req, res) => {
      res.json({ award: awardView(await withdrawAward(deps, String(req.params.id))) });
    }),
  );
  app.get(
    '/awards/:id',
    requireScope(deps.config.tokens, SCOPES.read),
    wrap(async (req, res) => {
      const award = await getAward(deps, String(req.params.id));
      if (!award) throw new ProblemError(404, 'NOT_FOUND', `No award ${req.params.id}.`);
      res.setHeader('Cache-Control', 'no-store');
      res.json({ award: awardView(award) });
    }),
  );
  // Wallets get the protocols as JSON; browsers (an Accept naming text/html above JSON: a phone's
  // camera app opening the QR code) fall through to the page. `iuv=1` is in the URL either way: it
  // marks it as a VCALM interaction URL for wallets, it does not pick the answer.
  app.get('/interactions/:token', (req, res, next) => {
    const wantsHtml =
      /text\/html/i.test(req.headers.accept ?? '') && req.accepts(['application/json', 'text/html']) === 'text/html';
    if (wantsHtml) return next();
    interactionJson(ctx)(req, res).catch(next);
  });
  app.get(
    '/interactions/:token/:file',
    wrap(async (req, res) => {
      const file = String(req.params.file);
      if (file !== 'qr.png' && file !== 'qr.svg')
        throw new ProblemError(404, 'NOT_FOUND', `Nothing here: ${req.path}.`);
      const token = String(req.params.token);
      const award = await findAwardByToken(deps, token);
      if (!award) throw new ProblemError(404, 'NOT_FOUND', 'No such offer.');
      const urls = offerUrls(base, token);
      const protocol = req.query.protocol;
      if (protocol !== undefined && protocol !== 'OID4VCI' && protocol !== 'vcapi') {
        throw new ProblemError(400, 'MALFORMED_VALUE_ERROR', 'protocol must be "OID4VCI" or "vcapi" (or left out).');
      }
      const text = protocol === 'OID4VCI' ? urls.credentialOffer : urls.interactionUrl;
      res.setHeader('Cache-Control', 'no-store');
      if (file === 'qr.png') res.type('image/png').send(await qrPng(text));
      else res.type('image/svg+xml').send(await qrSvg(text));
    }),
  );
}

/**
 * The VCALM interaction answer for an offer (JSON): which protocols the wallet can use. Refuses
 * an offer that can no longer be claimed with its problem (409 claimed, 410 expired).
 *
 * @example
 * res.json(await interactionProtocols(ctx, token));
 */
export async function interactionProtocols(ctx: RouteContext, token: string): Promise<Record<string, unknown>> {
  const award = await findAwardByToken(ctx.deps, token);
  if (!award) throw new ProblemError(404, 'NOT_FOUND', 'No such offer.');
  assertClaimable(award, ctx.deps.clock());
  const urls = offerUrls(ctx.deps.config.publicBaseUrl, token);
  return { protocols: { vcapi: urls.exchangeUrl, OID4VCI: urls.credentialOffer } };
}

/** Answers `GET /interactions/:token` as JSON (wallets); the pages module answers browsers. */
export function interactionJson(ctx: RouteContext) {
  return async (req: Request, res: Response): Promise<void> => {
    res.setHeader('Cache-Control', 'no-store');
    res.json(await interactionProtocols(ctx, String(req.params.token)));
  };
}
