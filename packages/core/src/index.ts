export type { DocumentLoader, DocumentLoaderOptions, RemoteDocument } from './loader/index.ts';
export { createDocumentLoader } from './loader/index.ts';
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
