import { BITSTRING_STATUS_LIST_CONTEXT } from '@repo/schemas';
import type { Request, Response } from 'express';
import type { AppDeps } from '../deps.ts';
import type { Caller } from '../http/auth.ts';
import { idempotencyClaim } from '../http/idempotency.ts';
import { ProblemError } from '../http/problem-error.ts';
import { checkRelatedResources } from '../issuance/check-related-resources.ts';
import { issueResponse } from '../issuance/issue-response.ts';
import { assertSchema, isoSeconds, isRenewable, newCredentialId, signAndStore } from '../issuance/sign-and-store.ts';
import { checkIssueRequest } from './check-issue-request.ts';

/**
 * `POST /credentials/issue` (VC-API "Issue Credential"): checks the request, validates an Open
 * Badges credential against the OB 3.0 JSON Schema, fills `id` and `validFrom`, adds Bitstring
 * Status List entries at random unused indexes, signs (`eddsa-rdfc-2022`, JSON-LD safe mode) and
 * stores the record durably before answering 201 `{ verifiableCredential }`. On any failure
 * nothing is stored and no index is used. With an `Idempotency-Key` the answer is stored in the
 * same write, and a retry gets it again (`http/idempotency.ts`).
 *
 * @example
 * app.post('/credentials/issue', ...jsonBody(limits), requireScope(tokens, SCOPES.issue), issueCredential(deps));
 */
export function issueCredential(deps: AppDeps) {
  return async (req: Request, res: Response): Promise<void> => {
    const { credential: input, version, purposes, securing } = checkIssueRequest(req.body);
    const issuerId = typeof input.issuer === 'string' ? input.issuer : (input.issuer as { id: string }).id;
    if (issuerId !== deps.key.controller) {
      throw new ProblemError(
        422,
        'MALFORMED_VALUE_ERROR',
        `This service issues only as ${deps.key.controller}; the credential names ${issuerId}.`,
        {
          pointer: '/credential/issuer',
        },
      );
    }
    await checkRelatedResources(deps, input, '/credential');
    const credential: Record<string, unknown> = structuredClone(input);
    const now = deps.clock();
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
        { pointer: `/credential/${untilField}` },
      );
    }
    assertSchema(credential, '/credential');
    const id = credential.id as string;
    const caller = res.locals.caller as Caller;
    let chosen = purposes ?? defaultPurposes(deps, credential, version);
    if (!purposes && chosen.length > 0 && deps.config.renewableLifecycle && isRenewable(credential)) {
      if (!chosen.includes('lifecycle')) chosen = [...chosen, 'lifecycle'];
    }
    const claim = idempotencyClaim(res);
    const record = await signAndStore(deps, credential, {
      securing,
      purposes: chosen,
      issuedBy: caller.name,
      now,
      pointerPrefix: '/credential',
      // With an Idempotency-Key, the answer is stored with the record (a retry gets it again).
      ...(claim && { idempotent: { claim, answer: issueResponse } }),
    });
    deps.logger.info(
      { credentialId: id, issuedBy: caller.name, statuses: record.statuses.length },
      'credential issued',
    );
    res.status(201).json(issueResponse(record));
  };
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
