import type { Request, Response } from 'express';
import type { Caller } from '../http/auth.ts';
import { requireScope, SCOPES } from '../http/auth.ts';
import { ProblemError } from '../http/problem-error.ts';
import { requestBody } from '../http/request-body.ts';
import type { RouteContext } from '../http/route-context.ts';
import {
  achievementIdOf,
  getAchievement,
  getAchievementEntry,
  listAchievements,
  writeAchievement,
} from './achievements.ts';
import { getIssuerProfile, putIssuerProfile } from './profile.ts';
import { ACHIEVEMENT_BODY, PROFILE_BODY } from './schemas.ts';

/**
 * The achievement catalogue and the issuer profile:
 * - `GET /issuer` (public): the OB 3.0 Profile credentials are issued with; `PUT /issuer`
 *   (scope `write:/achievements`) configures it.
 * - `POST /achievements` (scope `write:/achievements`): a new achievement (201), the same again
 *   (200); `PUT /achievements/:id`: a new version (201) or, unchanged, the latest (200).
 * - `GET /achievements`, `GET /achievements/:id` (latest), `GET /achievements/:id/versions/:n` (public).
 *
 * `:id` is the achievement id percent-encoded, or the slug of an id minted under the service.
 *
 * @example
 * mountCatalogue(ctx);
 */
export function mountCatalogue(ctx: RouteContext): void {
  const { app, deps, body, wrap, getCors } = ctx;
  const write = requireScope(deps.config.tokens, SCOPES.achievements);
  const caller = (res: Response) => (res.locals.caller as Caller).name;
  const idOf = (req: Request) => achievementIdOf(deps, String(req.params.id));
  const publicGets = ['/issuer', '/achievements', '/achievements/:id', '/achievements/:id/versions/:n'];
  app.options(publicGets, getCors);

  app.get(
    '/issuer',
    getCors,
    wrap(async (_req, res) => {
      res.status(200).json(await getIssuerProfile(deps));
    }),
  );
  app.put(
    '/issuer',
    write,
    ...body,
    requestBody(PROFILE_BODY),
    wrap(async (req, res) => {
      res.status(200).json(await putIssuerProfile(deps, req.body));
    }),
  );

  app.post(
    '/achievements',
    write,
    ...body,
    requestBody(ACHIEVEMENT_BODY),
    wrap(async (req, res) => {
      const done = await writeAchievement(deps, req.body, caller(res), { mustBeNew: true });
      res.status(done.created ? 201 : 200).json(done.achievement);
    }),
  );
  app.get(
    '/achievements',
    getCors,
    wrap(async (_req, res) => {
      res.status(200).json({ achievements: await listAchievements(deps) });
    }),
  );
  app.get(
    '/achievements/:id',
    getCors,
    wrap(async (req, res) => {
      const id = idOf(req);
      const achievement = await getAchievement(deps, id);
      if (!achievement) throw new ProblemError(404, 'NOT_FOUND', `No achievement ${id} is in the catalogue.`);
      res.status(200).json(achievement);
    }),
  );
  app.put(
    '/achievements/:id',
    write,
    ...body,
    requestBody(ACHIEVEMENT_BODY),
    wrap(async (req, res) => {
      const done = await writeAchievement(deps, req.body, caller(res), { mustExist: idOf(req) });
      res.status(done.created ? 201 : 200).json(done.achievement);
    }),
  );
  app.get(
    '/achievements/:id/versions/:n',
    getCors,
    wrap(async (req, res) => {
      const id = idOf(req);
      const n = String(req.params.n);
      const entry = await getAchievementEntry(deps, id);
      if (!entry) throw new ProblemError(404, 'NOT_FOUND', `No achievement ${id} is in the catalogue.`);
      const achievement = /^[1-9][0-9]{0,8}$/.test(n) ? await getAchievement(deps, id, Number(n)) : undefined;
      if (!achievement) {
        throw new ProblemError(404, 'NOT_FOUND', `Achievement ${id} has versions 1 to ${entry.latest}, not ${n}.`);
      }
      res.status(200).json(achievement);
    }),
  );
}
