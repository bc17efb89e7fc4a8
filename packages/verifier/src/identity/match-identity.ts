import { asList, isObject, pointerOf } from '@repo/schemas';
import { identityHashMatches } from './identity-hash.ts';

/** What comparing a known email address with a credential's recipient found. */
export type IdentityMatchOutcome = 'match' | 'no-match' | 'no-email-identity';

/** The answer of {@link matchesIdentity}. */
export interface IdentityMatch {
  /**
   * `match`: an email identity of the recipient is this address; `no-match`: the credential has
   * email identities and none is this address; `no-email-identity`: it has none to compare.
   */
  outcome: IdentityMatchOutcome;
  /** How many email identities were compared. */
  compared: number;
  /** JSON Pointer of the identity that matched. */
  pointer?: string;
  /** Whether the identity that matched is a salted hash (`true`) or the plain address. */
  hashed?: boolean;
}

/**
 * Identity types that mean an email address: OB 3.0 IdentifierTypeEnum `emailAddress`; OB 2.0
 * IdentityObject `type` `email` (schema.org `email`, also written in full), which some OB 3.0
 * examples use too (the 1EdTech implementation guide's "Advanced Shoe Tie").
 */
const EMAIL_TYPES = new Set([
  'emailAddress',
  'email',
  'schema:email',
  'http://schema.org/email',
  'https://schema.org/email',
]);

interface EmailIdentity {
  pointer: string;
  hashed: boolean;
  value: string;
  salt: string;
}

/**
 * The email identities of a credential — OB 3.0 `credentialSubject.identifier` (IdentityObject,
 * one or a list), OB 2.0 `recipient` — or of a `CredentialSummary` (`recipient.identifiers`).
 */
function emailIdentities(source: Record<string, unknown>): EmailIdentity[] {
  const found: EmailIdentity[] = [];
  const add = (o: unknown, type: unknown, value: unknown, path: Array<string | number>) => {
    if (!isObject(o) || typeof type !== 'string' || !EMAIL_TYPES.has(type) || typeof value !== 'string') return;
    found.push({
      pointer: pointerOf(path),
      hashed: o.hashed === true,
      value,
      salt: typeof o.salt === 'string' ? o.salt : '',
    });
  };
  const recipient = source.recipient;
  if (isObject(recipient) && Array.isArray(recipient.identifiers)) {
    recipient.identifiers.forEach((o, i) => {
      if (isObject(o)) add(o, o.type, o.identity, ['recipient', 'identifiers', i, 'identity']);
    });
    return found;
  }
  const subjects = source.credentialSubject;
  asList(subjects).forEach((subject, i) => {
    if (!isObject(subject)) return;
    const at = Array.isArray(subjects) ? ['credentialSubject', i] : ['credentialSubject'];
    const identifiers = subject.identifier;
    asList(identifiers).forEach((id, j) => {
      const path = Array.isArray(identifiers) ? [...at, 'identifier', j] : [...at, 'identifier'];
      if (isObject(id)) add(id, id.identityType, id.identityHash, [...path, 'identityHash']);
    });
  });
  if (isObject(recipient)) add(recipient, recipient.type, recipient.identity, ['recipient', 'identity']);
  return found;
}

/** What to read the identities from: the source, or the summary / credential a verification result carries. */
function holderOf(source: Record<string, unknown>): Record<string, unknown> {
  if ('credentialSubject' in source || 'recipient' in source) return source;
  if (isObject(source.summary)) return source.summary;
  return isObject(source.credential) ? source.credential : source;
}

/**
 * Compares an email address an employer knows with the recipient of a credential — Open Badges
 * 3.0 `credentialSubject.identifier` IdentityObjects of type `emailAddress` (OB 3.0 "Verify the Recipient
 * Using an Identifier", #verify-identifier) or an Open Badges 2.0 `recipient` of type `email` — plain,
 * or hashed (`sha256$`/`md5$` + hex of the address with the `salt` appended). `source` is the
 * credential or assertion, its `CredentialSummary`, or a verification result (its `summary`, else
 * its `credential`) — so OB 2.0 and OB 3.0 need no branching.
 *
 * Neither specification says how an address is cased before hashing, and an address's domain is
 * case-insensitive (RFC 5321 §2.4). So the address is trimmed and compared as typed and
 * lower-cased (as this project's issuer hashes it); plain identities compare case-insensitively.
 * Throws a `TypeError` for an empty address.
 *
 * @example
 * matchesIdentity(credential, 'Ada.Lovelace@example.org').outcome; // 'match'
 */
export function matchesIdentity(source: object, email: string): IdentityMatch {
  if (typeof email !== 'string' || email.trim() === '') throw new TypeError('email must be a non-empty string');
  const identities = emailIdentities(holderOf(source as Record<string, unknown>));
  if (identities.length === 0) return { outcome: 'no-email-identity', compared: 0 };
  const typed = email.trim();
  const candidates = [...new Set([typed, typed.toLowerCase()])];
  for (const identity of identities) {
    const same = identity.hashed
      ? candidates.some((c) => identityHashMatches(c, identity.value, identity.salt))
      : identity.value.trim().toLowerCase() === typed.toLowerCase();
    if (same)
      return { outcome: 'match', compared: identities.length, pointer: identity.pointer, hashed: identity.hashed };
  }
  return { outcome: 'no-match', compared: identities.length };
}
