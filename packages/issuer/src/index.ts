export { createApp } from './app.ts';
export {
  type Award,
  type AwardInput,
  type AwardRecipient,
  assertClaimable,
  type ClaimChannel,
  claimAward,
  createAward,
  findAwardByToken,
  findShareByToken,
  getAward,
  getShare,
  listAwards,
  type ShareLink,
  setShare,
  withdrawAward,
} from './awards/awards.ts';
export { type OfferUrls, offerUrls } from './awards/offer-urls.ts';
export { type BuildDepsInput, buildDeps } from './build-deps.ts';
export { ConfigError, DEV_TOKEN, EXAMPLE_KEY_FILE, loadConfig, REPO_ROOT, type ServerConfig } from './config.ts';
export type { AppConfig, AppDeps } from './deps.ts';
export { type Caller, hashToken, requireScope, SCOPES, type Scope, type TokenEntry } from './http/auth.ts';
export { ProblemError } from './http/problem-error.ts';
export { type KeySet, loadKeySet, type SerializedKeySet } from './keys/key-set.ts';
export { rotateKeySet } from './keys/rotate-key-set.ts';
export { didDocumentOf, didWebPath } from './routes/did-document.ts';
export { type RunningServer, startServer } from './server.ts';
export { STATUS_PURPOSES, type StatusPurpose, StatusRegistry } from './status/status-registry.ts';
export { openLevelStore } from './store/level-store.ts';
export type { CredentialRecord, IssuerStore, StatusAssignment } from './store/types.ts';
