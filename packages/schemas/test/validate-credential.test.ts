import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import {
  ACHIEVEMENT_CREDENTIAL_SCHEMA_URL,
  ENDORSEMENT_CREDENTIAL_SCHEMA_URL,
  PROFILE_SCHEMA_URL,
  type SchemaValidationResult,
  schemaForCredential,
  validateCredential,
} from '../src/index.ts';

/** A fresh copy of a fixture for every test, so no test sees another's edits. */
function fixture(name: 'ob3-certification-unsigned' | 'ob3-endorsement-unsigned'): any {
  return JSON.parse(readFileSync(new URL(`./fixtures/${name}.json`, import.meta.url), 'utf8'));
}

/** Follows an RFC 6901 pointer to the parent object and the last key. */
function locate(doc: any, pointer: string): [any, string] {
  const keys = pointer
    .slice(1)
    .split('/')
    .map((k) => k.replace(/~1/g, '/').replace(/~0/g, '~'));
  const last = keys.pop()!;
  return [keys.reduce((node, key) => node[key], doc), last];
}

function without(doc: any, pointer: string): any {
  const [parent, key] = locate(doc, pointer);
  delete parent[key];
  return doc;
}

function withValue(doc: any, pointer: string, value: unknown): any {
  const [parent, key] = locate(doc, pointer);
  parent[key] = value;
  return doc;
}

function errorAt(result: SchemaValidationResult, pointer: string) {
  return result.errors.find((e) => e.pointer === pointer);
}

