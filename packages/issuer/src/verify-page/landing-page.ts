import { html, type SafeHtml } from '../pages/html.ts';

/**
 * `GET /`: what this service is, and where to go — the verify page for employers, the API
 * reference and the OpenAPI description for developers. Links are relative, so they work under a
 * public base URL with a path.
 *
 * @example
 * layout('Open Badges credential service', landingPage());
 */
export function landingPage(): SafeHtml {
  return html`<h1>Open Badges credential service</h1>
<p>This service issues Open Badges 3.0 credentials (W3C Verifiable Credentials 2.0) and verifies credentials from any issuer: Open Badges 3.0 and 2.0, as JSON, as a JWT, or baked into a badge image.</p>
<h2>Check a credential</h2>
<p>A candidate sent you a badge, a credential file or a link to their credential page? Find out in a minute whether it is real, current and from whom.</p>
<ul class="actions"><li><a class="button" href="verify">Verify a credential</a></li></ul>
<h2>For developers</h2>
<ul class="landing-links">
<li><a href="api">API reference</a> (issue, verify, revoke, pathways)</li>
<li><a href="openapi.json">OpenAPI 3.1 description</a> (JSON)</li>
<li><a href="problems">Problem types</a> the API answers with</li>
</ul>`;
}
