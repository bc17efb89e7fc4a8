import type { CredentialMatcher } from '@repo/schemas';
import { issuerIdOf } from '@repo/verifier';
import { achievementOf, asList, type CredentialJson, isObject } from './read-credential.ts';

const CTID = /^ce-[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

function strings(value: unknown): string[] {
  return asList(value).filter((v): v is string => typeof v === 'string');
}

function sameText(a: string, b: string): boolean {
  return a.trim().toLowerCase() === b.trim().toLowerCase();
}

/** The last path segment of a URL (`…/resources/ce-…` → `ce-…`). */
function lastSegment(url: string): string {
  const path = url.split(/[?#]/)[0] ?? '';
  return path.slice(path.lastIndexOf('/') + 1);
}

/**
 * What the achievement says it aligns with or is known as: `alignment[].targetUrl` and
 * `targetCode`, and `otherIdentifier[].identifier`.
 */
function alignmentValues(achievement: Record<string, unknown>): string[] {
  const out: string[] = [];
  for (const a of asList(achievement.alignment).filter(isObject))
    out.push(...strings(a.targetUrl), ...strings(a.targetCode));
  for (const o of asList(achievement.otherIdentifier).filter(isObject)) out.push(...strings(o.identifier));
  return out;
}

/** A wanted alignment target against what the achievement carries; a CTID also matches a registry URL ending in it. */
function alignmentMatches(wanted: string, values: string[]): boolean {
  if (CTID.test(wanted)) {
    return values.some((v) => sameText(v, wanted) || sameText(lastSegment(v), wanted));
  }
  return values.includes(wanted);
}

/**
 * Whether a credential fits a pathway matcher (OB 3.0 fields; CTDL targets by CTID). Every field
 * present in the matcher must match (AND); within a list field any entry may match (OR), so an
 * empty list matches nothing and an empty matcher matches every credential.
 *
 * - `achievementIds`: `credentialSubject.achievement.id`, exactly.
 * - `alignmentTargets`: `achievement.alignment[].targetUrl` / `targetCode` or
 *   `achievement.otherIdentifier[].identifier`, exactly; a CTID (`ce-…`) case-insensitively and
 *   also as the last path segment of a Credential Registry `targetUrl`.
 * - `achievementTypes`: `achievement.achievementType`, exactly (`ext:` extensions included).
 * - `fieldsOfStudy`: `achievement.fieldOfStudy`, case-insensitively.
 * - `tags`: any of `achievement.tag[]`, case-insensitively.
 * - `issuers`: the credential's `issuer` id (or `issuer.id`), exactly.
 *
 * It reads fields only: whether the credential is genuine is the verifier's business.
 *
 * @example
 * matchCredential(credential, { achievementTypes: ['Certification'], tags: ['hydraulics'] }); // true
 */
export function matchCredential(credential: CredentialJson, matcher: CredentialMatcher): boolean {
  const achievement = achievementOf(credential);
  if (matcher.issuers !== undefined) {
    const issuer = issuerIdOf(credential);
    if (issuer === undefined || !matcher.issuers.includes(issuer)) return false;
  }
  const needsAchievement =
    matcher.achievementIds !== undefined ||
    matcher.alignmentTargets !== undefined ||
    matcher.achievementTypes !== undefined ||
    matcher.fieldsOfStudy !== undefined ||
    matcher.tags !== undefined;
  if (!needsAchievement) return true;
  if (!achievement) return false;
  if (matcher.achievementIds !== undefined) {
    if (typeof achievement.id !== 'string' || !matcher.achievementIds.includes(achievement.id)) return false;
  }
  if (matcher.alignmentTargets !== undefined) {
    const values = alignmentValues(achievement);
    if (!matcher.alignmentTargets.some((t) => alignmentMatches(t, values))) return false;
  }
  if (matcher.achievementTypes !== undefined) {
    const type = achievement.achievementType;
    if (typeof type !== 'string' || !matcher.achievementTypes.includes(type)) return false;
  }
  if (matcher.fieldsOfStudy !== undefined) {
    const field = achievement.fieldOfStudy;
    if (typeof field !== 'string' || !matcher.fieldsOfStudy.some((f) => sameText(f, field))) return false;
  }
  if (matcher.tags !== undefined) {
    const tags = strings(achievement.tag);
    if (!matcher.tags.some((t) => tags.some((tag) => sameText(t, tag)))) return false;
  }
  return true;
}
