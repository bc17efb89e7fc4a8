import express, { type Request, type Response } from 'express';
import { assertClaimable, findAwardByToken } from '../awards/awards.ts';
import { ProblemError } from '../http/problem-error.ts';
import type { RouteContext } from '../http/route-context.ts';
import { credentialEndpoint } from './credential-endpoint.ts';
import { CREDENTIAL_CONFIGURATIONS, PRE_AUTHORIZED_CODE_GRANT } from './metadata.ts';
import { oauthErrors } from './oauth-error.ts';
import { createOid4vciContext, type Oid4vciContext } from './oid4vci-context.ts';
import { tokenEndpoint } from './token-endpoint.ts';

/** Where the two metadata documents are (OID4VCI 1.0 §12.2.2, RFC 8414 §3). */
const ISSUER_METADATA_PATH = '/.well-known/openid-credential-issuer';
const AS_METADATA_PATH = '/.well-known/oauth-authorization-server';

/**
 * `GET /oid4vci/offers/:token`: the credential offer object by reference (§4.1.3), offering both
 * configurations with the pre-authorized code grant (the code is the offer token) and, when the
 * award has one, the `tx_code` object (§4.1.1: numeric, its length, where to find it). Unknown
 * token → 404; claimed, withdrawn, expired, or code already exchanged → the award problem.
 */
function credentialOffer(oid: Oid4vciContext) {
  return async (req: Request, res: Response): Promise<void> => {
    const token = String(req.params.token);
    const award = await findAwardByToken(oid.deps, token);
    if (!award) throw new ProblemError(404, 'NOT_FOUND', 'No such offer.');
    assertClaimable(award, oid.deps.clock());
    if (award.codeRedeemedAt) {
      throw new ProblemError(409, 'OFFER_CLAIMED', `A wallet already took this offer, at ${award.codeRedeemedAt}.`);
    }
    const grant: Record<string, unknown> = { 'pre-authorized_code': token };
    if (award.txCodeHash) {
      grant.tx_code = {
        length: award.txCodeLength,
        input_mode: 'numeric',
        description: 'The code the issuer sent you separately with this offer.',
      };
    }
    const { credentialOfferObject } = await oid.issuer.createCredentialOffer({
      issuerMetadata: oid.metadata.issuerMetadata,
      credentialConfigurationIds: Object.keys(CREDENTIAL_CONFIGURATIONS),
      grants: { [PRE_AUTHORIZED_CODE_GRANT]: grant },
    });
    res.setHeader('Cache-Control', 'no-store');
    res.json(credentialOfferObject);
  };
}

/**
 * OID4VCI 1.0 issuance, pre-authorized code flow, the issuer being its own authorization server:
 * - `GET /.well-known/openid-credential-issuer` (§12.2), `GET /.well-known/oauth-authorization-server`
 *   (RFC 8414, §12.3), `GET /oid4vci/jwks` (the access tokens' public key): public, CORS;
 * - `GET /oid4vci/offers/:token` (§4.1.3): the credential offer by reference; public, CORS;
 * - `POST /oid4vci/token` (§6, form body): pre-authorized code (+ `tx_code`) → access token;
 * - `POST /oid4vci/nonce` (§7): a fresh single-use `c_nonce`, `Cache-Control: no-store`;
 * - `POST /oid4vci/credential` (§8): the credential, bound to the DID of the key proof.
 * Errors of the OAuth endpoints are OAuth JSON (`{ error, error_description }`), of the others
 * RFC 9457 problems.
 *
 * @example
 * mountOid4vci(ctx);
 */
export function mountOid4vci(ctx: RouteContext): void {
  const { app, wrap, getCors, postCors } = ctx;
  const oid = createOid4vciContext(ctx.deps);
  const publicJson = (document: unknown) => (_req: Request, res: Response) => {
    res.setHeader('Cache-Control', 'public, max-age=300');
    res.json(document);
  };
  const gets = [ISSUER_METADATA_PATH, AS_METADATA_PATH, '/oid4vci/jwks', '/oid4vci/offers/:token'];
  app.options(gets, getCors);
  app.get(ISSUER_METADATA_PATH, getCors, publicJson(oid.metadata.credentialIssuer));
  app.get(AS_METADATA_PATH, getCors, publicJson(oid.metadata.authorizationServer));
  app.get(
    '/oid4vci/jwks',
    getCors,
    publicJson({ keys: [{ ...oid.accessTokenKey.publicJwk, use: 'sig', alg: 'EdDSA' }] }),
  );
  app.get('/oid4vci/offers/:token', getCors, wrap(credentialOffer(oid)));

  app.options(['/oid4vci/token', '/oid4vci/nonce'], postCors);
  const form = express.urlencoded({ extended: false, limit: '16kb', parameterLimit: 32 });
  const formOnly = (req: Request, _res: Response, next: (err?: unknown) => void) => {
    next(
      req.is('application/x-www-form-urlencoded')
        ? undefined
        : new ProblemError(
            415,
            'UNSUPPORTED_MEDIA_TYPE',
            'Send the token request as application/x-www-form-urlencoded (RFC 6749 §4.1.3).',
          ),
    );
  };
  app.post('/oid4vci/token', postCors, formOnly, form, wrap(tokenEndpoint(oid)), oauthErrors('invalid_request'));
  app.post('/oid4vci/nonce', postCors, (_req: Request, res: Response) => {
    const { challenge } = oid.nonces.issue();
    res.setHeader('Cache-Control', 'no-store');
    res.json(oid.issuer.createNonceResponse({ cNonce: challenge }));
  });
  app.post(
    '/oid4vci/credential',
    ...ctx.body,
    wrap(credentialEndpoint(oid)),
    oauthErrors('invalid_credential_request'),
  );
}
