import type { Request, Response } from 'express';
import { assertClaimable, findAwardByToken, redeemPreAuthorizedCode, txCodeMatches } from '../awards/awards.ts';
import { ProblemError } from '../http/problem-error.ts';
import { CREDENTIAL_CONFIGURATIONS, PRE_AUTHORIZED_CODE_GRANT } from './metadata.ts';
import { OAuthError } from './oauth-error.ts';
import type { Oid4vciContext } from './oid4vci-context.ts';

/** Access token lifetime: 5 minutes (OID4VCI 1.0 §13.10: longer-lived bearer tokens count as long lived). */
export const ACCESS_TOKEN_LIFETIME_S = 300;

/** Wrong transaction codes allowed per offer before it is refused for good (§13.6.3). */
export const MAX_TX_CODE_FAILURES = 5;

/** A `openid_credential` authorization details entry granted in the token response (§6.2). */
export interface GrantedDetail {
  type: 'openid_credential';
  credential_configuration_id: string;
  credential_identifiers: string[];
}

const invalidGrant = (detail: string) => new OAuthError('invalid_grant', detail);

/**
 * RFC 9396 `authorization_details` of a token request (§6.1.1): a JSON array of
 * `openid_credential` entries naming offered configurations. Each is granted with one credential
 * identifier, the configuration id itself (one credential dataset per award). Refused with
 * `invalid_authorization_details` (RFC 9396 §5) when malformed or asking for something not offered.
 */
function grantedDetails(value: unknown): GrantedDetail[] | undefined {
  if (value === undefined) return undefined;
  const refuse = (why: string) => new OAuthError('invalid_authorization_details', `authorization_details ${why}`);
  let parsed: unknown;
  try {
    parsed = typeof value === 'string' ? JSON.parse(value) : value;
  } catch {
    throw refuse('is not JSON.');
  }
  if (!Array.isArray(parsed) || parsed.length === 0) throw refuse('must be a non-empty JSON array.');
  return parsed.map((entry) => {
    const id = (entry as { credential_configuration_id?: unknown })?.credential_configuration_id;
    if ((entry as { type?: unknown })?.type !== 'openid_credential' || typeof id !== 'string') {
      throw refuse('entries must be { "type": "openid_credential", "credential_configuration_id": … }.');
    }
    if (!Object.hasOwn(CREDENTIAL_CONFIGURATIONS, id)) throw refuse(`asks for ${id}, which this offer does not hold.`);
    return { type: 'openid_credential', credential_configuration_id: id, credential_identifiers: [id] };
  });
}

/**
 * `POST /oid4vci/token` (OID4VCI 1.0 §6, RFC 6749 §4.1.3 form body): the pre-authorized code
 * grant. The code is the award's offer token; it must open an award that can still be claimed,
 * with the right transaction code when the offer has one, and it is exchanged once
 * (`redeemPreAuthorizedCode`, under the issuer's lock). Refusals per §6.3: unknown, used or
 * expired code and wrong `tx_code` → `invalid_grant`; missing or unexpected `tx_code` →
 * `invalid_request`. The answer is an RFC 9068 access token bound to the award (`sub`), signed
 * with the access-token key, living {@link ACCESS_TOKEN_LIFETIME_S}; with the granted
 * `authorization_details` when the wallet sent some.
 *
 * @example
 * app.post('/oid4vci/token', form, wrap(tokenEndpoint(oid)), oauthErrors('invalid_request'));
 */
export function tokenEndpoint(oid: Oid4vciContext) {
  return async (req: Request, res: Response): Promise<void> => {
    const { deps } = oid;
    const body = (req.body ?? {}) as Record<string, unknown>;
    const { grant } = oid.authorizationServer.parseAccessTokenRequest({
      request: oid.requestLike(req),
      accessTokenRequest: body,
    });
    if (grant.grantType !== PRE_AUTHORIZED_CODE_GRANT) {
      throw new OAuthError('unsupported_grant_type', `This issuer grants ${PRE_AUTHORIZED_CODE_GRANT} only.`);
    }
    const code = grant.preAuthorizedCode;
    const award = await findAwardByToken(deps, code);
    if (!award) throw invalidGrant('This pre-authorized code was not issued here.');
    try {
      assertClaimable(award, deps.clock());
    } catch (error) {
      if (error instanceof ProblemError) throw invalidGrant(error.message);
      throw error;
    }
    if (award.codeRedeemedAt)
      throw invalidGrant(`This pre-authorized code was already used at ${award.codeRedeemedAt}.`);
    if (award.txCodeHash) {
      if (grant.txCode === undefined)
        throw new OAuthError('invalid_request', 'This offer needs its transaction code (tx_code).');
      const failures = oid.txCodeFailures.get(award.id) ?? 0;
      if (failures >= MAX_TX_CODE_FAILURES)
        throw invalidGrant('Too many wrong transaction codes; ask the issuer for a new offer.');
      if (!txCodeMatches(award, grant.txCode)) {
        oid.txCodeFailures.set(award.id, failures + 1);
        throw invalidGrant('The transaction code (tx_code) is not right.');
      }
    } else if (grant.txCode !== undefined) {
      throw new OAuthError('invalid_request', 'This offer has no transaction code; send none (tx_code).');
    }
    const details = grantedDetails(body.authorization_details);
    try {
      await redeemPreAuthorizedCode(deps, award.id);
    } catch (error) {
      if (error instanceof ProblemError && error.status < 500) throw invalidGrant(error.message);
      throw error;
    }
    oid.txCodeFailures.delete(award.id);
    const base = deps.config.publicBaseUrl;
    const answer = await oid.authorizationServer.createAccessTokenResponse({
      authorizationServer: base,
      audience: base,
      subject: award.id,
      expiresInSeconds: ACCESS_TOKEN_LIFETIME_S,
      signer: { method: 'jwk', alg: 'EdDSA', publicJwk: oid.accessTokenKey.publicJwk as never },
      now: deps.clock(),
      ...(details && { additionalAccessTokenPayload: { authorization_details: details } }),
      // RFC 6749 §5.1: token_type is case-insensitive; @digitalbazaar/oid4-client accepts "bearer" only.
      additionalAccessTokenResponsePayload: {
        token_type: 'bearer',
        ...(details && { authorization_details: details }),
      },
    });
    deps.logger.info({ awardId: award.id }, 'oid4vci pre-authorized code exchanged');
    res.setHeader('Cache-Control', 'no-store');
    res.json(answer);
  };
}
