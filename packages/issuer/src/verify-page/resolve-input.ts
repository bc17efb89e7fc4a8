import type { GuardedFetch } from '@repo/core';
import { readCredentialInput } from '@repo/verifier';
import type { AppDeps } from '../deps.ts';
import { acceptInput, fieldProblem, type ResolvedInput } from './input-problem.ts';
import type { Submission } from './read-submission.ts';
import { resolveUrl } from './resolve-url.ts';

/**
 * The one credential the form gives — pasted (JSON or a JWT), a file (JSON, JWT, baked PNG or
 * SVG; read with the verifier's `readCredentialInput`) or the address of a credential page — or a
 * {@link ProblemError} naming the field: nothing given (400), more than one given (400), an input
 * that cannot be read (400/415) or is not a credential (422), an address refused or unreachable.
 *
 * @example
 * const { value } = await resolveInput(deps, submission, guardedFetch);
 */
export async function resolveInput(
  deps: AppDeps,
  submission: Submission,
  fetchPublic: GuardedFetch,
): Promise<ResolvedInput> {
  const pasted = submission.credential.trim();
  const url = submission.url.trim();
  const given = [pasted !== '', submission.file !== undefined, url !== ''].filter(Boolean).length;
  if (given === 0)
    throw fieldProblem(
      400,
      'PARSING_ERROR',
      'Nothing to verify: paste a credential, choose a file, or give the address of a credential page.',
      'credential',
    );
  if (given > 1)
    throw fieldProblem(
      400,
      'MALFORMED_VALUE_ERROR',
      'Give one credential at a time: paste it, choose a file, or give its address — not more than one of these.',
      'credential',
    );
  if (submission.file) {
    const { name, bytes, mediaType } = submission.file;
    const input = acceptInput(readCredentialInput(bytes, { mediaType }), 'file');
    if (input.kind === 'url') return resolveUrl(deps, String(input.value), fetchPublic);
    return { value: input.value, source: name ? `read from the file ${name}` : 'read from the chosen file' };
  }
  if (url !== '') return resolveUrl(deps, url, fetchPublic);
  const input = acceptInput(readCredentialInput(pasted), 'credential');
  if (input.kind === 'url') return resolveUrl(deps, String(input.value), fetchPublic);
  return { value: input.value, source: input.kind === 'jwt' ? 'pasted (a JWT)' : 'pasted' };
}
