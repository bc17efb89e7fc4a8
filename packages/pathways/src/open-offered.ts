import { type OpenedCredential, openCredential } from '@repo/core';
import { asList, isObject } from './read-credential.ts';

/** One credential as it was offered to an evaluation, opened. */
export interface OfferedCredential {
  /** 0-based position in the list offered (an array, or the presentation's `verifiableCredential`). */
  position: number;
  /** As it was sent: an object with embedded proofs, a compact JWT or an `EnvelopedVerifiableCredential`. */
  original: unknown;
  /** The credential inside and how it is secured; undefined when it cannot be opened. */
  opened: OpenedCredential | undefined;
  /** Its report key: the `id` of the credential inside, or `#<position>` when it has none. */
  key: string;
}

/**
 * The credentials offered to an evaluation — an array, or the `verifiableCredential` of a
 * presentation — each opened with `openCredential` (embedded proof, compact or enveloped
 * VC-JWT), so that every later step (matching, keying, binding to a subject) reads the credential
 * itself, never its envelope.
 *
 * @example
 * openOffered([envelopeJwt(jwt)])[0]?.key; // the credential's own id, not the data: URL
 */
export function openOffered(input: readonly unknown[] | Record<string, unknown>): OfferedCredential[] {
  const list = Array.isArray(input) ? [...input] : asList((input as Record<string, unknown>).verifiableCredential);
  return list.map((original, position) => {
    const result = openCredential(original);
    const opened = 'problem' in result ? undefined : result;
    const id = opened?.credential.id;
    return { position, original, opened, key: typeof id === 'string' && id !== '' ? id : `#${position}` };
  });
}

/**
 * The `id` of every `credentialSubject` of a credential, in order (`''` for a subject without
 * one): who the credential is about.
 *
 * @example
 * subjectIdsOf({ credentialSubject: { id: 'did:example:dana' } }); // ['did:example:dana']
 */
export function subjectIdsOf(credential: Record<string, unknown>): string[] {
  return asList(credential.credentialSubject).map((s) => (isObject(s) && typeof s.id === 'string' ? s.id : ''));
}
