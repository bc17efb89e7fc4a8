import { envelopeJwt } from '@repo/core';
import type { CredentialRecord } from '../store/types.ts';

/**
 * The VC-API answer for an issued record: `{ verifiableCredential }` — the credential with its
 * embedded proof, or, for a JWT-only credential, the VC-JOSE-COSE enveloped form
 * (`EnvelopedVerifiableCredential` with a `data:application/vc+jwt,…` id). When both were made,
 * the enveloped JWT comes as `envelopedVerifiableCredential` beside it.
 *
 * @example
 * res.status(201).json(issueResponse(record));
 */
export function issueResponse(record: CredentialRecord): Record<string, unknown> {
  const hasProof = record.credential.proof !== undefined;
  if (!record.jwt) return { verifiableCredential: record.credential };
  if (!hasProof) return { verifiableCredential: envelopeJwt(record.jwt) };
  return { verifiableCredential: record.credential, envelopedVerifiableCredential: envelopeJwt(record.jwt) };
}

/** What a holder gets back for a record (refresh, reads): the embedded-proof form, else the JWT envelope. */
export function currentForm(record: CredentialRecord): Record<string, unknown> {
  return issueResponse(record).verifiableCredential as Record<string, unknown>;
}
