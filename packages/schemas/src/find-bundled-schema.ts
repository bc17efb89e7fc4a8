import {
  ACHIEVEMENT_CREDENTIAL_SCHEMA_URL,
  ENDORSEMENT_CREDENTIAL_SCHEMA_URL,
  PROFILE_SCHEMA_URL,
  type SchemaName,
} from './validate-credential.ts';
import { vcDataModelOf } from './vc-data-model.ts';

const PURL = 'https://purl.imsglobal.org/spec/ob/v3p0/schema/json/';

/**
 * purl URLs we hold the text of, by class. The `any…` schemas (Open Badges 3.0 Implementation
 * Guide, "VC 1.1 or 2.0") accept a credential of either data model; validating against the
 * bundled schema of the credential's own data model is what they mean. The `…/json-ld/…`
 * variants are other texts (arrays where these accept one value) and are not bundled.
 */
const BUNDLED: Record<string, 'AchievementCredential' | 'EndorsementCredential' | 'Profile'> = {
  [ACHIEVEMENT_CREDENTIAL_SCHEMA_URL]: 'AchievementCredential',
  [`${PURL}ob_v3p0_anyachievementcredential_schema.json`]: 'AchievementCredential',
  [ENDORSEMENT_CREDENTIAL_SCHEMA_URL]: 'EndorsementCredential',
  [`${PURL}ob_v3p0_anyendorsementcredential_schema.json`]: 'EndorsementCredential',
  [PROFILE_SCHEMA_URL]: 'Profile',
};

/**
 * The bundled schema a `credentialSchema` URL stands for, in the data model of `credential`
 * (VC 1.1 → the `v1p1` variant): both variants of a class were published under one purl URL.
 * `undefined` for a URL we do not bundle (nothing is ever fetched). Never throws.
 *
 * @example
 * findBundledSchema('https://purl.imsglobal.org/spec/ob/v3p0/schema/json/ob_v3p0_achievementcredential_schema.json',
 *   { '@context': ['https://www.w3.org/2018/credentials/v1'] }); // 'AchievementCredentialv1p1'
 */
export function findBundledSchema(url: unknown, credential: unknown): SchemaName | undefined {
  if (typeof url !== 'string' || !Object.hasOwn(BUNDLED, url)) return undefined;
  const name = BUNDLED[url]!;
  if (name === 'Profile' || vcDataModelOf(credential) !== '1.1') return name;
  return name === 'AchievementCredential' ? 'AchievementCredentialv1p1' : 'EndorsementCredentialv1p1';
}
