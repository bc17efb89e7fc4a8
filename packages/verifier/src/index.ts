export { checkCredentialShape } from './checks/check-format.ts';
export { checkIssuer, issuerIdOf } from './checks/check-issuer.ts';
export {
  checkRefresh,
  REFRESH_SERVICE_TYPE,
  type RefreshCheckContext,
  type RefreshOutcome,
} from './checks/check-refresh.ts';
export { checkRelatedResources } from './checks/check-related-resources.ts';
export { checkSchema } from './checks/check-schema.ts';
export { checkValidityPeriod } from './checks/check-validity-period.ts';
export { checkStatus } from './checks/status/check-status.ts';
export type { StatusCheckContext } from './checks/status/status-types.ts';
export {
  type CallOptions,
  createStatusListFetcher,
  createVerifier,
  DEFAULT_VERIFIER_JWT_ALGORITHMS,
  type PresentationOptions,
  type Verifier,
  verifyCredential,
  verifyPresentation,
} from './create-verifier.ts';
export { checkWords } from './describe-check.ts';
export { describeLifecycle, findRenewalPolicy, type LifecycleInput } from './describe-lifecycle.ts';
export { type IdentityHashAlgorithm, identityHash, identityHashMatches } from './identity/identity-hash.ts';
export { type IdentityMatch, type IdentityMatchOutcome, matchesIdentity } from './identity/match-identity.ts';
export type { CredentialVersion } from './input/detect-version.ts';
export type { CredentialInput, CredentialInputFailure, CredentialInputKind } from './input/input-types.ts';
export { readCredentialInput } from './input/read-credential-input.ts';
export { createOb2Fetcher } from './ob2/ob2-fetcher.ts';
export { StatusListCache, type VerifiedStatusList } from './status-list-cache.ts';
export { summarizeCredential } from './summary/credential-summary.ts';
export { describeIssuer, findRegisteredIssuer, trustedIssuerIds } from './trust-registry/describe-issuer.ts';
export {
  parseTrustRegistry,
  readTrustRegistry,
  TrustRegistryError,
} from './trust-registry/parse-trust-registry.ts';
export type {
  IssuerDescription,
  RegisteredIssuer,
  TrustRegistry,
  TrustRegistryProblem,
} from './trust-registry/trust-registry-types.ts';
export type {
  Check,
  CheckId,
  CheckStatus,
  CredentialLifecycle,
  CredentialSummary,
  CredentialVerification,
  DidDereferencer,
  LifecycleState,
  Ob2Fetcher,
  PresentationVerification,
  RefreshFetcher,
  RelatedResourceFetcher,
  StatusListFetcher,
  VerifierOptions,
} from './types.ts';
