export {
  CONTEXTS_DIR,
  ContextIntegrityError,
  type ContextManifestEntry,
  loadExtraContexts,
  loadPinnedContexts,
} from './contexts.ts';
export { parseDateTimeStamp } from './date-time.ts';
export { addDuration, type Duration, parseDuration } from './duration.ts';
export { findBundledSchema } from './find-bundled-schema.ts';
export type { SchemaValidationError } from './format-schema-errors.ts';
export { canonicalLiteral, numberTextProblem, numberValueProblem } from './i-json/check-number.ts';
export { type BadCodePoint, findBadCodePoint } from './i-json/check-string.ts';
export { findDroppedValue } from './i-json/find-dropped-value.ts';
export { findIJsonValueProblem, type IJsonValueOptions } from './i-json/find-i-json-value-problem.ts';
export { findInvalidUtf8 } from './i-json/find-invalid-utf8.ts';
export { escapePointerToken, type IJsonProblem, type IJsonRule } from './i-json/i-json-problem.ts';
export { PointerTrail, ROOT } from './i-json/pointer-trail.ts';
export { findIJsonTextProblem, jsonPointerAt } from './i-json/scan-json-text.ts';
export {
  achievementOf,
  asList,
  isObject,
  isoSeconds,
  issuerIdOf,
  isUrl,
  LIFECYCLE_MESSAGES,
  pointerOf,
  subjectIdsOf,
} from './json-helpers.ts';
export type {
  AdvancedStanding,
  Constraint,
  CredentialMatcher,
  IsoDuration,
  Pathway,
  PathwayComponent,
  PathwayCondition,
  RenewalPolicy,
} from './pathway-types.ts';
export type {
  Achievement,
  AchievementCredential,
  AchievementSubject,
  AchievementType,
  Address,
  Alignment,
  AlignmentTargetType,
  BitstringStatusListEntry,
  CredentialSchema,
  CredentialStatus,
  Criteria,
  EndorsementCredential,
  EndorsementSubject,
  Evidence,
  ExtensionTerm,
  GeoCoordinates,
  IdentifierEntry,
  IdentifierType,
  IdentityObject,
  Image,
  JsonLdContext,
  OpenBadgeCredential,
  OtherCredentialStatus,
  Profile,
  Proof,
  RefreshService,
  Related,
  Result,
  ResultDescription,
  ResultStatusType,
  ResultType,
  RubricCriterionLevel,
  TermsOfUse,
} from './types.ts';
export {
  ACHIEVEMENT_CREDENTIAL_SCHEMA_URL,
  type CredentialSchemaName,
  ENDORSEMENT_CREDENTIAL_SCHEMA_URL,
  JSON_SCHEMA_VALIDATOR_TYPE,
  PROFILE_SCHEMA_URL,
  SCHEMAS_DIR,
  type SchemaName,
  type SchemaValidationResult,
  schemaForCredential,
  validateCredential,
} from './validate-credential.ts';
export { PATHWAY_SCHEMA_ID, type PathwayValidationResult, validatePathway } from './validate-pathway.ts';
export { type VcDataModel, vcDataModelOf } from './vc-data-model.ts';
export {
  ACHIEVEMENT_TYPES,
  ALIGNMENT_TARGET_TYPES,
  BITSTRING_STATUS_LIST_CONTEXT,
  IDENTIFIER_TYPES,
  OB_V3P0_CONTEXT,
  RESULT_STATUS_TYPES,
  RESULT_TYPES,
  VC_V1_CONTEXT,
  VC_V2_CONTEXT,
} from './vocabulary.ts';
