import { createHash, randomFillSync } from 'node:crypto';

/** Random bytes drawn from the CSPRNG 4 KiB at a time; each byte is handed out once. */
const pool = Buffer.alloc(4096);
let used = pool.length;

/**
 * 16 fresh random bytes in hex: from a buffer filled by the CSPRNG 4 KiB at a time, each byte
 * used once (as `crypto.randomUUID` caches its randomness) — `randomBytes(16)` costs ~7.5 µs a
 * call, this ~0.2 µs, and a batch hashes one email a row.
 */
function freshSalt(): string {
  if (used + 16 > pool.length) {
    randomFillSync(pool);
    used = 0;
  }
  used += 16;
  return pool.toString('hex', used - 16, used);
}

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
export function emailIdentityObject(email: string, salt = freshSalt()): EmailIdentityObject {
  const digest = createHash('sha256')
    .update(email.trim().toLowerCase() + salt, 'utf8')
    .digest('hex');
  return { type: 'IdentityObject', identityHash: `sha256$${digest}`, identityType: 'emailAddress', hashed: true, salt };
}
