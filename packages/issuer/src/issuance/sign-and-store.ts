import { randomUUID } from 'node:crypto';
import { assertJsonLdSafe, type SigningKey, signCredential, signCredentialJwt, VcError } from '@repo/core';
import {
  BITSTRING_STATUS_LIST_CONTEXT,
  isoSeconds,
  schemaForCredential,
  VC_V2_CONTEXT,
  validateCredential,
} from '@repo/schemas';
import type { AppDeps } from '../deps.ts';
import { type IdempotencyClaim, idempotencyWrite } from '../http/idempotency.ts';
import { ProblemError } from '../http/problem-error.ts';
import { chooseKey, DEFAULT_JWT_ALG } from '../keys/choose-key.ts';
import type { SecuringOptions } from '../routes/check-issue-request.ts';
import { statusListUrl } from '../status/status-list-url.ts';
import { LIFECYCLE_MESSAGES, STATUS_SIZE, type StatusPurpose } from '../status/status-registry.ts';
import type { CredentialRecord, DocumentWrite, StatusAssignment } from '../store/types.ts';

const OB_EXTENSIONS_CONTEXT = 'https://purl.imsglobal.org/spec/ob/v3p0/extensions.json';

/** XML Schema dateTime without fractions, as credentials usually carry it. */
export { isoSeconds };

/** A fresh `urn:uuid:` credential id. */
export function newCredentialId(): string {
  return `urn:uuid:${randomUUID()}`;
}

/**
 * Certifications and licences are time-limited and renewable, so they also get a lifecycle
 * entry (active / suspended / revoked / superseded) and a refresh service by default.
 */
export function isRenewable(credential: Record<string, unknown>): boolean {
  const subject = credential.credentialSubject as { achievement?: { achievementType?: unknown } } | undefined;
  const t = subject?.achievement?.achievementType;
  return t === 'Certification' || t === 'License';
}

/** URL of the refresh service that returns the current credential of a lineage. */
export function refreshUrl(deps: AppDeps, id: string): string {
  return `${deps.config.publicBaseUrl}/credentials/refresh/${encodeURIComponent(id)}`;
}

/** Validates an Open Badges credential against the bundled 1EdTech schema; 422 naming the field. */
export function assertSchema(credential: Record<string, unknown>, pointerPrefix: string): void {
  const schema = schemaForCredential(credential);
  if (!schema) return;
  const result = validateCredential(credential, schema);
  if (result.valid) return;
  const first = result.errors[0]!;
  throw new ProblemError(
    422,
    'SCHEMA_VALIDATION_ERROR',
    `The credential does not match the Open Badges 3.0 ${schema} schema: ${first.message}`,
    {
      pointer: `${pointerPrefix}${first.pointer}`,
      extra: { errors: result.errors.map((e) => ({ ...e, pointer: `${pointerPrefix}${e.pointer}` })) },
    },
  );
}

function addContext(credential: Record<string, unknown>, url: string): void {
  const ctx = credential['@context'] as unknown[];
  if (!ctx.includes(url)) ctx.push(url);
}

/** What {@link signAndStore} needs besides the credential. */
export interface SignAndStoreOptions {
  purposes: readonly StatusPurpose[];
  issuedBy: string;
  now: Date;
  /** Pointer prefix for problems about the credential (`/credential` for issue requests). */
  pointerPrefix: string;
  /** For a renewal: the predecessor's record, marked superseded in the same atomic write. */
  predecessor?: CredentialRecord;
  /** Proof format, cryptosuite, JOSE alg. Default: an embedded proof with the signing key's suite. */
  securing?: SecuringOptions;
  /**
   * The request's `Idempotency-Key` claim and its 201 answer for the record: remembered in the
   * same atomic write as the record, so a crash cannot keep one without the other.
   */
  idempotent?: { claim: IdempotencyClaim; answer: (record: CredentialRecord) => unknown };
  /** Collect the signed record into `batch` instead of writing it; {@link commitIssued} writes them all. */
  batch?: IssueBatch;
}

