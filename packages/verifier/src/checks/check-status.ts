import {
  type DocumentLoader,
  decodeList,
  MIN_LIST_BITS,
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
import { parseStatusList2021Entry, STATUS_LIST_2021_ENTRY } from './check-status-list-2021.ts';
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
  /**
   * The verification method that secured the credential (its proof's, or its JWT `kid`): a list
   * signed by the same public key is the issuer's own, whatever DID names the key (a `did:key` of
   * a key the issuer's `did:web` document lists as an assertion method).
   */
  credentialVerificationMethod?: string;
  /** Bitstring Status List v1.0 §3.2 minimumNumberOfEntries [131,072]; an ecosystem may set it lower. */
  minimumEntries?: number;
}

/** One entry's reading, reported in the check's details. */
interface EntryReading {
  type: string;
  statusPurpose: string;
  statusListIndex: string;
  statusListCredential: string;
  value?: number;
  message?: string;
}

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
const SUPERSEDED_MESSAGE = 'superseded';

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

type EntryOutcome = { reading: EntryReading } | { check: Check };

/**
 * What differs between the status-list formats we read; the validate algorithm around it is the
 * same (fetch or cache, proof, issuer, validity, subject type, purpose, length, bit).
 */
export interface StatusListFormat {
  /** Remembered with each cached list, so a list verified as one format is never read as another. */
  kind: 'BitstringStatusList' | 'StatusList2021';
  /** The `type` the list credential must include. */
  credentialType: string;
  /** The `type` its `credentialSubject` must have. */
  subjectType: string;
  /** A context the list's `@context` must include (the one defining its types), if any. */
  context?: string;
  /** The purposes the list serves, from its subject. */
  purposes(subject: Record<string, unknown>): string[];
  /** `encodedList` → bitstring; throws a coded `VcError` (malformed, or shorter than 16 KB: S3). */
  decode(encoded: unknown, minBits: number): Uint8Array;
  /** How long to cache the list, from its subject; undefined → the 300 s default. */
  ttlMs(subject: Record<string, unknown>): number | undefined;
}

/** An entry read and checked before anything is fetched. */
export interface ParsedStatusEntry {
  type: string;
  format: StatusListFormat;
  statusPurpose: string;
  statusListIndex: string;
  statusListCredential: string;
  index: number;
  statusSize: number;
  /** `statusMessage` by value (BSL v1.0 §2.1); empty when the entry has none. */
  messages: Map<number, string>;
}

