import {
  type DocumentLoader,
  decodeList,
  type Problem,
  parseStatusListIndex,
  problem,
  readStatus,
  VcError,
  verifyCredentialProof,
} from '@repo/core';
import type { StatusListCache, VerifiedStatusList } from '../status-list-cache.ts';
import type { Check, StatusListFetcher } from '../types.ts';
import { issuerIdOf } from './check-issuer.ts';
import { checkValidityPeriod } from './check-validity-period.ts';

/** Bitstring Status List v1.0 §2.2: default `ttl` when a list has none. */
const DEFAULT_TTL_MS = 300_000;

export interface StatusCheckContext {
  issuer: string | undefined;
  now: Date;
  skewSeconds: number;
  documentLoader: DocumentLoader;
  fetchStatusList: StatusListFetcher;
  cache: StatusListCache;
  trustedStatusListIssuers: readonly string[];
}

/** One entry's reading, reported in the check's details. */
interface EntryReading {
  statusPurpose: string;
  statusListIndex: string;
  statusListCredential: string;
  value?: number;
  message?: string;
}

const PURPOSE_PROBLEMS: Record<string, (e: EntryReading) => Problem> = {
  revocation: () => problem('CREDENTIAL_REVOKED', 'This credential was revoked by its issuer.'),
  suspension: () => problem('CREDENTIAL_SUSPENDED', 'This credential is suspended by its issuer for now.'),
};

