import type { CredentialSummary } from '@repo/verifier';
import type { CredentialView } from '../pages/credential-view.ts';

const IMAGE_DATA = /^data:image\/(png|jpeg|gif|webp|svg\+xml)[;,]/i;
const webUrl = (v: string | undefined): string | undefined => (v && /^https?:\/\/\S+$/i.test(v) ? v : undefined);

/**
 * What the verify page shows of a credential, from the verifier's `result.summary` — one shape for
 * Open Badges 3.0, other VCs and Open Badges 2.0. An image only when it is `data:image/…` (inline)
 * or `https:` (then loaded by the employer's browser, never fetched by the server). A plain
 * identifier is shown only when it is a name; an email address or a hash never is.
 *
 * @example
 * viewOfSummary(result.summary).name; // 'Certified Industrial Maintenance Technician — Level 1'
 */
export function viewOfSummary(summary: CredentialSummary): CredentialView {
  const { achievement, issuer, recipient, dates } = summary;
  const image = achievement.image;
  const view: CredentialView = {
    name: achievement.name ?? 'Credential',
    criteria: {},
    alignments: [],
    issuer: {},
    recipient: { hashedIdentifiers: recipient.identifiers.filter((i) => i.hashed).map((i) => i.type) },
  };
  if (summary.id) view.id = summary.id;
  if (achievement.description) view.description = achievement.description;
  if (achievement.achievementType) view.achievementType = achievement.achievementType;
  if (image && (image.startsWith('https://') || IMAGE_DATA.test(image))) view.image = { src: image, alt: '' };
  if (achievement.criteria.narrative) view.criteria.narrative = achievement.criteria.narrative;
  const criteriaUrl = webUrl(achievement.criteria.id);
  if (criteriaUrl) view.criteria.url = criteriaUrl;
  if (issuer.id) view.issuer.id = issuer.id;
  if (issuer.name) view.issuer.name = issuer.name;
  const issuerUrl = webUrl(issuer.url);
  if (issuerUrl) view.issuer.url = issuerUrl;
  if (dates.issued) view.issued = dates.issued;
  if (dates.validFrom) view.validFrom = dates.validFrom;
  if (dates.validUntil) view.validUntil = dates.validUntil;
  if (recipient.id) view.recipient.id = recipient.id;
  const name = recipient.identifiers.find((i) => !i.hashed && i.type === 'name');
  if (name) view.recipient.name = name.identity;
  return view;
}
