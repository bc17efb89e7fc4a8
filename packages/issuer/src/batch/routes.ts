import { requireScope, SCOPES } from '../http/auth.ts';
import type { RouteContext } from '../http/route-context.ts';
import { batchTemplate, getBatchCredentials, getBatchJob, getBatchResults, listBatchJobs } from './read-routes.ts';
import { uploadBatch } from './upload-route.ts';

/**
 * Mounts batch issuance (issue 12): `POST /credentials/issue/batch` (scope
 * `write:/credentials/issue`; CSV or JSON Lines, streamed, 202 with a job), the jobs and their
 * results and credentials (scope `read:/credentials`), and the public CSV template. The upload
 * route reads its own body (streamed), so no JSON body reader runs before it.
 *
 * @example
 * mountBatch(ctx);
 */
export function mountBatch(ctx: RouteContext): void {
  const { app, deps, wrap } = ctx;
  const { tokens } = deps.config;
  const read = requireScope(tokens, SCOPES.read);
  app.post('/credentials/issue/batch', requireScope(tokens, SCOPES.issue), wrap(uploadBatch(deps)));
  app.get('/credentials/issue/batch', read, wrap(listBatchJobs(deps)));
  // Before /:jobId, which would take "template.csv" for a job id.
  app.get('/credentials/issue/batch/template.csv', batchTemplate);
  app.get('/credentials/issue/batch/:jobId', read, wrap(getBatchJob(deps)));
  app.get('/credentials/issue/batch/:jobId/results', read, wrap(getBatchResults(deps)));
  app.get('/credentials/issue/batch/:jobId/credentials', read, wrap(getBatchCredentials(deps)));
}
