export type { Ob2Baked, PngChunk } from './baking/index.ts';
export {
  bakePng,
  bakeSvg,
  OB2_PNG_KEYWORD,
  OB2_SVG_NAMESPACE,
  OPEN_BADGES_SVG_NAMESPACE,
  PNG_CREDENTIAL_KEYWORD,
  parseBaked,
  parseOb2Baked,
  readPngChunks,
  unbakeOb2Png,
  unbakeOb2Svg,
  unbakePng,
  unbakeSvg,
  writePngChunks,
} from './baking/index.ts';
export type { CredentialSecuring, CredentialSecuringFormat, OpenedCredential } from './credential/index.ts';
export { openCredential } from './credential/index.ts';
export { type DidDocumentKey, type DidDocumentKeySet, didDocumentOf } from './did/did-document-of.ts';
export type { DecodedMultikey, MultikeyAlgorithm } from './did/did-key.ts';
export { decodeMultikey, encodeMultikey } from './did/did-key.ts';
export type {
  DereferencedVerificationMethod,
  DidCacheOptions,
  DidResolver,
  DidResolverOptions,
  DidWebResolverOptions,
  SigningTime,
} from './did/index.ts';
export {
  checkVerificationMethodUse,
  createDidResolver,
  createDidWebResolver,
  DID_CONTEXT_V1,
  decodeBase58btc,
  decodeEd25519Multikey,
  didKeyDocument,
  didKeyFromPublicKey,
  didKeyResolver,
  didWebUrl,
  encodeBase58btc,
  encodeEd25519Multikey,
  MULTIKEY_CONTEXT_V1,
  parseProofDateTime,
  readOnlyDereferenceOf,
} from './did/index.ts';
export type { DeclaredDigest, RelatedResource, RelatedResourceOutcome } from './digest/index.ts';
export {
  checkRelatedResourceDigests,
  matchDigests,
  matchPublishedDigest,
  PUBLISHED_DIGESTS,
  parseDigestMultibase,
  parseDigestSri,
  readRelatedResources,
} from './digest/index.ts';
export type {
  CredentialJwtFormat,
  CredentialJwtVerification,
  DecodedCredentialJwt,
  DecodedPresentationJwt,
  EnvelopedVerifiableCredential,
  EnvelopedVerifiablePresentation,
  JwtAlgorithm,
  JwtKeyResolver,
  JwtProfile,
  JwtSigningKey,
  KeyRelationship,
  PresentationJwtFormat,
  PresentationJwtVerification,
  ResolvedJwtKey,
  SignCredentialJwtOptions,
  VerifyCredentialJwtOptions,
  VerifyPresentationJwtOptions,
} from './jwt/index.ts';
export {
  ASYMMETRIC_JWS_ALGORITHMS,
  checkJwtAlgorithms,
  createJwtKeyResolver,
  DEFAULT_JWT_ALGORITHMS,
  DEFAULT_VERIFIER_JWT_ALGORITHMS as CORE_DEFAULT_VERIFIER_JWT_ALGORITHMS,
  decodeCredentialJwt,
  decodePresentationJwt,
  defaultJwtProfile,
  envelopeJwt,
  envelopePresentationJwt,
  isCompactJws,
  isEnvelopedCredential,
  isEnvelopedPresentation,
  JWT_ALGORITHMS,
  JWT_PROFILES,
  MAX_JWT_LENGTH,
  publicJwkFromMultikey,
  signCredentialJwt,
  unenvelope,
  unenvelopePresentation,
  VC_JWT_DATA_URL_PREFIX,
  VP_JWT_DATA_URL_PREFIX,
  verificationMethodJwk,
  verifyCredentialJwt,
  verifyPresentationJwt,
} from './jwt/index.ts';
export { jwtKeyResolverAt, jwtSigningTime } from './jwt/resolve-jwt-key.ts';
export type { ContextPolicyOptions, DocumentLoader, DocumentLoaderOptions, RemoteDocument } from './loader/index.ts';
export {
  assertJsonLdSafe,
  createDocumentLoader,
  definesVocab,
  findContextProblem,
  findNonCompactedMember,
  PROTECTED_VOCABULARIES,
  TESTING_CONTEXTS,
} from './loader/index.ts';
export type {
  GuardedFetch,
  GuardedFetchOptions,
  GuardedFetchRequestOptions,
  GuardedResponse,
  HostLookup,
  NetErrorReason,
} from './net/index.ts';
export {
  createGuardedFetch,
  DEFAULT_MAX_BYTES,
  DEFAULT_TIMEOUT_MS,
  guardedFetch,
  isForbiddenAddress,
  NetError,
} from './net/index.ts';
export type { ProblemCodeInfo } from './problem-codes.ts';
export { PROBLEM_CODES } from './problem-codes.ts';
export type { Problem, ProblemCode } from './problems.ts';
export { OUR_PROBLEM_TYPE_BASE, pointerOf, problem, VcError } from './problems.ts';
export { cloneJson } from './proofs/fast/clone-json.ts';
export type {
  Cryptosuite,
  DeriveOptions,
  KeyAlgorithm,
  ProofResult,
  ProofTimeOptions,
  SerializedSigningKey,
  Signer,
  SigningKey,
  SignOptions,
} from './proofs/index.ts';
export {
  CRYPTOSUITE,
  CRYPTOSUITES,
  checkProofTimes,
  DEFAULT_CRYPTOSUITE,
  deriveCredential,
  ED25519_2018_CONTEXT_V1,
  ED25519_2020_CONTEXT_V1,
  ED25519_SIGNATURE_2018,
  ED25519_SIGNATURE_2020,
  generateSigningKey,
  importSigningKey,
  KEY_ALGORITHMS,
  MAX_PROOFS,
  proofProblem,
  SUITE_ALGORITHMS,
  sdProofMode,
  signCredential,
  verifyCredentialProof,
  verifyPresentationProof,
} from './proofs/index.ts';
export {
  decodeList,
  encodeList,
  MAX_LIST_BYTES,
  MIN_LIST_BITS,
  parseStatusListIndex,
  readStatus,
  writeStatus,
} from './status-list/index.ts';
