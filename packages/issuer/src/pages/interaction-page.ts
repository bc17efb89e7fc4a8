import { isObject } from '@repo/schemas';
import type { Award, AwardClaim, ClaimChannel, ShareLink } from '../awards/awards.ts';
import type { OfferUrls } from '../awards/offer-urls.ts';
import { html, type SafeHtml } from './html.ts';

/** What an award is about, in words for its page. */
export interface AwardSummary {
  issuerName: string;
  achievementName: string;
  achievementDescription: string | undefined;
}

const text = (v: unknown): string | undefined => (typeof v === 'string' && v.trim() !== '' ? v : undefined);

/**
 * Who an award is from and what it is, read from its credential template (OB 3.0 Profile `name`,
 * Achievement `name` / `description`).
 *
 * @example
 * summarizeAward(award).achievementName; // 'Certified Industrial Maintenance Technician — Level 1'
 */
export function summarizeAward(award: Award): AwardSummary {
  const credential = award.template.credential;
  const issuer = credential.issuer;
  const subject = credential.credentialSubject;
  const achievement = isObject(subject) && isObject(subject.achievement) ? subject.achievement : {};
  return {
    issuerName: (isObject(issuer) ? (text(issuer.name) ?? text(issuer.id)) : text(issuer)) ?? 'The issuer',
    achievementName: text(achievement.name) ?? text(credential.name) ?? 'A credential',
    achievementDescription: text(achievement.description) ?? text(credential.description),
  };
}

const DATE = new Intl.DateTimeFormat('en-GB', { dateStyle: 'long', timeStyle: 'short', timeZone: 'UTC' });

/**
 * An instant for people, in a `<time>` element.
 *
 * @example
 * when('2026-03-15T12:00:00Z'); // <time datetime="2026-03-15T12:00:00Z">15 March 2026 at 12:00 UTC</time>
 */
export function when(iso: string): SafeHtml {
  return html`<time datetime="${iso}">${DATE.format(new Date(iso))} UTC</time>`;
}

const CHANNEL: Record<ClaimChannel, string> = {
  oid4vci: 'a wallet app (OpenID for Verifiable Credential Issuance)',
  vcapi: 'a wallet app (VC-API exchange, as Learner Credential Wallet uses)',
  file: 'a file from this page',
};

/** Where the page's links and forms point (all under the service's public base URL). */
export interface PageUrls {
  offer: OfferUrls;
  /** The interaction page itself (the interaction URL without `iuv=1`). */
  page: string;
}

/**
 * The page of an offer that can be claimed now: who, what, until when, QR codes, wallet links,
 * the transaction-code note and, when the award has an email, "Get it as a file instead".
 *
 * @example
 * sendPage(res, 200, 'Your credential offer', offerPage(award, urls));
 */
export function offerPage(award: Award, urls: PageUrls): SafeHtml {
  const s = summarizeAward(award);
  const canFile = award.recipient.email !== undefined;
  return html`<p class="muted">A credential offer from ${s.issuerName}</p>
<h1>${s.achievementName}</h1>
${s.achievementDescription && html`<p>${s.achievementDescription}</p>`}
<dl>
<dt>From</dt><dd>${s.issuerName}</dd>
${award.recipient.name && html`<dt>For</dt><dd>${award.recipient.name}</dd>`}
<dt>Claim it by</dt><dd>${when(award.expiresAt)}</dd>
</dl>
${award.codeRedeemedAt && html`<p class="status status-warn">A wallet started collecting this credential on ${when(award.codeRedeemedAt)}.</p>`}
<h2>Add it to your wallet</h2>
<p>Scan one of these codes with your wallet app, or open the link on this device. The offer can be collected once.</p>
<div class="qr-codes">
<figure>
<img src="${urls.offer.qr.svg}" width="240" height="240" alt="QR code of this offer's link, for wallets such as Learner Credential Wallet">
<figcaption>For wallets that read credential links (VC-API), such as Learner Credential Wallet.</figcaption>
</figure>
<figure>
<img src="${urls.offer.qr.svg}?protocol=OID4VCI" width="240" height="240" alt="QR code of this offer for OpenID4VCI wallets">
<figcaption>For wallets that use OpenID for Verifiable Credential Issuance (OpenID4VCI).</figcaption>
</figure>
</div>
<ul class="actions">
<li><a class="button" href="${urls.offer.credentialOffer}">Open in your wallet app (OpenID4VCI)</a></li>
<li><a class="button secondary" href="${urls.offer.lcwDeepLink}">Open in Learner Credential Wallet</a></li>
</ul>
${
  award.txCodeHash !== undefined &&
  html`<p class="panel"><strong>Transaction code:</strong> your wallet will ask for a ${award.txCodeLength ? `${award.txCodeLength}-digit ` : ''}code. ${s.issuerName} sent it to you separately; it is not on this page.</p>`
}
${
  canFile &&
  html`<h2>Get it as a file instead</h2>
<p>No wallet? Get the credential as a file to keep and send. It names you by your email address, stored as a salted hash (so the address itself is not in the file); whoever checks it can confirm it is yours when you tell them your address.</p>
<form method="post" action="${urls.page}/file">
<button type="submit">Get it as a file</button>
</form>`
}`;
}

