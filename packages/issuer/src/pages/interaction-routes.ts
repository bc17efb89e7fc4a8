import express, { type Request } from 'express';
import { type Award, assertClaimable, claimAward, findAwardByToken, getShare, setShare } from '../awards/awards.ts';
import { offerUrls } from '../awards/offer-urls.ts';
import type { AppDeps } from '../deps.ts';
import { ProblemError } from '../http/problem-error.ts';
import type { RouteContext } from '../http/route-context.ts';
import { currentForm } from '../issuance/issue-response.ts';
import { claimedPage, closedPage, offerPage, type PageUrls, summarizeAward } from './interaction-page.ts';
import { pageRoute, sendPage } from './page-response.ts';
import { mountProgress } from './progress-routes.ts';
import { credentialPageUrl } from './share-url.ts';

/**
 * Refuses a form post from another site (403 `FORBIDDEN`). These pages are capability URLs: the
 * offer token in the path is what authorises the worker, and there are no cookies or sessions, so
 * a cross-site request forgery would need the token already. This is defence in depth: when the
 * browser says where the post comes from (`Sec-Fetch-Site`, Fetch Metadata), only `same-origin`
 * (or `none`, a user-typed request) passes; without it, an `Origin` other than the service's own
 * is refused. `Origin: null` is let through: the pages send `Referrer-Policy: no-referrer`, under
 * which browsers post `Origin: null` from the page itself (Fetch §3.1 "serializing a request
 * origin").
 */
function assertSameOrigin(req: Request, origin: string): void {
  const site = req.get('sec-fetch-site');
  const from = req.get('origin');
  const refused =
    site !== undefined
      ? site !== 'same-origin' && site !== 'none'
      : from !== undefined && from !== 'null' && from !== origin;
  if (refused) {
    throw new ProblemError(403, 'FORBIDDEN', 'This form can only be sent from its own page on this service.');
  }
}

/** The award an offer token opens, or a 404. */
async function awardOr404(deps: AppDeps, token: string): Promise<Award> {
  const award = await findAwardByToken(deps, token);
  if (!award) {
    throw new ProblemError(
      404,
      'NOT_FOUND',
      'We do not know this offer link. Check that you opened the whole link from the email, or ask the issuer to send it again.',
    );
  }
  return award;
}

/** The claimed award's claim, or a 409. */
function claimOf(award: Award, what: string) {
  if (award.state !== 'claimed' || !award.claim) {
    throw new ProblemError(409, 'CONFLICT', `The offer has not been claimed yet, so there is no ${what}.`);
  }
  return award.claim;
}

/** A file name from a credential's name: ASCII letters and digits joined by dashes. */
function fileNameOf(name: string): string {
  const slug = name
    .normalize('NFKD')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 60);
  return slug || 'credential';
}

/**
 * The worker's pages reached from an offer (the offer token in the URL is their capability; no
 * cookies, no scripts, WCAG 2.2 AA):
 * - `GET /interactions/:token` (browsers; wallets get JSON from `routes/awards.ts`): while
 *   offered, who it is from, what, until when, the QR codes and wallet links, and "Get it as a
 *   file instead" when the award has an email; after the claim, when and how it was claimed, a
 *   download, the credential page link `/c/<share token>` and its sharing switch; 410 once expired
 *   or withdrawn; 404 for an unknown token.
 * - `POST /interactions/:token/file`: claims as a file bound to the hashed email (OB 3.0
 *   IdentityObject), then 303 back to the page.
 * - `POST /interactions/:token/share` (`enabled=on|off`, form-encoded): the sharing switch, 303 back.
 * - `GET /interactions/:token/file/credential`: the claimed credential as a file.
 * - The worker's progress toward published pathways (`progress-routes.ts`).
 *
 * @example
 * mountInteractionPages(ctx);
 */
