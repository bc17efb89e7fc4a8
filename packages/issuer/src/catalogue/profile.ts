import { validateCredential } from '@repo/schemas';
import type { AppDeps } from '../deps.ts';
import { ProblemError } from '../http/problem-error.ts';

/** Document kind and id the issuer profile is stored under. */
export const PROFILE_KIND = 'issuer-profile';
const PROFILE_ID = 'current';

/**
 * The issuer's Open Badges 3.0 Profile (OB 3.0 §B.1.16 Profile) as configured with
 * `PUT /issuer`; before that, the bare profile `{ id: <the service's DID>, type: ['Profile'] }`.
 * Its `id` is always the service's DID (`deps.key.controller`).
 *
 * @example
 * const issuer = await getIssuerProfile(deps); // { id: 'did:key:z6Mk…', type: ['Profile'], name: 'Example College' }
 */
export async function getIssuerProfile(deps: AppDeps): Promise<Record<string, unknown>> {
  const stored = (await deps.store.getDocument(PROFILE_KIND, PROFILE_ID)) as Record<string, unknown> | undefined;
  return { ...(stored ?? { type: ['Profile'] }), id: deps.key.controller };
}

/**
 * Configures the issuer profile: `id` is the service's DID (another id is 422 at `/id`), `type`
 * defaults to `["Profile"]`, and the whole is validated against the bundled OB 3.0 Profile JSON
 * Schema (422 with the pointer of the first error, all errors in `errors`). Returns the stored profile.
 *
 * @example
 * await putIssuerProfile(deps, { name: 'Example College', url: 'https://college.example' });
 */
export async function putIssuerProfile(deps: AppDeps, body: Record<string, unknown>): Promise<Record<string, unknown>> {
  const id = deps.key.controller;
  if (body.id !== undefined && body.id !== id) {
    throw new ProblemError(422, 'MALFORMED_VALUE_ERROR', `The issuer profile's id is this service's DID, ${id}.`, {
      pointer: '/id',
    });
  }
  const profile: Record<string, unknown> = { ...body, id, type: body.type ?? ['Profile'] };
  const result = validateCredential(profile, 'Profile');
  if (!result.valid) {
    const first = result.errors[0]!;
    throw new ProblemError(422, 'MALFORMED_VALUE_ERROR', `The issuer profile is not valid: ${first.message}`, {
      pointer: first.pointer,
      extra: { errors: result.errors },
    });
  }
  await deps.store.putDocument(PROFILE_KIND, PROFILE_ID, profile);
  return profile;
}
