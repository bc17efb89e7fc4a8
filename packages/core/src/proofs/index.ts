export { proofProblem } from './proof-errors.ts';
export { CRYPTOSUITE, type SignOptions, signCredential } from './sign-credential.ts';
export {
  generateSigningKey,
  importSigningKey,
  type SerializedSigningKey,
  type Signer,
  type SigningKey,
} from './signing-key.ts';
export { type ProofResult, verifyCredentialProof, verifyPresentationProof } from './verify-proof.ts';