/** What the page of a claimed offer shows besides the award. */
export interface ClaimedState {
  claim: AwardClaim;
  share: ShareLink | undefined;
  /** `/c/<share token>`, when there is a share link. */
  shareUrl: string | undefined;
  /** `/c/<share token>/progress`. */
  progressUrl: string | undefined;
  downloadUrl: string;
  /** The issuer revoked or suspended it. */
  revoked: boolean;
  suspended: boolean;
}

/**
 * The page of an offer after its claim: when and how, the credential page link and its sharing switch.
 *
 * @example
 * sendPage(res, 200, 'Claimed', claimedPage(award, urls, { claim, share, shareUrl, progressUrl, downloadUrl, revoked: false, suspended: false }));
 */
export function claimedPage(award: Award, urls: PageUrls, state: ClaimedState): SafeHtml {
  const s = summarizeAward(award);
  const { claim, share } = state;
  const on = share?.enabled === true;
  const holder = claim.holder === 'email' ? 'your email address (hashed)' : claim.holder;
  return html`<p class="muted">A credential from ${s.issuerName}</p>
<h1>${s.achievementName}</h1>
<p class="status status-ok">Claimed on ${when(claim.at)} with ${CHANNEL[claim.via]}</p>
${state.revoked && html`<p class="status status-bad">${s.issuerName} has revoked this credential.</p>`}
${state.suspended && html`<p class="status status-warn">${s.issuerName} has suspended this credential.</p>`}
<dl>
<dt>Issued to</dt><dd>${holder}</dd>
</dl>
<ul class="actions"><li><a class="button secondary" href="${state.downloadUrl}">Download your credential (file)</a></li></ul>
<h2>Your credential's page</h2>
${
  on
    ? html`<p class="status status-ok">Sharing is on</p>
<p class="wrap">Anyone with this link can see and check your credential: <a href="${state.shareUrl}">${state.shareUrl}</a></p>`
    : html`<p class="status status-warn">Sharing is off</p>
<p>Your credential's page link does not work while sharing is off: nobody can open it.</p>`
}
<form method="post" action="${urls.page}/share">
<input type="hidden" name="enabled" value="${on ? 'off' : 'on'}">
<button type="submit"${on ? html` class="secondary"` : ''}>${on ? 'Turn sharing off' : 'Turn sharing on'}</button>
</form>
<h2>Your progress</h2>
${
  on && state.progressUrl
    ? html`<p><a href="${state.progressUrl}">See which programs this credential counts toward</a></p>`
    : html`<p>Turn sharing on to see which programs this credential counts toward.</p>`
}`;
}

/**
 * The page of an offer that expired or was withdrawn (410): ask the issuer for a new one.
 *
 * @example
 * sendPage(res, 410, 'Offer closed', closedPage(award));
 */
export function closedPage(award: Award): SafeHtml {
  const s = summarizeAward(award);
  const withdrawn = award.state === 'withdrawn';
  return html`<p class="muted">A credential offer from ${s.issuerName}</p>
<h1>${withdrawn ? 'This offer was withdrawn' : 'This offer has expired'}</h1>
<p>${
    withdrawn
      ? html`${s.issuerName} withdrew the offer of ${s.achievementName}.`
      : html`The offer of ${s.achievementName} could be claimed until ${when(award.expiresAt)}.`
  }</p>
<p>Ask ${s.issuerName} for a new offer.</p>`;
}
