import { VC_V1_CONTEXT, VC_V2_CONTEXT, vcDataModelOf } from '@repo/schemas';
import { assertClaimable, claimAward, findAwardByToken } from '../awards/awards.ts';
import { offerUrls } from '../awards/offer-urls.ts';
import { ProblemError } from '../http/problem-error.ts';
import { requestBody } from '../http/request-body.ts';
import type { RouteContext } from '../http/route-context.ts';
import { currentForm } from '../issuance/issue-response.ts';
import { readDidAuth, verifyDidAuth } from './check-did-auth.ts';
import { didAuthRequest, exchangeDomain } from './did-auth-request.ts';
import { bindExchangeChallenges } from './exchange-challenges.ts';

/** The body of `POST /exchanges/:token`: VCALM's exchange client message, as far as we take it. */
export const EXCHANGE_BODY = {
  type: 'object',
  description: 'Send {} to start the exchange, then { "verifiablePresentation": <your signed DID authentication> }.',
  properties: {
    verifiablePresentation: {
      type: 'object',
      description:
        'verifiablePresentation must be one presentation object, signed by its holder (a Data Integrity proof, proofPurpose "authentication").',
    },
    referenceId: { type: 'string', description: 'referenceId must be a string.' },
  },
  additionalProperties: false,
} as const;

/**
 * VC-API exchanges (VCALM §"Workflows and Exchanges") for the Learner Credential Wallet and other
 * VC-API wallets, reached from the offer's interaction URL (`protocols.vcapi`) or its LCW deep
 * link. `POST /exchanges/:token` (public, CORS; the offer token is the capability):
 * - `{}` → 200 `{ verifiablePresentationRequest }`: DID Authentication with a fresh single-use
 *   challenge bound to this exchange and `domain` the service's host;
 * - `{ verifiablePresentation }` (the holder's signed DID authentication) → the award is claimed
 *   for the holder's DID and 200 `{ verifiablePresentation: { type: ['VerifiablePresentation'],
 *   verifiableCredential: [credential] } }`, the shape LCW reads.
 *
 * Refusals are problems and issue nothing: unknown token 404, claimed 409 `OFFER_CLAIMED`,
 * expired or withdrawn 410 `OFFER_EXPIRED`, and the DID authentication's own (422: a challenge
 * not issued by this exchange, used or expired, the domain, the signature, a holder that is not
 * the signer — {@link readDidAuth}, {@link verifyDidAuth}). The challenge is checked first, so a
 * replayed presentation is `INVALID_CHALLENGE_ERROR`; it is used up only when everything passed.
 * The exchange's state is the award's (`GET /awards/:id`, for the issuer).
 *
 * @example
 * mountExchanges(ctx);
 */
export function mountExchanges(ctx: RouteContext): void {
  const { app, deps, body, wrap, postCors } = ctx;
  const base = deps.config.publicBaseUrl;
  const domain = exchangeDomain(base);
  const challenges = bindExchangeChallenges(ctx.challenges, deps.clock);
  const path = '/exchanges/:token';
  app.options(path, postCors);
  app.post(
    path,
    postCors,
    ...body,
    requestBody(EXCHANGE_BODY, 'Send {} to start, then { "verifiablePresentation": … }.'),
    wrap(async (req, res) => {
      const token = String(req.params.token);
      const award = await findAwardByToken(deps, token);
      if (!award) throw new ProblemError(404, 'NOT_FOUND', 'No such exchange.');
      res.setHeader('Cache-Control', 'no-store');
      const vp = (req.body as { verifiablePresentation?: Record<string, unknown> }).verifiablePresentation;
      if (vp === undefined) {
        assertClaimable(award, deps.clock());
        const { challenge } = challenges.issue(award.id);
        res.json(didAuthRequest({ challenge, domain, exchangeUrl: offerUrls(base, token).exchangeUrl }));
        return;
      }
      const { holder, challenge } = readDidAuth(vp, { awardId: award.id, challenges });
      assertClaimable(award, deps.clock());
      await verifyDidAuth(deps, vp, { challenge, domain });
      // Used up only now, synchronously: of two presentations with one challenge, one gets this far.
      const used = challenges.use(challenge);
      if (!used.ok) {
        throw new ProblemError(422, 'INVALID_CHALLENGE_ERROR', 'The challenge was already used.', {
          pointer: '/verifiablePresentation/proof/challenge',
        });
      }
      const { record } = await claimAward(deps, award.id, { holderDid: holder, via: 'vcapi' });
      const credential = currentForm(record);
      const context =
        typeof credential === 'object' && vcDataModelOf(credential) === '1.1' ? VC_V1_CONTEXT : VC_V2_CONTEXT;
      res.json({
        verifiablePresentation: {
          '@context': [context],
          type: ['VerifiablePresentation'],
          verifiableCredential: [credential],
        },
      });
    }),
  );
}
