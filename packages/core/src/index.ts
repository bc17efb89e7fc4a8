export type {
  DereferencedVerificationMethod,
  DidCacheOptions,
  DidResolver,
  DidResolverOptions,
  DidWebResolverOptions,
} from './did/index.ts';
export {
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
} from './did/index.ts';
export type { DocumentLoader, DocumentLoaderOptions, RemoteDocument } from './loader/index.ts';
export { createDocumentLoader } from './loader/index.ts';
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
export type { Problem, ProblemCode } from './problems.ts';
export { pointerOf, problem, VcError } from './problems.ts';
export type { ProofResult, SerializedSigningKey, Signer, SigningKey, SignOptions } from './proofs/index.ts';
export {
  CRYPTOSUITE,
  generateSigningKey,
  importSigningKey,
  proofProblem,
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
