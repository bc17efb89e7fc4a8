import { openApiComponents } from './components.ts';
import { awardPaths } from './paths-awards.ts';
import { batchPaths } from './paths-batch.ts';
import { cataloguePaths } from './paths-catalogue.ts';
import { issuingPaths } from './paths-issuing.ts';
import { walletPaths } from './paths-oid4vci.ts';
import { pagePaths } from './paths-pages.ts';
import { pathwayPaths } from './paths-pathways.ts';
import { recordPaths } from './paths-records.ts';
import { referencePaths } from './paths-reference.ts';
import { verifyPagePaths } from './paths-verify-page.ts';
import { verifyingPaths } from './paths-verifying.ts';
import { type OpenApiObject, type Paths, ref } from './shared.ts';

/** What the description depends on: where the service is and who it issues as. */
export interface OpenApiDocumentOptions {
  /** The service's public base URL (the document's `servers`). */
  publicBaseUrl: string;
  /** The issuer DID (used in the examples). */
  issuerDid: string;
  /** Where the did:web document is served, when the issuer is a did:web. */
  didPath?: string | undefined;
}

const TAGS = [
  { name: 'Issuing', description: 'Issue credentials, change their status, renew certifications (VC-API).' },
  { name: 'Verifying', description: 'Verify credentials and presentations; the public documents verifiers fetch.' },
  { name: 'Pathways', description: 'Publish pathways and evaluate credentials against them.' },
  { name: 'Catalogue', description: 'The issuer profile and the versioned achievements credentials are issued from.' },
  { name: 'Awards and offers', description: 'Offer a credential to a person; the offer link their wallet opens.' },
  { name: 'OID4VCI', description: 'OpenID for Verifiable Credential Issuance 1.0, pre-authorized code flow.' },
  { name: 'VC-API exchanges', description: 'The exchange the Learner Credential Wallet claims an offer with.' },
  { name: "The worker's pages", description: 'What the worker does from the offer page (no wallet needed).' },
  { name: 'Shared credential pages', description: 'The public page of a credential, its downloads, progress.' },
  { name: 'For employers', description: 'The verify page: check a credential a candidate sent.' },
  { name: 'API reference', description: 'This description and the page that renders it.' },
];

const INTRO = `The issuer's HTTP API: issue Open Badges 3.0 credentials (W3C Verifiable Credentials 2.0), put them in workers' hands (wallets through OID4VCI or a VC-API exchange, or a file), publish their status, and verify them.

**Errors** are RFC 9457 problems (\`application/problem+json\`): branch on \`title\`, a stable code listed at [/problems](/problems). The OID4VCI token and credential endpoints answer OAuth error JSON instead, as wallets expect (except 413, a problem). The pages answer their refusals as pages.

**Authentication**: routes that change or read the issuer's records need \`Authorization: Bearer <token>\` with a scope (security scheme \`issuerToken\`). Routes under \`/interactions/{token}\`, \`/exchanges/{token}\`, \`/oid4vci/offers/{token}\` and \`/c/{token}\` are *capability URLs*: the 256-bit token in the path is the only credential, so keep those URLs private. Everything else is public, and the public JSON routes answer CORS pre-flights.

**Every route** answers \`OPTIONS\` with its \`Allow\`ed methods (204) and a method it does not answer with 405 \`METHOD_NOT_ALLOWED\`; an unknown path is 404 \`NOT_FOUND\`; \`HEAD\` works wherever \`GET\` does.`;

/**
 * Adds the shared `default` answer (an unexpected failure) to every operation but CORS
 * pre-flights, which never fail.
 */
function withDefaults(paths: Paths): Paths {
  const out: Paths = {};
  for (const [path, item] of Object.entries(paths)) {
    out[path] = Object.fromEntries(
      Object.entries(item).map(([method, op]) => {
        const operation = op as OpenApiObject;
        if (method === 'options') return [method, operation];
        const responses = operation.responses as OpenApiObject;
        return [method, { ...operation, responses: { ...responses, default: ref('responses', 'Unexpected') } }];
      }),
    );
  }
  return out;
}

/**
 * The OpenAPI 3.1 description of the service's whole HTTP API, for this configuration. Request
 * bodies reuse the JSON Schemas the routes validate with (`http/request-schemas.ts`, the pages'
 * and exchanges' body schemas), so the two cannot drift; `test/openapi/openapi-matches-app.test.ts`
 * checks every route and every documented status against the running app.
 *
 * @example
 * const doc = openApiDocument({ publicBaseUrl: 'https://issuer.example', issuerDid: 'did:web:issuer.example', didPath: '/.well-known/did.json' });
 * doc.openapi; // '3.1.0'
 */
export function openApiDocument(options: OpenApiDocumentOptions): OpenApiObject {
  const paths: Paths = {
    ...issuingPaths(options.issuerDid),
    ...recordPaths(),
    ...batchPaths(),
    ...verifyingPaths(options.issuerDid, options.didPath),
    ...pathwayPaths(),
    ...cataloguePaths(),
    ...awardPaths(options.issuerDid),
    ...walletPaths(),
    ...pagePaths(),
    ...verifyPagePaths(),
    ...referencePaths(),
  };
  return {
    openapi: '3.1.0',
    jsonSchemaDialect: 'https://spec.openapis.org/oas/3.1/dialect/base',
    info: {
      title: 'Open Credentials issuer',
      version: '0.1.0',
      summary: 'Issue, deliver and verify Open Badges 3.0 credentials.',
      description: INTRO,
    },
    servers: [{ url: options.publicBaseUrl, description: 'This service.' }],
    tags: TAGS,
    paths: withDefaults(paths),
    components: openApiComponents(),
  };
}
