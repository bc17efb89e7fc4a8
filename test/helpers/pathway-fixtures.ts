/**
 * Test fixtures for pathway evaluation: Open Badges 3.0 credentials for courses, certifications
 * and training (credits, alignment to Credential Engine CTIDs, tags, field of study, results),
 * and small builders for pathway requirements. Unsigned; sign with `signWith` from
 * `credential-factory.ts`.
 */
import type { SigningKey } from '@repo/core';
import type { CredentialMatcher, PathwayComponent, PathwayCondition } from '@repo/schemas';
import { ob3Credential } from './credential-factory.ts';

/** The learner every fixture is about. */
export const LEARNER = 'did:example:learner-7a2e';

/** A Credential Registry resource URL for a CTID. */
export function registryUrl(ctid: string): string {
  return `https://credentialengineregistry.org/resources/${ctid}`;
}

/** What {@link achievementCredential} puts in an OB 3.0 credential. */
export interface AchievementFixture {
  /** The credential `id`; default a fresh `urn:uuid:`. */
  credentialId?: string;
  /** `credentialSubject.achievement.id`. */
  achievementId: string;
  name: string;
  achievementType?: string;
  creditsAvailable?: number;
  creditsEarned?: number;
  tags?: string[];
  fieldOfStudy?: string;
  /** Alignment targets (`targetUrl`), e.g. {@link registryUrl} of a CTID. */
  alignTo?: string[];
  /** `achievement.otherIdentifier[].identifier` values (e.g. a CTID). */
  otherIdentifiers?: string[];
  /** One result against an achievement `resultDescription` of `resultType`. */
  result?: { value: string; resultType?: string };
  awardedDate?: string;
  validFrom?: string;
  validUntil?: string;
  credentialStatus?: Record<string, unknown>;
}

/**
 * An unsigned OB 3.0 `OpenBadgeCredential` for one achievement, with only the fields asked for.
 *
 * @example
 * achievementCredential(key, { achievementId: 'https://college.example/courses/eng-101', name: 'College Composition', creditsAvailable: 3 });
 */
export function achievementCredential(issuer: string | SigningKey, f: AchievementFixture): Record<string, any> {
  const achievement: Record<string, unknown> = {
    id: f.achievementId,
    type: ['Achievement'],
    achievementType: f.achievementType ?? 'Course',
    name: f.name,
    description: `${f.name} (test fixture).`,
    criteria: { narrative: `Completed ${f.name}.` },
  };
  if (f.creditsAvailable !== undefined) achievement.creditsAvailable = f.creditsAvailable;
  if (f.tags) achievement.tag = f.tags;
  if (f.fieldOfStudy) achievement.fieldOfStudy = f.fieldOfStudy;
  if (f.alignTo) {
    achievement.alignment = f.alignTo.map((targetUrl) => ({
      type: ['Alignment'],
      targetName: f.name,
      targetUrl,
      targetType: 'ceterms:Credential',
    }));
  }
  if (f.otherIdentifiers) {
    achievement.otherIdentifier = f.otherIdentifiers.map((identifier) => ({
      type: 'IdentifierEntry',
      identifier,
      identifierType: 'identifier',
    }));
  }
  const subject: Record<string, unknown> = { id: LEARNER, type: ['AchievementSubject'], achievement };
  if (f.creditsEarned !== undefined) subject.creditsEarned = f.creditsEarned;
  if (f.result) {
    const descriptionId = `${f.achievementId}/results/score`;
    achievement.resultDescription = [
      { id: descriptionId, type: ['ResultDescription'], name: 'Score', resultType: f.result.resultType ?? 'Percent' },
    ];
    subject.result = [{ type: ['Result'], resultDescription: descriptionId, value: f.result.value }];
  }
  const overrides: Record<string, unknown> = { name: f.name, credentialSubject: subject };
  if (f.credentialId !== undefined) overrides.id = f.credentialId;
  if (f.awardedDate !== undefined) overrides.awardedDate = f.awardedDate;
  if (f.validFrom !== undefined) overrides.validFrom = f.validFrom;
  if (f.validUntil !== undefined) overrides.validUntil = f.validUntil;
  if (f.credentialStatus !== undefined) overrides.credentialStatus = f.credentialStatus;
  return ob3Credential(issuer, overrides);
}

/** A pathway component (CTDL `ceterms:CredentialComponent`). */
export function component(
  id: string,
  name: string,
  match: CredentialMatcher,
  extra: Partial<PathwayComponent> = {},
): PathwayComponent {
  return { type: 'Component', id, name, match, ...extra };
}

/** An `AllOf` condition (CTDL `ceterms:ComponentCondition`, every child required). */
export function allOf(
  id: string,
  name: string,
  children: PathwayCondition['children'],
  extra: Partial<PathwayCondition> = {},
): PathwayCondition {
  return { type: 'AllOf', id, name, children, ...extra };
}

/** An `AtLeast` condition (CTDL `ceterms:ComponentCondition` with `ceterms:requiredNumber`). */
export function atLeast(
  id: string,
  name: string,
  count: number,
  children: PathwayCondition['children'],
  extra: Partial<PathwayCondition> = {},
): PathwayCondition {
  return { type: 'AtLeast', id, name, count, children, ...extra };
}
