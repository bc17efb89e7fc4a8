import { achievementOf, asList, isObject } from '@repo/schemas';

/** What a person reads about a credential before its checks: as the credential itself says it. */
export interface CredentialFacts {
  /** The achievement's name (OB 3.0 `credentialSubject.achievement`, OB 2.0 `badge`), or the credential's. */
  achievement?: string;
  /** The issuer's name as the credential gives it: self-asserted, never confirmed by a signature alone. */
  issuerName?: string;
  /** The recipient: the subject's id, a plain name identity, and the kinds of hashed identities. */
  recipient: string[];
  issued?: string;
  validUntil?: string;
}

const text = (v: unknown): string | undefined => (typeof v === 'string' && v.trim() !== '' ? v.trim() : undefined);

/**
 * Reads the facts a terminal shows from a credential (OB 3.0 / VC 2.0 or VC 1.1, or an OB 2.0
 * assertion with its embedded `badge`). A hashed identity is shown by its type only; a plain one
 * only when it is a name — an email address is never printed.
 *
 * @example
 * credentialFacts(credential).achievement; // 'Certified Industrial Maintenance Technician — Level 1'
 */
export function credentialFacts(credential: Record<string, unknown>): CredentialFacts {
  const badge = isObject(credential.badge) ? credential.badge : undefined;
  const achievement = achievementOf(credential) ?? badge;
  const issuer = isObject(credential.issuer) ? credential.issuer : isObject(badge?.issuer) ? badge.issuer : undefined;
  const recipient: string[] = [];
  for (const subject of asList(credential.credentialSubject).filter(isObject)) {
    const id = text(subject.id);
    if (id) recipient.push(id);
    for (const identity of asList(subject.identifier).filter(isObject)) {
      const type = text(identity.identityType) ?? 'identifier';
      if (identity.hashed === true) recipient.push(`${type} (hashed)`);
      else if (type === 'name' && text(identity.identityHash)) recipient.push(text(identity.identityHash)!);
      else recipient.push(type);
    }
  }
  if (isObject(credential.recipient)) {
    const type = text(credential.recipient.type) ?? 'identity';
    recipient.push(credential.recipient.hashed === true ? `${type} (hashed)` : type);
  }
  const facts: CredentialFacts = { recipient };
  const name = text(achievement?.name) ?? text(credential.name);
  if (name) facts.achievement = name;
  const issuerName = text(issuer?.name);
  if (issuerName) facts.issuerName = issuerName;
  const issued = text(credential.validFrom) ?? text(credential.issuanceDate) ?? text(credential.issuedOn);
  if (issued) facts.issued = issued;
  const until = text(credential.validUntil) ?? text(credential.expirationDate) ?? text(credential.expires);
  if (until) facts.validUntil = until;
  return facts;
}
