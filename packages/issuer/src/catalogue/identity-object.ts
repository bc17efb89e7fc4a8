import { createHash, randomBytes } from 'node:crypto';

/** An Open Badges 3.0 hashed email `IdentityObject` (OB 3.0 §B.1.12 IdentityObject, §B.2.3 IdentityHash). */
export interface EmailIdentityObject {
  type: 'IdentityObject';
  identityHash: string;
  identityType: 'emailAddress';
  hashed: true;
  salt: string;
}

/**
 * The hashed `IdentityObject` for an email address: `identityHash` is "sha256$" and the hex
 * SHA-256 of the trimmed, lower-cased address followed by the salt (OB 3.0 §B.1.12
 * IdentityObject / IdentityHash); the salt is 16 fresh random bytes in hex unless given.
 *
 * @example
 * emailIdentityObject('Ada@Example.org', 'aa11'); // { type: 'IdentityObject', identityHash: 'sha256$…', salt: 'aa11', … }
 */
export function emailIdentityObject(email: string, salt = randomBytes(16).toString('hex')): EmailIdentityObject {
  const digest = createHash('sha256')
    .update(email.trim().toLowerCase() + salt, 'utf8')
    .digest('hex');
  return { type: 'IdentityObject', identityHash: `sha256$${digest}`, identityType: 'emailAddress', hashed: true, salt };
}
