/**
 * TypeScript shapes of the Open Badges 3.0 data model (1EdTech OB 3.0, Appendix B) as this project
 * writes and reads it: VC 2.0 (`validFrom` / `validUntil`); one-or-many properties are typed as arrays,
 * except `proof` and `credentialStatus`, which are usually single objects. The
 * JSON Schemas in `schemas/json/` are what is enforced at run time; these types are the compile-time
 * view of the same model. Extension properties are allowed everywhere the schemas allow them.
 */
import type {
  ACHIEVEMENT_TYPES,
  ALIGNMENT_TARGET_TYPES,
  IDENTIFIER_TYPES,
  RESULT_STATUS_TYPES,
  RESULT_TYPES,
} from './vocabulary.ts';

/**
 * An extension term of an extensible OB 3.0 vocabulary: `ext:` followed by a name.
 *
 * @example
 * const kind: ExtensionTerm = 'ext:Apprenticeship';
 */
export type ExtensionTerm = `ext:${string}`;

/**
 * The type of an Achievement (OB 3.0 enumeration AchievementType), or an `ext:` extension.
 *
 * @example
 * const kind: AchievementType = 'Certification';
 */
export type AchievementType = (typeof ACHIEVEMENT_TYPES)[number] | ExtensionTerm;

/**
 * The type of an alignment target (OB 3.0 enumeration AlignmentTargetType), or an `ext:` extension.
 *
 * @example
 * const target: AlignmentTargetType = 'ceterms:Credential';
 */
export type AlignmentTargetType = (typeof ALIGNMENT_TARGET_TYPES)[number] | ExtensionTerm;

/**
 * The type of a result description (OB 3.0 enumeration ResultType), or an `ext:` extension.
 *
 * @example
 * const resultType: ResultType = 'LetterGrade';
 */
export type ResultType = (typeof RESULT_TYPES)[number] | ExtensionTerm;

/**
 * The status of a result (OB 3.0 enumeration ResultStatusType). Not extensible.
 *
 * @example
 * const status: ResultStatusType = 'Completed';
 */
export type ResultStatusType = (typeof RESULT_STATUS_TYPES)[number];

/**
 * The type of an identifier (OB 3.0 enumeration IdentifierTypeEnum), or an `ext:` extension.
 *
 * @example
 * const identityType: IdentifierType = 'emailAddress';
 */
export type IdentifierType = (typeof IDENTIFIER_TYPES)[number] | ExtensionTerm;

/**
 * A JSON-LD context entry: a context URL or an inline context object.
 *
 * @example
 * const ctx: JsonLdContext[] = ['https://www.w3.org/ns/credentials/v2', 'https://purl.imsglobal.org/spec/ob/v3p0/context-3.0.3.json'];
 */
export type JsonLdContext = string | Record<string, unknown>;

/**
 * An image with an optional caption (OB 3.0 data model: Image).
 *
 * @example
 * const image: Image = { id: 'https://example.org/badge.png', type: 'Image', caption: 'Badge artwork' };
 */
export interface Image {
  /** The URI or `data:` URI of the image. */
  id: string;
  type: 'Image';
  caption?: string;
}

/**
 * What an earner had to do (OB 3.0 data model: Criteria): a criteria page `id` and/or a Markdown `narrative`.
 *
 * @example
 * const criteria: Criteria = { narrative: 'Pass the proctored exam with 70% or more.' };
 */
export interface Criteria {
  id?: string;
  narrative?: string;
  [extension: string]: unknown;
}

/**
 * An alignment to a node in an educational framework (OB 3.0 data model: Alignment).
 *
 * @example
 * const alignment: Alignment = {
 *   type: ['Alignment'],
 *   targetName: 'Network security fundamentals',
 *   targetUrl: 'https://credentialengineregistry.org/resources/ce-0a1b2c3d',
 *   targetType: 'CTDL',
 * };
 */
export interface Alignment {
  type: string | string[];
  targetName: string;
  targetUrl: string;
  targetCode?: string;
  targetDescription?: string;
  targetFramework?: string;
  targetType?: AlignmentTargetType;
  [extension: string]: unknown;
}

