import type { AdvancedStanding } from '@repo/schemas';
import type { AcceptedCredential } from './compare-credentials.ts';
import { matchCredential } from './match-credential.ts';
import type { GrantedStanding } from './types.ts';

/**
 * Grants advanced standing (CTDL `ceterms:isAdvancedStandingFor`, credit for prior learning) to
 * credentials that no component used. Standings are taken in pathway order and each goes to every
 * still-unused credential that fits its `match`, in credential order; a credential granted
 * standing is then used, so it earns at most one standing and is never counted twice.
 *
 * @example
 * grantStanding(pathway.advancedStanding ?? [], credentials, new Set([0, 2]));
 * // [{ id: 'military-training', name: '…', credentialId: 'urn:uuid:…', credits: 6, toward: 'electives' }]
 */
export function grantStanding(
  standings: readonly AdvancedStanding[],
  credentials: readonly AcceptedCredential[],
  used: ReadonlySet<number>,
): Array<GrantedStanding & { index: number }> {
  const taken = new Set(used);
  const granted: Array<GrantedStanding & { index: number }> = [];
  for (const standing of standings) {
    credentials.forEach((c, index) => {
      if (taken.has(index) || !matchCredential(c.credential, standing.match)) return;
      taken.add(index);
      granted.push({
        id: standing.id,
        name: standing.name,
        credentialId: c.key,
        credits: standing.credits,
        toward: standing.toward,
        index,
      });
    });
  }
  return granted;
}
