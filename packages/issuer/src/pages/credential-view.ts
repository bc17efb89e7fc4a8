import { achievementOf, asList, isObject, issuerIdOf } from '@repo/schemas';

/** An image the page may show: `https:` or a `data:image/…` URL, never anything else. */
export interface ShownImage {
  src: string;
  /** The image's caption, when it has one (otherwise it is decorative: the name is beside it). */
  alt: string;
}

/** An alignment of the achievement to a framework (OB 3.0 Alignment). */
export interface ShownAlignment {
  name: string;
  url?: string;
  framework?: string;
  code?: string;
}

/** What the credential page shows of a credential, read from the credential itself. */
export interface CredentialView {
  id?: string;
  /** The achievement's name (the credential's name when it has no achievement). */
  name: string;
  description?: string;
  achievementType?: string;
  image?: ShownImage;
  criteria: { narrative?: string; url?: string };
  alignments: ShownAlignment[];
  issuer: { id?: string; name?: string; url?: string };
  issued?: string;
  validFrom?: string;
  validUntil?: string;
  /** The subject as the credential names it: its DID, and what kinds of identifiers it carries. */
  recipient: { id?: string; name?: string; hashedIdentifiers: string[] };
}

const text = (v: unknown): string | undefined => (typeof v === 'string' && v.trim() !== '' ? v : undefined);
const webUrl = (v: unknown): string | undefined =>
  typeof v === 'string' && /^https?:\/\/[^\s]+$/i.test(v) ? v : undefined;
const IMAGE_DATA = /^data:image\/(png|jpeg|gif|webp|svg\+xml)[;,]/i;

/** An OB 3.0 `image` (a URL, or an Image object with `id` and `caption`) the page may show. */
function imageOf(value: unknown): ShownImage | undefined {
  const src = isObject(value) ? value.id : value;
  if (typeof src !== 'string' || !(src.startsWith('https://') || IMAGE_DATA.test(src))) return undefined;
  return { src, alt: (isObject(value) && text(value.caption)) || '' };
}

/** Identity types a person may read as they are; anything else is shown as "hashed" or not at all. */
const PLAIN_IDENTITY_TYPES = new Set(['name']);

/**
 * What the page shows of a credential (Open Badges 3.0 / VC 2.0, or VC 1.1 dates): the
 * achievement, the issuer profile, the dates and the recipient only as the credential names them.
 * A hashed identifier (OB 3.0 IdentityObject with `hashed: true`) is shown as its type only; a
 * plain one only when it is a name — an email address is never shown.
 *
 * @example
 * credentialView(record.credential).name; // 'Certified Industrial Maintenance Technician — Level 1'
 */
export function credentialView(credential: Record<string, unknown>): CredentialView {
  const achievement = achievementOf(credential) ?? {};
  const subject = asList(credential.credentialSubject).find(isObject) ?? {};
  const issuer = isObject(credential.issuer) ? credential.issuer : {};
  const criteria = isObject(achievement.criteria) ? achievement.criteria : {};
  const hashedIdentifiers: string[] = [];
  let recipientName: string | undefined;
  for (const idObject of asList(subject.identifier).filter(isObject)) {
    const type = text(idObject.identityType) ?? 'identifier';
    if (idObject.hashed === true) hashedIdentifiers.push(type);
    else if (PLAIN_IDENTITY_TYPES.has(type)) recipientName ??= text(idObject.identityHash);
  }
  const view: CredentialView = {
    name: text(achievement.name) ?? text(credential.name) ?? 'Credential',
    criteria: {},
    alignments: asList(achievement.alignment)
      .filter(isObject)
      .flatMap((a) => {
        const name = text(a.targetName);
        if (!name) return [];
        const shown: ShownAlignment = { name };
        const url = webUrl(a.targetUrl);
        if (url) shown.url = url;
        if (text(a.targetFramework)) shown.framework = text(a.targetFramework)!;
        if (text(a.targetCode)) shown.code = text(a.targetCode)!;
        return [shown];
      }),
    issuer: {},
    recipient: { hashedIdentifiers },
  };
  const set = <K extends keyof CredentialView>(key: K, value: CredentialView[K] | undefined) => {
    if (value !== undefined) view[key] = value;
  };
  set('id', text(credential.id));
  set('description', text(achievement.description) ?? text(credential.description));
  set('achievementType', text(achievement.achievementType));
  set('image', imageOf(achievement.image) ?? imageOf(credential.image));
  if (text(criteria.narrative)) view.criteria.narrative = text(criteria.narrative)!;
  if (webUrl(criteria.id)) view.criteria.url = webUrl(criteria.id)!;
  const issuerId = issuerIdOf(credential);
  if (issuerId) view.issuer.id = issuerId;
  if (text(issuer.name)) view.issuer.name = text(issuer.name)!;
  if (webUrl(issuer.url)) view.issuer.url = webUrl(issuer.url)!;
  set('issued', text(credential.awardedDate) ?? text(credential.validFrom) ?? text(credential.issuanceDate));
  set('validFrom', text(credential.validFrom) ?? text(credential.issuanceDate));
  set('validUntil', text(credential.validUntil) ?? text(credential.expirationDate));
  if (text(subject.id)) view.recipient.id = text(subject.id)!;
  if (recipientName) view.recipient.name = recipientName;
  return view;
}