/**
 * Records signed by {@link signAndStore} for one atomic write with {@link commitIssued} (a request
 * that issues several credentials, such as a pathway's CLR and achievement). Their indexes are
 * taken until the batch is committed or {@link abandonIssued}.
 *
 * @example
 * const batch = new IssueBatch();
 * try {
 *   await signAndStore(deps, clr, { ...options, batch });
 *   await commitIssued(deps, batch);
 * } finally {
 *   abandonIssued(deps, batch);
 * }
 */
export class IssueBatch {
  readonly records: CredentialRecord[] = [];
  committed = false;
}

/**
 * Writes a batch of signed records in one atomic write, with the request's idempotency answer
 * (`body`, status 201) and the `documents` the callback returns (it runs under the lock, so it
 * can check and refuse: a claimed award). Under the issuer's lock the ids are checked free again
 * (I13) and the write is queued; it is awaited outside the lock (group commit, see
 * {@link signAndStore}) and resolves once durable.
 *
 * @example
 * await commitIssued(deps, batch, { claim, body: { report, issued } });
 */
export async function commitIssued(
  deps: AppDeps,
  batch: IssueBatch,
  idempotent?: { claim: IdempotencyClaim; body: unknown },
  documents?: () => Promise<DocumentWrite[]>,
): Promise<void> {
  const queued = await deps.lock.run(async () => {
    const ids = new Set<string>();
    for (const r of batch.records) {
      if (ids.has(r.id) || (await deps.store.getRecord(r.id)))
        throw new ProblemError(409, 'CONFLICT', `A credential with id ${r.id} was already issued.`);
      ids.add(r.id);
    }
    // Under the lock: documents that must still be true when the records land (an award not yet
    // claimed); this may throw, and then nothing is written.
    const docs = documents ? await documents() : [];
    // From here the outcome of the write is unknown on failure: its indexes are never reused (S10).
    batch.committed = true;
    return {
      durable: deps.store.putIssued({
        records: batch.records,
        ...(docs.length > 0 && { documents: docs }),
        ...(idempotent && {
          idempotency: idempotencyWrite(idempotent.claim, deps.clock(), 201, idempotent.body, [...ids]),
        }),
      }),
    };
  });
  await queued.durable;
}

/**
 * Gives back the indexes of a batch that will not be committed (nothing of it was written); a
 * no-op once {@link commitIssued} tried to write it.
 *
 * @example
 * abandonIssued(deps, batch);
 */
export function abandonIssued(deps: AppDeps, batch: IssueBatch): void {
  if (batch.committed) return;
  batch.committed = true;
  for (const r of batch.records) for (const s of r.statuses) deps.registry.release(s);
}

/**
 * Writes the `credentialStatus` entries of the allocated `slots` into `credential` (after any the
 * caller wrote; for the lifecycle list `statusSize` 2 with its `statusMessage`s, and on VC 1.1 the
 * status context) and gives a credential with a lifecycle entry a `1EdTechCredentialRefresh`
 * service. What {@link signAndStore} does before signing; batches do it for each row.
 *
 * @example
 * addStatusEntries(deps, credential, [deps.registry.allocate('revocation')]);
 */
export function addStatusEntries(
  deps: AppDeps,
  credential: Record<string, unknown>,
  slots: readonly StatusAssignment[],
): void {
  if (slots.length > 0) {
    const entries = slots.map((s) => {
      const list = statusListUrl(deps.config.publicBaseUrl, s.purpose, s.list);
      const entry: Record<string, unknown> = {
        id: `${list}#${s.index}`,
        type: 'BitstringStatusListEntry',
        statusPurpose: s.purpose === 'lifecycle' ? 'message' : s.purpose,
        statusListIndex: String(s.index),
        statusListCredential: list,
      };
      if (STATUS_SIZE[s.purpose] > 1) {
        entry.statusSize = STATUS_SIZE[s.purpose];
        entry.statusMessage = LIFECYCLE_MESSAGES.map((m) => ({ ...m }));
      }
      return entry;
    });
    // Entries the caller wrote (of types this issuer does not manage) are kept, first.
    const given = credential.credentialStatus;
    const all = [...(given === undefined ? [] : Array.isArray(given) ? given : [given]), ...entries];
    credential.credentialStatus = all.length === 1 ? all[0] : all;
    // The VC 2.0 context defines the status terms; a VC 1.1 credential needs the status context.
    if ((credential['@context'] as unknown[])[0] !== VC_V2_CONTEXT)
      addContext(credential, BITSTRING_STATUS_LIST_CONTEXT);
  }
  if (slots.some((s) => s.purpose === 'lifecycle') && credential.refreshService === undefined) {
    credential.refreshService = { id: refreshUrl(deps, credential.id as string), type: '1EdTechCredentialRefresh' };
    addContext(credential, OB_EXTENSIONS_CONTEXT);
  }
}

