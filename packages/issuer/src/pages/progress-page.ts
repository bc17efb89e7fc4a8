import { html, type SafeHtml } from './html.ts';
import type { PathwayProgress, ProgressAnswer } from './progress.ts';

/** What the progress page of one shared credential shows. */
export interface ProgressPageInput {
  /** The credential's achievement name. */
  credentialName: string;
  /** Its page, `/c/<share token>`. */
  credentialPageUrl: string;
  answer: ProgressAnswer;
}

const KIND: Record<PathwayProgress['pathway']['destination']['kind'], string> = {
  degree: 'Degree',
  certificate: 'Certificate',
  certification: 'Certification',
  renewal: 'Renewal',
};

function pathwayItem(p: PathwayProgress): SafeHtml {
  const percent = Math.round(p.fractionMet * 100);
  const credits = p.credits && html`; ${p.credits.earned} of ${p.credits.required} credits`;
  return html`<li class="panel">
<h2>${p.pathway.name}</h2>
<p>${KIND[p.pathway.destination.kind]}: ${p.pathway.destination.achievement.name}</p>
<p><progress max="100" value="${percent}" aria-label="${p.pathway.name}: ${percent}% met"></progress>
${percent}% of the requirements met${credits}</p>
${
  p.complete
    ? html`<p class="status status-ok">Complete: every requirement is met.</p>`
    : p.missing.length > 0
      ? html`<h3>Still needed</h3>
<ul>${p.missing.map((m) => (m.kind === 'Component' ? html`<li>${m.stillNeeded}</li>` : html`<li><strong>${m.name}:</strong> ${m.stillNeeded}</li>`))}</ul>`
      : html`<p><strong>Still needed:</strong> ${p.stillNeeded}</p>`
}
</li>`;
}

/**
 * The worker's progress page for one shared credential: the published pathways it counts toward,
 * closest first, each with what is still missing in words.
 *
 * @example
 * sendPage(res, 200, 'Progress', progressPage({ credentialName, credentialPageUrl, answer }));
 */
export function progressPage(input: ProgressPageInput): SafeHtml {
  const { answer } = input;
  return html`<p><a href="${input.credentialPageUrl}">Back to the credential's page</a></p>
<h1>Where this credential counts</h1>
<p>The programs published on this service that <strong>${input.credentialName}</strong> counts toward, closest to complete first.</p>
${answer.excluded.map(
  (e) => html`<p class="status status-bad">This credential does not count anywhere: ${e.reason}</p>`,
)}
${
  answer.pathways.length === 0
    ? html`<p>It does not count toward any program published here yet.</p>`
    : html`<ol class="cards">${answer.pathways.map(pathwayItem)}</ol>`
}
<p class="muted">Checked on <time datetime="${answer.evaluatedAt}">${answer.evaluatedAt.slice(0, 10)}</time>.</p>`;
}
