import type { CredentialRecord, StatusAssignment } from '../store/types.ts';

/**
 * The record a batch row's credential is stored in: issued by the job's creator at the chunk's
 * time (whole seconds), in the job. The main thread writes it (`writeChunk`); a signing worker
 * writes its stored text around the credential's JSON (`issueRows` with `record`), so both are
 * one shape, member for member.
 *
 * @example
 * const record = batchRecord('urn:uuid:1', {}, slots, { issuedBy: 'ops', batch: job.id }, isoSeconds(now));
 */
export function batchRecord(
  id: string,
  credential: Record<string, unknown>,
  statuses: StatusAssignment[],
  job: { issuedBy: string; batch: string },
  at: string,
  jwt?: string,
): CredentialRecord {
  return {
    id,
    credential,
    statuses,
    issuedBy: job.issuedBy,
    issuedAt: at,
    ...(jwt === undefined ? {} : { jwt }),
    revoked: false,
    suspended: false,
    updatedAt: at,
    batch: job.batch,
  };
}
