export { type CredentialJwtFormat, type DecodedCredentialJwt, decodeCredentialJwt } from './decode-jwt.ts';
export {
  type DecodedPresentationJwt,
  decodePresentationJwt,
  type PresentationJwtFormat,
} from './decode-presentation-jwt.ts';
export {
  type EnvelopedVerifiableCredential,
  type EnvelopedVerifiablePresentation,
  envelopeJwt,
  envelopePresentationJwt,
  isCompactJws,
  isEnvelopedCredential,
  isEnvelopedPresentation,
  unenvelope,
  unenvelopePresentation,
  VC_JWT_DATA_URL_PREFIX,
  VP_JWT_DATA_URL_PREFIX,
} from './envelope-jwt.ts';
export {
  ASYMMETRIC_JWS_ALGORITHMS,
  checkJwtAlgorithms,
  DEFAULT_JWT_ALGORITHMS,
  DEFAULT_VERIFIER_JWT_ALGORITHMS,
  JWT_ALGORITHMS,
} from './jwt-algorithms.ts';
export { defaultJwtProfile, JWT_PROFILES, type JwtProfile } from './jwt-profile.ts';
export {
  createJwtKeyResolver,
  type JwtKeyResolver,
  type KeyRelationship,
  publicJwkFromMultikey,
  type ResolvedJwtKey,
  verificationMethodJwk,
} from './resolve-jwt-key.ts';
export { type JwtAlgorithm, type JwtSigningKey, type SignCredentialJwtOptions, signCredentialJwt } from './sign-jwt.ts';
export { MAX_JWT_LENGTH } from './split-compact-jws.ts';
export { type CredentialJwtVerification, type VerifyCredentialJwtOptions, verifyCredentialJwt } from './verify-jwt.ts';
export {
  type PresentationJwtVerification,
  type VerifyPresentationJwtOptions,
  verifyPresentationJwt,
} from './verify-presentation-jwt.ts';
