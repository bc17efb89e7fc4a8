import type { CredentialView } from './credential-view.ts';
import { html, layout, type SafeHtml } from './html.ts';
import { linkedInAddUrl } from './linkedin.ts';
import { plainDate } from './plain-date.ts';
import type { CredentialPageLinks } from './share-url.ts';
import type { StatusWords } from './status-words.ts';

/** What the credential page is drawn from. */
export interface CredentialPageInput {
  view: CredentialView;
  status: StatusWords;
  links: CredentialPageLinks;
  /** Downloads this credential has: the JSON form, the compact JWT. */
  downloads: { json: boolean; jwt: boolean };
}

/**
 * The status line: words and a tone class; the words carry the meaning on their own (WCAG 2.2 SC
 * 1.4.1, colour is never the only cue).
 *
 * @example
 * statusLine({ words: 'Valid', tone: 'ok' });
 */
export function statusLine(status: StatusWords): SafeHtml {
  return html`<p>Status: <strong class="status status-${status.tone}">${status.words}</strong></p>
${status.detail ? html`<p class="muted">${status.detail}</p>` : ''}`;
}

/** Markdown narrative shown as plain paragraphs (never interpreted as HTML). */
const paragraphs = (text: string): SafeHtml[] =>
  text
    .split(/\n\s*\n/)
    .map((p) => p.trim())
    .filter(Boolean)
    .map((p) => html`<p>${p}</p>`);

function entry(term: string, value: unknown): SafeHtml | '' {
  return value === undefined || value === '' ? '' : html`<dt>${term}</dt><dd>${value}</dd>`;
}

/** The achievement; without an image of its own, the generated badge (the baked PNG download) stands in. */
function achievementSection(view: CredentialView, badgePng: string): SafeHtml {
  const { criteria, alignments } = view;
  const image = view.image ?? { src: badgePng, alt: '' };
  return html`<p><img src="${image.src}" alt="${image.alt}" width="160" height="160"></p>
${view.achievementType ? html`<p class="muted">${view.achievementType}</p>` : ''}
${view.description ? html`<p>${view.description}</p>` : ''}
${
  criteria.narrative || criteria.url
    ? html`<h2>How it is earned</h2>
${criteria.narrative ? paragraphs(criteria.narrative) : ''}
${criteria.url ? html`<p><a href="${criteria.url}">The full criteria</a></p>` : ''}`
    : ''
}
${
  alignments.length > 0
    ? html`<h2>Aligned with</h2>
<ul>${alignments.map(
        (a) =>
          html`<li>${a.url ? html`<a href="${a.url}">${a.name}</a>` : a.name}${
            a.framework || a.code
              ? html` <span class="muted">(${[a.framework, a.code].filter(Boolean).join(', ')})</span>`
              : ''
          }</li>`,
      )}</ul>`
    : ''
}`;
}

function factsSection(view: CredentialView): SafeHtml {
  const { issuer, recipient } = view;
  const identifiers = recipient.hashedIdentifiers.map((t) =>
    t === 'emailAddress' ? 'an email address (kept only as a salted hash)' : `a ${t} (kept only as a salted hash)`,
  );
  return html`<h2>Issued by</h2>
<dl>
${entry('Name', issuer.name)}
${issuer.url ? html`<dt>Website</dt><dd><a href="${issuer.url}">${issuer.url}</a></dd>` : ''}
${entry('Identifier (DID)', issuer.id)}
</dl>
<h2>Dates</h2>
<dl>
${entry('Issued on', plainDate(view.issued))}
${view.validFrom !== view.issued ? entry('Valid from', plainDate(view.validFrom)) : ''}
${entry('Valid until', plainDate(view.validUntil) ?? 'No end date')}
</dl>
<h2>Awarded to</h2>
<dl>
${entry('Name', recipient.name)}
${entry('Holder (DID)', recipient.id)}
${identifiers.length > 0 ? entry('Bound to', identifiers.join('; ')) : ''}
</dl>`;
}

function actionsSection(input: CredentialPageInput): SafeHtml {
  const { view, links, downloads } = input;
  const linkedIn = linkedInAddUrl({
    name: view.name,
    ...(view.issuer.name && { organizationName: view.issuer.name }),
    ...(view.issued && { issued: view.issued }),
    ...(view.validUntil && { expires: view.validUntil }),
    certUrl: links.page,
    ...(view.id && { certId: view.id }),
  });
  return html`<h2>Share, verify and download</h2>
<ul class="actions">
<li><a class="button" href="${links.verify}">Verify this credential</a></li>
<li><a class="button" href="${linkedIn}">Add to LinkedIn profile</a></li>
</ul>
<ul class="actions">
${downloads.json ? html`<li><a class="button secondary" href="${links.json}" download>Download credential (.json)</a></li>` : ''}
${downloads.jwt ? html`<li><a class="button secondary" href="${links.jwt}" download>Download credential (.jwt)</a></li>` : ''}
<li><a class="button secondary" href="${links.png}" download>Download badge image (.png)</a></li>
<li><a class="button secondary" href="${links.svg}" download>Download badge image (.svg)</a></li>
</ul>
<p class="muted">The badge images carry the credential inside them (Open Badges 3.0 “baked” images), so any Open Badges verifier can check them.</p>`;
}

/**
 * The public credential page (server-rendered, no scripts): the achievement, its issuer, dates
 * and recipient as the credential says, the live status, and the links to verify, add to
 * LinkedIn and download.
 *
 * @example
 * res.type('html').send(credentialPage({ view, status, links, downloads }).value);
 */
export function credentialPage(input: CredentialPageInput): SafeHtml {
  const { view, status } = input;
  return layout(
    `${view.name} — credential`,
    html`<p class="muted">Credential</p>
<h1>${view.name}</h1>
${statusLine(status)}
${achievementSection(view, input.links.png)}
${factsSection(view)}
${actionsSection(input)}`,
  );
}

/**
 * The page for a link that leads nowhere: unknown, malformed and turned-off links all get the
 * same words, so the page says nothing about whether a credential exists.
 *
 * @example
 * res.status(404).type('html').send(notAvailablePage().value);
 */
export function notAvailablePage(): SafeHtml {
  return layout(
    'Link not available',
    html`<h1>This link is not available</h1>
<p>There is no credential to show at this address. The link may be incomplete, or the person who shared it may have turned it off.</p>
<p>If you were given this link, ask its owner for a new one.</p>`,
  );
}
