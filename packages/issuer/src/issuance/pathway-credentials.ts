import { type Pathway, VC_V2_CONTEXT } from '@repo/schemas';
import type { AppDeps } from '../deps.ts';
import { isoSeconds, newCredentialId } from './sign-and-store.ts';

const V2 = VC_V2_CONTEXT;
const OB = 'https://purl.imsglobal.org/spec/ob/v3p0/context-3.0.3.json';
const CLR = 'https://purl.imsglobal.org/spec/clr/v2p0/context-2.0.1.json';

/** What the pathway evaluation counted, as the credential builders need it. */
export interface CountedCredentials {
  /** The credentials that satisfied requirements or earned advanced standing, as they were sent. */
  credentials: Array<Record<string, unknown>>;
  /** The same credentials as plain JSON (a VC-JWT's payload), in the same order. */
  decoded: Array<Record<string, unknown>>;
  /** Ids of the credentials granted advanced standing (credit for prior learning). */
  standing: Set<string>;
  /** Credits counted at the root. */
  credits: number;
}

function issuerProfile(deps: AppDeps, pathway: Pathway): Record<string, unknown> {
  const creator = pathway.destination.achievement.creator as { name?: unknown } | undefined;
  const profile: Record<string, unknown> = { id: deps.key.controller, type: ['Profile'] };
  if (creator && typeof creator.name === 'string') profile.name = creator.name;
  return profile;
}

function achievementOf(credential: Record<string, unknown>): Record<string, unknown> | undefined {
  const subject = credential.credentialSubject as { achievement?: Record<string, unknown> } | undefined;
  return subject?.achievement;
}

function evidenceFor(counted: CountedCredentials): Array<Record<string, unknown>> {
  return counted.decoded.map((c) => ({
    id: c.id,
    type: ['Evidence'],
    name: String(achievementOf(c)?.name ?? c.name ?? c.id),
    description: counted.standing.has(String(c.id))
      ? 'Counted as advanced standing (credit for prior learning).'
      : 'Counted toward a requirement of the pathway.',
  }));
}

/**
 * The Open Badges 3.0 credential for a pathway's destination achievement: awarded when the
 * pathway is complete, or — with `inProgress` — a progress credential whose result status is
 * `InProgress` (OB 3.0 ResultStatusType). The counted credentials are listed as `evidence`.
 *
 * @example
 * const unsigned = destinationCredential(deps, pathway, 'did:example:worker', counted, { inProgress: false });
 */
export function destinationCredential(
  deps: AppDeps,
  pathway: Pathway,
  recipient: string,
  counted: CountedCredentials,
  options: { inProgress: boolean },
): Record<string, unknown> {
  const now = isoSeconds(deps.clock());
  const achievement = pathway.destination.achievement;
  const subject: Record<string, unknown> = {
    id: recipient,
    type: ['AchievementSubject'],
    achievement,
    creditsEarned: counted.credits,
  };
  if (options.inProgress) subject.result = [{ type: ['Result'], status: 'InProgress' }];
  return {
    '@context': [V2, OB],
    id: newCredentialId(),
    type: ['VerifiableCredential', 'OpenBadgeCredential'],
    name: options.inProgress ? `${achievement.name} (in progress)` : achievement.name,
    issuer: issuerProfile(deps, pathway),
    validFrom: now,
    ...(options.inProgress ? {} : { awardedDate: now }),
    credentialSubject: subject,
    evidence: evidenceFor(counted),
  };
}

/**
 * A CLR 2.0 `ClrCredential` bundling the credentials that satisfied the pathway, with the
 * destination and their achievements, and `association`s: every counted achievement `isPartOf`
 * the destination; advanced standing `precedes` it (prior learning that comes before the
 * program). `partial` is true while the pathway is incomplete.
 *
 * @example
 * const unsigned = clrCredential(deps, pathway, 'did:example:worker', counted, { complete: true });
 */
export function clrCredential(
  deps: AppDeps,
  pathway: Pathway,
  recipient: string,
  counted: CountedCredentials,
  options: { complete: boolean },
): Record<string, unknown> {
  const destination = pathway.destination.achievement;
  const achievements = new Map<string, Record<string, unknown>>([[destination.id, destination]]);
  const association = new Map<string, Record<string, unknown>>();
  for (const c of counted.decoded) {
    const a = achievementOf(c);
    if (!a || typeof a.id !== 'string') continue;
    if (!achievements.has(a.id)) achievements.set(a.id, a);
    const associationType = counted.standing.has(String(c.id)) ? 'precedes' : 'isPartOf';
    association.set(`${associationType} ${a.id}`, {
      type: ['Association'],
      associationType,
      sourceId: a.id,
      targetId: destination.id,
    });
  }
  return {
    '@context': [V2, CLR, OB],
    id: newCredentialId(),
    type: ['VerifiableCredential', 'ClrCredential'],
    name: `${pathway.name}${options.complete ? '' : ' (in progress)'}`,
    issuer: issuerProfile(deps, pathway),
    validFrom: isoSeconds(deps.clock()),
    partial: !options.complete,
    credentialSubject: {
      id: recipient,
      type: ['ClrSubject'],
      verifiableCredential: counted.credentials,
      achievement: [...achievements.values()],
      association: [...association.values()],
    },
  };
}
