import { SCOPES } from '../http/auth.ts';
import { PROGRESS_BODY } from '../pages/progress-routes.ts';
import { SHARE_BODY } from '../pages/share-body.ts';
import { OFFER_TOKEN } from './paths-awards.ts';
import {
  BODY_REFUSALS,
  bearer,
  json,
  jsonBody,
  type OpenApiObject,
  type PathItem,
  type Paths,
  PUBLIC,
  page,
  pageOrProblem,
  pathParam,
  preflight,
  problem,
  ref,
  TOKEN_REFUSALS,
} from './shared.ts';

const WORKER = "The worker's pages";
const SHARED = 'Shared credential pages';
const SHARE_TOKEN = pathParam(
  'token',
  "The share token: a 256-bit capability (43 base64url characters) that opens this credential's public page while its holder keeps sharing on.",
  { type: 'string', pattern: '^[A-Za-z0-9_-]{43}$' },
);
const NOT_AVAILABLE = page(
  'Not available: the link is unknown or turned off (the page does not say which), or the credential has no such form.',
);
const SEE_OTHER = {
  description: 'Done; back to the offer page.',
  headers: { Location: { schema: { type: 'string', format: 'uri' } } },
};
const SAME_ORIGIN =
  'A same-origin form post from the offer page (`Sec-Fetch-Site: same-origin`, or an `Origin` of this service); anything else is 403.';

/** One `GET /c/{token}…` operation: its summary, what it answers, and the 404 page. */
function sharedGet(operationId: string, summary: string, ok: OpenApiObject, description?: string): PathItem {
  return {
    get: {
      tags: [SHARED],
      operationId,
      summary,
      description: `${description ? `${description} ` : ''}Every answer under \`/c/\` is \`no-store\`, \`noindex\` and \`no-referrer\`.`,
      security: PUBLIC,
      parameters: [SHARE_TOKEN],
      responses: { '200': ok, '404': NOT_AVAILABLE },
    },
  };
}

/** A download: JSON credentials (`application/vc`) are objects, the rest strings of bytes. */
const download = (type: string, description: string): OpenApiObject => ({
  description,
  headers: { 'Content-Disposition': { schema: { type: 'string' }, example: 'attachment; filename="credential.json"' } },
  content: {
    [type]: { schema: type === 'application/vc' ? ref('schemas', 'VerifiableCredential') : { type: 'string' } },
  },
});

/**
 * The server-rendered pages: the worker's offer page actions (claim as a file, sharing switch,
 * download), the public credential page behind a share link and its downloads, the share switch for
 * directly issued credentials, and progress toward published pathways.
 *
 * @example
 * const paths = pagePaths();
 */
