import type { Request, Response } from 'express';
import type { ChallengeStore } from '../challenges/challenge-store.ts';

/**
 * `POST /challenges` (VC-API "Create Challenge"; public): a fresh single-use challenge for a
 * relying party to give a holder, who signs a presentation with it (Data Integrity `challenge`,
 * `vp+jwt` `nonce`). 200 `{ challenge, expires }`, `Cache-Control: no-store`. The request body is
 * not read. The challenge is then checked by `POST /presentations/verify` with
 * `options.challenge` (and `options.requireIssuedChallenge: true` to refuse any other): accepted
 * once, before `expires`.
 *
 * @example
 * app.post('/challenges', createChallengeRoute(challenges));
 */
export function createChallengeRoute(challenges: ChallengeStore) {
  return (_req: Request, res: Response): void => {
    res.setHeader('Cache-Control', 'no-store');
    res.status(200).json(challenges.issue());
  };
}