/**
 * Another identifier of an entity or achievement (OB 3.0 data model: IdentifierEntry).
 *
 * @example
 * const ctid: IdentifierEntry = { type: 'IdentifierEntry', identifier: 'ce-7d3f0b5a', identifierType: 'identifier' };
 */
export interface IdentifierEntry {
  type: 'IdentifierEntry';
  identifier: string;
  identifierType: IdentifierType;
}

/**
 * An identifier of the recipient, plain or salted-hashed (OB 3.0 data model: IdentityObject).
 *
 * @example
 * const email: IdentityObject = {
 *   type: 'IdentityObject',
 *   hashed: true,
 *   identityHash: 'sha256$b5809d8a92f8858436d7e6b87c12ebc0ae1eac4baecc2c0b913aee2c922ef399',
 *   identityType: 'emailAddress',
 *   salt: 'Kosher',
 * };
 */
export interface IdentityObject {
  type: 'IdentityObject';
  hashed: boolean;
  /** The plain value, or `sha256$<hex>` / `md5$<hex>` of the value followed by `salt`. */
  identityHash: string;
  identityType: IdentifierType;
  salt?: string;
}

/**
 * Geographic coordinates (OB 3.0 data model: GeoCoordinates).
 *
 * @example
 * const geo: GeoCoordinates = { type: 'GeoCoordinates', latitude: 52.37, longitude: 4.89 };
 */
export interface GeoCoordinates {
  type: 'GeoCoordinates';
  latitude: number;
  longitude: number;
}

/**
 * A postal address (OB 3.0 data model: Address).
 *
 * @example
 * const address: Address = { type: ['Address'], addressLocality: 'Rotterdam', addressCountryCode: 'NL' };
 */
export interface Address {
  type: string | string[];
  addressCountry?: string;
  addressCountryCode?: string;
  addressRegion?: string;
  addressLocality?: string;
  streetAddress?: string;
  postOfficeBoxNumber?: string;
  postalCode?: string;
  geo?: GeoCoordinates;
  [extension: string]: unknown;
}

/**
 * An individual or organization: issuer, endorser, creator or source (OB 3.0 data model: Profile).
 *
 * @example
 * const issuer: Profile = {
 *   id: 'https://certs.harbourline-safety.example/issuers/1',
 *   type: ['Profile'],
 *   name: 'Harbourline Maritime Safety Board',
 * };
 */
export interface Profile {
  /** Unique URI of the profile: an https URL or a DID. */
  id: string;
  type: string | string[];
  name?: string;
  url?: string;
  phone?: string;
  description?: string;
  endorsement?: EndorsementCredential[];
  endorsementJwt?: string[];
  image?: Image;
  email?: string;
  address?: Address;
  otherIdentifier?: IdentifierEntry[];
  official?: string;
  parentOrg?: Profile;
  familyName?: string;
  givenName?: string;
  additionalName?: string;
  patronymicName?: string;
  honorificPrefix?: string;
  honorificSuffix?: string;
  familyNamePrefix?: string;
  /** YYYY-MM-DD. */
  dateOfBirth?: string;
  [extension: string]: unknown;
}

/**
 * One level of a rubric criterion (OB 3.0 data model: RubricCriterionLevel).
 *
 * @example
 * const level: RubricCriterionLevel = { id: 'urn:uuid:6b5c9f4e-1f1e-4a43-9c36-1c0a9e2b1f01', type: ['RubricCriterionLevel'], name: 'Proficient' };
 */
export interface RubricCriterionLevel {
  id: string;
  type: string | string[];
  name: string;
  alignment?: Alignment[];
  description?: string;
  level?: string;
  points?: string;
  [extension: string]: unknown;
}

/**
 * A possible result of an achievement (OB 3.0 data model: ResultDescription).
 *
 * @example
 * const score: ResultDescription = {
 *   id: 'https://certs.harbourline-safety.example/achievements/bst/results/score',
 *   type: ['ResultDescription'],
 *   name: 'Written exam score',
 *   resultType: 'Percent',
 *   valueMin: '0',
 *   valueMax: '100',
 *   requiredValue: '70',
 * };
 */
