import { CATALOGUE_ISSUE_PROPERTIES } from '../catalogue/schemas.ts';
import type { BodySchema } from './request-body.ts';

/** What `POST /pathways/:id/evaluate` can issue (`options.issue`). */
export const ISSUE_KINDS = ['clr', 'achievement', 'progress'] as const;

/** `POST /credentials/status`. */
export const STATUS_UPDATE_BODY: BodySchema = {
  type: 'object',
  required: ['credentialId', 'credentialStatus'],
  additionalProperties: false,
  properties: {
    credentialId: {
      type: 'string',
      minLength: 1,
      description: 'credentialId must be the id of a credential this service issued.',
    },
    credentialStatus: {
      type: 'array',
      minItems: 1,
      description:
        'credentialStatus must be a non-empty list of { "type": "BitstringStatusListEntry", "status": "revoked" | "suspended" | "unsuspended" }.',
      items: {
        type: 'object',
        description: 'Each entry must be an object.',
        required: ['type', 'status'],
        additionalProperties: false,
        properties: {
          type: { const: 'BitstringStatusListEntry', description: 'type must be "BitstringStatusListEntry".' },
          status: {
            enum: ['revoked', 'suspended', 'unsuspended'],
            description: 'status must be "revoked", "suspended" or "unsuspended".',
          },
        },
      },
    },
    reason: {
      type: 'string',
      minLength: 1,
      maxLength: 500,
      description:
        "reason, when given, must be a string of 1 to 500 characters: why, kept in the credential's status history.",
    },
  },
};

/** `POST /credentials/renew`. */
export const RENEW_BODY: BodySchema = {
  type: 'object',
  required: ['credentialId'],
  additionalProperties: false,
  properties: {
    credentialId: {
      type: 'string',
      minLength: 1,
      description: 'credentialId must be the id of the certification to renew.',
    },
    verifiablePresentation: {},
    verifiableCredential: {
      type: 'array',
      description: 'verifiableCredential must be a list of continuing-education credentials.',
    },
  },
};

/** `POST /pathways/:id/evaluate`. */
export const EVALUATE_BODY: BodySchema = {
  type: 'object',
  description: 'Send either verifiablePresentation or a verifiableCredential list.',
  additionalProperties: false,
  oneOf: [{ required: ['verifiablePresentation'] }, { required: ['verifiableCredential'] }],
  properties: {
    verifiablePresentation: {},
    verifiableCredential: { type: 'array', description: 'verifiableCredential must be a list of credentials.' },
    options: {
      type: 'object',
      description: 'options must be an object.',
      additionalProperties: false,
      properties: {
        challenge: { type: 'string', minLength: 1, description: 'options.challenge must be a string.' },
        domain: { type: 'string', minLength: 1, description: 'options.domain must be a string.' },
        recipient: { type: 'string', minLength: 1, description: 'options.recipient must be a string.' },
        issue: {
          description: 'options.issue lists what to issue: "clr", "achievement" and/or "progress".',
          anyOf: [
            { enum: [...ISSUE_KINDS] },
            {
              type: 'array',
              items: {
                enum: [...ISSUE_KINDS],
                description: 'options.issue lists what to issue: "clr", "achievement" and/or "progress".',
              },
            },
          ],
        },
      },
    },
  },
};

/** `POST /credentials/derive`. */
export const DERIVE_BODY: BodySchema = {
  type: 'object',
  required: ['verifiableCredential'],
  additionalProperties: false,
  properties: {
    verifiableCredential: {
      type: 'object',
      description: 'verifiableCredential must be a credential with an ecdsa-sd-2023 base proof.',
    },
    options: {
      type: 'object',
      description: 'options must be an object.',
      additionalProperties: false,
      properties: {
        selectivePointers: {
          type: 'array',
          items: { type: 'string', description: 'options.selectivePointers must be a list of JSON Pointers.' },
          description: 'options.selectivePointers must be a list of JSON Pointers.',
        },
      },
    },
  },
};

/**
 * `POST /credentials/issue`: the request's shape; the credential's own rules are `checkIssueRequest`'s.
 * Either a full `credential`, or the catalogue form `achievement` + `recipient` (+ `achievementVersion`,
 * `fields`); which of the two is checked by the route (`catalogue/issue-form.ts`), with a clearer message.
 */
export const ISSUE_BODY: BodySchema = {
  type: 'object',
  description:
    'Send { "credential": {…}, "options": {…} }, or { "achievement": "<id>", "recipient": { "id" | "email" }, "fields": {…}, "options": {…} }.',
  additionalProperties: false,
  properties: {
    credential: { type: 'object', description: 'credential must be a JSON object.' },
    ...CATALOGUE_ISSUE_PROPERTIES,
    options: {
      type: 'object',
      description: 'options must be a JSON object.',
      additionalProperties: false,
      properties: {
        credentialStatus: {},
        format: {},
        cryptosuite: {},
        mandatoryPointers: {},
        alg: {},
        jwtProfile: {},
      },
    },
  },
};

/** `POST /awards`: an award for a person whose wallet DID is not known yet. */
export const AWARD_BODY: BodySchema = {
  type: 'object',
  required: ['credential', 'recipient'],
  additionalProperties: false,
  properties: {
    credential: {
      type: 'object',
      description: 'credential must be the credential to issue, without credentialSubject.id and without id.',
    },
    options: ISSUE_BODY.properties.options,
    recipient: {
      type: 'object',
      description: 'recipient must be { "name", "email", "identifier" } with at least one of them.',
      additionalProperties: false,
      minProperties: 1,
      properties: {
        name: {
          type: 'string',
          minLength: 1,
          maxLength: 200,
          description: 'recipient.name must be a non-empty string.',
        },
        email: {
          type: 'string',
          maxLength: 254,
          pattern: '^[^@\\s]+@[^@\\s]+\\.[^@\\s]+$',
          description: 'recipient.email must be an email address.',
        },
        identifier: {
          type: 'string',
          minLength: 1,
          maxLength: 200,
          description: 'recipient.identifier must be a non-empty string (your own id for the person).',
        },
      },
    },
    expiresIn: {
      type: 'integer',
      minimum: 60,
      maximum: 7776000,
      description: 'expiresIn must be the seconds the offer stays open, 60 to 7776000 (90 days).',
    },
    txCode: { type: 'boolean', description: 'txCode must be true or false.' },
  },
};
