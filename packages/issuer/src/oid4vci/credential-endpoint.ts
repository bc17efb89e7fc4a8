import { SupportedAuthenticationScheme } from '@openid4vc/oauth2';
import type { Request, Response } from 'express';
import { type Award, claimAward, getAward } from '../awards/awards.ts';
import { ProblemError } from '../http/problem-error.ts';
import { checkIssueRequest, type SecuringOptions } from '../routes/check-issue-request.ts';
import { verifyKeyProof } from './key-proof.ts';
import { CREDENTIAL_CONFIGURATIONS, type CredentialConfigurationId } from './metadata.ts';
import { OAuthError } from './oauth-error.ts';
import type { Oid4vciContext } from './oid4vci-context.ts';
import type { GrantedDetail } from './token-endpoint.ts';

const badRequest = (detail: string) => new OAuthError('invalid_credential_request', detail);

/**
 * How an award is secured for a configuration: `ldp_vc` an embedded Data Integrity proof (the
 * template's cryptosuite, if it names one), `jwt_vc_json` a JWT (the template's `alg` and JWT
 * profile, if named; Open Badges credentials get the OB 3.0 §8.2 form by default).
 */
function securingFor(award: Award, id: CredentialConfigurationId): SecuringOptions {
  const { securing } = checkIssueRequest(award.template);
  if (CREDENTIAL_CONFIGURATIONS[id].securing === 'di') {
    return {
      format: 'di',
      ...(securing.cryptosuite && { cryptosuite: securing.cryptosuite }),
      ...(securing.mandatoryPointers && { mandatoryPointers: securing.mandatoryPointers }),
    };
  }
  return {
    format: 'jwt',
    ...(securing.alg && { alg: securing.alg }),
    ...(securing.jwtProfile && { jwtProfile: securing.jwtProfile }),
  };
}

/** Which configuration the request is for (§8.2: `credential_identifier` or `credential_configuration_id`). */
function configurationOf(
  body: Record<string, unknown>,
  granted: GrantedDetail[] | undefined,
): CredentialConfigurationId {
  const byId = body.credential_configuration_id;
  const byIdentifier = body.credential_identifier;
  if (byIdentifier !== undefined) {
    if (!granted)
      throw badRequest(
        'credential_identifier is for tokens granted with authorization_details; send credential_configuration_id.',
      );
    const detail = granted.find(
      (d) => typeof byIdentifier === 'string' && d.credential_identifiers.includes(byIdentifier),
    );
    if (!detail)
      throw new OAuthError(
        'unknown_credential_identifier',
        `${String(byIdentifier)} was not granted to this access token.`,
      );
    return detail.credential_configuration_id as CredentialConfigurationId;
  }
  if (typeof byId === 'string') {
    if (!Object.hasOwn(CREDENTIAL_CONFIGURATIONS, byId)) {
      throw new OAuthError('unknown_credential_configuration', `This issuer has no credential configuration ${byId}.`);
    }
    if (granted)
      throw badRequest(
        'This access token was granted credential_identifiers (authorization_details); send credential_identifier.',
      );
    return byId as CredentialConfigurationId;
  }
  throw badRequest('Name the credential with credential_configuration_id (OID4VCI 1.0 §8.2).');
}

/**
 * `POST /oid4vci/credential` (OID4VCI 1.0 §8): a Bearer access token from the token endpoint (RFC
 * 6750; 401 `invalid_token` with `WWW-Authenticate` otherwise), a JSON body naming the credential
 * (§8.2) with one `jwt` key proof in `proofs` (or the older singular `proof`). The proof is checked
 * ({@link verifyKeyProof}: its c_nonce is used up), then the award is claimed for the proven DID
 * (`claimAward`, `via: 'oid4vci'`), secured as the configuration says, and answered
 * `{ credentials: [{ credential }] }` (§8.3). A claimed or expired award is
 * `credential_request_denied` (§8.3.1.2).
 *
 * @example
 * app.post('/oid4vci/credential', ...ctx.body, wrap(credentialEndpoint(oid)), oauthErrors('invalid_credential_request'));
 */
export function credentialEndpoint(oid: Oid4vciContext) {
  return async (req: Request, res: Response): Promise<void> => {
    const { deps, metadata } = oid;
    const base = deps.config.publicBaseUrl;
    const { tokenPayload } = await oid.resourceServer.verifyResourceRequest({
      request: oid.requestLike(req),
      resourceServer: base,
      authorizationServers: metadata.issuerMetadata.authorizationServers,
      allowedAuthenticationSchemes: [SupportedAuthenticationScheme.Bearer],
      now: deps.clock(),
    });
    const body = { ...(req.body as Record<string, unknown>) };
    // @digitalbazaar/oid4-client before 5.12.1 sends `proofs: { proof_type: "jwt", jwt: [...] }`;
    // §8.2 has one member per proof type, so the redundant `proof_type` is dropped.
    const proofs = body.proofs as Record<string, unknown> | undefined;
    if (proofs && typeof proofs === 'object' && proofs.proof_type === 'jwt' && Array.isArray(proofs.jwt)) {
      const { proof_type: _ignored, ...rest } = proofs;
      body.proofs = rest;
    }
    const granted = tokenPayload.authorization_details as GrantedDetail[] | undefined;
    const id = configurationOf(body, granted);
    const parsed = oid.issuer.parseCredentialRequest({
      issuerMetadata: metadata.issuerMetadata,
      credentialRequest: body,
    });
    const jwts = parsed.proofs?.jwt;
    if (!jwts) throw new OAuthError('invalid_proof', 'Send one jwt key proof in proofs.jwt (OID4VCI 1.0 §8.2, §F.1).');
    if (jwts.length !== 1) throw badRequest('This issuer issues one credential per request: send one key proof.');
    const holder = await verifyKeyProof(jwts[0], {
      audience: base,
      now: deps.clock(),
      nonces: oid.nonces,
      maxAgeS: oid.nonceLifetimeS,
    });
    const award = await getAward(deps, String(tokenPayload.sub));
    if (!award) throw new OAuthError('credential_request_denied', 'The offer of this access token is gone.');
    let credential: unknown;
    try {
      const { record } = await claimAward(deps, award.id, {
        holderDid: holder.did,
        via: 'oid4vci',
        securing: securingFor(award, id),
      });
      credential = CREDENTIAL_CONFIGURATIONS[id].securing === 'jwt' ? record.jwt : record.credential;
    } catch (error) {
      if (error instanceof ProblemError && error.status < 500)
        throw new OAuthError('credential_request_denied', error.message);
      throw error;
    }
    const answer = oid.issuer.createCredentialResponse({
      credentialRequest: parsed,
      credentials: [{ credential: credential as never }],
    });
    res.setHeader('Cache-Control', 'no-store');
    res.json(answer);
  };
}
