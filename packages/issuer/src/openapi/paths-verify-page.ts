import { type OpenApiObject, type Paths, PUBLIC, page } from './shared.ts';

const TAG = 'For employers';

/** The verify form's fields (`verify-page/read-submission.ts`): give one of credential, file, url. */
const FORM_FIELDS: OpenApiObject = {
  credential: { type: 'string', description: 'A pasted credential: JSON (Open Badges 3.0 or 2.0) or a compact JWT.' },
  url: {
    type: 'string',
    description: "A credential page link (this service's `/c/…`) or another public https address of a credential.",
  },
  email: {
    type: 'string',
    description: "The candidate's email, to compare with the credential's hashed email (optional).",
  },
};

/** The form again, with the status and the reason (never a JSON problem). */
const formAgain = (description: string): OpenApiObject =>
  page(`${description} The form is shown again with the reason.`);

const asset = (operationId: string, summary: string, type: string) => ({
  get: {
    tags: [TAG],
    operationId,
    summary,
    security: PUBLIC,
    responses: { '200': { description: 'The file.', content: { [type]: { schema: { type: 'string' } } } } },
  },
});

/**
 * The employer's verify page (`verify-page/`): the landing page, the form, its result, and the
 * form's own script and styles.
 *
 * @example
 * const paths = verifyPagePaths();
 */
export function verifyPagePaths(): Paths {
  return {
    '/': {
      get: {
        tags: [TAG],
        operationId: 'landingPage',
        summary: 'What this service is',
        description: 'Links to the verify page, this API reference and the OpenAPI description.',
        security: PUBLIC,
        responses: { '200': page('The landing page.') },
      },
    },
    '/verify': {
      get: {
        tags: [TAG],
        operationId: 'verifyForm',
        summary: 'The verify page',
        description:
          "A form to check a credential a candidate sent: paste JSON or a JWT, choose a file (JSON, JWT, a baked PNG or SVG badge), or give a credential page address; optionally the candidate's email. Works with scripts off, by keyboard alone.",
        security: PUBLIC,
        responses: { '200': page('The form.') },
      },
      post: {
        tags: [TAG],
        operationId: 'verifySubmission',
        summary: 'Verify what the form sent, as a page',
        description:
          'Verifies with the service\'s own verifier and shows the answer in one sentence, the achievement, the issuer as the operator\'s trust registry knows it ("registered", or "not in your registry" with the self-asserted name), the recipient and email match, the dates, the lifecycle, every check in plain words, and the JSON result. For software, use POST /credentials/verify instead.',
        security: PUBLIC,
        requestBody: {
          required: true,
          content: {
            'multipart/form-data': {
              schema: {
                type: 'object',
                properties: {
                  ...FORM_FIELDS,
                  file: {
                    type: 'string',
                    contentMediaType: 'application/octet-stream',
                    description: 'A credential file.',
                  },
                },
              },
            },
            'application/x-www-form-urlencoded': { schema: { type: 'object', properties: FORM_FIELDS } },
          },
        },
        responses: {
          '200': page('The result page (whether or not the credential verified).'),
          '400': formAgain(
            'Nothing given, more than one thing given, an unreadable form or image, or an address refused.',
          ),
          '404': formAgain("A link of this service's that opens no credential."),
          '413': formAgain('The submission is larger than the body limit.'),
          '415': formAgain('Not sent as a form.'),
          '422': formAgain(
            'What was given is not a credential (a presentation, a BadgeClass, an image without a badge).',
          ),
          '502': formAgain('The address given answered with a redirect, an error, too much, or could not be reached.'),
          '504': formAgain('The address given did not answer in time.'),
        },
      },
    },
    '/verify/verify.js': asset('verifyPageScript', "The verify page's script (drag and drop)", 'text/javascript'),
    '/verify/verify.css': asset('verifyPageStyles', "The verify page's styles", 'text/css'),
  };
}
