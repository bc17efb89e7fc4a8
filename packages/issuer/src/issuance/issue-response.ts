import { envelopeJwt } from '@repo/core';
import { vcDataModelOf } from '@repo/schemas';
import type { CredentialRecord } from '../store/types.ts';

/** Whether a record holds a VC 1.1 credential (its JWT is a VC 1.1 `vc`-claim JWT, never enveloped). */
function isVc11(record: CredentialRecord): boolean {
  return vcDataModelOf(record.credential) === '1.1';
}

/**
 * The VC-API answer for an issued record: `{ verifiableCredential }` — the credential with its
 * embedded proof, or, for a JWT-only credential, the JWT:
 * - a VC 2.0 credential's JWT, in either form (Open Badges 3.0 §8.2 `typ: JWT` or VC-JOSE-COSE
 *   `typ: vc+jwt`), as an `EnvelopedVerifiableCredential` (VC 2.0 §4.13.1) with a
 *   `data:application/vc+jwt,…` id: the payload is a VC 2.0 credential either way, and
 *   `application/vc+jwt` is the media type VC-JOSE-COSE registers for that (Open Badges defines no
 *   envelope);
 * - a VC 1.1 credential's `vc`-claim JWT as the compact string itself (VC 1.1 §6.3.1 carries JWT
 *   credentials so; envelopes and `application/vc+jwt` belong to VC 2.0).
 *
 * When both a proof and a JWT were made, the JWT comes beside the credential: enveloped as
 * `envelopedVerifiableCredential` (VC 2.0), or as the compact `jwt` (VC 1.1).
 *
 * @example
 * res.status(201).json(issueResponse(record));
 */
export function issueResponse(record: CredentialRecord): Record<string, unknown> {
  const hasProof = record.credential.proof !== undefined;
  if (!record.jwt) return { verifiableCredential: record.credential };
  const jwtForm = isVc11(record) ? record.jwt : envelopeJwt(record.jwt);
  if (!hasProof) return { verifiableCredential: jwtForm };
  return isVc11(record)
    ? { verifiableCredential: record.credential, jwt: jwtForm }
    : { verifiableCredential: record.credential, envelopedVerifiableCredential: jwtForm };
}

/**
 * {@link issueResponse}'s text for a record without a JWT, written around the credential's JSON
 * text (`credentialJson`): the same bytes as `JSON.stringify(issueResponse(record))`, without
 * parsing or serializing the credential again.
 *
 * @example
 * issueResponseText('{"id":"urn:uuid:1"}'); // '{"verifiableCredential":{"id":"urn:uuid:1"}}'
 */
export function issueResponseText(credentialJson: string): string {
  return `{"verifiableCredential":${credentialJson}}`;
}

/**
 * What a holder gets back for a record (refresh, reads): the embedded-proof form, else the JWT
 * (enveloped, or the compact string of a VC 1.1 credential).
 *
 * @example
 * res.json(currentForm(record));
 */
export function currentForm(record: CredentialRecord): Record<string, unknown> | string {
  return issueResponse(record).verifiableCredential as Record<string, unknown> | string;
}
