import { OB_V3P0_CONTEXT, type SchemaValidationError, VC_V2_CONTEXT, validateCredential } from '@repo/schemas';

const AT = '/credentialSubject/achievement';

/**
 * Validates an Open Badges 3.0 Achievement (OB 3.0 §B.1.1) against the `Achievement` definition
 * of the bundled 1EdTech AchievementCredential JSON Schema: the achievement is placed in an
 * otherwise valid credential and only its own errors are kept, with pointers relative to the
 * achievement (`/criteria`, `/name` …). Empty when valid.
 *
 * @example
 * achievementErrors({ id: 'https://college.example/achievements/a', type: ['Achievement'], name: 'A' });
 * // [{ pointer: '/criteria', message: '`…criteria` is required: …' }, …]
 */
export function achievementErrors(achievement: Record<string, unknown>): SchemaValidationError[] {
  const carrier = {
    '@context': [VC_V2_CONTEXT, OB_V3P0_CONTEXT],
    id: 'urn:uuid:2f6a3c84-1d0e-4b7a-9c55-8e3f0b1a2d47',
    type: ['VerifiableCredential', 'OpenBadgeCredential'],
    name: 'carrier',
    issuer: { id: 'did:example:carrier', type: ['Profile'] },
    validFrom: '2026-01-01T00:00:00Z',
    credentialSubject: { id: 'did:example:carrier', type: ['AchievementSubject'], achievement },
  };
  const { errors } = validateCredential(carrier, 'AchievementCredential');
  return errors.map((e) => ({
    message: e.message.replaceAll('credentialSubject.achievement.', ''),
    pointer: e.pointer.startsWith(AT) ? e.pointer.slice(AT.length) : e.pointer,
  }));
}