/** Bitstring Status List v1.0 §2.2 `BitstringStatusListCredential`. */
const BITSTRING_STATUS_LIST: StatusListFormat = {
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

/** The format each cached list was verified as (lists cached by someone else: Bitstring). */
const cachedKinds = new WeakMap<VerifiedStatusList, StatusListFormat['kind']>();

async function checkEntry(
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
  let parsed: ParsedStatusEntry | { check: Check };
  if (e.type === 'BitstringStatusListEntry') parsed = parseBitstringEntry(e, at);
  else if (e.type === STATUS_LIST_2021_ENTRY) parsed = parseStatusList2021Entry(e, credential, at);
  else {
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

/** Bitstring Status List v1.0 §2.1 `BitstringStatusListEntry`, read before anything is fetched. */
function parseBitstringEntry(e: Record<string, unknown>, at: string): ParsedStatusEntry | { check: Check } {
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

async function loadList(
  url: string,
  ctx: StatusCheckContext,
  format: StatusListFormat,
): Promise<{ list: VerifiedStatusList } | { check: Check }> {
  const fail = (detail: string): { check: Check } => ({
    check: { id: 'status', status: 'failed', problem: problem('STATUS_VERIFICATION_ERROR', detail) },
  });
  const t = ctx.now.getTime();
  const cached = ctx.cache.get(url, t);
  if (cached) {
    // The document at this URL was verified as another format within its ttl: it is not this one.
    if ((cachedKinds.get(cached) ?? 'BitstringStatusList') !== format.kind) {
      return fail(`The status list is not a ${format.credentialType}.`);
    }
    return (await ownList(cached.issuer, cached.signedBy, ctx))
      ? { list: cached }
      : fail('The status list was issued by someone other than the credential issuer.');
  }
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
  if (!types.includes(format.credentialType)) return fail(`The status list is not a ${format.credentialType}.`);
  if (format.context !== undefined) {
    const contexts = Array.isArray(list['@context']) ? list['@context'] : [list['@context']];
    if (!contexts.includes(format.context)) {
      return fail(`The status list does not use the context ${format.context} that defines ${format.credentialType}.`);
    }
  }
  const proof = await verifyCredentialProof(list, { documentLoader: ctx.documentLoader });
  if (!proof.verified)
    return fail(`The status list's own proof does not verify: ${proof.problem?.detail ?? 'unknown reason'}`);
  const listIssuer = issuerIdOf(list);
  const signedBy = await keyOf(proof.verificationMethod, ctx.documentLoader);
  if (!listIssuer || !(await ownList(listIssuer, signedBy, ctx))) {
    return fail('The status list was issued by someone other than the credential issuer.');
  }
  const validity = checkValidityPeriod(list, ctx.now, ctx.skewSeconds);
  if (validity.status !== 'passed')
    return fail(`The status list is not currently valid: ${validity.problem?.detail ?? ''}`);
  const subject = list.credentialSubject as Record<string, unknown> | undefined;
  if (!subject || typeof subject !== 'object' || subject.type !== format.subjectType) {
    return fail(`The status list credentialSubject must be a ${format.subjectType}.`);
  }
  let bits: Uint8Array;
  try {
    // The length rule (§3.2 step 9) is applied per entry, with its statusSize and the configured
    // minimum, so that the problem names the bound that applied.
    bits = format.decode(subject.encodedList, 1);
  } catch (error) {
    const p = (error as VcError).toProblem();
    return { check: { id: 'status', status: 'failed', problem: p } };
  }
  const ttl = format.ttlMs(subject) ?? DEFAULT_TTL_MS;
  // Cached no longer than the list itself is valid (its validUntil — VC 1.1: expirationDate — plus
  // the skew just accepted).
  const end = 'validUntil' in list ? list.validUntil : list.expirationDate;
  const until = typeof end === 'string' ? Date.parse(end) : Number.NaN;
  const verified: VerifiedStatusList = {
    url,
    issuer: listIssuer,
    ...(signedBy === undefined ? {} : { signedBy }),
    purposes: format.purposes(subject),
    bits,
    expiresAt: Number.isNaN(until) ? t + ttl : Math.min(t + ttl, until + ctx.skewSeconds * 1000 + 1),
  };
  cachedKinds.set(verified, format.kind);
  ctx.cache.set(verified);
  return { list: verified };
}

function minimumOf(ctx: StatusCheckContext): number {
  return ctx.minimumEntries ?? MIN_LIST_BITS;
}

/**
 * Whether a list vouches for this credential (S4): issued by the credential's issuer, or by an
 * allow-listed status-list issuer, or signed by the very key that secured the credential.
 */
async function ownList(listIssuer: string, signedBy: string | undefined, ctx: StatusCheckContext): Promise<boolean> {
  if (listIssuer === ctx.issuer || ctx.trustedStatusListIssuers.includes(listIssuer)) return true;
  if (signedBy === undefined) return false;
  return signedBy === (await keyOf(ctx.credentialVerificationMethod, ctx.documentLoader));
}

/**
 * The public key a verification method holds, as one comparable string (`publicKeyMultibase`,
 * or the JWK's curve and coordinates), dereferenced through the document loader; undefined when
 * it cannot be had.
 */
export async function keyOf(vm: string | undefined, loader: DocumentLoader): Promise<string | undefined> {
  if (typeof vm !== 'string') return undefined;
  try {
    const { document } = await loader(vm);
    const m = document as { publicKeyMultibase?: unknown; publicKeyJwk?: Record<string, unknown> } | undefined;
    if (typeof m?.publicKeyMultibase === 'string') return m.publicKeyMultibase;
    const jwk = m?.publicKeyJwk;
    if (jwk && typeof jwk === 'object') return JSON.stringify([jwk.kty, jwk.crv, jwk.x, jwk.y, jwk.n, jwk.e]);
  } catch {
    return undefined;
  }
  return undefined;
}
