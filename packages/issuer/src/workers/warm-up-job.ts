import { OB_V3P0_CONTEXT, VC_V2_CONTEXT } from '@repo/schemas';
import type { SignJob } from './sign-messages.ts';

/** The job id of {@link warmUpJob}: no caller's job has it (theirs count from 1). */
export const WARM_UP_JOB_ID = -1;

/**
 * A job a worker runs first, whose outcome nobody reads: one made-up Open Badges 3.0 batch row
 * (full form, three status entries, never stored or answered) issued as a batch row is, so the
 * worker compiles the request and Open Badges schemas, processes the contexts and optimises the
 * signing code before the first real job instead of during it (~1 s of CPU a worker). Its status
 * indexes are not allocated: nothing it signs leaves the worker.
 *
 * @example
 * worker.postMessage([warmUpJob(keys.signing.controller)]);
 */
export function warmUpJob(controller: string): SignJob {
  const now = new Date();
  const achievement = {
    id: 'https://warm-up.invalid/achievements/warm-up',
    type: ['Achievement'],
    achievementType: 'Certification',
    name: 'Warm-up',
    description: 'Warms a signing worker up.',
    criteria: { narrative: 'None.' },
  };
  const credential = {
    '@context': [VC_V2_CONTEXT, OB_V3P0_CONTEXT],
    type: ['VerifiableCredential', 'OpenBadgeCredential'],
    issuer: { id: controller, type: ['Profile'] },
    name: 'Warm-up',
    credentialSubject: {
      type: ['AchievementSubject'],
      identifier: [
        {
          type: 'IdentityObject',
          identityHash: `sha256$${'0'.repeat(64)}`,
          identityType: 'emailAddress',
          hashed: true,
          salt: '0'.repeat(32),
        },
      ],
      achievement,
      creditsEarned: 1,
    },
  };
  return {
    id: WARM_UP_JOB_ID,
    created: now,
    issue: {
      now,
      format: 'jsonl',
      controller,
      config: {
        publicBaseUrl: 'https://warm-up.invalid',
        defaultStatusPurposes: ['revocation', 'suspension'],
        renewableLifecycle: true,
      },
      documents: new Map(),
      rows: [
        {
          body: { credential },
          slots: [
            { purpose: 'revocation', list: 0, index: 0 },
            { purpose: 'suspension', list: 0, index: 0 },
            { purpose: 'lifecycle', list: 0, index: 0 },
          ],
        },
      ],
      bytes: true,
    },
  };
}
