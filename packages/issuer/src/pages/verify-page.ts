import type { CredentialVerification } from '@repo/verifier';
import { statusLine } from './credential-page.ts';
import { html, layout, type SafeHtml } from './html.ts';
import { plainDate } from './plain-date.ts';
import type { CredentialPageLinks } from './share-url.ts';
import { checkWords, type StatusWords } from './status-words.ts';

/** What the verification page is drawn from. */
export interface VerifyPageInput {
  name: string;
  result: CredentialVerification;
  status: StatusWords;
  links: CredentialPageLinks;
  /** The service's public base URL (its `POST /credentials/verify`). */
  base: string;
  /** When the checks ran. */
  checkedAt: Date;
  downloads: { json: boolean; jwt: boolean };
}

/**
 * The verification page: every check the verifier ran on the credential, just now, with its
 * outcome in plain words and the reason, then how an employer can verify it independently
 * (`POST /credentials/verify` with the downloaded JSON or JWT, or any Open Badges 3.0 verifier).
 *
 * @example
 * res.type('html').send(verifyPage({ name, result, status, links, base, checkedAt, downloads }).value);
 */
export function verifyPage(input: VerifyPageInput): SafeHtml {
  const { result, links, base, downloads } = input;
  // A list rather than a table: it reflows to 320 px without breaking words (WCAG 2.2 SC 1.4.10).
  const items = result.checks.map((check) => {
    const w = checkWords(check);
    return html`<li><p><strong class="check-name">${w.name}</strong>: <span class="check-outcome status-${w.tone}">${w.outcome}</span></p>${w.reason ? html`<p class="muted">${w.reason}</p>` : ''}</li>`;
  });
  const jsonCommand = `curl -X POST ${base}/credentials/verify -H 'Content-Type: application/json' --data-binary @credential.json`;
  const jwtCommand = `curl -X POST ${base}/credentials/verify -H 'Content-Type: application/vc+jwt' --data-binary @credential.jwt`;
  return layout(
    `Verification — ${input.name}`,
    html`<p><a href="${links.page}">Back to the credential</a></p>
<h1>Verification of “${input.name}”</h1>
${statusLine(input.status)}
<p>${result.verified ? 'Every check that applies passed.' : 'Not every check passed: see below.'} Checked on ${plainDate(input.checkedAt.toISOString())} at ${input.checkedAt.toISOString().slice(11, 16)} UTC.</p>
<h2>What was checked</h2>
<ul class="checks">${items}</ul>
<h2>Verify it yourself</h2>
<p>You do not need to trust this page. Download the credential and check it with any Open Badges 3.0 verifier, or send it to this issuer’s verification service:</p>
<ol>
${downloads.json ? html`<li><a href="${links.json}" download>Download the credential (.json)</a>, then run:<pre><code>${jsonCommand}</code></pre></li>` : ''}
${downloads.jwt ? html`<li>Or <a href="${links.jwt}" download>download it as a JWT (.jwt)</a>, then run:<pre><code>${jwtCommand}</code></pre></li>` : ''}
</ol>
<p>The answer lists the same checks as this page (<code>"verified": true</code> when none failed). The badge images from the credential page carry the same credential inside them.</p>`,
  );
}
