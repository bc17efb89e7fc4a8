export {
  type CredentialJwtFormat,
  type DecodedCredentialJwt,
  decodeCredentialJwt,
  MAX_JWT_LENGTH,
} from './decode-jwt.ts';
export {
  type EnvelopedVerifiableCredential,
  type EnvelopedVerifiablePresentation,
  envelopeJwt,
  envelopePresentationJwt,
  isEnvelopedCredential,
  isEnvelopedPresentation,
  unenvelope,
  unenvelopePresentation,
  VC_JWT_DATA_URL_PREFIX,
  VP_JWT_DATA_URL_PREFIX,
} from './envelope-jwt.ts';
export {
  createJwtKeyResolver,
  type JwtKeyResolver,
  publicJwkFromMultikey,
  type ResolvedJwtKey,
  verificationMethodJwk,
} from './resolve-jwt-key.ts';
export { type JwtAlgorithm, type JwtSigningKey, type SignCredentialJwtOptions, signCredentialJwt } from './sign-jwt.ts';
export {
  type CredentialJwtVerification,
  checkJwtAlgorithms,
  DEFAULT_JWT_ALGORITHMS,
  type VerifyCredentialJwtOptions,
  verifyCredentialJwt,
} from './verify-jwt.ts';
