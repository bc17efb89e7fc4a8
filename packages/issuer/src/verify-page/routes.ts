import { readFileSync } from 'node:fs';
import { createGuardedFetch } from '@repo/core';
import { type CredentialVerification, describeIssuer, matchesIdentity } from '@repo/verifier';
import type { Request, Response } from 'express';
import type { AppDeps } from '../deps.ts';
import { ProblemError } from '../http/problem-error.ts';
import type { RouteContext } from '../http/route-context.ts';
import { html, layout } from '../pages/html.ts';
import { type FormField, fieldProblem } from './input-problem.ts';
import { landingPage } from './landing-page.ts';
import { setPublicPageHeaders, setResultPageHeaders } from './page-headers.ts';
import { readSubmission, type Submission } from './read-submission.ts';
import { resolveInput } from './resolve-input.ts';
import { resultPage } from './result-page.ts';
import { viewOfSummary } from './summary-view.ts';
import { type VerifyFormState, verifyForm } from './verify-form.ts';

const asset = (name: string) => readFileSync(new URL(`./assets/${name}`, import.meta.url), 'utf8');
/** The page's stylesheet and its one script, same-origin (relative: they work under a base path). */
const HEAD = html`<link rel="stylesheet" href="verify/verify.css">`;
const FORM_HEAD = html`${HEAD}<script src="verify/verify.js" defer></script>`;
const FORM_INTRO = html`<h1>Verify a credential</h1>
<p>Check an Open Badges credential a candidate sent you — Open Badges 3.0 or 2.0, as JSON, as a JWT, or baked into a badge image: whether it is authentic, unchanged, current and not revoked, and who issued it.</p>`;
const EMAIL = /^[^\s@]+@[^\s@]+$/;

/** The email to compare, trimmed; '' when none was typed; a 400 when it cannot be an address. */
function emailOf(submission: Submission): string {
  const email = submission.email.trim();
  if (email !== '' && (!EMAIL.test(email) || email.length > 254))
    throw fieldProblem(
      400,
      'MALFORMED_VALUE_ERROR',
      'That email address is not valid: it should look like name@example.org.',
      'email',
    );
  return email;
}

/** Verifies what the form gave and draws the result. */
async function verifySubmission(
  deps: AppDeps,
  submission: Submission,
  fetchPublic: Parameters<typeof resolveInput>[2],
) {
  const email = emailOf(submission);
  const input = await resolveInput(deps, submission, fetchPublic);
  const result: CredentialVerification = await deps.verifier.verifyCredential(input.value, { now: deps.clock });
  // One summary for every version (OB 3.0, other VCs, OB 2.0), read from the verifier's result.
  const view = result.summary ? viewOfSummary(result.summary) : undefined;
  const issuer = describeIssuer(deps.config.trustRegistry, result.issuer ?? view?.issuer.id, view?.issuer.name);
  const page = resultPage({
    result,
    view,
    issuer,
    source: input.source,
    checkedAt: deps.clock(),
    ...(email && { email: { address: email, match: matchesIdentity(result, email) } }),
    ...(deps.config.trustRegistry?.name && { registryName: deps.config.trustRegistry.name }),
  });
  return layout(`Verification result: ${view?.name ?? 'credential'}`, page, { head: HEAD });
}

/**
 * The employer's pages (server-rendered, WCAG 2.2 AA, usable by keyboard alone, no external
 * assets, working with scripts off):
 *
 * - `GET /`: what the service is, with links to `/verify`, the API reference (`/api`) and
 *   `/openapi.json`.
 * - `GET /verify`: the form — paste JSON or a JWT, choose a file (JSON, JWT, baked PNG or SVG),
 *   or give a credential page URL; optionally the candidate's email.
 * - `POST /verify` (`multipart/form-data`, at most the service's body limit): verifies it with the
 *   service's own verifier (this service's status lists read from memory) and shows the answer in
 *   one sentence, the achievement, the issuer as the trust registry knows it (`config.trustRegistry`),
 *   the recipient and email match, the dates, the lifecycle, every check, and the JSON result.
 *   Refusals (nothing given, unreadable, too large, an address refused) are the form again with
 *   the status code and the reason, never a JSON problem.
 * - `GET /verify/verify.js`, `/verify/verify.css`: the page's script (drag and drop) and styles.
 *
 * Results are `no-store`; nothing is framed (`frame-ancestors 'none'`).
 *
 * @example
 * mountVerifyPage(ctx);
 */
export function mountVerifyPage(ctx: RouteContext): void {
  const { app, deps, wrap } = ctx;
  const script = asset('verify.js');
  const styles = asset('verify.css');
  const fetchPublic = deps.fetchPublic ?? createGuardedFetch();
  const sendForm = (res: Response, status: number, state: VerifyFormState) => {
    const title = state.error ? `Error ${state.error.status}: verify a credential` : 'Verify a credential';
    const body = html`${FORM_INTRO}${verifyForm(state, deps.config.bodyLimit)}`;
    res
      .status(status)
      .type('html')
      .send(layout(title, body, { head: FORM_HEAD }).value);
  };
  const sendAsset = (type: string, text: string) => (_req: Request, res: Response) => {
    res.setHeader('Cache-Control', 'public, max-age=3600');
    res.status(200).type(type).send(text);
  };

  app.get('/', (_req, res) => {
    setPublicPageHeaders(res);
    res
      .status(200)
      .type('html')
      .send(layout('Open Badges credential service', landingPage(), { head: HEAD }).value);
  });
  app.get('/verify', (_req, res) => {
    setPublicPageHeaders(res);
    sendForm(res, 200, {});
  });
  app.get('/verify/verify.js', sendAsset('text/javascript; charset=utf-8', script));
  app.get('/verify/verify.css', sendAsset('text/css; charset=utf-8', styles));
  app.post(
    '/verify',
    wrap(async (req, res) => {
      setResultPageHeaders(res);
      let submission: Submission | undefined;
      try {
        submission = await readSubmission(req, deps.config.bodyLimit);
        const page = await verifySubmission(deps, submission, fetchPublic);
        res.status(200).type('html').send(page.value);
      } catch (error) {
        if (!(error instanceof ProblemError)) throw error;
        const field = error.extra.field as FormField | undefined;
        sendForm(res, error.status, {
          error: { status: error.status, detail: error.problem.detail, ...(field && { field }) },
          ...(submission && {
            values: { credential: submission.credential, url: submission.url, email: submission.email },
          }),
        });
      }
    }),
  );
}
