export { checkCredentialShape } from './checks/check-format.ts';
export { checkIssuer, issuerIdOf } from './checks/check-issuer.ts';
export { checkSchema } from './checks/check-schema.ts';
export { checkStatus, type StatusCheckContext } from './checks/check-status.ts';
export { checkValidityPeriod } from './checks/check-validity-period.ts';
export {
  createStatusListFetcher,
  createVerifier,
  type PresentationOptions,
  type Verifier,
  verifyCredential,
  verifyPresentation,
} from './create-verifier.ts';
export { StatusListCache, type VerifiedStatusList } from './status-list-cache.ts';
export type {
  Check,
  CheckId,
  CheckStatus,
  CredentialVerification,
  DidDereferencer,
  PresentationVerification,
  StatusListFetcher,
  VerifierOptions,
} from './types.ts';