export interface ResultDescription {
  id: string;
  type: string | string[];
  name: string;
  resultType: ResultType;
  alignment?: Alignment[];
  allowedValue?: string[];
  requiredLevel?: string;
  requiredValue?: string;
  rubricCriterionLevel?: RubricCriterionLevel[];
  valueMax?: string;
  valueMin?: string;
  [extension: string]: unknown;
}

/**
 * A result the earner achieved (OB 3.0 data model: Result).
 *
 * @example
 * const result: Result = {
 *   type: ['Result'],
 *   resultDescription: 'https://certs.harbourline-safety.example/achievements/bst/results/score',
 *   value: '88',
 * };
 */
export interface Result {
  type: string | string[];
  achievedLevel?: string;
  alignment?: Alignment[];
  /** The `id` of the ResultDescription in the asserted achievement. */
  resultDescription?: string;
  status?: ResultStatusType;
  value?: string;
  [extension: string]: unknown;
}

/**
 * A related achievement, e.g. another language or an earlier version (OB 3.0 data model: Related).
 *
 * @example
 * const previous: Related = { id: 'https://certs.harbourline-safety.example/achievements/bst-2023', type: ['Related'], version: '2023' };
 */
export interface Related {
  id: string;
  type: string | string[];
  /** BCP 47 language code. */
  inLanguage?: string;
  version?: string;
  [extension: string]: unknown;
}

/**
 * The accomplishment a credential recognizes (OB 3.0 data model: Achievement).
 *
 * @example
 * const achievement: Achievement = {
 *   id: 'https://certs.harbourline-safety.example/achievements/bst',
 *   type: ['Achievement'],
 *   achievementType: 'Certification',
 *   name: 'Basic Sea Survival Technician',
 *   description: 'Certifies competence in sea survival, first response and fire prevention aboard vessels.',
 *   criteria: { narrative: 'Complete 40 hours of practical training and pass the written exam with 70% or more.' },
 * };
 */
export interface Achievement {
  id: string;
  type: string | string[];
  name: string;
  description: string;
  criteria: Criteria;
  achievementType?: AchievementType;
  alignment?: Alignment[];
  creator?: Profile;
  creditsAvailable?: number;
  endorsement?: EndorsementCredential[];
  endorsementJwt?: string[];
  fieldOfStudy?: string;
  humanCode?: string;
  image?: Image;
  /** BCP 47 language code. */
  inLanguage?: string;
  otherIdentifier?: IdentifierEntry[];
  related?: Related[];
  resultDescription?: ResultDescription[];
  specialization?: string;
  tag?: string[];
  version?: string;
  [extension: string]: unknown;
}

/**
 * The recipient of an achievement (OB 3.0 data model: AchievementSubject). Needs `id` or at least one
 * `identifier`; the schema enforces that, the type cannot.
 *
 * @example
 * const subject: AchievementSubject = {
 *   id: 'did:key:z6MkhaXgBZDvotDkL5257faiztiGiC2QtKLGpbnnEGta2doK',
 *   type: ['AchievementSubject'],
 *   achievement,
 * };
 */
export interface AchievementSubject {
  id?: string;
  type: string | string[];
  achievement: Achievement;
  identifier?: IdentityObject[];
  activityStartDate?: string;
  activityEndDate?: string;
  creditsEarned?: number;
  image?: Image;
  licenseNumber?: string;
  narrative?: string;
  result?: Result[];
  role?: string;
  source?: Profile;
  term?: string;
  [extension: string]: unknown;
}

/**
 * Evidence of an achievement (OB 3.0 data model: Evidence).
 *
 * @example
 * const evidence: Evidence = { type: ['Evidence'], name: 'Practical assessment log', id: 'https://certs.harbourline-safety.example/evidence/4411' };
 */