export function mountInteractionPages(ctx: RouteContext): void {
  const { app, deps } = ctx;
  const base = deps.config.publicBaseUrl;
  const origin = new URL(base).origin;
  const urlsOf = (token: string): PageUrls => {
    const offer = offerUrls(base, token);
    return { offer, page: offer.interactionUrl.split('?')[0]! };
  };
  const backToOffer = (req: Request) => urlsOf(String(req.params.token)).page;
  // The sharing switch is the only form with fields: a few bytes, form-encoded, on this route only.
  const form = express.urlencoded({ extended: false, limit: 256, parameterLimit: 4 });

  app.get(
    '/interactions/:token',
    pageRoute(async (req, res) => {
      const token = String(req.params.token);
      const award = await awardOr404(deps, token);
      const urls = urlsOf(token);
      const { achievementName } = summarizeAward(award);
      if (award.state === 'claimed' && award.claim) {
        const { claim } = award;
        const [share, record] = await Promise.all([
          getShare(deps, claim.credentialId),
          deps.store.getRecord(claim.credentialId),
        ]);
        const shareUrl = share && credentialPageUrl(base, share.token);
        sendPage(
          res,
          200,
          `${achievementName}: claimed`,
          claimedPage(award, urls, {
            claim,
            share,
            shareUrl,
            progressUrl: shareUrl && `${shareUrl}/progress`,
            downloadUrl: `${urls.page}/file/credential`,
            revoked: record?.revoked === true,
            suspended: record?.suspended === true,
          }),
        );
        return;
      }
      try {
        assertClaimable(award, deps.clock());
      } catch (error) {
        if (!(error instanceof ProblemError) || error.status !== 410) throw error;
        sendPage(res, 410, `${achievementName}: offer closed`, closedPage(award));
        return;
      }
      sendPage(res, 200, `${achievementName}: your credential offer`, offerPage(award, urls));
    }),
  );

  app.post(
    '/interactions/:token/file',
    pageRoute(async (req, res) => {
      assertSameOrigin(req, origin);
      const token = String(req.params.token);
      const award = await awardOr404(deps, token);
      await claimAward(deps, award.id, { via: 'file' });
      res.setHeader('Referrer-Policy', 'no-referrer');
      res.redirect(303, urlsOf(token).page);
    }, backToOffer),
  );

  app.post(
    '/interactions/:token/share',
    form,
    pageRoute(async (req, res) => {
      assertSameOrigin(req, origin);
      const enabled = (req.body as Record<string, unknown> | undefined)?.enabled;
      if (enabled !== 'on' && enabled !== 'off') {
        throw new ProblemError(400, 'MALFORMED_VALUE_ERROR', 'Send the form field enabled=on or enabled=off.', {
          pointer: '/enabled',
        });
      }
      const token = String(req.params.token);
      const claim = claimOf(await awardOr404(deps, token), 'link to share');
      await setShare(deps, claim.credentialId, enabled === 'on');
      res.setHeader('Referrer-Policy', 'no-referrer');
      res.redirect(303, urlsOf(token).page);
    }, backToOffer),
  );

  app.get(
    '/interactions/:token/file/credential',
    pageRoute(async (req, res) => {
      const award = await awardOr404(deps, String(req.params.token));
      const claim = claimOf(award, 'credential to download');
      const record = await deps.store.getRecord(claim.credentialId);
      if (!record) throw new ProblemError(404, 'NOT_FOUND', 'The credential of this claim is not stored here.');
      const name = fileNameOf(summarizeAward(award).achievementName);
      res.setHeader('Cache-Control', 'no-store');
      res.setHeader('Referrer-Policy', 'no-referrer');
      res.setHeader('X-Robots-Tag', 'noindex');
      // What the holder gets back (the embedded-proof form, else the VC-JWT); VC 2.0 §6.3 media
      // types application/vc, and application/vc+jwt (VC-JOSE-COSE §3.1.1) for a compact JWT.
      const form = currentForm(record);
      const jwt = typeof form === 'string';
      res.setHeader('Content-Disposition', `attachment; filename="${name}.${jwt ? 'jwt' : 'json'}"`);
      res.type(jwt ? 'application/vc+jwt' : 'application/vc').send(jwt ? form : JSON.stringify(form, null, 2));
    }, backToOffer),
  );

  mountProgress(ctx);
}
