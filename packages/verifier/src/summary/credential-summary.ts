import { achievementOf, asList, isObject, issuerIdOf } from '@repo/schemas';
import type { CredentialSummary } from '../types.ts';

const text = (v: unknown): string | undefined => (typeof v === 'string' && v.trim() !== '' ? v : undefined);
const idOf = (v: unknown): string | undefined => text(v) ?? (isObject(v) ? text(v.id) : undefined);

/**
 * What a credential says, read the same way for every version — the achievement, the issuer as
 * it names itself, the recipient's identifiers and the dates — from an OB 3.0 / VC 2.0 credential
 * (VC 1.1 dates too) or the OB 3.0-shaped view of an OB 2.0 assertion. Nothing here is verified:
 * read it next to `verified`.
 *
 * @example
 * summarizeCredential(credential, 'ob3').achievement.name; // 'Certified Industrial Maintenance Technician — Level 1'
 */
export function summarizeCredential(
  credential: Record<string, unknown>,
  version: CredentialSummary['version'],
): CredentialSummary {
  const achievement = achievementOf(credential) ?? {};
  const subject = asList(credential.credentialSubject).find(isObject) ?? {};
  const issuer = isObject(credential.issuer) ? credential.issuer : {};
  const criteria = isObject(achievement.criteria) ? achievement.criteria : {};
  const summary: CredentialSummary = {
    version,
    achievement: { criteria: {} },
    issuer: {},
    recipient: { identifiers: [] },
    dates: {},
  };
  const put = <T extends object>(target: T, key: keyof T, value: unknown) => {
    if (value !== undefined) (target as Record<keyof T, unknown>)[key] = value;
  };
  put(summary, 'id', text(credential.id));
  const a = summary.achievement;
  put(a, 'id', text(achievement.id));
  put(a, 'name', text(achievement.name) ?? text(credential.name));
  put(a, 'description', text(achievement.description) ?? text(credential.description));
  put(a, 'achievementType', text(achievement.achievementType));
  put(a, 'image', idOf(achievement.image) ?? idOf(credential.image));
  put(a.criteria, 'id', text(criteria.id));
  put(a.criteria, 'narrative', text(criteria.narrative));
  put(summary.issuer, 'id', issuerIdOf(credential));
  put(summary.issuer, 'name', text(issuer.name));
  put(summary.issuer, 'url', text(issuer.url));
  put(summary.issuer, 'email', text(issuer.email));
  put(summary.issuer, 'image', idOf(issuer.image));
  put(summary.recipient, 'id', text(subject.id));
  for (const o of asList(subject.identifier).filter(isObject)) {
    const identity = text(o.identityHash);
    if (!identity) continue;
    const entry: CredentialSummary['recipient']['identifiers'][number] = {
      type: text(o.identityType) ?? 'identifier',
      hashed: o.hashed === true,
      identity,
    };
    put(entry, 'salt', text(o.salt));
    summary.recipient.identifiers.push(entry);
  }
  put(
    summary.dates,
    'issued',
    text(credential.awardedDate) ?? text(credential.validFrom) ?? text(credential.issuanceDate),
  );
  put(summary.dates, 'validFrom', text(credential.validFrom) ?? text(credential.issuanceDate));
  put(summary.dates, 'validUntil', text(credential.validUntil) ?? text(credential.expirationDate));
  return summary;
}
