import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Ajv2019, type ValidateFunction } from 'ajv/dist/2019.js';
import addFormatsModule from 'ajv-formats';
import { formatSchemaErrors, type SchemaValidationError } from './format-schema-errors.ts';
import { type VcDataModel, vcDataModelOf } from './vc-data-model.ts';

/**
 * Folder holding the bundled JSON Schemas (`schemas/json`).
 *
 * @example
 * join(SCHEMAS_DIR, 'ob_v3p0_profile_schema.json');
 */
export const SCHEMAS_DIR = join(dirname(fileURLToPath(import.meta.url)), '..', '..', '..', 'schemas', 'json');

/**
 * `$id` of the OB 3.0 AchievementCredential (OpenBadgeCredential) JSON Schema.
 *
 * @example
 * credential.credentialSchema = [{ id: ACHIEVEMENT_CREDENTIAL_SCHEMA_URL, type: JSON_SCHEMA_VALIDATOR_TYPE }];
 */
export const ACHIEVEMENT_CREDENTIAL_SCHEMA_URL =
  'https://purl.imsglobal.org/spec/ob/v3p0/schema/json/ob_v3p0_achievementcredential_schema.json';

/**
 * `$id` of the OB 3.0 Profile JSON Schema.
 *
 * @example
 * if (schemaUrl === PROFILE_SCHEMA_URL) validateCredential(profile, 'Profile');
 */
export const PROFILE_SCHEMA_URL = 'https://purl.imsglobal.org/spec/ob/v3p0/schema/json/ob_v3p0_profile_schema.json';

/**
 * `$id` of the OB 3.0 EndorsementCredential JSON Schema.
 *
 * @example
 * endorsement.credentialSchema = [{ id: ENDORSEMENT_CREDENTIAL_SCHEMA_URL, type: JSON_SCHEMA_VALIDATOR_TYPE }];
 */
export const ENDORSEMENT_CREDENTIAL_SCHEMA_URL =
  'https://purl.imsglobal.org/spec/ob/v3p0/schema/json/ob_v3p0_endorsementcredential_schema.json';

/**
 * `credentialSchema.type` that tells a verifier to validate against the 1EdTech JSON Schema.
 *
 * @example
 * const wantsSchemaCheck = schemas.some((s) => s.type === JSON_SCHEMA_VALIDATOR_TYPE);
 */
export const JSON_SCHEMA_VALIDATOR_TYPE = '1EdTechJsonSchemaValidator2019';

/**
 * Which bundled schema to validate against. `AchievementCredential` and `EndorsementCredential`
 * are the VC Data Model 2.0 schemas; `AchievementCredentialv1p1` and `EndorsementCredentialv1p1`
 * (1EdTech's class names) the official schemas of the original Open Badges 3.0 release on VC Data
 * Model 1.1 (`issuanceDate` required). Both variants of a class have the same purl `$id`.
 *
 * @example
 * const name: SchemaName = schemaForCredential(doc) ?? 'Profile';
 */
export type SchemaName =
  | 'AchievementCredential'
  | 'AchievementCredentialv1p1'
  | 'Profile'
  | 'EndorsementCredential'
  | 'EndorsementCredentialv1p1';

/**
 * The bundled schemas a credential can be picked for (every {@link SchemaName} but `Profile`).
 *
 * @example
 * const name: CredentialSchemaName | undefined = schemaForCredential(doc);
 */
export type CredentialSchemaName = Exclude<SchemaName, 'Profile'>;

/**
 * Outcome of {@link validateCredential}: `valid` is true exactly when `errors` is empty.
 *
 * @example
 * const result: SchemaValidationResult = { valid: false, errors: [{ pointer: '/validFrom', message: '`validFrom` is required: …' }] };
 */
export interface SchemaValidationResult {
  valid: boolean;
  errors: SchemaValidationError[];
}

/** Each data model's files share `$id`s with the other's, so each gets its own Ajv instance. */
const SCHEMAS: Record<SchemaName, { file: string; url: string; noun: string; dataModel: VcDataModel }> = {
  AchievementCredential: {
    file: 'ob_v3p0_achievementcredential_schema.json',
    url: ACHIEVEMENT_CREDENTIAL_SCHEMA_URL,
    noun: 'the credential',
    dataModel: '2.0',
  },
  AchievementCredentialv1p1: {
    file: 'ob_v3p0_achievementcredential_schema_vc1.1.json',
    url: ACHIEVEMENT_CREDENTIAL_SCHEMA_URL,
    noun: 'the credential',
    dataModel: '1.1',
  },
  Profile: { file: 'ob_v3p0_profile_schema.json', url: PROFILE_SCHEMA_URL, noun: 'the profile', dataModel: '2.0' },
  EndorsementCredential: {
    file: 'ob_v3p0_endorsementcredential_schema.json',
    url: ENDORSEMENT_CREDENTIAL_SCHEMA_URL,
    noun: 'the endorsement',
    dataModel: '2.0',
  },
  EndorsementCredentialv1p1: {
    file: 'ob_v3p0_endorsementcredential_schema_vc1.1.json',
    url: ENDORSEMENT_CREDENTIAL_SCHEMA_URL,
    noun: 'the endorsement',
    dataModel: '1.1',
  },
};