export function pagePaths(): Paths {
  return {
    '/interactions/{token}/file': {
      post: {
        tags: [WORKER],
        operationId: 'claimAsFile',
        summary: 'Claim the offer as a file',
        description: `Claims the credential without a wallet, bound to the recipient's hashed email (Open Badges 3.0 IdentityObject), then 303 back to the offer page. ${SAME_ORIGIN} No body.`,
        security: PUBLIC,
        parameters: [OFFER_TOKEN],
        responses: {
          '303': SEE_OTHER,
          '403': pageOrProblem('Not sent from the offer page.', ['FORBIDDEN']),
          '404': pageOrProblem('Unknown offer token.', ['NOT_FOUND']),
          '409': pageOrProblem('Claimed already.', ['OFFER_CLAIMED']),
          '410': pageOrProblem('Withdrawn or expired.', ['OFFER_EXPIRED']),
          '422': pageOrProblem('The award has no email to bind a file to; claim it with a wallet.', [
            'MALFORMED_VALUE_ERROR',
          ]),
        },
      },
    },
    '/interactions/{token}/share': {
      post: {
        tags: [WORKER],
        operationId: 'setSharingFromOffer',
        summary: 'Turn the credential page on or off (the worker)',
        description: `The sharing switch of the claimed page: \`enabled=on\` or \`enabled=off\`, form-encoded, then 303 back. ${SAME_ORIGIN}`,
        security: PUBLIC,
        parameters: [OFFER_TOKEN],
        requestBody: {
          required: true,
          content: {
            'application/x-www-form-urlencoded': {
              schema: { type: 'object', required: ['enabled'], properties: { enabled: { enum: ['on', 'off'] } } },
              example: { enabled: 'off' },
            },
          },
        },
        responses: {
          '303': SEE_OTHER,
          '400': pageOrProblem('`enabled` is not `on` or `off` (or the body is not a form).', [
            'MALFORMED_VALUE_ERROR',
          ]),
          '403': pageOrProblem('Not sent from the offer page.', ['FORBIDDEN']),
          '404': pageOrProblem('Unknown offer token.', ['NOT_FOUND']),
          '409': pageOrProblem('The offer is not claimed yet: there is nothing to share.', ['CONFLICT']),
          '413': problem('The form is larger than 256 bytes.', ['PAYLOAD_TOO_LARGE']),
        },
      },
    },
    '/interactions/{token}/file/credential': {
      get: {
        tags: [WORKER],
        operationId: 'downloadClaimedCredential',
        summary: 'Download the claimed credential',
        security: PUBLIC,
        parameters: [OFFER_TOKEN],
        responses: {
          '200': {
            description: 'The credential as a file: JSON with its proof, or the VC-JWT.',
            content: {
              'application/vc': { schema: ref('schemas', 'VerifiableCredential') },
              'application/vc+jwt': { schema: { type: 'string' } },
            },
          },
          '404': pageOrProblem('Unknown offer token.', ['NOT_FOUND']),
          '409': pageOrProblem('The offer is not claimed yet.', ['CONFLICT']),
        },
      },
    },
    '/c/{token}': sharedGet(
      'credentialPage',
      'The public credential page',
      page(
        'The achievement, issuer, dates, recipient, live status, and links to verify, download and add to LinkedIn.',
      ),
    ),
    '/c/{token}/verify': sharedGet(
      'credentialVerificationPage',
      'Every check of a verification run now, in plain words',
      page('The verification page.'),
    ),
    '/c/{token}/credential.json': sharedGet(
      'downloadCredentialJson',
      'Download the credential (JSON)',
      download('application/vc', 'The credential with its embedded proof.'),
      'A credential issued only as a JWT has no JSON form (404).',
    ),
    '/c/{token}/credential.jwt': sharedGet(
      'downloadCredentialJwt',
      'Download the credential (VC-JWT)',
      download('application/vc+jwt', 'The compact VC-JWT.'),
      'Only for credentials issued as a JWT (404 otherwise).',
    ),
    '/c/{token}/badge.png': sharedGet(
      'downloadBadgePng',
      'Download the baked badge (PNG)',
      download('image/png', 'The badge image with the credential baked in (Open Badges 3.0 §5.3.1).'),
    ),
    '/c/{token}/badge.svg': sharedGet(
      'downloadBadgeSvg',
      'Download the baked badge (SVG)',
      download('image/svg+xml', 'The badge image with the credential baked in (Open Badges 3.0 §5.3.2).'),
    ),
    '/c/{shareToken}/progress': {
      get: {
        tags: [SHARED],
        operationId: 'credentialProgressPage',
        summary: 'Progress toward the published pathways (page)',
        security: PUBLIC,
        parameters: [{ ...SHARE_TOKEN, name: 'shareToken' }],
        responses: {
          '200': page('The pathways this credential counts toward, closest first, with what is missing.'),
          '404': pageOrProblem('The link is off or unknown.', ['NOT_FOUND']),
        },
      },
    },
    '/credentials/{id}/share': {
      post: {
        tags: [SHARED],
        operationId: 'setSharing',
        summary: 'Turn the page of a directly issued credential on or off',
        description:
          "Creates the share link when there is none. A claimed credential's page is its holder's to share (from their offer page): 409.",
        security: bearer(SCOPES.status),
        parameters: [pathParam('id', 'The credential id, percent-encoded.')],
        requestBody: jsonBody(SHARE_BODY, { enabled: true }),
        responses: {
          '200': json('The share link and its state.', {
            type: 'object',
            required: ['shareUrl', 'enabled'],
            properties: { shareUrl: { type: 'string', format: 'uri' }, enabled: { type: 'boolean' } },
          }),
          '400': problem('The body is malformed.', ['PARSING_ERROR', 'MALFORMED_VALUE_ERROR']),
          ...TOKEN_REFUSALS,
          '404': problem('No credential with this id was issued here.', ['NOT_FOUND']),
          '409': problem('The credential was claimed by its holder: sharing is theirs to decide.', ['CONFLICT']),
          ...BODY_REFUSALS,
        },
      },
    },
    '/progress': {
      post: {
        tags: [SHARED],
        operationId: 'progressTowardPathways',
        summary: 'Progress toward the published pathways',
        description:
          'The pathways the credentials sent count toward, closest first, each with what is missing in words. Nothing is stored.',
        security: PUBLIC,
        requestBody: jsonBody(PROGRESS_BODY, { verifiableCredential: ['…credentials…'] }),
        responses: {
          '200': json('The progress.', {
            type: 'object',
            required: ['pathways', 'excluded', 'evaluatedAt'],
            properties: {
              pathways: { type: 'array', items: { type: 'object' } },
              excluded: { type: 'array', items: { type: 'object' } },
              evaluatedAt: { type: 'string', format: 'date-time' },
            },
          }),
          '400': problem('The body is malformed.', ['PARSING_ERROR', 'MALFORMED_VALUE_ERROR']),
          ...BODY_REFUSALS,
        },
      },
      options: preflight('POST', SHARED),
    },
  };
}
