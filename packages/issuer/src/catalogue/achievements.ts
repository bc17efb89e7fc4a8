import { isDeepStrictEqual } from 'node:util';
import { isoSeconds, isUrl } from '@repo/schemas';
import type { AppDeps } from '../deps.ts';
import { ProblemError } from '../http/problem-error.ts';
import { achievementErrors } from './validate-achievement.ts';

/** Document kinds: an achievement's index entry, and each of its versions (`<id> <n>`). */
export const ACHIEVEMENT_KIND = 'achievement';
export const ACHIEVEMENT_VERSION_KIND = 'achievement-version';

/** What the store keeps per achievement id besides its versions. */
export interface AchievementEntry {
  id: string;
  latest: number;
  versions: Array<{ n: number; createdAt: string; createdBy: string }>;
}

/** The outcome of a write: the version now current, and whether this call created it. */
export interface AchievementWrite {
  achievement: Record<string, unknown>;
  version: number;
  created: boolean;
}

const versionKey = (id: string, n: number) => `${id} ${n}`;

/** What a version is apart from its number (OB 3.0 `version`, which the service sets). */
const content = (a: Record<string, unknown>) => {
  const { version: _v, ...rest } = a;
  return rest;
};

/**
 * The id a path segment names: a URL (percent-encoded in the path) as it is, a bare slug as the
 * id minted under the service, `<publicBaseUrl>/achievements/<slug>`.
 *
 * @example
 * achievementIdOf(deps, 'safety-basics'); // 'https://issuer.example/achievements/safety-basics'
 */
export function achievementIdOf(deps: AppDeps, segment: string): string {
  return segment.includes(':') ? segment : `${deps.config.publicBaseUrl}/achievements/${segment}`;
}

/** A slug for a minted id: lower-case ASCII letters and digits joined by hyphens. */
function slugOf(name: unknown): string {
  const slug = String(name ?? '')
    .normalize('NFKD')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 80);
  if (!slug) {
    throw new ProblemError(
      422,
      'MALFORMED_VALUE_ERROR',
      'Give the achievement an id (a URL), or a name with letters or digits to mint one from.',
      {
        pointer: '/id',
      },
    );
  }
  return slug;
}

function checked(achievement: Record<string, unknown>): Record<string, unknown> {
  const full = { ...achievement, type: achievement.type ?? ['Achievement'] };
  const errors = achievementErrors(full);
  if (errors.length > 0) {
    const first = errors[0]!;
    throw new ProblemError(422, 'MALFORMED_VALUE_ERROR', `The achievement is not valid: ${first.message}`, {
      pointer: first.pointer,
      extra: { errors },
    });
  }
  return full;
}

/** The achievement's index entry, or undefined. */
export async function getAchievementEntry(deps: AppDeps, id: string): Promise<AchievementEntry | undefined> {
  return (await deps.store.getDocument(ACHIEVEMENT_KIND, id)) as AchievementEntry | undefined;
}

/**
 * Version `n` of an achievement (default: the latest), or undefined when there is no such
 * achievement or version.
 *
 * @example
 * const first = await getAchievement(deps, 'https://college.example/achievements/a', 1);
 */
export async function getAchievement(
  deps: AppDeps,
  id: string,
  n?: number,
): Promise<Record<string, unknown> | undefined> {
  const entry = await getAchievementEntry(deps, id);
  if (!entry) return undefined;
  const wanted = n ?? entry.latest;
  return (await deps.store.getDocument(ACHIEVEMENT_VERSION_KIND, versionKey(id, wanted))) as
    | Record<string, unknown>
    | undefined;
}

/** The latest version of every achievement, by id. */
export async function listAchievements(deps: AppDeps): Promise<Record<string, unknown>[]> {
  const entries = (await deps.store.listDocuments(ACHIEVEMENT_KIND)) as AchievementEntry[];
  const latest = await Promise.all(entries.map((e) => getAchievement(deps, e.id)));
  return latest.filter((a) => a !== undefined).sort((a, b) => String(a.id).localeCompare(String(b.id)));
}

/**
 * Writes an achievement (OB 3.0 §B.1.1 Achievement), validated against the OB 3.0 schema. A new
 * id gets version 1; the same content as the latest version is a no-op (`created: false`); other
 * content becomes version n+1 — a version is never edited in place, so credentials keep the one
 * they were issued with. `mustExist` (PUT) refuses an unknown id (404), `mustBeNew` (POST) a known
 * id with other content (409: change it with PUT). The service sets `version` to the number as a
 * string; a body `version` must name the latest version (it is then a precondition: 409 if stale).
 *
 * @example
 * const { version } = await writeAchievement(deps, { name: 'Safety basics', description: '…', criteria: { narrative: '…' } }, 'ops', { mustBeNew: true });
 */
export async function writeAchievement(
  deps: AppDeps,
  body: Record<string, unknown>,
  createdBy: string,
  mode: { mustBeNew?: boolean; mustExist?: string },
): Promise<AchievementWrite> {
  const id =
    mode.mustExist ??
    (body.id === undefined ? `${deps.config.publicBaseUrl}/achievements/${slugOf(body.name)}` : body.id);
  if (body.id !== undefined && body.id !== id) {
    throw new ProblemError(422, 'MALFORMED_VALUE_ERROR', `The body's id is not the achievement in the path, ${id}.`, {
      pointer: '/id',
    });
  }
  if (typeof id !== 'string' || !isUrl(id)) {
    throw new ProblemError(422, 'MALFORMED_VALUE_ERROR', 'The achievement id must be a URL.', { pointer: '/id' });
  }
  const proposed = checked({ ...content(body), id });
  return deps.lock.run(async () => {
    const entry = await getAchievementEntry(deps, id);
    if (!entry && mode.mustExist) throw new ProblemError(404, 'NOT_FOUND', `No achievement ${id} is in the catalogue.`);
    if (entry && body.version !== undefined && body.version !== String(entry.latest)) {
      throw new ProblemError(
        409,
        'CONFLICT',
        `version ${String(body.version)} is not the latest version of ${id} (${entry.latest}); read it again and resend.`,
        { pointer: '/version' },
      );
    }
    if (entry) {
      const latest = (await getAchievement(deps, id))!;
      if (isDeepStrictEqual(content(latest), proposed))
        return { achievement: latest, version: entry.latest, created: false };
      if (mode.mustBeNew) {
        throw new ProblemError(
          409,
          'CONFLICT',
          `Achievement ${id} exists with other content; change it with PUT /achievements/{id}.`,
          {
            pointer: '/id',
          },
        );
      }
    }
    const n = (entry?.latest ?? 0) + 1;
    const achievement = { ...proposed, version: String(n) };
    const next: AchievementEntry = {
      id,
      latest: n,
      versions: [...(entry?.versions ?? []), { n, createdAt: isoSeconds(deps.clock()), createdBy }],
    };
    await deps.store.putDocuments([
      { kind: ACHIEVEMENT_VERSION_KIND, id: versionKey(id, n), document: achievement },
      { kind: ACHIEVEMENT_KIND, id, document: next },
    ]);
    deps.logger.info({ achievementId: id, version: n, createdBy }, 'achievement version recorded');
    return { achievement, version: n, created: true };
  });
}
