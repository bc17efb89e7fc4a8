import {
  CORE_DEFAULT_VERIFIER_JWT_ALGORITHMS,
  type CredentialSecuring,
  checkJwtAlgorithms,
  createDidResolver,
  createDocumentLoader,
  createGuardedFetch,
  createJwtKeyResolver,
  type DocumentLoader,
  type GuardedFetch,
  isEnvelopedPresentation,
  jwtKeyResolverAt,
  jwtSigningTime,
  openCredential,
  type Problem,
  type ProofResult,
  problem,
  verifyCredentialJwt,
  verifyCredentialProof,
  verifyPresentationJwt,
  verifyPresentationProof,
} from '@repo/core';
import { loadPinnedContexts, parseDuration, type RenewalPolicy } from '@repo/schemas';
import { checkCredentialShape } from './checks/check-format.ts';
import { checkIssuer, issuerIdOf } from './checks/check-issuer.ts';
import { checkRefresh } from './checks/check-refresh.ts';
import { checkRelatedResources } from './checks/check-related-resources.ts';
import { checkSchema } from './checks/check-schema.ts';
import { checkValidityPeriod } from './checks/check-validity-period.ts';
import { findProtoKey } from './checks/find-proto-key.ts';
import { checkStatus } from './checks/status/check-status.ts';
import { describeLifecycle, findRenewalPolicy } from './describe-lifecycle.ts';
import { StatusListCache } from './status-list-cache.ts';
import type {
  Check,
  CheckId,
  CredentialVerification,
  PresentationVerification,
  StatusListFetcher,
  VerifierOptions,
} from './types.ts';

/** Options of one presentation check (V4). */
export interface PresentationOptions {
  /** The challenge you gave the holder; required of a signed presentation when set. */
  challenge?: string;
  /** The domain you expect the presentation to be bound to. */
  domain?: string;
  /** Accept a presentation without a proof (its credentials are still verified). Default false. */
  unsignedPresentation?: boolean;
}

/** JWS algorithms accepted for JWT credentials unless `jwtAlgorithms` says otherwise (J1). */
export const DEFAULT_VERIFIER_JWT_ALGORITHMS: readonly string[] = CORE_DEFAULT_VERIFIER_JWT_ALGORITHMS;

/** Options a {@link Verifier} takes per call, over those it was built with. */
export type CallOptions = Partial<Pick<VerifierOptions, 'now' | 'trustedIssuers' | 'refresh'>> & {
  /**
   * Run only these checks (VC-API verify `options.checks`); the others are `skipped` and not
   * looked at (no status list is fetched unless `status` is asked for). `format` and `proof`
   * always run: a credential is never reported verified without its proof.
   */
  checks?: readonly CheckId[];
};

/** A verifier with its contexts, DID resolver and status-list cache built once. */
export interface Verifier {
  /**
   * Verifies a Data Integrity credential, a compact `vc+jwt` string or an
   * `EnvelopedVerifiableCredential` holding one.
   */
  verifyCredential(credential: unknown, overrides?: CallOptions): Promise<CredentialVerification>;
  /**
   * Verifies a Data Integrity presentation, a compact presentation JWT (`vp+jwt`, or a VC 1.1 `vp`
   * claim) or an `EnvelopedVerifiablePresentation` holding one, and every credential in it.
   */
  verifyPresentation(
    presentation: unknown,
    options?: PresentationOptions & CallOptions,
  ): Promise<PresentationVerification>;
  /** The status-list cache, e.g. to forget a list you know changed. */
  readonly statusListCache: StatusListCache;
}

let pinned: ReadonlyMap<string, unknown> | undefined;
/** The bundled contexts, read and hash-checked once per process. */
function pinnedContexts(): ReadonlyMap<string, unknown> {
  pinned ??= loadPinnedContexts();
  return pinned;
}

/**
 * The default status-list retrieval: the guarded fetch (https only, no redirects, no private
 * addresses, time and size limits), a 200 answer parsed as JSON.
 *
 * @example
 * const fetchStatusList = createStatusListFetcher(createGuardedFetch());
 */
