import type { Request, Response } from 'express';
import { getShare, setShare } from '../awards/awards.ts';
import type { AppDeps } from '../deps.ts';
import { type Caller, requireScope, SCOPES } from '../http/auth.ts';
import { ProblemError } from '../http/problem-error.ts';
import { requestBody } from '../http/request-body.ts';
import type { RouteContext } from '../http/route-context.ts';
import { currentForm } from '../issuance/issue-response.ts';
import type { CredentialRecord } from '../store/types.ts';
import { badgePng, badgeSvg } from './badge-image.ts';
import { credentialPage } from './credential-page.ts';
import { credentialView } from './credential-view.ts';
import { SHARE_BODY } from './share-body.ts';
import { credentialPageLinks, credentialPageUrl } from './share-url.ts';
import { sendNotAvailable, sharedCredential, sharedPageHeaders } from './shared-credential.ts';
import { statusWords } from './status-words.ts';
import { verifyPage } from './verify-page.ts';

type Found = NonNullable<Awaited<ReturnType<typeof sharedCredential>>>;

/**
 * The credential's live verification, run now by the service's own verifier — which reads this
 * service's DID document and status lists from memory (build-deps.ts), so nothing goes over the
 * network for a credential issued here. The embedded-proof form is checked, else the JWT
 * (`currentForm`). The verifier never throws: could-not-check stays apart from failed.
 */
const verifyNow = (deps: AppDeps, record: CredentialRecord) =>
  deps.verifier.verifyCredential(currentForm(record), { now: deps.clock });

/**
 * The reason of the change that made the record revoked or suspended, from its status history,
 * when the issuer publishes reasons (`PUBLISH_STATUS_REASONS`); otherwise undefined.
 */
async function publishedReason(deps: AppDeps, record: CredentialRecord): Promise<string | undefined> {
  if (deps.config.publishStatusReasons !== true) return undefined;
  const action = record.revoked ? 'revoked' : record.suspended ? 'suspended' : undefined;
  if (!action) return undefined;
  const history = await deps.store.statusHistory(record.id);
  return history.findLast((e) => e.action === action)?.reason;
}

const downloadsOf = (record: CredentialRecord) => ({
  json: typeof currentForm(record) === 'object',
  jwt: typeof record.jwt === 'string',
});

function attachment(res: Response, type: string, filename: string, body: string | Uint8Array): void {
  res.setHeader('Content-Disposition', `attachment; filename="${filename}"`);
  res
    .status(200)
    .type(type)
    .send(typeof body === 'string' ? body : Buffer.from(body));
}

/**
 * Server-rendered pages: the public credential page reached by its share link, and its downloads.
 *
 * - `GET /c/:token` (public): the credential page — achievement, issuer, dates, recipient as the
 *   credential names them, the live status, links to verify, add to LinkedIn and download. An
 *   unknown or turned-off link is a 404 page that does not say whether it ever existed.
 * - `GET /c/:token/verify`: every check of a verification run now, in plain words, and how to
 *   verify independently.
 * - `GET /c/:token/credential.json`, `credential.jwt` (when issued as a JWT): the credential as a
 *   download.
 * - `GET /c/:token/badge.png`, `badge.svg`: the badge with the credential baked in (Open Badges 3.0
 *   §5.3).
 * - `POST /credentials/:id/share` `{ enabled }` (scope `write:/credentials/status`): turns the page
 *   of a credential issued directly on or off → `{ shareUrl, enabled }`. A claimed credential's
 *   page is its holder's to share (their interaction page), so it is refused with 409.
 *
 * Every response under `/c/` is `no-store`, `noindex` and `no-referrer`.
 *
 * @example
 * mountPages(ctx);
 */
export function mountPages(ctx: RouteContext): void {
  const { app, deps, body, wrap } = ctx;
  const base = deps.config.publicBaseUrl;
  const shared = (path: string, handler: (req: Request, res: Response, found: Found) => Promise<void> | void) =>
    app.get(
      path,
      wrap(async (req, res) => {
        sharedPageHeaders(res);
        const found = await sharedCredential(deps, String(req.params.token));
        if (!found) return sendNotAvailable(res);
        await handler(req, res, found);
      }),
    );

  shared('/c/:token', async (_req, res, { share, record }) => {
    const status = statusWords(await verifyNow(deps, record), record, await publishedReason(deps, record));
    const page = credentialPage({
      view: credentialView(record.credential),
      status,
      links: credentialPageLinks(base, share.token),
      downloads: downloadsOf(record),
    });
    res.status(200).type('html').send(page.value);
  });
  shared('/c/:token/verify', async (_req, res, { share, record }) => {
    const result = await verifyNow(deps, record);
    const page = verifyPage({
      name: credentialView(record.credential).name,
      result,
      status: statusWords(result, record, await publishedReason(deps, record)),
      links: credentialPageLinks(base, share.token),
      base,
      checkedAt: deps.clock(),
      downloads: downloadsOf(record),
    });
    res.status(200).type('html').send(page.value);
  });
  shared('/c/:token/credential.json', (_req, res, { record }) => {
    const form = currentForm(record);
    if (typeof form !== 'object') return sendNotAvailable(res);
    attachment(res, 'application/vc', 'credential.json', JSON.stringify(form));
  });
  shared('/c/:token/credential.jwt', (_req, res, { record }) => {
    if (!record.jwt) return sendNotAvailable(res);
    attachment(res, 'application/vc+jwt', 'credential.jwt', record.jwt);
  });
  shared('/c/:token/badge.png', (_req, res, { record }) => {
    attachment(res, 'image/png', 'badge.png', badgePng(record));
  });
  shared('/c/:token/badge.svg', (_req, res, { record }) => {
    // An achievement's own SVG is served as it was given: sandboxed, so that opened on its own it
    // runs nothing in this origin.
    res.setHeader('Content-Security-Policy', "default-src 'none'; style-src 'unsafe-inline'; sandbox");
    attachment(res, 'image/svg+xml', 'badge.svg', badgeSvg(record));
  });

  app.post(
    '/credentials/:id/share',
    requireScope(deps.config.tokens, SCOPES.status),
    ...body,
    requestBody(SHARE_BODY, 'Send { "enabled": true } or { "enabled": false }.'),
    wrap(async (req, res) => {
      const id = String(req.params.id);
      const record = await deps.store.getRecord(id);
      if (!record) throw new ProblemError(404, 'NOT_FOUND', `No credential with id ${id} was issued here.`);
      if (record.issuedBy.startsWith('award:') && (await getShare(deps, id))) {
        throw new ProblemError(
          409,
          'CONFLICT',
          'This credential was claimed by its holder: whether its page is shared is theirs to decide, from their interaction page.',
        );
      }
      const { enabled } = req.body as { enabled: boolean };
      const share = await setShare(deps, id, enabled);
      deps.logger.info({ credentialId: id, enabled, by: (res.locals.caller as Caller).name }, 'share link set');
      res.setHeader('Cache-Control', 'no-store');
      res.status(200).json({ shareUrl: credentialPageUrl(base, share.token), enabled: share.enabled });
    }),
  );
}
