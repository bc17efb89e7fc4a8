import { createHash } from 'node:crypto';

/** The algorithms an IdentityHash may name (Open Badges 2.0 §IdentityHash, 3.0 §B.2 IdentityHash). */
export type IdentityHashAlgorithm = 'sha256' | 'md5';

const HASH = /^(sha256|md5)\$([0-9a-fA-F]+)$/;
const HEX_LENGTH: Record<IdentityHashAlgorithm, number> = { sha256: 64, md5: 32 };

/**
 * An Open Badges IdentityHash: the algorithm, `$`, and the hex digest of the identifier with the
 * salt appended, both UTF-8 (OB 3.0 IdentityHash; OB 2.0 IdentityHash). No salt: the identifier alone.
 *
 * @example
 * identityHash('a@example.com', 'Kosher'); // 'sha256$b5809d8a92f8858436d7e6b87c12ebc0ae1eac4baecc2c0b913aee2c922ef399'
 */
export function identityHash(identity: string, salt = '', algorithm: IdentityHashAlgorithm = 'sha256'): string {
  return `${algorithm}$${createHash(algorithm)
    .update(identity + salt, 'utf8')
    .digest('hex')}`;
}

/**
 * Whether `known` (a plaintext identifier) hashed with `salt` gives `hashString` (`sha256$…` or
 * `md5$…`, hex in either case as both specifications allow). A string that is not an
 * IdentityHash matches nothing.
 *
 * @example
 * identityHashMatches('a@example.com', 'sha256$B5809D8A92F8858436D7E6B87C12EBC0AE1EAC4BAECC2C0B913AEE2C922EF399', 'Kosher'); // true
 */
export function identityHashMatches(known: string, hashString: string, salt = ''): boolean {
  const parsed = HASH.exec(hashString.trim());
  if (!parsed) return false;
  const algorithm = parsed[1] as IdentityHashAlgorithm;
  const hex = parsed[2]!.toLowerCase();
  if (hex.length !== HEX_LENGTH[algorithm]) return false;
  return identityHash(known, salt, algorithm) === `${algorithm}$${hex}`;
}
