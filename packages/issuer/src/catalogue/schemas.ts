import type { BodySchema } from '../http/request-body.ts';

/** Per-person fields of the credential subject (OB 3.0 §B.1.2 AchievementSubject). */
export const SUBJECT_FIELDS = [
  'result',
  'creditsEarned',
  'activityStartDate',
  'activityEndDate',
  'licenseNumber',
  'narrative',
  'role',
  'term',
  'image',
  'source',
] as const;

/** Per-person fields of the credential itself (VC 2.0 §4.9 validity period, OB 3.0 §B.1.3 evidence). */
export const CREDENTIAL_FIELDS = ['validFrom', 'validUntil', 'evidence', 'name', 'description'] as const;

const ANY = (description: string) => ({ description });

/** `fields` of the catalogue form of `POST /credentials/issue`: their OB 3.0 rules are checked on the built credential. */
export const FIELDS_SCHEMA: BodySchema = {
  type: 'object',
  description: `fields must be an object with some of: ${[...SUBJECT_FIELDS, ...CREDENTIAL_FIELDS].join(', ')}.`,
  additionalProperties: false,
  properties: Object.fromEntries(
    [...SUBJECT_FIELDS, ...CREDENTIAL_FIELDS].map((f) => [
      f,
      ANY(
        `fields.${f} must be an OB 3.0 ${SUBJECT_FIELDS.includes(f as never) ? 'AchievementSubject' : 'credential'} value.`,
      ),
    ]),
  ),
};

/** `recipient` of the catalogue form: a DID (the subject's `id`), an email (a hashed IdentityObject), or both. */
export const RECIPIENT_SCHEMA: BodySchema = {
  type: 'object',
  description: 'recipient must be { "id": "<DID>" } and/or { "email": "<address>" }.',
  additionalProperties: false,
  minProperties: 1,
  properties: {
    id: {
      type: 'string',
      maxLength: 2000,
      pattern: '^did:[a-z0-9]+:\\S+$',
      description: 'recipient.id must be a DID, such as "did:key:z6Mk…".',
    },
    email: {
      type: 'string',
      maxLength: 254,
      pattern: '^[^@\\s]+@[^@\\s]+\\.[^@\\s]+$',
      description: 'recipient.email must be an email address.',
    },
  },
};

/** The catalogue form's own request fields (added to `ISSUE_BODY`). */
export const CATALOGUE_ISSUE_PROPERTIES: Record<string, BodySchema> = {
  achievement: {
    type: 'string',
    minLength: 1,
    maxLength: 2000,
    description: 'achievement must be the id (a URL) of an achievement in the catalogue (GET /achievements).',
  },
  achievementVersion: {
    type: 'integer',
    minimum: 1,
    description: 'achievementVersion must be a version number (1, 2, …) of the achievement.',
  },
  recipient: RECIPIENT_SCHEMA,
  fields: FIELDS_SCHEMA,
};

/** `PUT /issuer`: an OB 3.0 Profile; its full rules are the bundled Profile JSON Schema's. */
export const PROFILE_BODY: BodySchema = {
  type: 'object',
  description: 'The body must be an Open Badges 3.0 Profile object (name, url, email, image, description …).',
};

/** `POST /achievements`, `PUT /achievements/:id`: an OB 3.0 Achievement; its rules are the bundled schema's. */
export const ACHIEVEMENT_BODY: BodySchema = {
  type: 'object',
  description: 'The body must be an Open Badges 3.0 Achievement object (name, description, criteria …).',
};
