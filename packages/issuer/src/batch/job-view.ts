import type { BatchJob } from '../store/batch-types.ts';

/** Where a job and its outputs are (relative to the service). */
export const jobPath = (id: string) => `/credentials/issue/batch/${encodeURIComponent(id)}`;

/**
 * A job as `GET /credentials/issue/batch/{id}` answers it: state, times, who, the row counters
 * (`pending` = rows without a result yet) and links to its results and credentials.
 *
 * @example
 * res.json(jobView(job));
 */
export function jobView(job: BatchJob) {
  const self = jobPath(job.id);
  return {
    id: job.id,
    // `uploading` jobs are never shown; the type says every state.
    state: job.state,
    createdAt: job.createdAt,
    updatedAt: job.updatedAt,
    ...(job.finishedAt !== undefined && { finishedAt: job.finishedAt }),
    createdBy: job.createdBy,
    format: job.format,
    rows: job.rows,
    issued: job.issued,
    alreadyIssued: job.alreadyIssued,
    failed: job.failed,
    pending: job.state === 'interrupted' ? 0 : job.rows - job.issued - job.alreadyIssued - job.failed,
    links: { self, results: `${self}/results`, credentials: `${self}/credentials` },
  };
}