export function createStatusListFetcher(fetch: GuardedFetch): StatusListFetcher {
  return async (url) => {
    const res = await fetch(url, { accept: 'application/vc+ld+json, application/ld+json, application/json' });
    if (res.status !== 200) throw new Error(`HTTP ${res.status}`);
    return res.json();
  };
}

/**
 * Builds a {@link Verifier}. Build one per process and reuse it: contexts are checked and loaded
 * once, DID documents and status lists are cached.
 *
 * @example
 * const verifier = createVerifier({ trustedIssuers: ['did:web:certs.example.org'] });
 * const result = await verifier.verifyCredential(credential);
 * if (!result.verified) console.log(result.problems.map((p) => p.detail));
 */
export function createVerifier(options: VerifierOptions = {}): Verifier {
  const now = options.now ?? (() => new Date());
  const skew = options.clockSkewSeconds ?? 60;
  if (!Number.isFinite(skew) || skew < 0) throw new TypeError('clockSkewSeconds must be a non-negative number.');
  const minEntries = options.minimumStatusListEntries;
  if (minEntries !== undefined && (!Number.isInteger(minEntries) || minEntries < 1))
    throw new TypeError('minimumStatusListEntries must be a positive integer.');
  let documentLoader: DocumentLoader;
  let dereference: (didUrl: string) => Promise<unknown>;
  const renewalPolicies = checkRenewalPolicies(options.renewalPolicies);
  const jwtAlgorithms = checkJwtAlgorithms(options.jwtAlgorithms ?? DEFAULT_VERIFIER_JWT_ALGORITHMS);
  const needsFetch =
    !options.fetchStatusList ||
    (!options.documentLoader && !options.didResolver) ||
    (options.refresh === true && !options.fetchRefresh);
  const fetch = needsFetch ? createGuardedFetch() : undefined;
  if (options.documentLoader) {
    const loader = options.documentLoader;
    const given = options.didResolver;
    documentLoader = loader;
    dereference = given ? (u) => given.dereference(u) : async (u) => (await loader(u)).document;
  } else {
    const contexts = options.contexts ?? pinnedContexts();
    const resolver = options.didResolver ?? createDidResolver({ fetch: fetch! });
    dereference = (u) => resolver.dereference(u);
    documentLoader = createDocumentLoader({ contexts, resolveDid: dereference });
  }
  // JWT keys come from the same DID resolution as Data Integrity verification methods.
  const resolveJwtKey = createJwtKeyResolver({ dereference });
  // A holder's presentation JWT is signed with one of its `authentication` keys.
  const resolveHolderKey = createJwtKeyResolver({ dereference }, { relationship: 'authentication' });
  const fetchStatusList = options.fetchStatusList ?? createStatusListFetcher(fetch!);
  // Same rules as status lists: https only, no redirects, no private addresses, time and size limits.
  let fetchRefresh = options.fetchRefresh ?? (fetch ? createStatusListFetcher(fetch) : undefined);
  const refreshFetcher = () => {
    fetchRefresh ??= createStatusListFetcher(createGuardedFetch());
    return fetchRefresh;
  };
  const cache = new StatusListCache();
  const trustedStatusListIssuers = options.trustedStatusListIssuers ?? [];
  const checkSchemas = options.checkSchema ?? true;
  const schemaChecking = options.schemaChecking ?? 'report';
  if (schemaChecking !== 'report' && schemaChecking !== 'strict')
    throw new TypeError("schemaChecking must be 'report' or 'strict'.");

  async function verifyCredential(credential: unknown, overrides: CallOptions = {}): Promise<CredentialVerification> {
    try {
      return await verifyOne(credential, overrides);
    } catch {
      // Defence in depth: a bug in a check must not turn into an exception for the caller.
      return finish([
        {
          id: 'format',
          status: 'could-not-check',
          problem: problem('INTERNAL_ERROR', 'The credential could not be checked because of an internal error.'),
        },
      ]);
    }
  }

  async function verifyOne(credential: unknown, overrides: CallOptions): Promise<CredentialVerification> {
    // One way to open a credential (core openCredential): embedded proof, compact or enveloped JWT.
    const opened = openCredential(credential);
    if ('problem' in opened) return formatFailed(opened.problem);
    if (opened.securing.format !== 'embedded-proof') return verifyJwt(opened.credential, opened.securing, overrides);
    const doc = opened.credential;
    const shape = checkCredentialShape(doc);
    if (shape) return formatFailed(shape);
    const at = (overrides.now ?? now)();
    // Data Integrity §2.1: the proof's own created / expires against this clock and skew.
    const proof =
      droppedByProof(doc) ?? (await verifyCredentialProof(doc, { documentLoader, now: at, skewSeconds: skew }));
    const proofCheck: Check = proof.verified
      ? {
          id: 'proof',
          status: 'passed',
          message: 'The issuer signed this credential and it has not been changed.',
          details: {
            verificationMethod: proof.verificationMethod,
            ...(proof.witnesses ? { witnesses: proof.witnesses } : {}),
          },
        }
      : { id: 'proof', status: 'failed', problem: proof.problem! };
    return runChecks(doc, [{ id: 'format', status: 'passed' }, proofCheck], proof.verified, at, overrides);
  }

  /**
   * A credential secured as a JWT (VC-JOSE-COSE §3.1.1, or a VC 1.1 / OB 3.0 §8.2 `vc` claim):
   * the `proof` check is the JWS verification (J1–J3), then the decoded credential goes through
   * the same checks as any other.
   */
  async function verifyJwt(
    doc: Record<string, unknown>,
    { jwt, jwtFormat, payload }: Extract<CredentialSecuring, { jwt: string }>,
    overrides: CallOptions,
  ): Promise<CredentialVerification> {
    const shape = checkCredentialShape(doc);
    if (shape) return { ...formatFailed(shape), credential: doc };
    const at = (overrides.now ?? now)();
    const r = await verifyCredentialJwt(jwt, {
      // A retired key vouches only for a JWT dated (iat, else nbf) no later than its retirement.
      resolveKey: jwtKeyResolverAt(resolveJwtKey, jwtSigningTime(payload, doc)),
      algorithms: jwtAlgorithms,
      now: at,
      skewSeconds: skew,
    });
    const details: Record<string, unknown> = { format: jwtFormat };
    if (r.alg !== undefined) details.alg = r.alg;
    if (r.kid !== undefined) details.kid = r.kid;
    const proofCheck: Check = r.proofVerified
      ? { id: 'proof', status: 'passed', message: 'The issuer signed this JWT and it has not been changed.', details }
      : { id: 'proof', status: 'failed', problem: r.problem!, details };
    // The JWT's own nbf/exp window (J2) is a matter of validity, not of authenticity.
    const timeProblem = r.proofVerified && !r.verified ? r.problem : undefined;
    const checks: Check[] = [{ id: 'format', status: 'passed', details: { format: jwtFormat } }, proofCheck];
    const result = await runChecks(doc, checks, r.proofVerified, at, overrides, timeProblem);
    result.credential = doc;
    return result;
  }

  /** The checks after `format` and `proof`, the same for every securing mechanism. */
  async function runChecks(
    doc: Record<string, unknown>,
    checks: Check[],
    proofPassed: boolean,
    at: Date,
    overrides: CallOptions,
    jwtTimeProblem?: Problem,
  ): Promise<CredentialVerification> {
    const issuer = issuerIdOf(doc);
    const asked = overrides.checks;
    const wanted = (id: CheckId): boolean => asked === undefined || asked.includes(id);
    const notAsked = (id: CheckId): Check => ({
      id,
      status: 'skipped',
      message: 'Not asked for (options.checks).',
      details: { notAsked: true },
    });
    checks.push(
      wanted('issuer') ? checkIssuer(issuer, overrides.trustedIssuers ?? options.trustedIssuers) : notAsked('issuer'),
    );
    const validity = wanted('validity')
      ? checkValidityPeriod(doc, at, skew, findRenewalPolicy(doc, renewalPolicies))
      : notAsked('validity');
    if (jwtTimeProblem && validity.status === 'passed') {
      // No grace period outlives the JWT's own exp: the signature itself has expired.
      const { state: _state, ...rest } = validity.details ?? {};
      checks.push({ id: 'validity', status: 'failed', problem: jwtTimeProblem, details: rest });
    } else {
      checks.push(validity);
    }
    // The key that secured the credential: a status list signed by it is the issuer's own.
    const proofDetails = checks.find((c) => c.id === 'proof')?.details;
    const vm = proofDetails?.verificationMethod ?? proofDetails?.kid;
    const signedWith = typeof vm === 'string' ? vm : undefined;
    // A forged credential must not make us fetch anything on its behalf.
    checks.push(
      !wanted('status')
        ? notAsked('status')
        : proofPassed
          ? await checkStatus(doc, {
              issuer,
              now: at,
              skewSeconds: skew,
              documentLoader,
              fetchStatusList,
              cache,
              trustedStatusListIssuers,
              ...(signedWith === undefined ? {} : { credentialVerificationMethod: signedWith }),
              ...(options.minimumStatusListEntries === undefined
                ? {}
                : { minimumEntries: options.minimumStatusListEntries }),
            })
          : { id: 'status', status: 'skipped', message: 'Status is not checked for a credential whose proof failed.' },
    );
    checks.push(
      !wanted('schema')
        ? notAsked('schema')
        : checkSchemas
          ? checkSchema(doc, { schemaChecking })
          : { id: 'schema', status: 'skipped' },
    );
    if (wanted('relatedResource')) {
      const related = await checkRelatedResources(doc, options.fetchRelatedResource);
      if (related) checks.push(related);
    }
    const credentialId = typeof doc.id === 'string' ? doc.id : undefined;
    let current: Record<string, unknown> | undefined;
    if (overrides.refresh ?? options.refresh ?? false) {
      // OB 3.0 §9.1 step 3, once: the refreshed credential is verified without refreshing it again.
      const outcome = await checkRefresh(doc, {
        issuer,
        credentialId,
        proofPassed,
        fetchRefresh: refreshFetcher(),
        verify: (next) => verifyCredential(next, { ...overrides, now: () => at, refresh: false }),
      });
      checks.push(outcome.check);
      current = outcome.current;
    }
    const result = finish(checks);
    if (issuer !== undefined) result.issuer = issuer;
    if (credentialId !== undefined) result.credentialId = credentialId;
    const lifecycle = describeLifecycle({ credential: doc, checks, now: at, ...(current && { current }) });
    if (lifecycle) result.lifecycle = lifecycle;
    return result;
  }

  async function verifyPresentation(
    presentation: unknown,
    opts: PresentationOptions & CallOptions = {},
  ): Promise<PresentationVerification> {
    try {
      return await verifyPresentationOnce(presentation, opts);
    } catch {
      // Defence in depth, as for credentials: odd input (a throwing getter…) must not throw.
      const failed = finish([
        {
          id: 'format',
          status: 'could-not-check',
          problem: problem('INTERNAL_ERROR', 'The presentation could not be checked because of an internal error.'),
        },
      ]);
      return { ...failed, credentialResults: [] };
    }
  }

  async function verifyPresentationOnce(
    presentation: unknown,
    opts: PresentationOptions & CallOptions,
  ): Promise<PresentationVerification> {
    if (typeof presentation === 'string' || isEnvelopedPresentation(presentation)) {
      return verifyJwtPresentation(presentation, opts);
    }
    const shape = checkCredentialShape(presentation, 'presentation');
    if (shape) return { ...finish([{ id: 'format', status: 'failed', problem: shape }]), credentialResults: [] };
    const vp = presentation as Record<string, unknown>;
    const checks: Check[] = [{ id: 'format', status: 'passed' }];
    if (vp.proof === undefined) {
      if (opts.unsignedPresentation && opts.challenge === undefined && opts.domain === undefined) {
        checks.push({ id: 'presentation', status: 'skipped', message: 'Unsigned presentation accepted as asked.' });
      } else {
        checks.push({
          id: 'presentation',
          status: 'failed',
          problem: problem('PROOF_VERIFICATION_ERROR', 'The presentation is not signed by its holder.', '/proof'),
        });
      }
    } else {
      const pOpts: Parameters<typeof verifyPresentationProof>[1] = {
        documentLoader,
        now: (opts.now ?? now)(),
        skewSeconds: skew,
      };
      if (opts.challenge !== undefined) pOpts.challenge = opts.challenge;
      if (opts.domain !== undefined) pOpts.domain = opts.domain;
      const r = droppedByProof(vp) ?? (await verifyPresentationProof(vp, pOpts));
      checks.push(
        r.verified
          ? { id: 'presentation', status: 'passed', details: { verificationMethod: r.verificationMethod } }
          : { id: 'presentation', status: 'failed', problem: r.problem! },
      );
    }
    return withCredentials(vp, checks, opts);
  }

  /**
   * A presentation secured as a JWT — VC-JOSE-COSE §3.2 `vp+jwt` or a VC 1.1 `vp`-claim JWT,
   * compact or as an `EnvelopedVerifiablePresentation` (VC 2.0 §4.13.2): the `presentation` check
   * is the holder's JWS (J1–J3; the `kid` an `authentication` key of the holder; `challenge` ↔
   * `nonce`, `domain` ↔ `aud`), then every credential inside is verified as usual.
   */
  async function verifyJwtPresentation(
    input: unknown,
    opts: PresentationOptions & CallOptions,
  ): Promise<PresentationVerification> {
    const r = await verifyPresentationJwt(input, {
      resolveKey: resolveHolderKey,
      algorithms: jwtAlgorithms,
      now: (opts.now ?? now)(),
      skewSeconds: skew,
      ...(opts.challenge !== undefined && { challenge: opts.challenge }),
      ...(opts.domain !== undefined && { domain: opts.domain }),
    });
    const vp = r.presentation;
    const shape = vp === undefined ? r.problem : checkCredentialShape(vp, 'presentation');
    if (shape || !vp) {
      return { ...finish([{ id: 'format', status: 'failed', problem: shape! }]), credentialResults: [] };
    }
    const details = { format: r.format, alg: r.alg, kid: r.kid, holder: r.holder };
    const checks: Check[] = [
      { id: 'format', status: 'passed', details: { format: r.format } },
      r.verified
        ? { id: 'presentation', status: 'passed', message: 'The holder signed this presentation JWT.', details }
        : { id: 'presentation', status: 'failed', problem: r.problem!, details },
    ];
    return withCredentials(vp, checks, opts);
  }

  /** Verifies every credential of a presentation and adds their results to the presentation's checks. */
  async function withCredentials(
    vp: Record<string, unknown>,
    checks: Check[],
    opts: PresentationOptions & CallOptions,
  ): Promise<PresentationVerification> {
    const raw = vp.verifiableCredential;
    const list = raw === undefined ? [] : Array.isArray(raw) ? raw : [raw];
    const credentialResults: CredentialVerification[] = [];
    for (const c of list) credentialResults.push(await verifyCredential(c, opts));
    const result = finish(checks);
    const problems: Problem[] = [...result.problems, ...credentialResults.flatMap((r) => r.problems)];
    return {
      verified: result.verified && credentialResults.every((r) => r.verified),
      checks,
      problems,
      credentialResults,
    };
  }

  return { verifyCredential, verifyPresentation, statusListCache: cache };
}

