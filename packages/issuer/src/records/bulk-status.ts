import { VcError } from '@repo/core';
import type { Request, Response } from 'express';
import type { AppDeps } from '../deps.ts';
import type { Caller } from '../http/auth.ts';
import { ProblemError } from '../http/problem-error.ts';
import type { BodySchema } from '../http/request-body.ts';
import { STATUS_ACTIONS, type StatusAction } from '../status/change-credential-status.ts';
import { changeManyStatuses } from '../status/change-many-statuses.ts';

/** Results of a batch job read at once. */
const RESULTS_PAGE = 1000;

/** At most this many `ids` in one request. */
export const BULK_STATUS_MAX_IDS = 10_000;

/** `POST /credentials/status/bulk`: `ids` or `batch` (exactly one, checked by the route), `status`, `reason`. */
export const BULK_STATUS_BODY: BodySchema = {
  type: 'object',
  required: ['status'],
  additionalProperties: false,
  properties: {
    ids: {
      type: 'array',
      minItems: 1,
      maxItems: BULK_STATUS_MAX_IDS,
      description: `ids must be a list of 1 to ${BULK_STATUS_MAX_IDS} credential ids.`,
      items: { type: 'string', minLength: 1, maxLength: 2000, description: 'Each id must be a credential id.' },
    },
    batch: {
      type: 'string',
      minLength: 1,
      maxLength: 200,
      description: 'batch must be the id of a batch issuance job.',
    },
    status: {
      enum: [...STATUS_ACTIONS],
      description: 'status must be "revoked", "suspended" or "unsuspended".',
    },
    reason: {
      type: 'string',
      minLength: 1,
      maxLength: 500,
      description:
        "reason, when given, must be a string of 1 to 500 characters: why, kept in each credential's status history.",
    },
  },
};

/** One credential the bulk change could not change, and why (an RFC 9457 problem with its status). */
export interface BulkFailure {
  id: string;
  problem: Record<string, unknown>;
}

/** The credential ids of a request whose shape {@link BULK_STATUS_BODY} has checked. */
async function idsOf(deps: AppDeps, body: { ids?: string[]; batch?: string }): Promise<string[]> {
  if (body.ids !== undefined && body.batch !== undefined) {
    throw new ProblemError(400, 'MALFORMED_VALUE_ERROR', 'Send either ids or batch, not both.', { pointer: '/batch' });
  }
  if (body.ids !== undefined) return [...new Set(body.ids)];
  if (body.batch === undefined) {
    throw new ProblemError(
      400,
      'MALFORMED_VALUE_ERROR',
      'ids (a list of credential ids) or batch (a batch job id) is required.',
      { pointer: '/ids' },
    );
  }
  // The job's own results, in row order: a row it issued names its credential (stored in the same
  // atomic write, with `batch` = the job). Rows found already issued under their row key belong to
  // whoever issued them first, as in `GET /credentials?batch=`. Reads the job's rows only, however
  // many credentials the service holds (a scan of every record cost ~27 µs each).
  const ids: string[] = [];
  for (let after = 0; ; ) {
    const page = await deps.store.batchResults(body.batch, after, RESULTS_PAGE);
    for (const r of page) if (r.status === 'issued' && r.id !== undefined) ids.push(r.id);
    if (page.length < RESULTS_PAGE) break;
    after = page[page.length - 1]!.row;
  }
  if (ids.length === 0) {
    throw new ProblemError(404, 'NOT_FOUND', `No credential issued here came from batch ${body.batch}.`, {
      pointer: '/batch',
    });
  }
  return ids;
}

/** The problem of one failed change, pointing at the id in the request when it came from `ids`. */
function failureOf(error: unknown, pointer: string | undefined): Record<string, unknown> | undefined {
  const known =
    error instanceof ProblemError
      ? { ...error.problem, ...error.extra, status: error.status }
      : error instanceof VcError
        ? { ...error.toProblem(), status: 500 }
        : undefined;
  if (!known) return undefined;
  const { pointer: _single, ...rest } = known as Record<string, unknown>;
  return { ...rest, code: rest.title, ...(pointer !== undefined && { pointer }) };
}

/**
 * `POST /credentials/status/bulk` (scope `write:/credentials/status`): revokes, suspends or
 * reinstates many credentials — the `ids` listed (at most {@link BULK_STATUS_MAX_IDS}, duplicates
 * counted once) or every credential a batch job issued (`batch`) — each exactly as
 * `POST /credentials/status` would (same rules, each change stored durably with its history entry:
 * who, when, why), in atomic writes of up to 500 credentials ({@link changeManyStatuses}). One credential's refusal (unknown, revoked
 * already, no status entry) does not stop the others: it is listed in `failed` with its problem.
 * Answers `{ changed, unchanged, failed: [{ id, problem }] }`.
 *
 * @example
 * // POST { "batch": "job-…", "status": "revoked", "reason": "Exam session annulled" } → { "changed": 250, "unchanged": 0, "failed": [] }
 */
export function updateStatusBulk(deps: AppDeps) {
  return async (req: Request, res: Response): Promise<void> => {
    const body = req.body as { ids?: string[]; batch?: string; status: StatusAction; reason?: string };
    const caller = res.locals.caller as Caller;
    const ids = await idsOf(deps, body);
    const pointers = new Map<string, string>();
    for (const [i, id] of (body.ids ?? []).entries()) if (!pointers.has(id)) pointers.set(id, `/ids/${i}`);
    let changed = 0;
    let unchanged = 0;
    const failed: BulkFailure[] = [];
    const changes = ids.map((credentialId) => ({
      credentialId,
      actions: [body.status],
      by: caller.name,
      ...(body.reason !== undefined && { reason: body.reason }),
    }));
    const outcomes = await changeManyStatuses(deps, changes);
    outcomes.forEach((outcome, i) => {
      const credentialId = ids[i]!;
      if ('result' in outcome) {
        if (outcome.result.changed) changed++;
        else unchanged++;
        return;
      }
      const problem = failureOf(outcome.error, pointers.get(credentialId));
      if (!problem) throw outcome.error;
      failed.push({ id: credentialId, problem });
    });
    deps.logger.info(
      { by: caller.name, status: body.status, changed, unchanged, failed: failed.length, batch: body.batch },
      'status updated in bulk',
    );
    res.status(200).json({ changed, unchanged, failed });
  };
}