export interface Evidence {
  type: string | string[];
  id?: string;
  narrative?: string;
  name?: string;
  description?: string;
  genre?: string;
  audience?: string;
  [extension: string]: unknown;
}

/**
 * An embedded proof, e.g. a Data Integrity `DataIntegrityProof` (OB 3.0 data model: Proof).
 *
 * @example
 * const proof: Proof = {
 *   type: 'DataIntegrityProof',
 *   cryptosuite: 'eddsa-rdfc-2022',
 *   created: '2025-03-01T09:00:00Z',
 *   verificationMethod: 'did:key:z6Mk…#z6Mk…',
 *   proofPurpose: 'assertionMethod',
 *   proofValue: 'z58DAdFfa9SkqZMVPxAQp…',
 * };
 */
export interface Proof {
  type: string;
  created?: string;
  cryptosuite?: string;
  challenge?: string;
  domain?: string;
  nonce?: string;
  proofPurpose?: string;
  proofValue?: string;
  verificationMethod?: string;
  [extension: string]: unknown;
}

/**
 * A data schema the credential claims to conform to (OB 3.0 data model: CredentialSchema).
 *
 * @example
 * const schema: CredentialSchema = {
 *   id: 'https://purl.imsglobal.org/spec/ob/v3p0/schema/json/ob_v3p0_achievementcredential_schema.json',
 *   type: '1EdTechJsonSchemaValidator2019',
 * };
 */
export interface CredentialSchema {
  id: string;
  type: string;
  [extension: string]: unknown;
}

/**
 * A W3C Bitstring Status List 1.0 entry (`BitstringStatusListEntry`).
 *
 * @example
 * const status: BitstringStatusListEntry = {
 *   id: 'https://certs.harbourline-safety.example/status/1#94567',
 *   type: 'BitstringStatusListEntry',
 *   statusPurpose: 'revocation',
 *   statusListIndex: '94567',
 *   statusListCredential: 'https://certs.harbourline-safety.example/status/1',
 * };
 */
export interface BitstringStatusListEntry {
  id?: string;
  type: 'BitstringStatusListEntry';
  /** e.g. `revocation`, `suspension`, `message`. */
  statusPurpose: string;
  /** The bit position, written as a string of digits. */
  statusListIndex: string;
  /** URL of the BitstringStatusListCredential. */
  statusListCredential: string;
  statusSize?: number;
  statusMessage?: Array<{ status: string; message: string }>;
  statusReference?: string | string[];
  [extension: string]: unknown;
}

/**
 * Any other status method, e.g. OB 3.0's `1EdTechRevocationList`.
 *
 * @example
 * const status: OtherCredentialStatus = { id: 'https://certs.harbourline-safety.example/revocations', type: '1EdTechRevocationList' };
 */
export interface OtherCredentialStatus {
  id?: string;
  type: string;
  [extension: string]: unknown;
}

/**
 * A credential's `credentialStatus` (VC Data Model 2.0 "Status"): a Bitstring Status List entry or another method.
 *
 * @example
 * const credentialStatus: CredentialStatus = { type: 'BitstringStatusListEntry', statusPurpose: 'revocation', statusListIndex: '7', statusListCredential: 'https://certs.harbourline-safety.example/status/1' };
 */
export type CredentialStatus = BitstringStatusListEntry | OtherCredentialStatus;

/**
 * A refresh service (OB 3.0 data model: RefreshService), e.g. type `1EdTechCredentialRefresh`.
 *
 * @example
 * const refresh: RefreshService = { id: 'https://certs.harbourline-safety.example/refresh/4411', type: '1EdTechCredentialRefresh' };
 */
export interface RefreshService {
  id: string;
  type: string;
  [extension: string]: unknown;
}

/**
 * Terms of use (OB 3.0 data model: TermsOfUse).
 *
 * @example
 * const terms: TermsOfUse = { type: 'IssuerPolicy', id: 'https://certs.harbourline-safety.example/policy' };
 */
export interface TermsOfUse {
  type: string;
  id?: string;
  [extension: string]: unknown;
}