/** Bad renewal policies are a caller's mistake: `TypeError` when the verifier is built. */
function checkRenewalPolicies(policies: unknown): readonly RenewalPolicy[] {
  if (policies === undefined) return [];
  if (!Array.isArray(policies)) throw new TypeError('renewalPolicies must be an array of RenewalPolicy.');
  for (const [i, p] of policies.entries()) {
    const policy = p as Partial<Record<keyof RenewalPolicy, unknown>> | null;
    if (!policy || typeof policy !== 'object' || typeof policy.achievementId !== 'string') {
      throw new TypeError(`renewalPolicies[${i}].achievementId must be a string.`);
    }
    for (const field of ['validityPeriod', 'renewalWindow', 'gracePeriod'] as const) {
      if (!parseDuration(policy[field])) {
        throw new TypeError(`renewalPolicies[${i}].${field} must be an ISO 8601 duration such as "P90D".`);
      }
    }
  }
  return policies as readonly RenewalPolicy[];
}

/** T9: a `__proto__` member is dropped by JSON-LD processing, so no proof covers it. */
function droppedByProof(doc: Record<string, unknown>): ProofResult | undefined {
  const at = findProtoKey(doc);
  if (at === undefined) return undefined;
  return {
    verified: false,
    problem: problem(
      'DATA_LOSS_DETECTION_ERROR',
      'The document has a "__proto__" member, which JSON-LD processing drops: no proof can cover it.',
      at,
    ),
  };
}

