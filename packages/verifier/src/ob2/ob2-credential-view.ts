import { asList, isObject } from '@repo/schemas';
import { ob2Instant } from './ob2-values.ts';

const text = (v: unknown): string | undefined => (typeof v === 'string' && v.trim() !== '' ? v : undefined);
const idOf = (v: unknown): string | undefined => text(v) ?? (isObject(v) ? text(v.id) : undefined);

/** OB 2.0 IdentityObject `type` → OB 3.0 IdentifierTypeEnum, where there is one. */
const IDENTITY_TYPES: Record<string, string> = { email: 'emailAddress', 'http://schema.org/email': 'emailAddress' };

/** Marks the view as read from an OB 2.0 assertion: it is no credential anyone signed. */
export const OB2_VIEW_TYPE = 'OpenBadges2AssertionView';

/**
 * An OB 2.0 assertion with its BadgeClass and issuer Profile read into the OB 3.0 shape, so readers
 * of OB 3.0 credentials work unchanged: `issuer` (the Profile's id, name, url, email, image),
 * `validFrom`/`awardedDate` (`issuedOn`), `validUntil` (`expires`), and `credentialSubject` with
 * the recipient as an OB 3.0 IdentityObject (`identityType` `emailAddress` for `email`,
 * `identityHash` = `identity`, `hashed`, `salt`) and the BadgeClass as its `achievement` (`id`,
 * `name`, `description`, `image`, `criteria`, `alignment`, `tags`). Its `type` is
 * `['OpenBadges2AssertionView']`: it has no proof and is not a credential — the verification
 * result says whether the assertion behind it is authentic.
 *
 * @example
 * ob2CredentialView(assertion, badgeClass, issuer).name; // 'Awesome Robotics Badge'
 */
export function ob2CredentialView(
  assertion: Record<string, unknown>,
  badgeClass: Record<string, unknown>,
  issuer: Record<string, unknown>,
): Record<string, unknown> {
  const recipient = isObject(assertion.recipient) ? assertion.recipient : {};
  const identity = text(recipient.identity);
  const type = text(recipient.type) ?? 'identifier';
  const hashed =
    recipient.hashed === true || (recipient.hashed === undefined && /^(sha256|md5)\$/i.test(identity ?? ''));
  const identifier = identity
    ? [
        {
          type: 'IdentityObject',
          identityType: IDENTITY_TYPES[type] ?? type,
          identityHash: identity,
          hashed,
          ...(text(recipient.salt) ? { salt: recipient.salt } : {}),
        },
      ]
    : [];
  const criteria = badgeClass.criteria;
  const achievement: Record<string, unknown> = { type: ['Achievement'] };
  const put = (target: Record<string, unknown>, key: string, value: unknown) => {
    if (value !== undefined) target[key] = value;
  };
  put(achievement, 'id', text(badgeClass.id));
  put(achievement, 'name', text(badgeClass.name));
  put(achievement, 'description', text(badgeClass.description));
  const image = idOf(badgeClass.image);
  if (image)
    achievement.image = {
      id: image,
      type: 'Image',
      ...(isObject(badgeClass.image) && text(badgeClass.image.caption) ? { caption: badgeClass.image.caption } : {}),
    };
  const crit: Record<string, unknown> = {};
  put(crit, 'id', idOf(criteria));
  put(crit, 'narrative', isObject(criteria) ? text(criteria.narrative) : undefined);
  achievement.criteria = crit;
  const alignment = asList(badgeClass.alignment).filter(isObject);
  if (alignment.length) achievement.alignment = alignment;
  const tags = asList(badgeClass.tags).filter((t) => typeof t === 'string');
  if (tags.length) achievement.tag = tags;
  const shownIssuer: Record<string, unknown> = { type: ['Profile'] };
  put(shownIssuer, 'id', text(issuer.id));
  put(shownIssuer, 'name', text(issuer.name));
  put(shownIssuer, 'url', text(issuer.url));
  put(shownIssuer, 'email', text(issuer.email));
  put(shownIssuer, 'image', idOf(issuer.image));
  const view: Record<string, unknown> = {
    type: [OB2_VIEW_TYPE],
    credentialSubject: { type: ['AchievementSubject'], identifier, achievement },
  };
  put(view, 'id', text(assertion.id));
  put(view, 'name', text(badgeClass.name));
  view.issuer = shownIssuer;
  const issued = ob2Instant(assertion.issuedOn);
  put(view, 'validFrom', issued);
  put(view, 'awardedDate', issued);
  put(view, 'validUntil', ob2Instant(assertion.expires));
  return view;
}