/** Signs a credential with an embedded Data Integrity proof (core's `signCredential`, or a signing pool). */
export type DiSigner = (
  credential: Record<string, unknown>,
  options: { now: Date; cryptosuite?: SecuringOptions['cryptosuite']; mandatoryPointers?: string[] },
) => Promise<Record<string, unknown>>;

/**
 * Secures a credential as `securing` asks: an embedded proof (by `signDi`; default core's
 * `signCredential` in this thread with the signing key or the cryptosuite's key) and/or a VC-JWT
 * (JSON-LD safe mode checked first when only a JWT is made). A `VcError` becomes a 422
 * {@link ProblemError} pointing under `pointerPrefix`. What {@link signAndStore} signs with.
 *
 * @example
 * const { signed, jwt } = await secureCredential(deps, credential, { format: 'di' }, now, '/credential');
 */
export async function secureCredential(
  deps: AppDeps,
  credential: Record<string, unknown>,
  securing: SecuringOptions = { format: 'di' },
  now: Date,
  pointerPrefix: string,
  signDi?: DiSigner,
): Promise<{ signed: Record<string, unknown>; jwt?: string }> {
  let signed: Record<string, unknown> = credential;
  let jwt: string | undefined;
  try {
    if (securing.format === 'jwt') {
      await assertJsonLdSafe(credential, deps.documentLoader);
    } else if (signDi) {
      signed = await signDi(credential, {
        now,
        ...(securing.cryptosuite && { cryptosuite: securing.cryptosuite }),
        ...(securing.mandatoryPointers && { mandatoryPointers: securing.mandatoryPointers }),
      });
    } else {
      const key = chooseKey(deps.keys, securing.cryptosuite ? { cryptosuite: securing.cryptosuite } : {}) as SigningKey;
      const sign: Parameters<typeof signCredential>[1] = { key, documentLoader: deps.documentLoader, now };
      if (securing.cryptosuite) sign.cryptosuite = securing.cryptosuite;
      if (securing.mandatoryPointers) sign.mandatoryPointers = securing.mandatoryPointers;
      signed = await signCredential(credential, sign);
    }
    if (securing.format !== 'di') {
      const alg = securing.alg ?? DEFAULT_JWT_ALG[deps.keys.signing.algorithm];
      // Open Badges / CLR credentials get the OB 3.0 §8.2 form, others VC-JOSE-COSE, VC 1.1 the
      // vc-claim JWT, unless options.jwtProfile says otherwise (see signCredentialJwt).
      const key = chooseKey(deps.keys, { alg });
      jwt = await signCredentialJwt(signed, {
        key,
        alg,
        now,
        ...(securing.jwtProfile && { profile: securing.jwtProfile }),
      });
    }
  } catch (error) {
    if (error instanceof VcError) {
      throw new ProblemError(422, error.code, error.message, {
        pointer: error.pointer ? `${pointerPrefix}${error.pointer}` : undefined,
      });
    }
    throw error;
  }
  return jwt === undefined ? { signed } : { signed, jwt };
}

/**
 * The checks an issue repeats under the issuer's lock, before allocating and again at commit:
 * the id is free (I13) and a renewal's predecessor is neither renewed nor revoked. Resolves with
 * the predecessor's current record.
 */
async function assertIssuable(
  deps: AppDeps,
  id: string,
  options: SignAndStoreOptions,
): Promise<CredentialRecord | undefined> {
  if (await deps.store.getRecord(id)) {
    throw new ProblemError(409, 'CONFLICT', `A credential with id ${id} was already issued.`, {
      pointer: `${options.pointerPrefix}/id`,
    });
  }
  if (!options.predecessor) return undefined;
  const current = await deps.store.getRecord(options.predecessor.id);
  if (!current || current.supersededBy || current.revoked) {
    throw new ProblemError(409, 'CONFLICT', `The credential ${options.predecessor.id} was already renewed or revoked.`);
  }
  return current;
}

