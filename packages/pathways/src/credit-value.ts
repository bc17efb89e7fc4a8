import type { PathwayComponent } from '@repo/schemas';
import { achievementOf, type CredentialJson, subjectOf } from './read-credential.ts';

function credits(value: unknown): number | undefined {
  return typeof value === 'number' && Number.isFinite(value) && value >= 0 ? value : undefined;
}

/**
 * The credits a credential brings to a component: the component's own `credits`, else the OB 3.0
 * subject's `creditsEarned`, else the achievement's `creditsAvailable`, else 0. Values that are
 * not finite non-negative numbers are skipped.
 *
 * @example
 * creditValue(credential, { credits: 3 }); // 3
 * creditValue({ credentialSubject: { creditsEarned: 4, achievement: { creditsAvailable: 3 } } }); // 4
 */
export function creditValue(credential: CredentialJson, component: Pick<PathwayComponent, 'credits'> = {}): number {
  return (
    credits(component.credits) ??
    credits(subjectOf(credential)?.creditsEarned) ??
    credits(achievementOf(credential)?.creditsAvailable) ??
    0
  );
}

/**
 * Sums credits without binary floating-point noise (0.1 + 0.2 → 0.3): rounds to thousandths.
 *
 * @example
 * sumCredits([0.1, 0.2]); // 0.3
 */
export function sumCredits(values: readonly number[]): number {
  return Math.round(values.reduce((a, b) => a + b, 0) * 1000) / 1000;
}
