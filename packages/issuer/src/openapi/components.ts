import { PROBLEM_CODES } from '@repo/core';
import { SCOPES } from '../http/auth.ts';
import { type OpenApiObject, problem, ref } from './shared.ts';

const CODES = Object.keys(PROBLEM_CODES);

/** The verifier's per-check outcome (`@repo/verifier` `Check`). */
const CHECK: OpenApiObject = {
  type: 'object',
  required: ['id', 'status'],
  properties: {
    id: {
      enum: ['format', 'proof', 'issuer', 'validity', 'status', 'schema', 'relatedResource', 'refresh', 'presentation'],
    },
    status: {
      enum: ['passed', 'failed', 'could-not-check', 'skipped', 'warning'],
      description:
        '`could-not-check` means no answer could be had (a status list that could not be fetched): never read it as passed.',
    },
    message: { type: 'string', description: 'A sentence for a person.' },
    problem: ref('schemas', 'Problem'),
    details: { type: 'object' },
  },
};

/** Shared schemas: problems, OAuth errors, verification results. */
const SCHEMAS: Record<string, OpenApiObject> = {
  Problem: {
    type: 'object',
    description:
      'An RFC 9457 problem. Branch on `title`, the stable code; `detail` is a sentence for a person; `pointer` (a JSON Pointer) names the field when there is one. Every code is listed, with its meaning, at GET /problems.',
    required: ['type', 'title', 'detail'],
    properties: {
      type: {
        type: 'string',
        format: 'uri',
        description:
          'W3C-named codes keep `https://www.w3.org/ns/credentials#CODE`; ours are `<server>/problems#CODE`.',
      },
      title: { type: 'string', enum: CODES, description: 'The stable code.' },
      status: { type: 'integer', description: 'The HTTP status (in HTTP answers).' },
      detail: { type: 'string' },
      pointer: { type: 'string', description: 'JSON Pointer into the request (or the credential) naming the field.' },
      instance: { type: 'string', description: 'The request path.' },
    },
  },
  HttpProblem: {
    description: 'A problem as an HTTP answer: the status is always there.',
    allOf: [ref('schemas', 'Problem'), { required: ['status'] }],
  },
  OAuthError: {
    type: 'object',
    description:
      'An OAuth 2.0 error (RFC 6749 §5.2; OID4VCI 1.0 §8.3.1.2), the form OID4VCI wallets read, instead of a problem.',
    required: ['error'],
    properties: {
      error: {
        type: 'string',
        examples: [
          'invalid_request',
          'invalid_grant',
          'unsupported_grant_type',
          'invalid_authorization_details',
          'invalid_token',
          'invalid_credential_request',
          'invalid_proof',
          'invalid_nonce',
          'unknown_credential_configuration',
          'unknown_credential_identifier',
          'credential_request_denied',
        ],
      },
      error_description: { type: 'string', description: 'Printable ASCII, for a person.' },
    },
  },
  Check: CHECK,
  CredentialVerification: {
    type: 'object',
    description: '`verified` is true only if no check failed or could not check.',
    required: ['verified', 'checks', 'problems'],
    properties: {
      verified: { type: 'boolean' },
      checks: { type: 'array', items: ref('schemas', 'Check') },
      problems: {
        type: 'array',
        items: ref('schemas', 'Problem'),
        description: 'What made `verified` false.',
      },
      issuer: { type: 'string' },
      credentialId: { type: 'string' },
      lifecycle: { type: 'object', description: 'Where the credential stands: current, revoked, lapsed …' },
      credential: { type: 'object', description: 'For a JWT input: the credential it carries.' },
    },
  },
  PresentationVerification: {
    type: 'object',
    required: ['verified', 'checks', 'problems', 'credentialResults'],
    properties: {
      verified: { type: 'boolean' },
      checks: { type: 'array', items: ref('schemas', 'Check') },
      problems: { type: 'array', items: ref('schemas', 'Problem') },
      credentialResults: { type: 'array', items: ref('schemas', 'CredentialVerification') },
    },
  },
  VerifiableCredential: {
    description:
      'A credential with an embedded proof, or an `EnvelopedVerifiableCredential` (`id`: `data:application/vc+jwt,<JWT>`), or (VC 1.1) a compact JWT string.',
    oneOf: [
      { type: 'object', required: ['@context', 'type'] },
      { type: 'string', description: 'A compact VC-JWT.' },
    ],
  },
};

