/** What is wrong with one code point of a string (RFC 7493 §2.1). */
export interface BadCodePoint {
  /** Index of the offending UTF-16 code unit in the string. */
  index: number;
  /** `U+D800`… */
  codePoint: string;
  kind: 'lone surrogate' | 'noncharacter';
}

/**
 * Every code unit a lone surrogate or a noncharacter is written with: a surrogate (any code point
 * above U+FFFF, noncharacters U+1FFFE… among them), U+FDD0–U+FDEF, U+FFFE, U+FFFF. A string
 * without one has nothing {@link findBadCodePoint} reports.
 */
const MAYBE_BAD = /[\uD800-\uDFFF\uFDD0-\uFDEF\uFFFE\uFFFF]/;

const hex = (n: number): string => `U+${n.toString(16).toUpperCase().padStart(4, '0')}`;

/**
 * Unicode noncharacters: U+FDD0..U+FDEF and the last two code points of every plane
 * (U+FFFE, U+FFFF, U+1FFFE … U+10FFFF).
 */
export function isNoncharacter(cp: number): boolean {
  return (cp >= 0xfdd0 && cp <= 0xfdef) || (cp & 0xfffe) === 0xfffe;
}

/**
 * Finds the first code point RFC 7493 §2.1 forbids in a member name or string: a surrogate that
 * is not half of a pair (UTF-8 cannot encode it; canonicalisation turns every one into U+FFFD,
 * so a proof could not tell them apart), or a noncharacter.
 *
 * @example
 * findBadCodePoint('a\uD800b'); // { index: 1, codePoint: 'U+D800', kind: 'lone surrogate' }
 * findBadCodePoint('Zoë 👩‍🔧'); // undefined
 */
export function findBadCodePoint(s: string): BadCodePoint | undefined {
  // Most strings hold none of the code units a bad code point needs; one regex test says so
  // faster than the loop below reads them (a third of its time on a credential's strings).
  if (!MAYBE_BAD.test(s)) return undefined;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c < 0xd800) continue;
    if (c <= 0xdbff) {
      const next = i + 1 < s.length ? s.charCodeAt(i + 1) : 0;
      if (next < 0xdc00 || next > 0xdfff) return { index: i, codePoint: hex(c), kind: 'lone surrogate' };
      const cp = 0x10000 + ((c - 0xd800) << 10) + (next - 0xdc00);
      if (isNoncharacter(cp)) return { index: i, codePoint: hex(cp), kind: 'noncharacter' };
      i++;
      continue;
    }
    if (c <= 0xdfff) return { index: i, codePoint: hex(c), kind: 'lone surrogate' };
    if (isNoncharacter(c)) return { index: i, codePoint: hex(c), kind: 'noncharacter' };
  }
  return undefined;
}

/** The sentence for a {@link BadCodePoint} found in a member name or a string value. */
export function describeBadCodePoint(bad: BadCodePoint, where: 'name' | 'string'): string {
  const what = where === 'name' ? 'A member name' : 'A string';
  return bad.kind === 'lone surrogate'
    ? `${what} holds the lone surrogate ${bad.codePoint}, which UTF-8 cannot encode (RFC 7493 §2.1); canonicalisation would turn it into U+FFFD, so no proof could cover it.`
    : `${what} holds the Unicode noncharacter ${bad.codePoint}, which I-JSON forbids (RFC 7493 §2.1).`;
}
