import type { Request, Response } from 'express';
import { inCatalogueTerms, issueBodyFor } from '../catalogue/issue-form.ts';
import type { AppDeps } from '../deps.ts';
import type { Caller } from '../http/auth.ts';
import { idempotencyClaim } from '../http/idempotency.ts';
import { ProblemError } from '../http/problem-error.ts';
import { issueResponse } from '../issuance/issue-response.ts';
import { prepareCredential } from '../issuance/prepare-credential.ts';
import { signAndStore } from '../issuance/sign-and-store.ts';

/**
 * `POST /credentials/issue` (VC-API "Issue Credential"): checks the request, validates an Open
 * Badges credential against the OB 3.0 JSON Schema, fills `id` and `validFrom`, adds Bitstring
 * Status List entries at random unused indexes, signs (`eddsa-rdfc-2022`, JSON-LD safe mode) and
 * stores the record durably before answering 201 `{ verifiableCredential }`. On any failure
 * nothing is stored and no index is used. With an `Idempotency-Key` the answer is stored in the
 * same write, and a retry gets it again (`http/idempotency.ts`). The body may instead name a
 * catalogue achievement and a recipient (`catalogue/issue-form.ts`).
 *
 * @example
 * app.post('/credentials/issue', ...jsonBody(limits), requireScope(tokens, SCOPES.issue), issueCredential(deps));
 */
export function issueCredential(deps: AppDeps) {
  return async (req: Request, res: Response): Promise<void> => {
    const now = deps.clock();
    // The catalogue form (achievement id + recipient) becomes a full credential first, then gets the same checks.
    const body = await issueBodyFor(deps, req.body);
    const { credential, purposes, securing } = await prepareCredential(deps, body, now).catch((e: unknown) => {
      throw e instanceof ProblemError ? inCatalogueTerms(e, req.body) : e;
    });
    const id = credential.id as string;
    const caller = res.locals.caller as Caller;
    const claim = idempotencyClaim(res);
    const record = await signAndStore(deps, credential, {
      securing,
      purposes,
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
    // Sent as signed: not through the app's JSON replacer, which rewrites string `type` members
    // that look like our problem types (a credential is never a problem; its bytes are signed).
    res
      .status(201)
      .type('application/json')
      .send(JSON.stringify(issueResponse(record)));
  };
}
