import { DERIVE_BODY } from '../http/request-schemas.ts';
import { verifyExample } from './examples.ts';
import {
  BODY_REFUSALS,
  CREDENTIAL_TYPES,
  json,
  jsonBody,
  type OpenApiObject,
  type Paths,
  PUBLIC,
  pathParam,
  preflight,
  problem,
  ref,
} from './shared.ts';

const TAG = 'Verifying';
const JWS = { type: 'string', description: 'One compact JWS (header.payload.signature).' };
const MALFORMED = ['PARSING_ERROR', 'MALFORMED_VALUE_ERROR', 'UNKNOWN_OPTION_PROVIDED'];

const VERIFY_CREDENTIAL_BODY: OpenApiObject = {
  type: 'object',
  description:
    '`{ verifiableCredential, options? }` (VC-API), or the credential itself sent bare (an object with `@context`). The `di+jwt` issue answer is accepted as it is: `envelopedVerifiableCredential` (or `jwt`) beside the credential is verified too and must carry the same credential.',
  properties: {
    verifiableCredential: ref('schemas', 'VerifiableCredential'),
    envelopedVerifiableCredential: { type: 'object' },
    jwt: { type: 'string' },
    options: {
      type: 'object',
      additionalProperties: false,
      properties: {
        checks: {
          type: 'array',
          description: 'Run only these checks (`proof` always runs).',
          items: {
            enum: [
              'proof',
              'credentialStatus',
              'status',
              'expiration',
              'validity',
              'validityPeriod',
              'issuer',
              'schema',
              'credentialSchema',
              'relatedResource',
            ],
          },
        },
        expectedProofPurpose: { const: 'assertionMethod' },
      },
    },
  },
};

const VERIFY_PRESENTATION_BODY: OpenApiObject = {
  type: 'object',
  properties: {
    verifiablePresentation: {
      description: 'A presentation with a Data Integrity proof, an `EnvelopedVerifiablePresentation`, or unsigned.',
      oneOf: [{ type: 'object' }, { type: 'string' }],
    },
    options: {
      type: 'object',
      additionalProperties: false,
      properties: {
        challenge: { type: 'string' },
        domain: { type: 'string' },
        checks: { type: 'array', items: { type: 'string' } },
        expectedProofPurpose: { const: 'authentication' },
        requireIssuedChallenge: {
          type: 'boolean',
          description: 'Refuse a challenge that POST /challenges did not issue (or no longer remembers).',
        },
      },
    },
  },
};

const IMAGE = { type: 'string', contentMediaType: 'image/png', contentEncoding: 'binary' };
const SVG = { type: 'string', contentMediaType: 'image/svg+xml' };

/**
 * Verifying credentials and presentations (VC-API), deriving selective disclosures, and the public
 * documents verifiers fetch: status lists, the did:web document (when the issuer is a did:web), the
 * problem types.
 *
 * @example
 * const paths = verifyingPaths('did:key:z6Mk…', undefined);
 */