/**
 * The record of a credential just signed (the issue route, batches).
 *
 * @example
 * const rec = issuedRecord(id, { signed }, slots, 'ops', isoSeconds(now));
 */
export function issuedRecord(
  id: string,
  secured: { signed: Record<string, unknown>; jwt?: string },
  statuses: StatusAssignment[],
  issuedBy: string,
  at: string,
): CredentialRecord {
  return {
    id,
    credential: secured.signed,
    statuses,
    issuedBy,
    issuedAt: at,
    ...(secured.jwt === undefined ? {} : { jwt: secured.jwt }),
    revoked: false,
    suspended: false,
    updatedAt: at,
  };
}

/**
 * The one issuing path, in three steps:
 * 1. under the issuer's lock: the id is free (I13), a renewal's predecessor is current, and
 *    random never-used status indexes are allocated (S10);
 * 2. outside the lock: the `credentialStatus` entries are written (for the lifecycle list
 *    `statusSize` 2 with its `statusMessage`s), renewable credentials get a
 *    `1EdTechCredentialRefresh` service, and the credential is signed (JSON-LD safe mode);
 * 3. under the lock again: the checks of step 1 are redone and the write is queued — the record
 *    (and the request's idempotency answer, a renewal's superseded predecessor) in one atomic
 *    write. Concurrent writes are group-committed (one synced LevelDB batch) and the record is
 *    returned once its write is durable; reads of its keys made meanwhile wait for it, so the next
 *    commit's checks see it. A renewal keeps the lock until its write is durable (its
 *    predecessor's lifecycle bit changes with it).
 * On failure nothing is stored and no index is used; once a write was attempted its indexes are
 * never handed out again, whatever its outcome.
 *
 * @example
 * const record = await signAndStore(deps, credential, { purposes: ['revocation'], issuedBy: 'ops', now, pointerPrefix: '/credential' });
 */
export async function signAndStore(
  deps: AppDeps,
  credential: Record<string, unknown>,
  options: SignAndStoreOptions,
): Promise<CredentialRecord> {
  const id = credential.id as string;
  const { now, pointerPrefix } = options;
  const slots = await deps.lock.run(async () => {
    await assertIssuable(deps, id, options);
    return options.purposes.map((p) => deps.registry.allocate(p));
  });
  // Once a write was attempted its outcome is unknown (it may be on disk), so its indexes are
  // never handed out again: leaking one index is harmless, reusing one is not (S10).
  let writeAttempted = false;
  try {
    addStatusEntries(deps, credential, slots);
    const secured = await secureCredential(deps, credential, options.securing, now, pointerPrefix);
    const at = isoSeconds(now);
    const rec = issuedRecord(id, secured, slots, options.issuedBy, at);
    if (options.batch) {
      if (options.predecessor) throw new TypeError('A renewal is not issued in a batch.');
      options.batch.records.push(rec);
      return rec;
    }
    const idempotency =
      options.idempotent &&
      (() => idempotencyWrite(options.idempotent!.claim, deps.clock(), 201, options.idempotent!.answer(rec), [id]));
    const queued = await deps.lock.run(async () => {
      const current = await assertIssuable(deps, id, options);
      writeAttempted = true;
      if (!current)
        return {
          durable: deps.store.putIssued({ records: [rec], ...(idempotency && { idempotency: idempotency() }) }),
        };
      rec.predecessor = current.id;
      const superseded: CredentialRecord = { ...current, supersededBy: id, updatedAt: at };
      await deps.store.putIssued({
        records: [rec],
        predecessor: superseded,
        ...(idempotency && { idempotency: idempotency() }),
      });
      for (const s of superseded.statuses) if (s.purpose === 'lifecycle') deps.registry.set(s, 3);
      for (const s of superseded.statuses)
        deps.verifier.statusListCache.clear(statusListUrl(deps.config.publicBaseUrl, s.purpose, s.list));
      return { durable: Promise.resolve() };
    });
    await queued.durable;
    return rec;
  } catch (error) {
    if (!writeAttempted) for (const s of slots) deps.registry.release(s);
    throw error;
  }
}
