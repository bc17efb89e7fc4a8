import { html, type SafeHtml } from '../pages/html.ts';
import type { FormField } from './input-problem.ts';

/** What the form shows again after a refused submission: the values typed, and the error. */
export interface VerifyFormState {
  values?: { credential?: string; url?: string; email?: string };
  error?: { status: number; detail: string; field?: FormField };
}

/** A refused submission's status in words, for the error summary's heading. */
const STATUS_WORDS: Record<number, string> = {
  400: 'the submission could not be used',
  404: 'not found',
  413: 'too large',
  415: 'not a form this page reads',
  422: 'not a credential',
  502: 'the address could not be read',
  504: 'the address did not answer',
};

const FIELD_LABELS: Record<FormField, string> = {
  credential: 'the paste box',
  file: 'the file field',
  url: 'the address field',
  email: 'the email field',
};

/** The error summary: status code and words, the reason, a link to the field (WCAG 2.2 SC 3.3.1). */
function errorSummary(error: NonNullable<VerifyFormState['error']>): SafeHtml {
  return html`<div class="error-summary" id="error-summary" role="alert" tabindex="-1" autofocus aria-labelledby="error-title">
<h2 id="error-title">Error ${error.status}: ${STATUS_WORDS[error.status] ?? 'the submission was refused'}</h2>
<p id="error-detail">${error.detail}</p>
${error.field ? html`<p><a href="#${error.field}">Go to ${FIELD_LABELS[error.field]}</a></p>` : ''}
</div>`;
}

/** `aria-describedby` and `aria-invalid` for a field, pointing at its hint and the error when it is about it. */
function described(field: FormField, state: VerifyFormState): SafeHtml {
  const invalid = state.error?.field === field;
  return html`aria-describedby="${field}-hint${invalid ? ' error-detail' : ''}"${invalid ? html` aria-invalid="true"` : ''}`;
}

/**
 * The verify form: paste (JSON or JWT), a file (JSON, JWT, baked PNG or SVG) or the address of a
 * credential page, and optionally the candidate's email. Plain HTML that works with scripts off;
 * `verify.js` only adds dropping a file onto the file field. After a refusal it shows the error
 * (status code, reason, a link to the field) and keeps what was typed — a file must be chosen again.
 *
 * @example
 * verifyForm({ error: { status: 413, detail: 'The submission is larger than 512 KB…', field: 'file' } });
 */
export function verifyForm(state: VerifyFormState = {}, limitBytes = 512 * 1024): SafeHtml {
  const v = state.values ?? {};
  const kb = Math.round(limitBytes / 1024);
  return html`${state.error ? errorSummary(state.error) : ''}
<form class="verify-form" method="post" action="verify" enctype="multipart/form-data" novalidate>
<fieldset>
<legend>The credential — give it in one of three ways</legend>
<div class="field">
<label for="credential">Paste the credential (JSON, or a JWT)</label>
<p class="hint" id="credential-hint">The whole file as the candidate sent it: it starts with <code>{</code>, or with <code>eyJ</code> for a JWT.</p>
<textarea id="credential" name="credential" rows="8" spellcheck="false" autocomplete="off" ${described('credential', state)}>${v.credential ?? ''}</textarea>
</div>
<div class="field drop-target" id="file-field">
<label for="file">Or choose a file</label>
<p class="hint" id="file-hint">A credential file (.json or .jwt), or a badge image (.png or .svg) with the credential baked in; up to ${kb} KB.</p>
<p class="hint" id="file-drop-hint" hidden>You can also drop the file here.</p>
<input type="file" id="file" name="file" accept=".json,.jsonld,.jwt,.txt,.png,.svg,application/json,application/ld+json,application/vc,application/vc+jwt,image/png,image/svg+xml" ${described('file', state)}>
<p class="hint" id="file-status" aria-live="polite"></p>
</div>
<div class="field">
<label for="url">Or give the address of its credential page</label>
<p class="hint" id="url-hint">An https link to the candidate’s credential page (…/c/…), to the credential itself, or to an Open Badges 2.0 hosted badge.</p>
<input type="url" id="url" name="url" inputmode="url" autocomplete="off" spellcheck="false" value="${v.url ?? ''}" ${described('url', state)}>
</div>
</fieldset>
<div class="field">
<label for="email">The candidate’s email address (optional)</label>
<p class="hint" id="email-hint">To check that the credential was issued to this person. It is compared here and not kept.</p>
<input type="email" id="email" name="email" autocomplete="off" spellcheck="false" value="${v.email ?? ''}" ${described('email', state)}>
</div>
<p><button type="submit">Verify</button></p>
</form>`;
}