export function verifyingPaths(issuerDid: string, didPath: string | undefined): Paths {
  const verified = (what: string, schema: string) => ({
    '200': json(`Verified: every check passed.`, ref('schemas', schema)),
    '400': problem(
      `The request is malformed: no ${what}, an unknown option or check name, a JWT body that is not one compact JWS.`,
      MALFORMED,
    ),
    ...BODY_REFUSALS,
  });
  const paths: Paths = {
    '/credentials/verify': {
      post: {
        tags: [TAG],
        operationId: 'verifyCredential',
        summary: 'Verify a credential',
        description:
          'VC-API "Verify Credential": the proof (Data Integrity or JWT), validity dates, status lists, issuer, schema and related resources, each reported as a check. The credential may come as JSON, as a compact VC-JWT body, or as the Open Badges baked image that carries it (OB 3.0 §5.3). A credential that is not verified is a 422 with the same result shape.',
        security: PUBLIC,
        requestBody: {
          required: true,
          content: {
            'application/json': { schema: VERIFY_CREDENTIAL_BODY, example: verifyExample(issuerDid) },
            // VC 2.0 §6.3: a credential as the credential pages serve it (credential.json).
            'application/vc': { schema: VERIFY_CREDENTIAL_BODY },
            'application/vc+jwt': { schema: JWS },
            'application/jwt': { schema: JWS },
            'image/png': { schema: IMAGE },
            'image/svg+xml': { schema: SVG },
          },
        },
        responses: {
          ...verified('verifiableCredential', 'CredentialVerification'),
          '422': {
            description:
              'Not verified (a check failed or could not check): the result with each check. A baked image that carries no credential is a problem instead.',
            content: {
              'application/json': { schema: ref('schemas', 'CredentialVerification') },
              'application/problem+json': { schema: ref('schemas', 'HttpProblem') },
            },
          },
        },
      },
      options: preflight('POST', TAG),
    },
    '/presentations/verify': {
      post: {
        tags: [TAG],
        operationId: 'verifyPresentation',
        summary: 'Verify a presentation',
        description:
          'VC-API "Verify Presentation": the holder\'s proof with `challenge` and `domain` (V4), and every credential inside. A challenge from POST /challenges is good once, before it expires.',
        security: PUBLIC,
        requestBody: {
          required: true,
          content: {
            'application/json': { schema: VERIFY_PRESENTATION_BODY },
            'application/vp+jwt': { schema: JWS },
            'application/jwt': { schema: JWS },
          },
        },
        responses: {
          ...verified('verifiablePresentation', 'PresentationVerification'),
          '422': json('Not verified: the result with each check.', ref('schemas', 'PresentationVerification')),
        },
      },
      options: preflight('POST', TAG),
    },
    '/challenges': {
      post: {
        tags: [TAG],
        operationId: 'createChallenge',
        summary: 'Get a single-use challenge',
        description:
          'VC-API "Create Challenge": 128 random bits for a holder to sign a presentation with, good once, for 5 minutes by default. The body is not read.',
        security: PUBLIC,
        responses: {
          '200': json(
            'A fresh challenge.',
            {
              type: 'object',
              required: ['challenge', 'expires'],
              properties: { challenge: { type: 'string' }, expires: { type: 'string', format: 'date-time' } },
            },
            { challenge: 'kF3k0xq4J9y3s5m1V2bL8w', expires: '2026-03-01T12:05:00Z' },
          ),
        },
      },
      options: preflight('POST', TAG),
    },
    '/credentials/derive': {
      post: {
        tags: [TAG],
        operationId: 'deriveCredential',
        summary: 'Derive a selective disclosure',
        description:
          'VC-API "Derive Credential": from a credential with an `ecdsa-sd-2023` base proof, a credential that discloses only the mandatory fields and `options.selectivePointers`. Public: what it needs is in the base proof the holder received.',
        security: PUBLIC,
        requestBody: jsonBody(DERIVE_BODY, {
          verifiableCredential: { '…': 'a credential with an ecdsa-sd-2023 base proof' },
          options: { selectivePointers: ['/credentialSubject/achievement/name'] },
        }),
        responses: {
          '201': json('The derived credential.', {
            type: 'object',
            required: ['verifiableCredential'],
            properties: { verifiableCredential: { type: 'object' } },
          }),
          '400': problem('The body is malformed.', MALFORMED),
          ...BODY_REFUSALS,
          '422': problem('The credential has no usable `ecdsa-sd-2023` base proof, or a pointer cannot be disclosed.', [
            'PROOF_VERIFICATION_ERROR',
            'PROOF_TRANSFORMATION_ERROR',
            'MALFORMED_VALUE_ERROR',
          ]),
        },
      },
      options: preflight('POST', TAG),
    },
    '/status/{purpose}/{list}': {
      get: {
        tags: [TAG],
        operationId: 'getStatusList',
        summary: 'A status list',
        description:
          "The signed `BitstringStatusListCredential` (Bitstring Status List 1.0). Public, no cookies, `Cache-Control: max-age` = the list's `ttl` (A9); the media type follows `Accept`.",
        security: PUBLIC,
        parameters: [
          pathParam('purpose', 'The status purpose of the list.', {
            enum: ['revocation', 'suspension', 'lifecycle'],
          }),
          pathParam('list', 'The list number, from 0.', { type: 'string', pattern: '^(0|[1-9][0-9]{0,5})$' }),
        ],
        responses: {
          '200': {
            description: 'The status list credential.',
            headers: { 'Cache-Control': { schema: { type: 'string' }, example: 'public, max-age=300' } },
            content: Object.fromEntries(CREDENTIAL_TYPES.map((t) => [t, { schema: { type: 'object' } }])),
          },
          '404': problem('There is no such status list.', ['NOT_FOUND']),
        },
      },
      options: preflight('GET', TAG),
    },
    '/problems': {
      get: {
        tags: [TAG],
        operationId: 'listProblemTypes',
        summary: 'Every problem code and what it means',
        description:
          'The page every problem `type` of ours points at (`/problems#CODE`). HTML, or JSON with `Accept: application/json`.',
        security: PUBLIC,
        responses: {
          '200': {
            description: 'The problem types.',
            content: {
              'text/html': { schema: { type: 'string' } },
              'application/json': {
                schema: {
                  type: 'array',
                  items: {
                    type: 'object',
                    required: ['code', 'type', 'source', 'meaning'],
                    properties: {
                      code: { type: 'string' },
                      type: { type: 'string' },
                      source: { type: 'string' },
                      meaning: { type: 'string' },
                    },
                  },
                },
              },
            },
          },
        },
      },
      options: preflight('GET', TAG),
    },
  };
  if (didPath) {
    paths[didPath] = {
      get: {
        tags: [TAG],
        operationId: 'getDidDocument',
        summary: "The issuer's DID document (did:web)",
        description:
          'Its public keys as `assertionMethod`s (retired and revoked keys marked). Served only for a did:web issuer.',
        security: PUBLIC,
        responses: {
          '200': {
            description: 'The DID document; the media type follows `Accept`.',
            content: Object.fromEntries(
              ['application/did+json', 'application/did+ld+json', 'application/ld+json', 'application/json'].map(
                (t) => [t, { schema: { type: 'object', required: ['id', 'verificationMethod'] } }],
              ),
            ),
          },
        },
      },
      options: preflight('GET', TAG),
    };
  }
  return paths;
}
