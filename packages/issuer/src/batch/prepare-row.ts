import { inCatalogueTerms, issueBodyFor } from '../catalogue/issue-form.ts';
import type { AppDeps } from '../deps.ts';
import { ProblemError } from '../http/problem-error.ts';
import { bodyChecker } from '../http/request-body.ts';
import { ISSUE_BODY } from '../http/request-schemas.ts';
import { type PreparedCredential, prepareCredential } from '../issuance/prepare-credential.ts';

/** The issue route's body check (`requestBody(ISSUE_BODY)`), for each row. */
const checkIssueBody = bodyChecker(
  ISSUE_BODY,
  'Send { "credential": {…}, "options": {…} }, or from the catalogue { "achievement": "<id>", "recipient": { "id" or "email" }, "fields": {…} }.',
);

/**
 * Everything `POST /credentials/issue` checks before signing, for one batch row (the same code:
 * body schema, catalogue form, `prepareCredential`). Used on the main thread and, with a catalogue
 * snapshot, in the signing workers (`issueRows`).
 *
 * @example
 * const prepared = await prepareRow(deps, { achievement: id, recipient: { email } }, deps.clock());
 */
export async function prepareRow(deps: AppDeps, body: Record<string, unknown>, now: Date): Promise<PreparedCredential> {
  const refused = checkIssueBody(body);
  if (refused) throw refused;
  const full = await issueBodyFor(deps, body);
  return prepareCredential(deps, full, now).catch((e: unknown) => {
    throw e instanceof ProblemError ? inCatalogueTerms(e, body) : e;
  });
}
