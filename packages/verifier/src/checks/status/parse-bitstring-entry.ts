import { decodeList, type Problem, parseStatusListIndex, problem, type VcError } from '@repo/core';
import type { Check } from '../../types.ts';
import type { ParsedStatusEntry, StatusListFormat } from './status-types.ts';

/** Bitstring Status List v1.0 §2.2 `BitstringStatusListCredential`. */
export const BITSTRING_STATUS_LIST: StatusListFormat = {
  kind: 'BitstringStatusList',
  credentialType: 'BitstringStatusListCredential',
  subjectType: 'BitstringStatusList',
  purposes: (subject) =>
    (Array.isArray(subject.statusPurpose) ? subject.statusPurpose : [subject.statusPurpose]).filter(
      (p): p is string => typeof p === 'string',
    ),
  decode: (encoded, minBits) => decodeList(encoded, minBits),
  ttlMs: (subject) => (typeof subject.ttl === 'number' && subject.ttl >= 0 ? subject.ttl : undefined),
};

/** Bitstring Status List v1.0 §2.1 `BitstringStatusListEntry`, read before anything is fetched. */
export function parseBitstringEntry(e: Record<string, unknown>, at: string): ParsedStatusEntry | { check: Check } {
  const fail = (p: Problem): { check: Check } => ({ check: { id: 'status', status: 'failed', problem: p } });
  if (typeof e.statusPurpose !== 'string' || e.statusPurpose === '') {
    return fail(
      problem('MALFORMED_VALUE_ERROR', 'statusPurpose must be a string such as "revocation".', `${at}/statusPurpose`),
    );
  }
  if (typeof e.statusListCredential !== 'string' || !/^[a-z][a-z0-9+.-]*:/i.test(e.statusListCredential)) {
    return fail(problem('MALFORMED_VALUE_ERROR', 'statusListCredential must be a URL.', `${at}/statusListCredential`));
  }
  let index: number;
  try {
    index = parseStatusListIndex(e.statusListIndex, `${at}/statusListIndex`);
  } catch (error) {
    return fail((error as VcError).toProblem());
  }
  const statusSize = e.statusSize === undefined ? 1 : e.statusSize;
  if (typeof statusSize !== 'number' || !Number.isInteger(statusSize) || statusSize < 1 || statusSize > 8) {
    return fail(problem('MALFORMED_VALUE_ERROR', 'statusSize must be an integer from 1 to 8.', `${at}/statusSize`));
  }
  const messages = parseStatusMessages(e.statusMessage, statusSize, `${at}/statusMessage`);
  if ('problem' in messages) return fail(messages.problem);
  return {
    type: 'BitstringStatusListEntry',
    format: BITSTRING_STATUS_LIST,
    statusPurpose: e.statusPurpose,
    statusListIndex: e.statusListIndex as string,
    statusListCredential: e.statusListCredential,
    index,
    statusSize,
    messages: messages.byValue,
  };
}

const HEX_STATUS = /^0x[0-9a-f]+$/i;

/**
 * Bitstring Status List v1.0 §2.1 `statusMessage`: required when `statusSize` > 1, optional for 1
 * bit; when present an array of exactly 2^statusSize objects, each with `status` (the value as a
 * "0x"-prefixed hexadecimal string) and `message` (a string), one per possible value.
 */
function parseStatusMessages(
  raw: unknown,
  statusSize: number,
  at: string,
): { byValue: Map<number, string> } | { problem: Problem } {
  const byValue = new Map<number, string>();
  const values = 2 ** statusSize;
  if (raw === undefined) {
    if (statusSize === 1) return { byValue };
    return {
      problem: problem(
        'MALFORMED_VALUE_ERROR',
        `statusMessage is required when statusSize is ${statusSize}: one {status, message} for each of the ${values} values.`,
        at,
      ),
    };
  }
  if (!Array.isArray(raw) || raw.length !== values) {
    return {
      problem: problem(
        'MALFORMED_VALUE_ERROR',
        `statusMessage must be an array of ${values} entries, one for each value a ${statusSize}-bit status can take.`,
        at,
      ),
    };
  }
  for (const [i, item] of raw.entries()) {
    const m = item as { status?: unknown; message?: unknown } | null;
    const status = m && typeof m === 'object' ? m.status : undefined;
    if (typeof status !== 'string' || !HEX_STATUS.test(status)) {
      return {
        problem: problem(
          'MALFORMED_VALUE_ERROR',
          'Each statusMessage status must be a hexadecimal string starting with "0x", such as "0x2".',
          `${at}/${i}/status`,
        ),
      };
    }
    const value = Number.parseInt(status.slice(2), 16);
    if (value >= values || byValue.has(value)) {
      return {
        problem: problem(
          'MALFORMED_VALUE_ERROR',
          `statusMessage must give each value from 0x0 to 0x${(values - 1).toString(16)} exactly once.`,
          `${at}/${i}/status`,
        ),
      };
    }
    if (typeof m!.message !== 'string') {
      return {
        problem: problem('MALFORMED_VALUE_ERROR', 'Each statusMessage message must be a string.', `${at}/${i}/message`),
      };
    }
    byValue.set(value, m!.message);
  }
  return { byValue };
}
