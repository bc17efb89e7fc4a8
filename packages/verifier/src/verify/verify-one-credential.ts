import {
  type CredentialSecuring,
  isCompactJws,
  jwtKeyResolverAt,
  jwtSigningTime,
  openCredential,
  type Problem,
  verifyCredentialJwt,
  verifyCredentialProof,
} from '@repo/core';
import { checkCredentialShape } from '../checks/check-format.ts';
import { checkIssuer, issuerIdOf } from '../checks/check-issuer.ts';
import { checkRefresh } from '../checks/check-refresh.ts';
import { checkRelatedResources } from '../checks/check-related-resources.ts';
import { checkSchema } from '../checks/check-schema.ts';
import { checkValidityPeriod } from '../checks/check-validity-period.ts';
import { droppedByProof } from '../checks/find-proto-key.ts';
import { checkStatus } from '../checks/status/check-status.ts';
import { describeLifecycle, findRenewalPolicy } from '../describe-lifecycle.ts';
import { credentialVersionOf, isOb2Assertion, jwsVersionOf } from '../input/detect-version.ts';
import { isCredentialUrl } from '../input/read-url-input.ts';
import { verifyOb2, verifyUrl } from '../ob2/verify-ob2.ts';
import { summarizeCredential } from '../summary/credential-summary.ts';
import type { Check, CheckId, CredentialVerification, VerifierOptions } from '../types.ts';
import type { VerifierContext } from './resolve-options.ts';
import { formatFailed, internalError, summarize } from './summarize.ts';

/** Options a verifier takes per call, over those it was built with. */
export type CallOptions = Partial<Pick<VerifierOptions, 'now' | 'trustedIssuers' | 'refresh'>> & {
  /**
   * Run only these checks (VC-API verify `options.checks`); the others are `skipped` and not
   * looked at (no status list is fetched unless `status` is asked for). `format` and `proof`
   * always run: a credential is never reported verified without its proof.
   */
  checks?: readonly CheckId[];
};

/**
 * Verifies one credential with a resolved verifier context: opened with core `openCredential`
 * (embedded proof, compact or enveloped JWT), then format, proof, issuer, validity, status,
 * schema, related resources and (when asked) refresh, summed up with a lifecycle. Never throws.
 *
 * @example
 * const result = await verifyOneCredential(ctx, credential, {});
 */
export async function verifyOneCredential(
  ctx: VerifierContext,
  credential: unknown,
  overrides: CallOptions = {},
): Promise<CredentialVerification> {
  try {
    // A URL (an OB 2.0 hosted assertion, or a URL serving a credential) is fetched once, never twice.
    if (isCredentialUrl(credential))
      return await verifyUrl(ctx, credential, overrides, (served) => verifyAnyVersion(ctx, served, overrides));
    return await verifyAnyVersion(ctx, credential, overrides);
  } catch {
    // Defence in depth: a bug in a check must not turn into an exception for the caller.
    return internalError('credential');
  }
}

/** Open Badges 2.0 assertions (JSON, or a signed one's JWS) to the OB 2.0 verification; the rest here. */
function verifyAnyVersion(ctx: VerifierContext, credential: unknown, overrides: CallOptions) {
  if (isOb2Assertion(credential) || (isCompactJws(credential) && jwsVersionOf(credential) === 'ob2'))
    return verifyOb2(ctx, credential as Record<string, unknown> | string, overrides);
  return verifyOne(ctx, credential, overrides);
}

async function verifyOne(
  ctx: VerifierContext,
  credential: unknown,
  overrides: CallOptions,
): Promise<CredentialVerification> {
  const { now, skew, documentLoader } = ctx;
  // One way to open a credential (core openCredential): embedded proof, compact or enveloped JWT.
  const opened = openCredential(credential);
  if ('problem' in opened) return formatFailed(opened.problem);
  if (opened.securing.format !== 'embedded-proof') return verifyJwt(ctx, opened.credential, opened.securing, overrides);
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
  return runChecks(ctx, doc, [{ id: 'format', status: 'passed' }, proofCheck], proof.verified, at, overrides);
}

/**
 * A credential secured as a JWT (VC-JOSE-COSE §3.1.1, or a VC 1.1 / OB 3.0 §8.2 `vc` claim):
 * the `proof` check is the JWS verification (J1–J3), then the decoded credential goes through
 * the same checks as any other.
 */
async function verifyJwt(
  ctx: VerifierContext,
  doc: Record<string, unknown>,
  { jwt, jwtFormat, payload }: Extract<CredentialSecuring, { jwt: string }>,
  overrides: CallOptions,
): Promise<CredentialVerification> {
  const { now, skew, resolveJwtKey, jwtAlgorithms } = ctx;
  // A JWT carries its payload's numbers exactly: only the RDF number rule is not applied.
  const shape = checkCredentialShape(doc, 'credential', { exactNumbers: true });
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
  const result = await runChecks(ctx, doc, checks, r.proofVerified, at, overrides, timeProblem);
  result.credential = doc;
  return result;
}

/** The checks after `format` and `proof`, the same for every securing mechanism. */
async function runChecks(
  ctx: VerifierContext,
  doc: Record<string, unknown>,
  checks: Check[],
  proofPassed: boolean,
  at: Date,
  overrides: CallOptions,
  jwtTimeProblem?: Problem,
): Promise<CredentialVerification> {
  const { options, skew, renewalPolicies, documentLoader, fetchStatusList, cache, trustedStatusListIssuers } = ctx;
  const { checkSchemas, schemaChecking, refreshFetcher } = ctx;
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
      verify: (next) => verifyOneCredential(ctx, next, { ...overrides, now: () => at, refresh: false }),
    });
    checks.push(outcome.check);
    current = outcome.current;
  }
  const result = summarize(checks);
  if (issuer !== undefined) result.issuer = issuer;
  if (credentialId !== undefined) result.credentialId = credentialId;
  const lifecycle = describeLifecycle({ credential: doc, checks, now: at, ...(current && { current }) });
  if (lifecycle) result.lifecycle = lifecycle;
  result.summary = summarizeCredential(doc, credentialVersionOf(doc) === 'ob3' ? 'ob3' : 'vc');
  return result;
}
