import { cloneJson } from '@repo/core';
import { BITSTRING_STATUS_LIST_CONTEXT } from '@repo/schemas';
import type { AppDeps } from '../deps.ts';
import { ProblemError } from '../http/problem-error.ts';
import { checkIssueRequest, type SecuringOptions } from '../routes/check-issue-request.ts';
import type { StatusPurpose } from '../status/status-registry.ts';
import { checkRelatedResources } from './check-related-resources.ts';
import { assertSchema, isoSeconds, isRenewable, newCredentialId } from './sign-and-store.ts';

/** A credential ready for {@link signAndStore}: checked, `id` and start date filled, statuses chosen. */
export interface PreparedCredential {
  credential: Record<string, unknown>;
  version: 1 | 2;
  purposes: readonly StatusPurpose[];
  securing: SecuringOptions;
}

/**
 * Everything `POST /credentials/issue` does before signing, for any route that issues from a
 * request-shaped body `{ credential, options }` (issue, awards): the request rules
 * (`checkIssueRequest`), the issuer must be this service, related resources, `id` and
 * `validFrom`/`issuanceDate` filled, `validUntil` not before the filled start, the Open Badges
 * schema, and the status purposes (configured defaults, plus lifecycle for certifications).
 * Throws {@link ProblemError}s pointing under `pointerPrefix`.
 *
 * @example
 * const prepared = await prepareCredential(deps, req.body, deps.clock());
 */
export async function prepareCredential(
  deps: AppDeps,
  body: Record<string, unknown>,
  now: Date,
  pointerPrefix = '/credential',
): Promise<PreparedCredential> {
  const { credential: input, version, purposes, securing } = checkIssueRequest(body);
  const issuerId = typeof input.issuer === 'string' ? input.issuer : (input.issuer as { id: string }).id;
  if (issuerId !== deps.key.controller) {
    throw new ProblemError(
      422,
      'MALFORMED_VALUE_ERROR',
      `This service issues only as ${deps.key.controller}; the credential names ${issuerId}.`,
      { pointer: `${pointerPrefix}/issuer` },
    );
  }
  await checkRelatedResources(deps, input, pointerPrefix);
  // Its own copy (a plain walk for JSON data, structuredClone for anything else): the caller's body stays as sent.
  const credential: Record<string, unknown> = cloneJson(input);
  credential.id ??= newCredentialId();
  const [fromField, untilField] = version === 2 ? ['validFrom', 'validUntil'] : ['issuanceDate', 'expirationDate'];
  const filled = credential[fromField] === undefined;
  credential[fromField] ??= isoSeconds(now);
  // Never sign what our own verifier would reject: an end before the start we just filled in.
  if (filled && typeof credential[untilField] === 'string' && Date.parse(credential[untilField]) < now.getTime()) {
    throw new ProblemError(
      422,
      'MALFORMED_VALUE_ERROR',
      `${untilField} ${credential[untilField]} is before ${fromField}, which would be now (${credential[fromField]}).`,
      { pointer: `${pointerPrefix}/${untilField}` },
    );
  }
  assertSchema(credential, pointerPrefix);
  let chosen = purposes ?? defaultPurposes(deps, credential, version);
  if (!purposes && chosen.length > 0 && deps.config.renewableLifecycle && isRenewable(credential)) {
    if (!chosen.includes('lifecycle')) chosen = [...chosen, 'lifecycle'];
  }
  return { credential, version, purposes: chosen, securing };
}

/**
 * The status entries a credential gets when the request does not ask. A VC 2.0 credential gets
 * the configured ones (the VC 2.0 context defines their terms). A VC 1.1 credential gets them only
 * when its `@context` already holds the Bitstring Status List context: otherwise the entries
 * would need a context the caller did not ask for, and verifiers with a fixed set of contexts
 * (the W3C suites', many wallets') could no longer read the credential. Ask with
 * `options.credentialStatus` to have the context added.
 */
function defaultPurposes(deps: AppDeps, credential: Record<string, unknown>, version: 1 | 2) {
  if (version === 2) return deps.config.defaultStatusPurposes;
  const ctx = credential['@context'] as unknown[];
  return ctx.includes(BITSTRING_STATUS_LIST_CONTEXT) ? deps.config.defaultStatusPurposes : [];
}
