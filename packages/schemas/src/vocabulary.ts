/**
 * Enumerated vocabularies of the Open Badges 3.0 data model (1EdTech OB 3.0, Appendix B), in the
 * order the specification lists them. The JSON
 * Schemas in `schemas/json/` use exactly these lists; a test keeps the two in step.
 */

/**
 * Context URL that must come first in every VC 2.0 credential's `@context`.
 *
 * @example
 * const context = [VC_V2_CONTEXT, OB_V3P0_CONTEXT];
 */
export const VC_V2_CONTEXT = 'https://www.w3.org/ns/credentials/v2';

/**
 * Context URL that comes first in a VC Data Model 1.1 credential's `@context` (the original Open
 * Badges 3.0 release: `issuanceDate`, `expirationDate`).
 *
 * @example
 * const isVc11 = Array.isArray(doc['@context']) && doc['@context'][0] === VC_V1_CONTEXT;
 */
export const VC_V1_CONTEXT = 'https://www.w3.org/2018/credentials/v1';

/**
 * The Bitstring Status List v1.0 context: the VC 2.0 context defines its terms already; a VC 1.1
 * credential needs it for `BitstringStatusListEntry`.
 *
 * @example
 * const context = [VC_V1_CONTEXT, BITSTRING_STATUS_LIST_CONTEXT];
 */
export const BITSTRING_STATUS_LIST_CONTEXT = 'https://www.w3.org/ns/credentials/status/v1';

/**
 * Current Open Badges 3.0 context URL (the second `@context` item of an OB 3.0 credential).
 *
 * @example
 * const context = [VC_V2_CONTEXT, OB_V3P0_CONTEXT];
 */
export const OB_V3P0_CONTEXT = 'https://purl.imsglobal.org/spec/ob/v3p0/context-3.0.3.json';

/**
 * `Achievement.achievementType` values (AchievementType, extensible with an `ext:` prefix).
 *
 * @example
 * ACHIEVEMENT_TYPES.includes('Certification'); // true
 */
export const ACHIEVEMENT_TYPES = [
  'Achievement',
  'ApprenticeshipCertificate',
  'Assessment',
  'Assignment',
  'AssociateDegree',
  'Award',
  'Badge',
  'BachelorDegree',
  'Certificate',
  'CertificateOfCompletion',
  'Certification',
  'CommunityService',
  'Competency',
  'Course',
  'CoCurricular',
  'Degree',
  'Diploma',
  'DoctoralDegree',
  'Fieldwork',
  'GeneralEducationDevelopment',
  'JourneymanCertificate',
  'LearningProgram',
  'License',
  'Membership',
  'ProfessionalDoctorate',
  'QualityAssuranceCredential',
  'MasterCertificate',
  'MasterDegree',
  'MicroCredential',
  'ResearchDoctorate',
  'SecondarySchoolDiploma',
] as const;

/**
 * `Alignment.targetType` values (AlignmentTargetType, extensible with an `ext:` prefix).
 *
 * @example
 * ALIGNMENT_TARGET_TYPES.includes('ceterms:Credential'); // true
 */
export const ALIGNMENT_TARGET_TYPES = [
  'ceasn:Competency',
  'ceterms:Credential',
  'CFItem',
  'CFRubric',
  'CFRubricCriterion',
  'CFRubricCriterionLevel',
  'CTDL',
] as const;

/**
 * `ResultDescription.resultType` values (ResultType, extensible with an `ext:` prefix).
 *
 * @example
 * RESULT_TYPES.includes('LetterGrade'); // true
 */
export const RESULT_TYPES = [
  'GradePointAverage',
  'LetterGrade',
  'Percent',
  'PerformanceLevel',
  'PredictedScore',
  'RawScore',
  'Result',
  'RubricCriterion',
  'RubricCriterionLevel',
  'RubricScore',
  'ScaledScore',
  'Status',
] as const;

/**
 * `Result.status` values (ResultStatusType, a closed enumeration).
 *
 * @example
 * RESULT_STATUS_TYPES.includes('Provisional'); // true
 */
export const RESULT_STATUS_TYPES = [
  'Completed',
  'Enrolled',
  'Failed',
  'InProgress',
  'OnHold',
  'Provisional',
  'Withdrew',
] as const;

/**
 * `IdentityObject.identityType` and `IdentifierEntry.identifierType` values (IdentifierTypeEnum,
 * extensible with an `ext:` prefix).
 *
 * @example
 * IDENTIFIER_TYPES.includes('emailAddress'); // true
 */
export const IDENTIFIER_TYPES = [
  'name',
  'sourcedId',
  'systemId',
  'productId',
  'userName',
  'accountId',
  'emailAddress',
  'nationalIdentityNumber',
  'isbn',
  'issn',
  'lisSourcedId',
  'oneRosterSourcedId',
  'sisSourcedId',
  'ltiContextId',
  'ltiDeploymentId',
  'ltiToolId',
  'ltiPlatformId',
  'ltiUserId',
  'identifier',
] as const;
