import { OB_V3P0_CONTEXT, VC_V2_CONTEXT } from '@repo/schemas';
import type { AppDeps } from '../deps.ts';
import { ProblemError } from '../http/problem-error.ts';
import { getAchievement, getAchievementEntry } from './achievements.ts';
import { emailIdentityObject } from './identity-object.ts';
import { getIssuerProfile } from './profile.ts';
import { CREDENTIAL_FIELDS, SUBJECT_FIELDS } from './schemas.ts';

const CATALOGUE_KEYS = ['achievement', 'achievementVersion', 'recipient', 'fields'] as const;

const bad = (status: number, detail: string, pointer: string) =>
  new ProblemError(status, 'MALFORMED_VALUE_ERROR', detail, { pointer });

/**
 * The `{ credential, options }` an issue request stands for. A request with `credential` is
 * returned as it is. The catalogue form `{ achievement, achievementVersion?, recipient, fields?,
 * options? }` becomes an Open Badges 3.0 credential: VC 2.0 and OB 3.0.3 contexts, types
 * `VerifiableCredential` + `OpenBadgeCredential`, `issuer` the configured profile (`GET /issuer`),
 * `name` the achievement's, and one `AchievementSubject` holding the achievement version (its
 * `version` says which, OB 3.0 §B.1.1), the recipient's DID as `id` and/or their email as a
 * hashed `IdentityObject` in `identifier` (OB 3.0 §B.1.12), and the per-person `fields`.
 * Refuses both forms at once or neither (400), a catalogue form without recipient (400), an
 * unknown achievement or version (422 at `/achievement` / `/achievementVersion`).
 *
 * @example
 * const body = await issueBodyFor(deps, { achievement: 'https://college.example/achievements/a', recipient: { id: 'did:key:z6Mk…' } });
 * await prepareCredential(deps, body, now);
 */
export async function issueBodyFor(deps: AppDeps, body: Record<string, unknown>): Promise<Record<string, unknown>> {
  const catalogue = CATALOGUE_KEYS.filter((k) => body[k] !== undefined);
  if (body.credential !== undefined) {
    if (catalogue.length > 0) {
      throw bad(
        400,
        `Send either credential or the catalogue form (achievement, recipient), not both.`,
        `/${catalogue[0]}`,
      );
    }
    return body;
  }
  if (body.achievement === undefined) {
    throw bad(
      400,
      'Send credential (a full credential), or achievement and recipient (the catalogue form).',
      '/credential',
    );
  }
  if (body.recipient === undefined) {
    throw bad(
      400,
      'The catalogue form needs a recipient: { "id": "<DID>" } and/or { "email": "<address>" }.',
      '/recipient',
    );
  }
  const id = body.achievement as string;
  const entry = await getAchievementEntry(deps, id);
  if (!entry) throw bad(422, `No achievement ${id} is in the catalogue (GET /achievements).`, '/achievement');
  const n = (body.achievementVersion as number | undefined) ?? entry.latest;
  const achievement = await getAchievement(deps, id, n);
  if (!achievement) {
    throw bad(422, `Achievement ${id} has versions 1 to ${entry.latest}, not ${n}.`, '/achievementVersion');
  }
  const recipient = body.recipient as { id?: string; email?: string };
  const fields = (body.fields ?? {}) as Record<string, unknown>;
  const subject: Record<string, unknown> = {
    ...(recipient.id && { id: recipient.id }),
    type: ['AchievementSubject'],
    ...(recipient.email && { identifier: [emailIdentityObject(recipient.email)] }),
    achievement,
  };
  for (const f of SUBJECT_FIELDS) if (fields[f] !== undefined) subject[f] = fields[f];
  const credential: Record<string, unknown> = {
    '@context': [VC_V2_CONTEXT, OB_V3P0_CONTEXT],
    type: ['VerifiableCredential', 'OpenBadgeCredential'],
    issuer: await getIssuerProfile(deps),
    name: achievement.name,
    credentialSubject: subject,
  };
  for (const f of CREDENTIAL_FIELDS) if (fields[f] !== undefined) credential[f] = fields[f];
  return { credential, ...(body.options !== undefined && { options: body.options }) };
}

/**
 * A problem about a credential built from the catalogue form, pointing into the request instead:
 * `/credential/credentialSubject/<field>…` and `/credential/<field>…` become `/fields/<field>…`
 * for the per-person fields the request gave; other errors are returned as they are.
 *
 * @example
 * catch (e) { throw e instanceof ProblemError ? inCatalogueTerms(e, req.body) : e; }
 */
export function inCatalogueTerms(error: ProblemError, body: Record<string, unknown>): ProblemError {
  const pointer = error.problem.pointer;
  const fields = body.fields as Record<string, unknown> | undefined;
  if (body.credential !== undefined || !pointer || !fields) return error;
  const m = /^\/credential(?:\/credentialSubject)?\/([^/]+)(.*)$/.exec(pointer);
  if (!m || fields[m[1]!] === undefined) return error;
  return new ProblemError(error.status, error.problem.title, error.problem.detail ?? error.message, {
    pointer: `/fields/${m[1]}${m[2]}`,
    headers: error.headers,
    extra: error.extra,
    cause: error,
  });
}