/**
 * What an endorsement is about (OB 3.0 data model: EndorsementSubject).
 *
 * @example
 * const subject: EndorsementSubject = {
 *   id: 'https://certs.harbourline-safety.example/achievements/bst',
 *   type: ['EndorsementSubject'],
 *   endorsementComment: 'Meets the STCW basic safety training outcomes.',
 * };
 */
export interface EndorsementSubject {
  id: string;
  type: string | string[];
  endorsementComment?: string;
  [extension: string]: unknown;
}

/**
 * A credential in which an endorser vouches for a profile, credential or achievement
 * (OB 3.0 data model: EndorsementCredential).
 *
 * @example
 * const endorsement: EndorsementCredential = {
 *   '@context': ['https://www.w3.org/ns/credentials/v2', 'https://purl.imsglobal.org/spec/ob/v3p0/context-3.0.3.json'],
 *   id: 'urn:uuid:0b6f6a1e-3c1b-4f7e-9a59-3d1f1b7c2e10',
 *   type: ['VerifiableCredential', 'EndorsementCredential'],
 *   name: 'North Sea Ports Authority endorses the BST certification',
 *   issuer: { id: 'https://nsp-authority.example/profile', type: ['Profile'], name: 'North Sea Ports Authority' },
 *   validFrom: '2025-01-10T00:00:00Z',
 *   credentialSubject: { id: 'https://certs.harbourline-safety.example/achievements/bst', type: ['EndorsementSubject'] },
 * };
 */
export interface EndorsementCredential {
  '@context': JsonLdContext[];
  id: string;
  type: string[];
  name: string;
  credentialSubject: EndorsementSubject;
  issuer: string | Profile;
  validFrom: string;
  validUntil?: string;
  description?: string;
  awardedDate?: string;
  proof?: Proof | Proof[];
  credentialSchema?: CredentialSchema[];
  credentialStatus?: CredentialStatus | CredentialStatus[];
  refreshService?: RefreshService;
  termsOfUse?: TermsOfUse[];
  evidence?: Evidence[];
  [extension: string]: unknown;
}

/**
 * An awarded achievement: the OB 3.0 credential (OB 3.0 §B.1.1 AchievementCredential). `type`
 * includes `VerifiableCredential` and `OpenBadgeCredential` (or its alias `AchievementCredential`).
 * `proof` is optional so the same type describes a credential before and after signing.
 *
 * @example
 * const credential: AchievementCredential = {
 *   '@context': ['https://www.w3.org/ns/credentials/v2', 'https://purl.imsglobal.org/spec/ob/v3p0/context-3.0.3.json'],
 *   id: 'urn:uuid:2f1d3c6e-8b0a-4c1e-9f2d-7a6b5c4d3e21',
 *   type: ['VerifiableCredential', 'OpenBadgeCredential'],
 *   name: 'Basic Sea Survival Technician',
 *   issuer: { id: 'https://certs.harbourline-safety.example/issuers/1', type: ['Profile'], name: 'Harbourline Maritime Safety Board' },
 *   validFrom: '2025-03-01T09:00:00Z',
 *   credentialSubject: subject,
 * };
 */
export interface AchievementCredential {
  '@context': JsonLdContext[];
  id: string;
  type: string[];
  credentialSubject: AchievementSubject;
  issuer: string | Profile;
  validFrom: string;
  name?: string;
  description?: string;
  image?: Image;
  validUntil?: string;
  awardedDate?: string;
  endorsement?: EndorsementCredential[];
  endorsementJwt?: string[];
  evidence?: Evidence[];
  proof?: Proof | Proof[];
  credentialSchema?: CredentialSchema[];
  credentialStatus?: CredentialStatus | CredentialStatus[];
  refreshService?: RefreshService;
  termsOfUse?: TermsOfUse[];
  [extension: string]: unknown;
}

/**
 * `OpenBadgeCredential` is the OB 3.0 name for the same class as {@link AchievementCredential}.
 *
 * @example
 * const badge: OpenBadgeCredential = credential;
 */
export type OpenBadgeCredential = AchievementCredential;