/**
 * Bitstring Status List v1.0 §3.4 "Validate Algorithm" for every `credentialStatus` entry
 * (S1–S7): the list is fetched (or taken from the cache until its `ttl`), its own proof, issuer,
 * validity and purpose are checked, then the entry's bits are read. A list that cannot be fetched
 * gives `could-not-check` (never "not revoked"); an unknown status type too.
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
  for (const [i, entry] of entries.entries()) {
    const at = many ? `/credentialStatus/${i}` : '/credentialStatus';
    const outcome = await checkEntry(entry, at, ctx);
    if ('check' in outcome) {
      if (outcome.check.status === 'failed') return { ...outcome.check, details: { entries: readings } };
      couldNotCheck ??= outcome.check;
      continue;
    }
    readings.push(outcome.reading);
    const purposeProblem = outcome.reading.value ? PURPOSE_PROBLEMS[outcome.reading.statusPurpose] : undefined;
    if (purposeProblem) {
      return {
        id: 'status',
        status: 'failed',
        problem: { ...purposeProblem(outcome.reading), pointer: at },
        details: { entries: readings },
      };
    }
  }
  if (couldNotCheck) return { ...couldNotCheck, details: { entries: readings } };
  return {
    id: 'status',
    status: 'passed',
    message: 'The issuer has not revoked or suspended this credential.',
    details: { entries: readings },
  };
}

type EntryOutcome = { reading: EntryReading } | { check: Check };

async function checkEntry(entry: unknown, at: string, ctx: StatusCheckContext): Promise<EntryOutcome> {
  const fail = (p: Problem): EntryOutcome => ({ check: { id: 'status', status: 'failed', problem: p } });
  const cannot = (p: Problem): EntryOutcome => ({ check: { id: 'status', status: 'could-not-check', problem: p } });
  if (!entry || typeof entry !== 'object' || Array.isArray(entry)) {
    return fail(problem('MALFORMED_VALUE_ERROR', 'Each credentialStatus entry must be an object.', at));
  }
  const e = entry as Record<string, unknown>;
  if (e.type !== 'BitstringStatusListEntry') {
    return cannot(
      problem(
        'STATUS_VERIFICATION_ERROR',
        `Status type "${String(e.type)}" is not supported, so this credential's status is unknown.`,
        `${at}/type`,
      ),
    );
  }
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
  const list = await loadList(e.statusListCredential, ctx);
  if ('check' in list) return list;
  if (!list.list.purposes.includes(e.statusPurpose)) {
    return fail(
      problem(
        'STATUS_VERIFICATION_ERROR',
        `The status list is not a "${e.statusPurpose}" list.`,
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
    statusPurpose: e.statusPurpose,
    statusListIndex: e.statusListIndex as string,
    statusListCredential: e.statusListCredential,
    value,
  };
  // §2.1: statusMessage lists {status: "0x…", message} for entries wider than one bit.
  const messages = Array.isArray(e.statusMessage)
    ? (e.statusMessage as Array<{ status?: unknown; message?: unknown }>)
    : [];
  const message = messages.find(
    (m) => typeof m.status === 'string' && Number.parseInt(m.status, 16) === value,
  )?.message;
  if (typeof message === 'string') reading.message = message;
  return { reading };
}

async function loadList(
  url: string,
  ctx: StatusCheckContext,
): Promise<{ list: VerifiedStatusList } | { check: Check }> {
  const t = ctx.now.getTime();
  const cached = ctx.cache.get(url, t);
  if (cached) {
    return cached.issuer === ctx.issuer || ctx.trustedStatusListIssuers.includes(cached.issuer)
      ? { list: cached }
      : {
          check: {
            id: 'status',
            status: 'failed',
            problem: problem(
              'STATUS_VERIFICATION_ERROR',
              'The status list was issued by someone other than the credential issuer.',
            ),
          },
        };
  }
  const fail = (detail: string): { check: Check } => ({
    check: { id: 'status', status: 'failed', problem: problem('STATUS_VERIFICATION_ERROR', detail) },
  });
  let doc: unknown;
  try {
    doc = await ctx.fetchStatusList(url);
  } catch (error) {
    const why = error instanceof VcError ? ` (${error.message})` : '';
    return {
      check: {
        id: 'status',
        status: 'could-not-check',
        problem: problem(
          'STATUS_RETRIEVAL_ERROR',
          `The status list at ${url} could not be retrieved${why}, so revocation could not be checked.`,
        ),
      },
    };
  }
  if (!doc || typeof doc !== 'object' || Array.isArray(doc)) {
    return {
      check: {
        id: 'status',
        status: 'could-not-check',
        problem: problem('STATUS_RETRIEVAL_ERROR', `The status list at ${url} is not a JSON object.`),
      },
    };
  }
  const list = doc as Record<string, unknown>;
  const types = Array.isArray(list.type) ? list.type : [list.type];
  if (!types.includes('BitstringStatusListCredential'))
    return fail('The status list is not a BitstringStatusListCredential.');
  const proof = await verifyCredentialProof(list, { documentLoader: ctx.documentLoader });
  if (!proof.verified)
    return fail(`The status list's own proof does not verify: ${proof.problem?.detail ?? 'unknown reason'}`);
  const listIssuer = issuerIdOf(list);
  if (!listIssuer || (listIssuer !== ctx.issuer && !ctx.trustedStatusListIssuers.includes(listIssuer))) {
    return fail('The status list was issued by someone other than the credential issuer.');
  }
  const validity = checkValidityPeriod(list, ctx.now, ctx.skewSeconds);
  if (validity.status !== 'passed')
    return fail(`The status list is not currently valid: ${validity.problem?.detail ?? ''}`);
  const subject = list.credentialSubject as Record<string, unknown> | undefined;
  if (!subject || typeof subject !== 'object' || subject.type !== 'BitstringStatusList') {
    return fail('The status list credentialSubject must be a BitstringStatusList.');
  }
  const purposes = (Array.isArray(subject.statusPurpose) ? subject.statusPurpose : [subject.statusPurpose]).filter(
    (p): p is string => typeof p === 'string',
  );
  let bits: Uint8Array;
  try {
    bits = decodeList(subject.encodedList);
  } catch (error) {
    const p = (error as VcError).toProblem();
    return { check: { id: 'status', status: 'failed', problem: p } };
  }
  const ttl = typeof subject.ttl === 'number' && subject.ttl >= 0 ? subject.ttl : DEFAULT_TTL_MS;
  // Cached no longer than the list itself is valid (its validUntil plus the skew just accepted).
  const until = typeof list.validUntil === 'string' ? Date.parse(list.validUntil) : Number.NaN;
  const verified: VerifiedStatusList = {
    url,
    issuer: listIssuer,
    purposes,
    bits,
    expiresAt: Number.isNaN(until) ? t + ttl : Math.min(t + ttl, until + ctx.skewSeconds * 1000 + 1),
  };
  ctx.cache.set(verified);
  return { list: verified };
}
