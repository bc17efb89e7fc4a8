import { type DocumentLoader, problem, VcError, verifyCredentialProof } from '@repo/core';
import type { VerifiedStatusList } from '../../status-list-cache.ts';
import type { Check } from '../../types.ts';
import { issuerIdOf } from '../check-issuer.ts';
import { checkValidityPeriod } from '../check-validity-period.ts';
import type { StatusCheckContext, StatusListFormat } from './status-types.ts';

/** Bitstring Status List v1.0 §2.2: default `ttl` when a list has none. */
const DEFAULT_TTL_MS = 300_000;

/** The format each cached list was verified as (lists cached by someone else: Bitstring). */
const cachedKinds = new WeakMap<VerifiedStatusList, StatusListFormat['kind']>();

/**
 * Bitstring Status List v1.0 §3.2 steps 2–8 for one list URL: the cached list while its `ttl`
 * lasts, or the fetched one once its type, context, proof, issuer (or signing key), validity and
 * subject are checked and its `encodedList` decoded. `could-not-check` when it cannot be fetched.
 */
export async function loadList(
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
  const proof = await verifyCredentialProof(list, {
    documentLoader: ctx.documentLoader,
    now: ctx.now,
    skewSeconds: ctx.skewSeconds,
  });
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
