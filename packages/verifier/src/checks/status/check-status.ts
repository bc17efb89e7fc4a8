import { type Problem, problem } from '@repo/core';
import { LIFECYCLE_MESSAGES } from '@repo/schemas';
import type { Check } from '../../types.ts';
import { checkEntry } from './check-entry.ts';
import type { EntryReading, StatusCheckContext } from './status-types.ts';

const REVOKED = () => problem('CREDENTIAL_REVOKED', 'This credential was revoked by its issuer.');
const SUSPENDED = () => problem('CREDENTIAL_SUSPENDED', 'This credential is suspended by its issuer for now.');

/** Purposes whose every non-zero value is a failure (Bitstring Status List v1.0 §2.1). */
const PURPOSE_PROBLEMS = new Map<string, () => Problem>([
  ['revocation', REVOKED],
  ['suspension', SUSPENDED],
]);

/**
 * How we read the `message` of a multi-state entry (§2.1 leaves "rules for how to handle various
 * status messages" to implementers): these fail the check, `superseded` marks the lifecycle,
 * `active` and any other message are only reported in the details.
 */
const MESSAGE_PROBLEMS = new Map<string, () => Problem>([
  ['revoked', REVOKED],
  ['suspended', SUSPENDED],
]);
const SUPERSEDED_MESSAGE = LIFECYCLE_MESSAGES[3]!.message;

/**
 * Bitstring Status List v1.0 §3.2 "Validate Algorithm" for every `credentialStatus` entry
 * (S1–S7): the list is fetched (or taken from the cache until its `ttl`), its own proof, issuer,
 * validity and purpose are checked, then the entry's bits are read. A list that cannot be fetched
 * gives `could-not-check` (never "not revoked"); an unknown status type too (`1EdTechRevocationList`,
 * `RevocationList2020Status`, `CredentialStatusList2017`, …), with a message naming the type.
 * Several entries: a failed entry decides; else any `could-not-check`; else passed.
 *
 * Legacy `StatusList2021Entry` entries (W3C CCG Status List 2021, verify only) go through the same
 * steps with that format's rules (see `check-status-list-2021.ts`): a `StatusList2021Credential`
 * whose `StatusList2021` subject has one `statusPurpose` and a prefix-less base64url GZIP
 * `encodedList` of at least 16 KB; a set bit is `CREDENTIAL_REVOKED` / `CREDENTIAL_SUSPENDED`.
 *
 * Multi-state entries (§2.1 `statusSize` > 1) need a `statusMessage` with one "0x…" status per
 * value (else `MALFORMED_VALUE_ERROR`, before anything is fetched) and a list of at least 131,072
 * entries of that size (§3.2 step 9, else `STATUS_LIST_LENGTH_ERROR`). The message read is
 * interpreted: "revoked" → `CREDENTIAL_REVOKED`, "suspended" → `CREDENTIAL_SUSPENDED`,
 * "superseded" → passed with `details.superseded: true`; "active" and others are only reported.
 *
 * @example
 * await checkStatus(credential, ctx); // { id: 'status', status: 'failed', problem: { title: 'CREDENTIAL_REVOKED', … } }
 */
export async function checkStatus(credential: Record<string, unknown>, ctx: StatusCheckContext): Promise<Check> {
  const raw = credential.credentialStatus;
  if (raw === undefined) return { id: 'status', status: 'skipped', message: 'The credential has no status to check.' };
  const many = Array.isArray(raw);
  const entries: unknown[] = many ? raw : [raw];
  const readings: EntryReading[] = [];
  let couldNotCheck: Check | undefined;
  let superseded = false;
  for (const [i, entry] of entries.entries()) {
    const at = many ? `/credentialStatus/${i}` : '/credentialStatus';
    const outcome = await checkEntry(entry, at, credential, ctx);
    if ('check' in outcome) {
      if (outcome.check.status === 'failed') return { ...outcome.check, details: { entries: readings } };
      couldNotCheck ??= outcome.check;
      continue;
    }
    readings.push(outcome.reading);
    const { value, statusPurpose } = outcome.reading;
    const spoken = outcome.reading.message?.trim().toLowerCase();
    // A revocation or suspension entry fails on any non-zero value; any other entry is read by the
    // message its issuer committed to for that value (fail closed: even for value 0).
    const byPurpose = PURPOSE_PROBLEMS.get(statusPurpose);
    const purposeProblem = byPurpose ? (value ? byPurpose : undefined) : MESSAGE_PROBLEMS.get(spoken ?? '');
    if (!byPurpose && spoken === SUPERSEDED_MESSAGE) superseded = true;
    if (purposeProblem) {
      return {
        id: 'status',
        status: 'failed',
        problem: { ...purposeProblem(), pointer: at },
        details: { entries: readings },
      };
    }
  }
  if (couldNotCheck) return { ...couldNotCheck, details: { entries: readings, ...(superseded && { superseded }) } };
  if (superseded) {
    return {
      id: 'status',
      status: 'passed',
      message: 'The issuer has not revoked or suspended this credential, but says a newer one supersedes it.',
      details: { entries: readings, superseded },
    };
  }
  return {
    id: 'status',
    status: 'passed',
    message: 'The issuer has not revoked or suspended this credential.',
    details: { entries: readings },
  };
}
