import { isObject } from '@repo/schemas';
import { findShareByToken } from '../awards/awards.ts';
import { ProblemError } from '../http/problem-error.ts';
import { type BodySchema, requestBody } from '../http/request-body.ts';
import type { RouteContext } from '../http/route-context.ts';
import { currentForm } from '../issuance/issue-response.ts';
import { pageRoute, sendPage } from './page-response.ts';
import { progressToward } from './progress.ts';
import { progressPage } from './progress-page.ts';
import { credentialPageUrl } from './share-url.ts';

const ITEM =
  'Each credential must be a JSON object (embedded proof or EnvelopedVerifiableCredential) or a compact VC-JWT.';

/** `POST /progress`: the worker's credentials, as the pathway evaluation accepts them. */
export const PROGRESS_BODY: BodySchema = {
  type: 'object',
  required: ['verifiableCredential'],
  additionalProperties: false,
  properties: {
    verifiableCredential: {
      type: 'array',
      minItems: 1,
      maxItems: 100,
      description: 'verifiableCredential must be a list of 1 to 100 credentials.',
      items: {
        anyOf: [
          { type: 'object', description: ITEM },
          { type: 'string', minLength: 1, description: ITEM },
        ],
      },
    },
  },
};

/** The achievement's name of a credential (OB 3.0), else the credential's name. */
function nameOf(credential: Record<string, unknown>): string {
  const subject = credential.credentialSubject;
  const achievement = isObject(subject) && isObject(subject.achievement) ? subject.achievement : {};
  const name = achievement.name ?? credential.name;
  return typeof name === 'string' && name !== '' ? name : 'This credential';
}

/**
 * The worker's progress toward the pathways published here:
 * - `POST /progress` (public, JSON `{ "verifiableCredential": [ … ] }` — objects with embedded
 *   proofs, `EnvelopedVerifiableCredential`s or compact VC-JWTs): `{ pathways, excluded,
 *   evaluatedAt }`, the pathways they count toward, closest first, each with what is missing in
 *   words (`progressToward`). Nothing is stored.
 * - `GET /c/:shareToken/progress`: the same as a page for the one credential behind a share link
 *   (a disabled or unknown link: 404 page).
 *
 * @example
 * mountProgress(ctx);
 */
export function mountProgress(ctx: RouteContext): void {
  const { app, deps, body, wrap, postCors } = ctx;
  const base = deps.config.publicBaseUrl;
  app.options('/progress', postCors);
  app.post(
    '/progress',
    postCors,
    ...body,
    requestBody(PROGRESS_BODY, 'Send { "verifiableCredential": [ … ] }.'),
    wrap(async (req, res) => {
      const answer = await progressToward(deps, (req.body as { verifiableCredential: unknown[] }).verifiableCredential);
      res.setHeader('Cache-Control', 'no-store');
      res.status(200).json(answer);
    }),
  );
  app.get(
    '/c/:shareToken/progress',
    pageRoute(async (req, res) => {
      const token = String(req.params.shareToken);
      const share = await findShareByToken(deps, token);
      const record = share?.enabled ? await deps.store.getRecord(share.credentialId) : undefined;
      if (!record) {
        throw new ProblemError(
          404,
          'NOT_FOUND',
          'This link is off or unknown: its owner may have turned sharing off. Ask them for a current link.',
        );
      }
      const answer = await progressToward(deps, [currentForm(record)]);
      const credentialName = nameOf(record.credential);
      sendPage(
        res,
        200,
        `${credentialName}: progress`,
        progressPage({ credentialName, credentialPageUrl: credentialPageUrl(base, token), answer }),
      );
    }),
  );
}
