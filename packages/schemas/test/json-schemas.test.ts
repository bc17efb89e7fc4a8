import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  ACHIEVEMENT_CREDENTIAL_SCHEMA_URL,
  ACHIEVEMENT_TYPES,
  ALIGNMENT_TARGET_TYPES,
  ENDORSEMENT_CREDENTIAL_SCHEMA_URL,
  IDENTIFIER_TYPES,
  PROFILE_SCHEMA_URL,
  RESULT_STATUS_TYPES,
  RESULT_TYPES,
  SCHEMAS_DIR,
} from '../src/index.ts';

function load(file: string): any {
  return JSON.parse(readFileSync(join(SCHEMAS_DIR, file), 'utf8'));
}

const achievement = load('ob_v3p0_achievementcredential_schema.json');
const profile = load('ob_v3p0_profile_schema.json');
const endorsement = load('ob_v3p0_endorsementcredential_schema.json');

describe('bundled OB 3.0 JSON Schemas (schemas/json)', () => {
  it('are draft 2019-09 with the purl $id of each schema', () => {
    for (const [schema, url] of [
      [achievement, ACHIEVEMENT_CREDENTIAL_SCHEMA_URL],
      [profile, PROFILE_SCHEMA_URL],
      [endorsement, ENDORSEMENT_CREDENTIAL_SCHEMA_URL],
    ]) {
      expect(schema.$schema).toBe('https://json-schema.org/draft/2019-09/schema');
      expect(schema.$id).toBe(url);
      expect(schema.$comment).toContain('purl.imsglobal.org/spec/ob/v3p0/schema/json/');
    }
  });

  it('require the same top-level properties as the official VC 2.0 schemas', () => {
    expect(achievement.required).toEqual(['@context', 'id', 'type', 'credentialSubject', 'issuer', 'validFrom']);
    expect(achievement.$defs.EndorsementCredential.required).toEqual([
      '@context',
      'type',
      'id',
      'name',
      'credentialSubject',
      'issuer',
      'validFrom',
    ]);
    expect(achievement.$defs.Achievement.required).toEqual(['id', 'type', 'criteria', 'description', 'name']);
    expect(achievement.$defs.Profile.required).toEqual(['id', 'type']);
    expect(achievement.properties.issuanceDate).toBeUndefined();
  });

  it('share identical $defs, so a class means the same thing in every file', () => {
    for (const other of [profile, endorsement]) {
      for (const [name, def] of Object.entries(other.$defs)) {
        expect(def, name).toEqual(achievement.$defs[name]);
      }
    }
  });

  it('use exactly the enumerations exported by the package', () => {
    const defs = achievement.$defs;
    const enumOf = (schema: any) => schema.anyOf?.[0]?.enum ?? schema.enum;
    expect(enumOf(defs.Achievement.properties.achievementType)).toEqual([...ACHIEVEMENT_TYPES]);
    expect(enumOf(defs.Alignment.properties.targetType)).toEqual([...ALIGNMENT_TARGET_TYPES]);
    expect(enumOf(defs.ResultDescription.properties.resultType)).toEqual([...RESULT_TYPES]);
    expect(enumOf(defs.Result.properties.status)).toEqual([...RESULT_STATUS_TYPES]);
    expect(enumOf(defs.IdentityObject.properties.identityType)).toEqual([...IDENTIFIER_TYPES]);
    expect(enumOf(defs.IdentifierEntry.properties.identifierType)).toEqual([...IDENTIFIER_TYPES]);
  });
});
