import type { CredentialVerification, IdentityMatch, IssuerDescription } from '@repo/verifier';
import type { CredentialView } from '../pages/credential-view.ts';
import { html, type SafeHtml } from '../pages/html.ts';
import { plainDate } from '../pages/plain-date.ts';
import { checkLine, emailSentence, isAuthentic, LIFECYCLE_WORDS, overallAnswer } from './result-words.ts';

/** What the result page is drawn from. */
export interface ResultPageInput {
  result: CredentialVerification;
  /** What the credential says (read from it; confirmed only when it verified). */
  view: CredentialView | undefined;
  issuer: IssuerDescription;
  /** The email typed and what comparing it found, when one was typed. */
  email?: { address: string; match: IdentityMatch };
  /** How the credential came ("pasted", "the file badge.png", a URL). */
  source: string;
  checkedAt: Date;
  /** The registry's own name, when it has one. */
  registryName?: string;
}

function entry(term: string, value: unknown): SafeHtml | '' {
  return value === undefined || value === '' ? '' : html`<dt>${term}</dt><dd>${value}</dd>`;
}

const webLink = (url: string) => (/^https?:\/\//.test(url) ? html`<a href="${url}">${url}</a>` : url);

/** The achievement: name, type, description and an image (data: inline; https loaded by the browser, never by the server). */
function achievementSection(view: CredentialView): SafeHtml {
  return html`<h2>Achievement</h2>
<div class="achievement">
${view.image ? html`<img src="${view.image.src}" alt="${view.image.alt}" width="120" height="120" referrerpolicy="no-referrer">` : ''}
<div>
<p class="achievement-name"><strong>${view.name}</strong></p>
${view.achievementType ? html`<p class="muted">${view.achievementType}</p>` : ''}
${view.description ? html`<p>${view.description}</p>` : ''}
</div>
</div>`;
}

/** The issuer as the operator's registry knows it, the self-asserted name marked as such. */
function issuerSection(input: ResultPageInput): SafeHtml {
  const { issuer, view, result } = input;
  const registry = input.registryName ? ` (${input.registryName})` : '';
  let standing: SafeHtml;
  if (!isAuthentic(result)) {
    standing = html`<strong class="status-bad">Not confirmed</strong>: the credential did not verify, so the issuer it names may not have issued it.`;
  } else if (issuer.registered) {
    standing = html`<strong class="status-ok">Registered: ${issuer.name}</strong> <span class="muted">— in your trust registry${registry}</span>`;
  } else {
    standing = html`<strong class="status-warn">Not in your registry</strong>${registry ? html` <span class="muted">${registry.trim()}</span>` : ''}`;
  }
  const selfAsserted = issuer.selfAssertedName ?? (issuer.registered ? undefined : view?.issuer.name);
  return html`<h2>Issuer</h2>
<dl>
<dt>Registry</dt><dd id="issuer-standing">${standing}</dd>
${selfAsserted ? html`<dt>Name it gives itself</dt><dd>${selfAsserted} <span class="muted">(self-asserted)</span></dd>` : ''}
${entry('Identifier', issuer.id ?? view?.issuer.id)}
${issuer.registered && issuer.url ? html`<dt>Website (registered)</dt><dd>${webLink(issuer.url)}</dd>` : ''}
${issuer.registered && issuer.pathways.length > 0 ? html`<dt>Pathways it serves</dt><dd><ul class="plain">${issuer.pathways.map((p) => html`<li>${webLink(p)}</li>`)}</ul></dd>` : ''}
</dl>`;
}

function recipientSection(input: ResultPageInput): SafeHtml {
  const recipient = input.view?.recipient;
  const identifiers = (recipient?.hashedIdentifiers ?? []).map((t) =>
    t === 'emailAddress' || t === 'email' ? 'an email address (as a salted hash)' : `a ${t} (as a salted hash)`,
  );
  const email = input.email ? emailSentence(input.email.match, isAuthentic(input.result)) : undefined;
  return html`<h2>Recipient</h2>
<dl>
${entry('Name', recipient?.name)}
${entry('Holder (DID)', recipient?.id)}
${identifiers.length > 0 ? entry('Bound to', identifiers.join('; ')) : ''}
${input.email && email ? html`<dt>Email checked</dt><dd>${input.email.address}: <strong id="email-match" class="status-${email.tone}">${email.sentence}</strong></dd>` : ''}
</dl>
${!recipient?.name && !recipient?.id && identifiers.length === 0 ? html`<p class="muted">The credential names no recipient this page can show.</p>` : ''}`;
}

function datesSection(view: CredentialView | undefined): SafeHtml {
  return html`<h2>Dates</h2>
<dl>
${entry('Issued on', plainDate(view?.issued))}
${view?.validFrom !== view?.issued ? entry('Valid from', plainDate(view?.validFrom)) : ''}
${entry('Valid until', plainDate(view?.validUntil) ?? (view ? 'No end date' : undefined))}
</dl>`;
}

function lifecycleSection(result: CredentialVerification): SafeHtml {
  const lifecycle = result.lifecycle;
  return html`<h2>Lifecycle</h2>
${
  lifecycle
    ? html`<p id="lifecycle"><strong>${LIFECYCLE_WORDS[lifecycle.state] ?? lifecycle.state}.</strong> ${lifecycle.message}</p>`
    : html`<p id="lifecycle">Not known: the credential could not be read far enough.</p>`
}`;
}

function checksSection(result: CredentialVerification): SafeHtml {
  // A list rather than a table: it reflows to 320 px without breaking words (WCAG 2.2 SC 1.4.10).
  const items = result.checks.map((check) => {
    const line = checkLine(check);
    return html`<li data-check="${check.id}"><p><strong class="check-name">${line.name}</strong>: <span class="check-outcome status-${line.tone}">${line.outcome}</span></p>${line.reason ? html`<p class="muted">${line.reason}</p>` : ''}</li>`;
  });
  return html`<h2>Checks</h2>
<ul class="checks">${items}</ul>`;
}

/**
 * The verify page's result: the overall answer in one sentence, then the achievement, the issuer
 * (registered, or not in your registry with its self-asserted name marked), the recipient (and
 * the email match), the dates, the lifecycle, every check in plain words (Passed / Failed / Could
 * not check / Skipped / Warning), and the verifier's JSON result one click away.
 *
 * @example
 * res.send(layout('Verification result', resultPage({ result, view, issuer, source, checkedAt })).value);
 */
export function resultPage(input: ResultPageInput): SafeHtml {
  const { result, view } = input;
  const answer = overallAnswer(result, input.issuer);
  const at = input.checkedAt.toISOString();
  return html`<p><a href="verify">Verify another credential</a></p>
<h1>Verification result</h1>
<p class="answer answer-${answer.tone}" id="answer"><strong>${answer.sentence}</strong></p>
<p class="muted">Checked on ${plainDate(at)} at ${at.slice(11, 16)} UTC; the credential was ${input.source}.</p>
${!isAuthentic(result) && view ? html`<p class="muted">What follows is what the credential says; it is not confirmed, because it did not verify.</p>` : ''}
${view ? achievementSection(view) : ''}
${issuerSection(input)}
${recipientSection(input)}
${datesSection(view)}
${lifecycleSection(result)}
${checksSection(result)}
<h2>Machine-readable result</h2>
<details id="machine-result">
<summary>Show the verifier’s result (JSON)</summary>
<pre><code>${JSON.stringify(result, null, 2)}</code></pre>
</details>
<p><a href="verify">Verify another credential</a></p>`;
}
