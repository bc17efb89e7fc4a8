import { parseDateTimeStamp } from '@repo/schemas';
import { type Problem, problem } from '../problems.ts';

/** When a proof or JWT says it was signed, and where that date sits (for the problem's pointer). */
export interface SigningTime {
  /** Milliseconds since the epoch; `undefined` when the proof or JWT carries no date. */
  at: number | undefined;
  /** JSON Pointer of the date: `/proof/created`, `/iat`, `/nbf`… */
  pointer: string;
}

/**
 * A date-time of a proof or a verification method as epoch milliseconds: an XML Schema
 * `dateTimeStamp`, or (Data Integrity 1.0 §2.1: "MAY … consume time values that were incorrectly
 * serialized without an offset", read as UTC) a date-time without one. `undefined` otherwise.
 *
 * @example
 * parseProofDateTime('2026-01-01T00:00:00'); // 1767225600000
 */
export function parseProofDateTime(value: unknown): number | undefined {
  if (typeof value !== 'string') return undefined;
  return (
    parseDateTimeStamp(value) ?? (/([Zz]|[+-]\d{2}:\d{2})$/.test(value) ? undefined : parseDateTimeStamp(`${value}Z`))
  );
}

/**
 * Whether a verification method may still vouch for what was signed with it, by the state its
 * controller published for it:
 *
 * - `revoked` (Controlled Identifiers 1.0 §2.2.4: the date-time from which the method "MUST NOT be
 *   used"): the key is taken to be compromised, so **nothing** it signed is accepted, whatever
 *   date the signature claims — `INVALID_VERIFICATION_METHOD`, "the key was revoked on …".
 * - `retiredAt` (this project's extension, written by `rotate-key`): the key signs nothing new
 *   after that instant, so it vouches only for what is dated at or before it. A date after it, or
 *   no date at all (nothing shows it predates the retirement), is `INVALID_VERIFICATION_METHOD`.
 *
 * `signed.at` is the proof's `created` (Data Integrity) or the JWT's `iat` / `nbf`. Returns
 * `undefined` when the method is usable, else the problem (pointer: the verification method for a
 * revocation, the date for a retirement). Never throws.
 *
 * @example
 * checkVerificationMethodUse(vm, { at: Date.parse(proof.created), pointer: '/proof/created' });
 * // { title: 'INVALID_VERIFICATION_METHOD', detail: 'The proof was signed with a key retired on …' }
 */
export function checkVerificationMethodUse(
  vm: unknown,
  signed: SigningTime,
  methodPointer = '/proof/verificationMethod',
): Problem | undefined {
  if (!vm || typeof vm !== 'object') return undefined;
  const { id, revoked, retiredAt } = vm as { id?: unknown; revoked?: unknown; retiredAt?: unknown };
  const name = typeof id === 'string' ? ` (${id})` : '';
  if (revoked !== undefined && revoked !== null) {
    const when = parseProofDateTime(revoked);
    return problem(
      'INVALID_VERIFICATION_METHOD',
      `The key${name} was revoked${when === undefined ? '' : ` on ${new Date(when).toISOString()}`} by its controller: nothing it signed is accepted any more.`,
      methodPointer,
    );
  }
  if (retiredAt === undefined || retiredAt === null) return undefined;
  const retired = parseProofDateTime(retiredAt);
  if (retired === undefined) {
    return problem(
      'INVALID_VERIFICATION_METHOD',
      `The key${name} is marked retired, but its retiredAt is not a date-time, so nothing it signed can be shown to predate the retirement.`,
      methodPointer,
    );
  }
  const on = new Date(retired).toISOString();
  if (signed.at === undefined) {
    return problem(
      'INVALID_VERIFICATION_METHOD',
      `This was signed with a key retired on ${on}${name} and carries no valid signing date, so it cannot show it was signed before the retirement.`,
      signed.pointer,
    );
  }
  if (signed.at > retired) {
    return problem(
      'INVALID_VERIFICATION_METHOD',
      `This was signed with a key retired on ${on}${name}, and is dated ${new Date(signed.at).toISOString()}, after the retirement.`,
      signed.pointer,
    );
  }
  return undefined;
}
