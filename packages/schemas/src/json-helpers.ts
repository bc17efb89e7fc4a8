/**
 * The small helpers every package needs to read credentials as JSON, in one place (STYLE.md "One
 * way to do a common thing"): object test, value-or-list, issuer id, subject ids, achievement,
 * JSON Pointer escaping, one date-time formatter, and the lifecycle vocabulary.
 */
import { escapePointerToken } from './i-json/i-json-problem.ts';

/**
 * Whether a value is a plain JSON object (not null, not an array).
 *
 * @example
 * isObject({}); // true
 * isObject([]); // false
 */
export function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/**
 * A JSON-LD "one or more" value as a list: undefined → [], a list → itself, anything else → [it].
 *
 * @example
 * asList('VerifiableCredential'); // ['VerifiableCredential']
 */
export function asList(value: unknown): unknown[] {
  return value === undefined ? [] : Array.isArray(value) ? value : [value];
}

/**
 * The issuer's id: `issuer` itself when it is a string, else `issuer.id`; undefined otherwise.
 *
 * @example
 * issuerIdOf({ issuer: { id: 'did:web:college.example', type: ['Profile'] } }); // 'did:web:college.example'
 */
export function issuerIdOf(credential: Record<string, unknown>): string | undefined {
  const issuer = credential.issuer;
  if (typeof issuer === 'string') return issuer;
  return isObject(issuer) && typeof issuer.id === 'string' ? issuer.id : undefined;
}

/**
 * The `id` of every credential subject, in order (subjects without a string id are left out).
 *
 * @example
 * subjectIdsOf({ credentialSubject: [{ id: 'did:example:a' }, {}] }); // ['did:example:a']
 */
export function subjectIdsOf(credential: Record<string, unknown>): string[] {
  return asList(credential.credentialSubject)
    .map((s) => (isObject(s) ? s.id : undefined))
    .filter((id): id is string => typeof id === 'string');
}

/**
 * The Open Badges `achievement` of the (first) credential subject, when there is one.
 *
 * @example
 * achievementOf(credential)?.id; // 'https://college.example/achievements/amt-290'
 */
export function achievementOf(credential: Record<string, unknown>): Record<string, unknown> | undefined {
  const subject = asList(credential.credentialSubject)[0];
  const achievement = isObject(subject) ? subject.achievement : undefined;
  return isObject(achievement) ? achievement : undefined;
}

/**
 * Whether a value is written as a URL (VC 2.0 §4.4 identifiers): a scheme, a colon, and no white
 * space — `https://…`, `urn:uuid:…`, `did:…`.
 *
 * @example
 * isUrl('urn:uuid:3978344f-8596-4c3a-a978-8fcaba3903c5'); // true
 * isUrl('not a url'); // false
 */
export function isUrl(value: unknown): value is string {
  return typeof value === 'string' && /^[a-z][a-z0-9+.-]*:\S+$/i.test(value);
}

/**
 * A JSON Pointer (RFC 6901) from path segments, each escaped (`~` → `~0`, `/` → `~1`).
 *
 * @example
 * pointerOf(['credentialSubject', 'a/b']); // '/credentialSubject/a~1b'
 */
export function pointerOf(path: ReadonlyArray<string | number>): string {
  return path.map((p) => `/${escapePointerToken(String(p))}`).join('');
}

/**
 * The one date-time form this project writes: UTC, whole seconds, `Z` (an XML Schema
 * `dateTimeStamp`, as VC 2.0 `validFrom` wants it).
 *
 * @example
 * isoSeconds(new Date('2026-03-01T12:00:00.250Z')); // '2026-03-01T12:00:00Z'
 */
export function isoSeconds(d: Date): string {
  return d.toISOString().replace(/\.\d{3}Z$/, 'Z');
}

/**
 * The certification lifecycle vocabulary: the `statusMessage`s of the 2-bit lifecycle status
 * list (Bitstring Status List v1.0 §2.1), value by value.
 *
 * @example
 * LIFECYCLE_MESSAGES[3].message; // 'superseded'
 */
export const LIFECYCLE_MESSAGES: ReadonlyArray<{ readonly status: string; readonly message: string }> = Object.freeze([
  Object.freeze({ status: '0x0', message: 'active' }),
  Object.freeze({ status: '0x1', message: 'suspended' }),
  Object.freeze({ status: '0x2', message: 'revoked' }),
  Object.freeze({ status: '0x3', message: 'superseded' }),
]);
