export { checkProofTimes } from './check-proof-times.ts';
export {
  CRYPTOSUITES,
  type Cryptosuite,
  ED25519_2020_CONTEXT_V1,
  ED25519_SIGNATURE_2020,
  SUITE_ALGORITHMS,
} from './cryptosuites.ts';
export { type DeriveOptions, deriveCredential } from './derive-credential.ts';
export { ED25519_2018_CONTEXT_V1, ED25519_SIGNATURE_2018 } from './ed25519-signature-2018.ts';
export { MAX_PROOFS } from './precheck-proofs.ts';
export { proofProblem } from './proof-errors.ts';
export { sdProofMode } from './sd-proof-mode.ts';
export { CRYPTOSUITE, DEFAULT_CRYPTOSUITE, type SignOptions, signCredential } from './sign-credential.ts';
export {
  generateSigningKey,
  importSigningKey,
  KEY_ALGORITHMS,
  type KeyAlgorithm,
  type SerializedSigningKey,
  type Signer,
  type SigningKey,
} from './signing-key.ts';
export {
  type ProofResult,
  type ProofTimeOptions,
  verifyCredentialProof,
  verifyPresentationProof,
} from './verify-proof.ts';