/** A credential that fails the `format` check: nothing else is looked at. */
function formatFailed(p: Problem): CredentialVerification {
  return finish([
    { id: 'format', status: 'failed', problem: p },
    ...(['proof', 'issuer', 'validity', 'status', 'schema'] as CheckId[]).map(
      (id): Check => ({ id, status: 'skipped' }),
    ),
  ]);
}

function finish(checks: Check[]): CredentialVerification {
  const bad = checks.filter((c) => c.status === 'failed' || c.status === 'could-not-check');
  return { verified: bad.length === 0, checks, problems: bad.map((c) => c.problem!).filter(Boolean) };
}

let shared: Verifier | undefined;
function sharedVerifier(options: VerifierOptions): Verifier {
  // Options that change the verifier's plumbing get their own instance; plain calls share one.
  if (Object.keys(options).length > 0) return createVerifier(options);
  shared ??= createVerifier();
  return shared;
}

/**
 * Verifies a credential: format, proof, issuer, validity period, status, schema. The credential
 * may be a Data Integrity credential, a compact `vc+jwt` (VC-JOSE-COSE, or a VC 1.1 / OB 3.0
 * `vc`-claim JWT) or an `EnvelopedVerifiableCredential`. Never throws on bad input; `verified` is
 * true only when no check failed or could not check.
 *
 * @example
 * const { verified, checks } = await verifyCredential(credential, { now: () => new Date('2026-06-01T00:00:00Z') });
 */
export async function verifyCredential(
  credential: unknown,
  options: VerifierOptions = {},
): Promise<CredentialVerification> {
  return sharedVerifier(options).verifyCredential(credential);
}

/**
 * Verifies a presentation (its holder proof with `challenge`/`domain`, V4) and every credential
 * in it. Never throws on bad input.
 *
 * @example
 * const r = await verifyPresentation(vp, { challenge: 'c0ae1c8e-c7e7-469f-b252-86e6a0e7387e', domain: 'jobs.example.com' });
 */
export async function verifyPresentation(
  presentation: unknown,
  options: VerifierOptions & PresentationOptions = {},
): Promise<PresentationVerification> {
  const { challenge, domain, unsignedPresentation, ...rest } = options;
  const p: PresentationOptions = {};
  if (challenge !== undefined) p.challenge = challenge;
  if (domain !== undefined) p.domain = domain;
  if (unsignedPresentation !== undefined) p.unsignedPresentation = unsignedPresentation;
  return sharedVerifier(rest).verifyPresentation(presentation, p);
}
