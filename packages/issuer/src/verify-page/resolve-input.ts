import { type GuardedFetch, NetError, type ProblemCode } from '@repo/core';
import { type CredentialInput, type CredentialInputFailure, readCredentialInput } from '@repo/verifier';
import type { AppDeps } from '../deps.ts';
import { ProblemError } from '../http/problem-error.ts';
import { currentForm } from '../issuance/issue-response.ts';
import { sharedCredential } from '../pages/shared-credential.ts';
import type { Submission } from './read-submission.ts';

/** The credential to verify, read from the form, and how it came. */
export interface ResolvedInput {
  /** What `verifyCredential` takes: a credential or assertion object, a compact JWS, or a URL. */
  value: Record<string, unknown> | string;
  /** How it came, for the page: "pasted", "read from the file badge.png", "fetched from https://…". */
  source: string;
}

/** The form field a problem is about (the error summary links to it). */
export type FormField = 'credential' | 'file' | 'url' | 'email';

/** A ProblemError that names the form field it is about. */
export function fieldProblem(status: number, code: ProblemCode, detail: string, field: FormField): ProblemError {
  return new ProblemError(status, code, detail, { extra: { field } });
}

/** HTTP status of an input that could not be read: a request that cannot be a credential, or one that is not one. */
const STATUS: Record<CredentialInputFailure, number> = {
  empty: 400,
  'not-recognised': 400,
  'bad-json': 400,
  'not-a-credential': 422,
  presentation: 422,
  'badge-class': 422,
  'bad-png': 400,
  'bad-svg': 400,
  'png-without-badge': 422,
  'svg-without-badge': 422,
  'bad-baked-text': 422,
  'bad-url': 400,
  'unsupported-media-type': 415,
  'media-type-mismatch': 400,
};

function accept(input: CredentialInput, field: FormField): Extract<CredentialInput, { ok: true }> {
  if (input.ok) return input;
  throw fieldProblem(STATUS[input.reason], input.problem.title, input.problem.detail, field);
}

/** A share link of this software: `/c/<43-character token>`, optionally followed by a download's name. */
const SHARE_PATH = /^\/c\/([A-Za-z0-9_-]{43})(?:\/[\w.-]*)?$/;

/** What the guarded fetch's refusals mean to an employer, with the status the page answers. */
function netProblem(error: NetError, url: string): ProblemError {
  const say = (status: number, detail: string) => fieldProblem(status, 'NETWORK_REFUSED', detail, 'url');
  switch (error.reason) {
    case 'scheme':
      return say(400, `Only https addresses are fetched (or this service’s own credential links), not ${url}.`);
    case 'ip-literal':
    case 'localhost':
    case 'private-address':
      return say(400, 'That address is on a private or local network; only public https addresses are fetched.');
    case 'redirect':
      return say(502, 'That address answered with a redirect, which is not followed: give the address it leads to.');
    case 'timeout':
      return say(504, 'That address did not answer in time.');
    case 'too-large':
      return say(502, 'That address answered with more than 1 MB, which is more than a credential.');
    case 'http-status':
      return say(
        502,
        `That address answered HTTP ${error.status}${error.status === 404 ? ' (not found: the link may be wrong or turned off)' : ''}.`,
      );
    default:
      return say(502, 'That address could not be reached.');
  }
}

/** GETs `url` through the guarded fetch and reads what it answers as a credential. */
async function fetchInput(fetchPublic: GuardedFetch, url: string): Promise<CredentialInput> {
  const res = await fetchPublic(url, {
    accept: 'application/vc, application/vc+jwt, application/ld+json, application/json, image/png, image/svg+xml;q=0.9',
  });
  const mediaType = (res.headers['content-type'] ?? '').split(';')[0]!.trim().toLowerCase();
  if (mediaType === 'text/html')
    throw fieldProblem(
      422,
      'MALFORMED_VALUE_ERROR',
      'That address answers with a web page, not a credential: give the link to a credential page (…/c/…) or to the credential itself.',
      'url',
    );
  return readCredentialInput(new Uint8Array(res.body), { mediaType });
}

/**
 * A credential page URL: one of this service's own share links (`<public base URL>/c/<token>`) is
 * read straight from the store, with no network; another service's share link is fetched as its
 * `credential.json` download (or `credential.jwt` when it has no JSON form); any other address is
 * fetched as it is (a credential, an Open Badges 2.0 hosted assertion, a baked image). Everything
 * fetched goes through the guarded fetch (https, public addresses, no redirects, 10 s, 1 MB —
 * SECURITY-CHECKLIST N1–N5), whose refusals are said in plain words.
 */
async function resolveUrl(deps: AppDeps, raw: string, fetchPublic: GuardedFetch): Promise<ResolvedInput> {
  let url: URL;
  try {
    url = new URL(raw.trim());
  } catch {
    throw fieldProblem(400, 'MALFORMED_VALUE_ERROR', 'That is not a web address: give a full https link.', 'url');
  }
  const ownPrefix = `${deps.config.publicBaseUrl}/`;
  if (url.href.startsWith(ownPrefix) || url.origin === new URL(ownPrefix).origin) {
    const path = url.href.startsWith(ownPrefix) ? `/${url.href.slice(ownPrefix.length).split(/[?#]/)[0]}` : '';
    const token = SHARE_PATH.exec(path)?.[1];
    if (!token)
      throw fieldProblem(
        400,
        'MALFORMED_VALUE_ERROR',
        'Of this service’s own addresses, only credential page links (…/c/…) can be verified.',
        'url',
      );
    const found = await sharedCredential(deps, token);
    if (!found)
      throw fieldProblem(
        404,
        'NOT_FOUND',
        'There is no credential at this link: it may be incomplete, or its owner may have turned it off.',
        'url',
      );
    return { value: currentForm(found.record), source: `read from this service’s credential page ${url.href}` };
  }
  try {
    const share = SHARE_PATH.exec(url.pathname);
    if (share) {
      const page = `${url.origin}${url.pathname.split('/').slice(0, 3).join('/')}`;
      const json = await fetchInput(fetchPublic, `${page}/credential.json`).catch(async (error: unknown) => {
        // A credential issued only as a JWT has no JSON download.
        if (error instanceof NetError && error.status === 404) return fetchInput(fetchPublic, `${page}/credential.jwt`);
        throw error;
      });
      return { value: accept(json, 'url').value, source: `fetched from ${url.href}` };
    }
    return { value: accept(await fetchInput(fetchPublic, url.href), 'url').value, source: `fetched from ${url.href}` };
  } catch (error) {
    if (error instanceof NetError) throw netProblem(error, url.href);
    throw error;
  }
}

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
    const input = accept(readCredentialInput(bytes, { mediaType }), 'file');
    if (input.kind === 'url') return resolveUrl(deps, String(input.value), fetchPublic);
    return { value: input.value, source: name ? `read from the file ${name}` : 'read from the chosen file' };
  }
  if (url !== '') return resolveUrl(deps, url, fetchPublic);
  const input = accept(readCredentialInput(pasted), 'credential');
  if (input.kind === 'url') return resolveUrl(deps, String(input.value), fetchPublic);
  return { value: input.value, source: input.kind === 'jwt' ? 'pasted (a JWT)' : 'pasted' };
}
