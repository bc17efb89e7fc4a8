import { type AuthorizationServerMetadata, Oauth2AuthorizationServer } from '@openid4vc/oauth2';
import {
  type CredentialIssuerMetadata,
  type IssuerMetadataResult,
  Openid4vciIssuer,
  Openid4vciVersion,
} from '@openid4vc/openid4vci';
import { setGlobalConfig } from '@openid4vc/utils';
import { type Cryptosuite, SUITE_ALGORITHMS } from '@repo/core';
import { OB_V3P0_CONTEXT, VC_V2_CONTEXT } from '@repo/schemas';
import type { AppDeps } from '../deps.ts';
import { DEFAULT_JWT_ALG } from '../keys/choose-key.ts';
import type { SecuringOptions } from '../routes/check-issue-request.ts';
import type { oid4vciCallbacks } from './callbacks.ts';

/** OAuth 2.0 grant type of the pre-authorized code flow (OID4VCI 1.0 §4.1.1, §15.1). */
export const PRE_AUTHORIZED_CODE_GRANT = 'urn:ietf:params:oauth:grant-type:pre-authorized_code';

/** The credential configurations this issuer offers, and how each is secured. */
export const CREDENTIAL_CONFIGURATIONS = {
  /** OID4VCI 1.0 §A.1.2: the credential with an embedded Data Integrity proof. */
  OpenBadgeCredential_ldp_vc: { format: 'ldp_vc', securing: 'di' },
  /** OID4VCI 1.0 §A.1.1: the credential as a JWT (Open Badges 3.0 §8.2 form). */
  OpenBadgeCredential_jwt_vc_json: { format: 'jwt_vc_json', securing: 'jwt' },
} as const satisfies Record<string, { format: string; securing: SecuringOptions['format'] }>;

/** A credential configuration id of {@link CREDENTIAL_CONFIGURATIONS}. */
export type CredentialConfigurationId = keyof typeof CREDENTIAL_CONFIGURATIONS;

/** Algorithms a wallet may sign its key proof with (OID4VCI 1.0 §F.1; asymmetric only). */
export const PROOF_SIGNING_ALGS = ['EdDSA', 'ES256', 'ES384'] as const;

/** DID methods (and bare JWKs, bound as did:jwk) a credential can be bound to (§12.2.4). */
export const BINDING_METHODS = ['did:key', 'did:jwk', 'jwk'] as const;

/** Every OID4VCI URL of the service, under its public base URL (the credential issuer identifier). */
export interface Oid4vciEndpoints {
  credentialIssuer: string;
  token: string;
  nonce: string;
  credential: string;
  jwks: string;
}

/**
 * The OID4VCI endpoints under `base`.
 *
 * @example
 * oid4vciEndpoints('https://issuer.example').token; // 'https://issuer.example/oid4vci/token'
 */
export function oid4vciEndpoints(base: string): Oid4vciEndpoints {
  return {
    credentialIssuer: base,
    token: `${base}/oid4vci/token`,
    nonce: `${base}/oid4vci/nonce`,
    credential: `${base}/oid4vci/credential`,
    jwks: `${base}/oid4vci/jwks`,
  };
}

/** What the service publishes: both metadata documents, and the form the libraries take. */
export interface Oid4vciMetadata {
  /** `GET /.well-known/openid-credential-issuer` (OID4VCI 1.0 §12.2). */
  credentialIssuer: CredentialIssuerMetadata;
  /** `GET /.well-known/oauth-authorization-server` (RFC 8414 §2, OID4VCI 1.0 §12.3). */
  authorizationServer: AuthorizationServerMetadata;
  /** For `@openid4vc/openid4vci` (`parseCredentialRequest`). */
  issuerMetadata: IssuerMetadataResult;
}

/**
 * Builds and validates (with the `@openid4vc` metadata schemas) the credential issuer metadata
 * and the authorization server metadata; the issuer is its own authorization server. The signing
 * algorithms listed are what the issuer's signing key makes by default (§A.1.1 JOSE `alg`, §A.1.2
 * cryptosuite). For `@digitalbazaar/oid4-client` (the Learner Credential Wallet's library), which
 * reads AS metadata from the credential issuer's document, `issuer`, `token_endpoint`,
 * `grant_types_supported` and `authorization_details_types_supported` are repeated there
 * (additional parameters, §12.2.4: wallets ignore what they do not know). A plain-http base URL
 * (a loopback development server) switches the libraries' https-only URL checks off.
 *
 * @example
 * const { credentialIssuer } = buildOid4vciMetadata(deps, callbacks);
 */
export function buildOid4vciMetadata(deps: AppDeps, callbacks: ReturnType<typeof oid4vciCallbacks>): Oid4vciMetadata {
  const base = deps.config.publicBaseUrl;
  if (base.startsWith('http://')) setGlobalConfig({ allowInsecureUrls: true });
  const urls = oid4vciEndpoints(base);
  const keyAlgorithm = deps.keys.signing.algorithm;
  const suites = (Object.keys(SUITE_ALGORITHMS) as Cryptosuite[]).filter(
    (s) => SUITE_ALGORITHMS[s].includes(keyAlgorithm) && !s.includes('-jcs-'),
  );
  const proof = {
    cryptographic_binding_methods_supported: [...BINDING_METHODS],
    proof_types_supported: { jwt: { proof_signing_alg_values_supported: [...PROOF_SIGNING_ALGS] } },
  };
  const type = ['VerifiableCredential', 'OpenBadgeCredential'];
  const display = (suffix: string) => ({
    credential_metadata: { display: [{ name: `Open Badge${suffix}`, locale: 'en' }] },
  });
  const oauth = new Oauth2AuthorizationServer({ callbacks });
  const authorizationServer = oauth.createAuthorizationServerMetadata({
    issuer: base,
    token_endpoint: urls.token,
    jwks_uri: urls.jwks,
    grant_types_supported: [PRE_AUTHORIZED_CODE_GRANT],
    'pre-authorized_grant_anonymous_access_supported': true,
    token_endpoint_auth_methods_supported: ['none'],
    authorization_details_types_supported: ['openid_credential'],
  });
  const issuer = new Openid4vciIssuer({ callbacks });
  const credentialIssuer = issuer.createCredentialIssuerMetadata({
    credential_issuer: base,
    credential_endpoint: urls.credential,
    nonce_endpoint: urls.nonce,
    credential_configurations_supported: {
      OpenBadgeCredential_ldp_vc: {
        format: 'ldp_vc',
        credential_definition: { '@context': [VC_V2_CONTEXT, OB_V3P0_CONTEXT], type },
        credential_signing_alg_values_supported: suites,
        ...proof,
        ...display(''),
      },
      OpenBadgeCredential_jwt_vc_json: {
        format: 'jwt_vc_json',
        credential_definition: { type },
        credential_signing_alg_values_supported: [DEFAULT_JWT_ALG[keyAlgorithm]],
        ...proof,
        ...display(' (JWT)'),
      },
    },
    // Repeated from the AS metadata for @digitalbazaar/oid4-client (see above).
    issuer: base,
    token_endpoint: urls.token,
    grant_types_supported: [PRE_AUTHORIZED_CODE_GRANT],
    authorization_details_types_supported: ['openid_credential'],
  } as CredentialIssuerMetadata);
  const issuerMetadata: IssuerMetadataResult = {
    originalDraftVersion: Openid4vciVersion.V1,
    credentialIssuer,
    authorizationServers: [authorizationServer],
    knownCredentialConfigurations: issuer.getKnownCredentialConfigurationsSupported(credentialIssuer),
  };
  return { credentialIssuer, authorizationServer, issuerMetadata };
}
