import { MIN_LIST_BITS, type Problem, problem, readStatus, type VcError } from '@repo/core';
import type { Check } from '../../types.ts';
import { loadList } from './load-status-list.ts';
import { parseBitstringEntry } from './parse-bitstring-entry.ts';
import { parseStatusList2021Entry, STATUS_LIST_2021_ENTRY } from './status-list-2021.ts';
import {
  type EntryOutcome,
  type EntryReading,
  minimumOf,
  type ParsedStatusEntry,
  type StatusCheckContext,
} from './status-types.ts';

type EntryParser = (
  e: Record<string, unknown>,
  at: string,
  credential: Record<string, unknown>,
) => ParsedStatusEntry | { check: Check };

/** The status entry types we read, by `type`: what differs between formats is in the parser. */
const PARSERS = new Map<string, EntryParser>([
  ['BitstringStatusListEntry', (e, at) => parseBitstringEntry(e, at)],
  [STATUS_LIST_2021_ENTRY, (e, at, credential) => parseStatusList2021Entry(e, credential, at)],
]);

/**
 * One `credentialStatus` entry through the validate algorithm (fetch or cache, proof, issuer,
 * validity, subject type, purpose, length, bit); an unknown entry type is `could-not-check`.
 */
export async function checkEntry(
  entry: unknown,
  at: string,
  credential: Record<string, unknown>,
  ctx: StatusCheckContext,
): Promise<EntryOutcome> {
  const fail = (p: Problem): EntryOutcome => ({ check: { id: 'status', status: 'failed', problem: p } });
  if (!entry || typeof entry !== 'object' || Array.isArray(entry)) {
    return fail(problem('MALFORMED_VALUE_ERROR', 'Each credentialStatus entry must be an object.', at));
  }
  const e = entry as Record<string, unknown>;
  const parse = typeof e.type === 'string' ? PARSERS.get(e.type) : undefined;
  if (!parse) {
    return {
      check: {
        id: 'status',
        status: 'could-not-check',
        problem: problem(
          'STATUS_VERIFICATION_ERROR',
          `Status type "${String(e.type)}" is not supported, so this credential's status is unknown.`,
          `${at}/type`,
        ),
      },
    };
  }
  const parsed = parse(e, at, credential);
  if ('check' in parsed) return parsed;
  const { format, statusSize, index } = parsed;
  const list = await loadList(parsed.statusListCredential, ctx, format);
  if ('check' in list) return list;
  // BSL v1.0 §3.2 step 9: "If the length of the revocation bitstring divided by statusSize is less
  // than minimumNumberOfEntries [131,072], raise a STATUS_LIST_LENGTH_ERROR" (1-bit lists, and
  // StatusList2021 §2.2 "at least 16KB": decode).
  const entries = Math.floor((list.list.bits.length * 8) / statusSize);
  const minimum = minimumOf(ctx);
  if (entries < minimum) {
    return fail(
      problem(
        'STATUS_LIST_LENGTH_ERROR',
        `The status list holds ${entries} entries of ${statusSize} bits; at least ${minimum} are required (${minimum === MIN_LIST_BITS ? "Bitstring Status List §3.2's minimum; a verifier may lower it with minimumStatusListEntries" : 'the minimumStatusListEntries this verifier was configured with'}).`,
        `${at}/statusListCredential`,
      ),
    );
  }
  // BSL v1.0 §3.2 / StatusList2021 §3.2 step 4: the entry's purpose must be the list's (S5).
  if (!list.list.purposes.includes(parsed.statusPurpose)) {
    return fail(
      problem(
        'STATUS_VERIFICATION_ERROR',
        `The status list is not a "${parsed.statusPurpose}" list.`,
        `${at}/statusPurpose`,
      ),
    );
  }
  let value: number;
  try {
    value = readStatus(list.list.bits, index, statusSize);
  } catch (error) {
    return fail({ ...(error as VcError).toProblem(), pointer: `${at}/statusListIndex` });
  }
  const reading: EntryReading = {
    type: parsed.type,
    statusPurpose: parsed.statusPurpose,
    statusListIndex: parsed.statusListIndex,
    statusListCredential: parsed.statusListCredential,
    value,
  };
  // §3.2 step 14: the message is the one statusMessage gives for the value read.
  const message = parsed.messages.get(value);
  if (message !== undefined) reading.message = message;
  return { reading };
}