// ajv-formats is CommonJS whose `module.exports` is the plugin; Node and bundlers disagree on
// whether the default import is the plugin itself or `{ default: plugin }`.
type FormatsPlugin = (ajv: Ajv2019, formats: string[]) => Ajv2019;
const addFormats: FormatsPlugin =
  (addFormatsModule as unknown as { default?: FormatsPlugin }).default ??
  (addFormatsModule as unknown as FormatsPlugin);

const instances = new Map<VcDataModel, Ajv2019>();
const compiled = new Map<SchemaName, ValidateFunction>();

/** Compiles a schema on first use; later calls reuse the compiled function. */
function validatorFor(name: SchemaName): ValidateFunction {
  const cached = compiled.get(name);
  if (cached) return cached;
  const { file, url, dataModel } = SCHEMAS[name];
  let ajv = instances.get(dataModel);
  if (!ajv) {
    ajv = new Ajv2019({
      allErrors: true,
      verbose: true,
      strict: true,
      // Open tuples (`@context`: two fixed items, then any contexts) and `required` inside
      // `anyOf` branches are intended.
      strictTuples: false,
      strictRequired: false,
      allowUnionTypes: true,
    });
    addFormats(ajv, ['date-time', 'date', 'uri']);
    instances.set(dataModel, ajv);
  }
  const schema = JSON.parse(readFileSync(join(SCHEMAS_DIR, file), 'utf8')) as { $id?: string };
  if (schema.$id !== url) throw new Error(`Bundled schema ${file} has $id ${String(schema.$id)}, expected ${url}.`);
  const validate = ajv.compile(schema);
  compiled.set(name, validate);
  return validate;
}

/**
 * Picks the schema for a credential from its `type` and its data model (first `@context`, see
 * {@link vcDataModelOf}): `OpenBadgeCredential` or `AchievementCredential` →
 * `'AchievementCredential'`, `EndorsementCredential` → `'EndorsementCredential'`, each with a
 * `v1p1` suffix when `@context` starts with `https://www.w3.org/2018/credentials/v1`; anything
 * else (including non-objects) → `undefined`. Never throws.
 *
 * @example
 * schemaForCredential({ type: ['VerifiableCredential', 'OpenBadgeCredential'] }); // 'AchievementCredential'
 * schemaForCredential({ '@context': ['https://www.w3.org/2018/credentials/v1'], type: ['OpenBadgeCredential'] });
 * // 'AchievementCredentialv1p1'
 */
export function schemaForCredential(credential: unknown): CredentialSchemaName | undefined {
  try {
    if (credential === null || typeof credential !== 'object' || Array.isArray(credential)) return undefined;
    const type: unknown = (credential as { type?: unknown }).type;
    const types = typeof type === 'string' ? [type] : Array.isArray(type) ? type : [];
    const v1p1 = vcDataModelOf(credential) === '1.1';
    if (types.includes('OpenBadgeCredential') || types.includes('AchievementCredential'))
      return v1p1 ? 'AchievementCredentialv1p1' : 'AchievementCredential';
    if (types.includes('EndorsementCredential')) return v1p1 ? 'EndorsementCredentialv1p1' : 'EndorsementCredential';
    return undefined;
  } catch {
    return undefined;
  }
}

/**
 * Validates a document against one of the bundled Open Badges 3.0 JSON Schemas (draft 2019-09).
 * Without `schema`, the schema is picked by {@link schemaForCredential} (so a VC 1.1 credential
 * meets the VC 1.1 schema), falling back to AchievementCredential. Each error carries an RFC 6901 `pointer` to the offending field (for a
 * missing property, the pointer of that property) and a `message` saying what it must be.
 *
 * Never throws because of `credential`, whatever its value. It throws a `TypeError` for an unknown
 * `schema` name, and an `Error` only if the bundled schema files cannot be read (a broken install).
 *
 * @example
 * const { valid, errors } = validateCredential(JSON.parse(body));
 * if (!valid) console.log(errors[0]);
 * // { pointer: '/credentialSubject/achievement/criteria',
 * //   message: '`credentialSubject.achievement.criteria` is required: what an earner must do to earn it: …' }
 */
export function validateCredential(credential: unknown, schema?: SchemaName): SchemaValidationResult {
  const name = schema ?? schemaForCredential(credential) ?? 'AchievementCredential';
  if (!Object.hasOwn(SCHEMAS, name)) {
    throw new TypeError(`Unknown schema "${String(name)}"; expected one of ${Object.keys(SCHEMAS).join(', ')}.`);
  }
  const validate = validatorFor(name);
  const noun = SCHEMAS[name].noun;
  let valid: boolean;
  try {
    valid = validate(credential) === true;
  } catch (cause) {
    // Only reachable with values JSON cannot produce (cyclic objects, throwing getters, proxies).
    const reason = cause instanceof Error ? cause.message : String(cause);
    return {
      valid: false,
      errors: [{ pointer: '', message: `${capitalize(noun)} could not be validated: ${reason}.` }],
    };
  }
  if (valid) return { valid: true, errors: [] };
  try {
    const errors = formatSchemaErrors(validate.errors ?? [], noun);
    return {
      valid: false,
      errors: errors.length ? errors : [{ pointer: '', message: `${capitalize(noun)} is invalid.` }],
    };
  } catch {
    const raw = (validate.errors ?? []).map((e) => ({
      pointer: e.instancePath,
      message: `${e.instancePath || noun} ${e.message ?? 'is invalid'}.`,
    }));
    return { valid: false, errors: raw.length ? raw : [{ pointer: '', message: `${capitalize(noun)} is invalid.` }] };
  }
}

function capitalize(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}