const PROBLEM_REF = { 'application/problem+json': { schema: ref('schemas', 'HttpProblem') } };

/** Shared responses: the refusals many routes give the same way. */
const RESPONSES: Record<string, OpenApiObject> = {
  Unauthorized: {
    description:
      'No bearer token (A1), or one that is malformed or unknown (A2, `error="invalid_token"`). Code `UNAUTHORIZED`.',
    headers: { 'WWW-Authenticate': { schema: { type: 'string' }, example: 'Bearer realm="issuer"' } },
    content: PROBLEM_REF,
  },
  Forbidden: {
    description: 'The token lacks the scope this route needs (A5, `error="insufficient_scope"`). Code `FORBIDDEN`.',
    headers: {
      'WWW-Authenticate': {
        schema: { type: 'string' },
        example: 'Bearer realm="issuer", error="insufficient_scope", scope="write:/credentials/issue"',
      },
    },
    content: PROBLEM_REF,
  },
  PayloadTooLarge: {
    description: 'The body is larger than the configured limit (default 512 KB; I1). Code `PAYLOAD_TOO_LARGE`.',
    content: PROBLEM_REF,
  },
  UnsupportedMediaType: {
    description: 'The body is not sent with a media type this route reads (I6). Code `UNSUPPORTED_MEDIA_TYPE`.',
    content: PROBLEM_REF,
  },
  Unexpected: {
    ...problem(
      'Something failed on the service side: an unexpected error (500, logged; the answer carries no internal detail, K2), a full disk (507) or a store or key that cannot be used now (503). Nothing was stored.',
      ['INTERNAL_ERROR', 'RECORD_UNREADABLE', 'INSUFFICIENT_STORAGE', 'SERVICE_UNAVAILABLE'],
    ),
    content: PROBLEM_REF,
  },
};

const SCOPE_LIST = Object.values(SCOPES)
  .map((s) => `\`${s}\``)
  .join(', ');

/**
 * The document's `components`: schemas (the problem with every code of `PROBLEM_CODES`, OAuth
 * errors, verification results), shared responses, the `Idempotency-Key` parameter and the security
 * schemes (the service's bearer tokens with their scopes, the OID4VCI access token).
 *
 * @example
 * const doc = { openapi: '3.1.0', components: openApiComponents(), … };
 */
export function openApiComponents(): OpenApiObject {
  return {
    schemas: SCHEMAS,
    responses: RESPONSES,
    parameters: {
      IdempotencyKey: {
        name: 'Idempotency-Key',
        in: 'header',
        required: false,
        description:
          'draft-ietf-httpapi-idempotency-key-header: one quoted string (an RFC 8941 sf-string), e.g. `"8e03978e-40d5-43e8-bc93-6894a57f9324"`. The same key and body again → the first answer, with `Idempotent-Replayed: true`, and nothing created; the same key with another body → 422 `IDEMPOTENCY_KEY_REUSED`; while the first is in flight → 409 `IDEMPOTENCY_KEY_IN_USE`; malformed → 400. Keys are per token.',
        schema: { type: 'string' },
        example: '"8e03978e-40d5-43e8-bc93-6894a57f9324"',
      },
    },
    securitySchemes: {
      issuerToken: {
        type: 'http',
        scheme: 'bearer',
        description: `A token configured on the service (\`TOKENS\`), sent as \`Authorization: Bearer <token>\` (RFC 6750). Each token holds scopes: ${SCOPE_LIST}. The scope a route needs is named in its security requirement.`,
      },
      oid4vciAccessToken: {
        type: 'http',
        scheme: 'bearer',
        bearerFormat: 'JWT',
        description: 'The OID4VCI access token from POST /oid4vci/token (RFC 9068 JWT, 5 minutes, bound to one offer).',
      },
    },
  };
}