describe('OB 3.0 §B.1.1 AchievementCredential', () => {
  it('accepts a realistic unsigned Certification credential', () => {
    const result = validateCredential(fixture('ob3-certification-unsigned'));
    expect(result).toEqual({ valid: true, errors: [] });
  });

  it('accepts the same credential with a Data Integrity proof (proof is optional, not forbidden)', () => {
    const credential = fixture('ob3-certification-unsigned');
    credential.proof = {
      type: 'DataIntegrityProof',
      cryptosuite: 'eddsa-rdfc-2022',
      created: '2025-03-01T09:00:05Z',
      verificationMethod: 'https://certs.harbourline-safety.example/issuers/1#key-1',
      proofPurpose: 'assertionMethod',
      proofValue: 'z3FXQjecWufY46yg5abdVZsXqLhxhueuSoZgNSARiKBk9czhSePTFehP8c3PGfb6a22gkfUKKiRiPBfiU1RWoGGZT',
    };
    expect(validateCredential(credential).valid).toBe(true);
  });

  it('accepts an issuer given as a URI and one-or-many properties written as a single object', () => {
    const credential = fixture('ob3-certification-unsigned');
    credential.issuer = 'https://certs.harbourline-safety.example/issuers/1';
    credential.evidence = credential.evidence[0];
    credential.credentialSubject.result = credential.credentialSubject.result[0];
    expect(validateCredential(credential)).toEqual({ valid: true, errors: [] });
  });

  it.each([
    '/@context',
    '/id',
    '/type',
    '/issuer',
    '/validFrom',
    '/credentialSubject',
    '/issuer/id',
    '/issuer/type',
    '/credentialSubject/type',
    '/credentialSubject/achievement',
    '/credentialSubject/achievement/id',
    '/credentialSubject/achievement/type',
    '/credentialSubject/achievement/name',
    '/credentialSubject/achievement/description',
    '/credentialSubject/achievement/criteria',
    '/credentialSubject/identifier/0/identityHash',
    '/credentialSubject/result/0/type',
    '/credentialSubject/achievement/alignment/0/targetUrl',
    '/credentialSubject/achievement/resultDescription/0/resultType',
    '/credentialStatus/statusListCredential',
  ])('reports a missing required %s at that exact pointer', (pointer) => {
    const result = validateCredential(without(fixture('ob3-certification-unsigned'), pointer));
    expect(result.valid).toBe(false);
    const error = errorAt(result, pointer);
    const dotted = pointer
      .slice(1)
      .replace(/\/(\d+)/g, '[$1]')
      .replace(/\//g, '.');
    expect(error?.message).toContain(`\`${dotted}\` is required`);
  });

  it('names the field and what it is for in the message', () => {
    const result = validateCredential(
      without(fixture('ob3-certification-unsigned'), '/credentialSubject/achievement/name'),
    );
    expect(result.errors).toEqual([
      {
        pointer: '/credentialSubject/achievement/name',
        message: '`credentialSubject.achievement.name` is required: the name of the achievement.',
      },
    ]);
  });

  it('does not require `name` on the credential (0..1 in the spec)', () => {
    expect(validateCredential(without(fixture('ob3-certification-unsigned'), '/name')).valid).toBe(true);
  });

  it('a VC 1.1 credential (issuanceDate) meets the official VC 1.1 schema; the VC 2.0 schema would ask for validFrom', () => {
    const credential = fixture('ob3-certification-unsigned');
    credential['@context'][0] = 'https://www.w3.org/2018/credentials/v1';
    credential.issuanceDate = credential.validFrom;
    delete credential.validFrom;
    expect(validateCredential(credential)).toEqual({ valid: true, errors: [] });
    const result = validateCredential(credential, 'AchievementCredential');
    expect(result.valid).toBe(false);
    expect(result.errors.map((e) => e.pointer).sort()).toEqual(['/@context/0', '/validFrom']);
  });

  it('requires the VC 2.0 context first and an OB 3.0 context second', () => {
    const first = validateCredential(
      withValue(fixture('ob3-certification-unsigned'), '/@context/0', 'https://example.org/ctx'),
    );
    expect(first.errors).toEqual([
      { pointer: '/@context/0', message: '`@context[0]` must be "https://www.w3.org/ns/credentials/v2".' },
    ]);
    const second = validateCredential(
      withValue(
        fixture('ob3-certification-unsigned'),
        '/@context/1',
        'https://purl.imsglobal.org/spec/clr/v2p0/context-2.0.1.json',
      ),
    );
    expect(errorAt(second, '/@context/1')?.message).toContain('Open Badges 3.0 context URL');
    const single = validateCredential(
      withValue(fixture('ob3-certification-unsigned'), '/@context', 'https://www.w3.org/ns/credentials/v2'),
    );
    expect(errorAt(single, '/@context')?.message).toBe('`@context` must be an array.');
  });

  it('accepts every published OB 3.0 context version in second place', () => {
    for (const url of [
      'https://purl.imsglobal.org/spec/ob/v3p0/context.json',
      'https://purl.imsglobal.org/spec/ob/v3p0/context-3.0.1.json',
      'https://purl.imsglobal.org/spec/ob/v3p0/context-3.0.2.json',
      'https://purl.imsglobal.org/spec/ob/v3p0/context-3.0.3.json',
    ]) {
      expect(validateCredential(withValue(fixture('ob3-certification-unsigned'), '/@context/1', url)).valid).toBe(true);
    }
  });

  it('requires type to include VerifiableCredential and OpenBadgeCredential or AchievementCredential', () => {
    const result = validateCredential(
      withValue(fixture('ob3-certification-unsigned'), '/type', ['OpenBadgeCredential']),
    );
    expect(result.errors).toEqual([{ pointer: '/type', message: '`type` must include "VerifiableCredential".' }]);
    const alias = validateCredential(
      withValue(fixture('ob3-certification-unsigned'), '/type', ['VerifiableCredential', 'AchievementCredential']),
    );
    expect(alias.valid).toBe(true);
  });

  it('requires credential, issuer, achievement and subject ids to be URIs', () => {
    const result = validateCredential(withValue(fixture('ob3-certification-unsigned'), '/issuer/id', 'Harbourline'));
    expect(errorAt(result, '/issuer/id')?.message).toContain('must be an absolute URI');
    const issuerString = validateCredential(withValue(fixture('ob3-certification-unsigned'), '/issuer', 'not a uri'));
    expect(errorAt(issuerString, '/issuer')?.message).toContain('must be an absolute URI');
  });

  it('points at an extra property on a closed class, escaping it per RFC 6901', () => {
    const credential = fixture('ob3-certification-unsigned');
    credential.credentialSubject.identifier[0]['plain/text'] = 'learner@example.org';
    const result = validateCredential(credential);
    expect(result.errors).toHaveLength(1);
    expect(result.errors[0]?.pointer).toBe('/credentialSubject/identifier/0/plain~1text');
    expect(result.errors[0]?.message).toContain('is not allowed in an IdentityObject');
  });
});

describe('OB 3.0 AchievementSubject: `id` or at least one `identifier`', () => {
  it('rejects a subject with neither id nor identifier, pointing at the subject', () => {
    const credential = fixture('ob3-certification-unsigned');
    delete credential.credentialSubject.id;
    delete credential.credentialSubject.identifier;
    const result = validateCredential(credential);
    expect(result.errors).toEqual([
      {
        pointer: '/credentialSubject',
        message: '`credentialSubject` must have an `id` or at least one `identifier` (OB 3.0 AchievementSubject).',
      },
    ]);
  });

  it('rejects an empty identifier list when there is no id', () => {
    const credential = fixture('ob3-certification-unsigned');
    delete credential.credentialSubject.id;
    credential.credentialSubject.identifier = [];
    expect(errorAt(validateCredential(credential), '/credentialSubject')).toBeDefined();
  });

  it('accepts a subject identified only by a hashed email', () => {
    expect(validateCredential(without(fixture('ob3-certification-unsigned'), '/credentialSubject/id')).valid).toBe(
      true,
    );
  });

  it('accepts a subject identified only by id', () => {
    expect(
      validateCredential(without(fixture('ob3-certification-unsigned'), '/credentialSubject/identifier')).valid,
    ).toBe(true);
  });
});

describe('OB 3.0 enumerations', () => {
  it('rejects an unknown achievementType and lists the allowed values', () => {
    const pointer = '/credentialSubject/achievement/achievementType';
    const result = validateCredential(withValue(fixture('ob3-certification-unsigned'), pointer, 'Certifcation'));
    expect(result.errors).toHaveLength(1);
    expect(result.errors[0]?.pointer).toBe(pointer);
    expect(result.errors[0]?.message).toMatch(
      /^`credentialSubject\.achievement\.achievementType` must be one of: Achievement, /,
    );
    expect(result.errors[0]?.message).toContain('Certification');
    expect(result.errors[0]?.message).toContain('`ext:`');
    expect(result.errors[0]?.message).toContain('(got "Certifcation")');
  });

  it('accepts achievementType extensions with the ext: prefix, and rejects malformed ones', () => {
    const pointer = '/credentialSubject/achievement/achievementType';
    expect(
      validateCredential(withValue(fixture('ob3-certification-unsigned'), pointer, 'ext:MaritimeEndorsement')).valid,
    ).toBe(true);
    expect(validateCredential(withValue(fixture('ob3-certification-unsigned'), pointer, 'ext:')).valid).toBe(false);
    expect(validateCredential(withValue(fixture('ob3-certification-unsigned'), pointer, 'ext:has space')).valid).toBe(
      false,
    );
  });

  it.each([
    [
      '/credentialSubject/result/1/status',
      'Passed',
      'Completed, Enrolled, Failed, InProgress, OnHold, Provisional, Withdrew',
    ],
    ['/credentialSubject/achievement/resultDescription/0/resultType', 'Score', 'GradePointAverage'],
    ['/credentialSubject/achievement/alignment/0/targetType', 'ESCO', 'ceasn:Competency'],
    ['/credentialSubject/identifier/0/identityType', 'email', 'emailAddress'],
    ['/issuer/otherIdentifier/0/identifierType', 'ctid', 'sourcedId'],
  ])('rejects %s = %j', (pointer, value, listed) => {
    const result = validateCredential(withValue(fixture('ob3-certification-unsigned'), pointer, value));
    expect(result.errors).toHaveLength(1);
    expect(result.errors[0]?.pointer).toBe(pointer);
    expect(result.errors[0]?.message).toContain('must be one of');
    expect(result.errors[0]?.message).toContain(listed);
  });

  it('does not accept ext: terms for the closed ResultStatusType', () => {
    const pointer = '/credentialSubject/result/1/status';
    expect(validateCredential(withValue(fixture('ob3-certification-unsigned'), pointer, 'ext:Paused')).valid).toBe(
      false,
    );
  });
});

describe('VC 2.0 date-times (RFC 3339 with time zone)', () => {
  it.each([
    ['/validFrom', '2025-03-01'],
    ['/validFrom', '2025-03-01T09:00:00'],
    ['/validFrom', 'yesterday'],
    ['/validFrom', '2025-02-30T09:00:00Z'],
    ['/validUntil', '01/03/2030'],
    ['/awardedDate', '2025-03-01 9am'],
    ['/credentialSubject/activityStartDate', '2025-13-10T08:00:00Z'],
  ])('rejects %s = %j', (pointer, value) => {
    const result = validateCredential(withValue(fixture('ob3-certification-unsigned'), pointer, value));
    expect(result.errors).toHaveLength(1);
    expect(result.errors[0]?.pointer).toBe(pointer);
    expect(result.errors[0]?.message).toContain('must be an RFC 3339 date-time with a time zone');
  });

  it('accepts offsets and fractional seconds', () => {
    const credential = fixture('ob3-certification-unsigned');
    credential.validFrom = '2025-03-01T10:00:00.123+01:00';
    expect(validateCredential(credential).valid).toBe(true);
  });

  it('reports a non-string date with its type', () => {
    const result = validateCredential(withValue(fixture('ob3-certification-unsigned'), '/validFrom', 1740819600));
    expect(result.errors).toEqual([{ pointer: '/validFrom', message: '`validFrom` must be a string.' }]);
  });
});

describe('W3C Bitstring Status List 1.0 entry in credentialStatus', () => {
  it('requires statusListIndex as a string of digits', () => {
    const result = validateCredential(
      withValue(fixture('ob3-certification-unsigned'), '/credentialStatus/statusListIndex', 4411),
    );
    expect(result.errors).toEqual([
      { pointer: '/credentialStatus/statusListIndex', message: '`credentialStatus.statusListIndex` must be a string.' },
    ]);
  });

  it('leaves other status methods (1EdTechRevocationList) alone', () => {
    const credential = fixture('ob3-certification-unsigned');
    credential.credentialStatus = {
      id: 'https://certs.harbourline-safety.example/revocations',
      type: '1EdTechRevocationList',
    };
    expect(validateCredential(credential).valid).toBe(true);
  });
});

describe('validateCredential never throws on bad input', () => {
  const cyclic: any = fixture('ob3-certification-unsigned');
  cyclic.issuer.parentOrg = cyclic.issuer;
  const throwingGetter = Object.defineProperty(fixture('ob3-certification-unsigned'), 'validFrom', {
    enumerable: true,
    get() {
      throw new Error('boom');
    },
  });
  const inputs: Array<[string, unknown]> = [
    ['null', null],
    ['undefined', undefined],
    ['a string', '{"@context": []}'],
    ['an empty string', ''],
    ['a number', 42],
    ['NaN', Number.NaN],
    ['a boolean', true],
    ['a bigint', 10n],
    ['a symbol', Symbol('x')],
    ['a function', () => 1],
    ['an empty array', []],
    ['an array holding a valid credential', [fixture('ob3-certification-unsigned')]],
    ['an empty object', {}],
    ['an object without a prototype', Object.create(null)],
    ['a Date', new Date(0)],
    ['a cyclic object', cyclic],
    ['an object with a throwing getter', throwingGetter],
    ['deeply wrong types', { '@context': 1, id: [], type: {}, issuer: 5, validFrom: null, credentialSubject: 'x' }],
  ];

  it.each(inputs)('returns errors for %s', (_label, input) => {
    let result: SchemaValidationResult | undefined;
    expect(() => {
      result = validateCredential(input);
    }).not.toThrow();
    expect(result?.valid).toBe(false);
    expect(result?.errors.length).toBeGreaterThan(0);
    for (const error of result?.errors ?? []) {
      expect(error.pointer === '' || error.pointer.startsWith('/')).toBe(true);
      expect(error.message.length).toBeGreaterThan(0);
    }
  });

  it('says a non-object credential must be a JSON object, at the root pointer', () => {
    expect(validateCredential('hello')).toEqual({
      valid: false,
      errors: [{ pointer: '', message: 'The credential must be a JSON object.' }],
    });
  });

  it('throws a TypeError for an unknown schema name (a caller bug, not bad input)', () => {
    expect(() => validateCredential({}, 'Assertion' as never)).toThrow(TypeError);
  });
});

describe('schemaForCredential', () => {
  it.each([
    [{ type: ['VerifiableCredential', 'OpenBadgeCredential'] }, 'AchievementCredential'],
    [{ type: ['VerifiableCredential', 'AchievementCredential'] }, 'AchievementCredential'],
    [{ type: 'OpenBadgeCredential' }, 'AchievementCredential'],
    [{ type: ['VerifiableCredential', 'EndorsementCredential'] }, 'EndorsementCredential'],
    [{ type: ['VerifiableCredential', 'ClrCredential'] }, undefined],
    [{ type: ['Profile'] }, undefined],
    [{}, undefined],
    [null, undefined],
    ['OpenBadgeCredential', undefined],
    [[{ type: ['OpenBadgeCredential'] }], undefined],
  ])('maps %j to %s', (input, expected) => {
    expect(schemaForCredential(input)).toBe(expected);
  });

  it('picks the endorsement schema when validating without an explicit schema', () => {
    const endorsement = fixture('ob3-endorsement-unsigned');
    expect(validateCredential(endorsement)).toEqual({ valid: true, errors: [] });
    delete endorsement.name;
    expect(validateCredential(endorsement).errors.map((e) => e.pointer)).toEqual(['/name']);
  });
});

describe('OB 3.0 EndorsementCredential', () => {
  it('validates an endorsement embedded in an achievement', () => {
    const credential = fixture('ob3-certification-unsigned');
    credential.credentialSubject.achievement.endorsement = [fixture('ob3-endorsement-unsigned')];
    expect(validateCredential(credential).valid).toBe(true);
    delete credential.credentialSubject.achievement.endorsement[0].credentialSubject.id;
    expect(validateCredential(credential).errors).toEqual([
      {
        pointer: '/credentialSubject/achievement/endorsement/0/credentialSubject/id',
        message:
          '`credentialSubject.achievement.endorsement[0].credentialSubject.id` is required: the identifier of what is endorsed.',
      },
    ]);
  });

  it('requires the EndorsementCredential type', () => {
    const endorsement = fixture('ob3-endorsement-unsigned');
    endorsement.type = ['VerifiableCredential'];
    expect(validateCredential(endorsement, 'EndorsementCredential').errors).toEqual([
      { pointer: '/type', message: '`type` must include "EndorsementCredential".' },
    ]);
  });
});

describe('OB 3.0 Profile', () => {
  it('accepts an issuer profile and reports a missing id at /id', () => {
    const profile = fixture('ob3-certification-unsigned').issuer;
    expect(validateCredential(profile, 'Profile')).toEqual({ valid: true, errors: [] });
    delete profile.id;
    expect(validateCredential(profile, 'Profile').errors).toEqual([
      { pointer: '/id', message: '`id` is required: unique URI of the profile (an https URL or a DID).' },
    ]);
  });

  it('says "the profile" for a non-object', () => {
    expect(validateCredential(7, 'Profile').errors).toEqual([
      { pointer: '', message: 'The profile must be a JSON object.' },
    ]);
  });
});

describe('schema URL constants', () => {
  it('use the purl URLs from the OB 3.0 specification', () => {
    expect(ACHIEVEMENT_CREDENTIAL_SCHEMA_URL).toBe(
      'https://purl.imsglobal.org/spec/ob/v3p0/schema/json/ob_v3p0_achievementcredential_schema.json',
    );
    expect(PROFILE_SCHEMA_URL).toBe('https://purl.imsglobal.org/spec/ob/v3p0/schema/json/ob_v3p0_profile_schema.json');
    expect(ENDORSEMENT_CREDENTIAL_SCHEMA_URL).toBe(
      'https://purl.imsglobal.org/spec/ob/v3p0/schema/json/ob_v3p0_endorsementcredential_schema.json',
    );
  });
});

describe('messages for a value of the wrong kind', () => {
  it.each([
    ['/issuer', 5, '`issuer` must be a string or a Profile object.'],
    ['/evidence', 5, '`evidence` must be an Evidence object or an array of them.'],
    [
      '/credentialSubject/achievement/image',
      'https://x.example/b.png',
      '`credentialSubject.achievement.image` must be an Image object.',
    ],
    ['/credentialSubject/type', 7, '`credentialSubject.type` must be a string or an array.'],
    ['/credentialSubject/type', 'Learner', '`credentialSubject.type` must be "AchievementSubject".'],
    [
      '/credentialSubject/achievement/type',
      ['Badge'],
      '`credentialSubject.achievement.type` must include "Achievement".',
    ],
  ])('%s = %j', (pointer, value, message) => {
    expect(validateCredential(withValue(fixture('ob3-certification-unsigned'), pointer, value)).errors).toEqual([
      { pointer, message },
    ]);
  });
});
