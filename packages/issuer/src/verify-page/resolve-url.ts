import { isIP } from 'node:net';
import { type GuardedFetch, NetError } from '@repo/core';
import { type CredentialInput, readCredentialInput } from '@repo/verifier';
import type { AppDeps } from '../deps.ts';
import type { ProblemError } from '../http/problem-error.ts';
import { currentForm } from '../issuance/issue-response.ts';
import { sharedCredential } from '../pages/shared-credential.ts';
import { acceptInput, fieldProblem, type ResolvedInput } from './input-problem.ts';

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
 * `credential.json` download (or `credential.jwt` when it has no JSON form) through the guarded
 * fetch (https, public addresses, no redirects, 10 s, 1 MB — SECURITY-CHECKLIST N1–N5), its
 * refusals said in plain words; any other https address is handed to the verifier, which fetches
 * it once through its own guarded fetch (a credential, an Open Badges 2.0 hosted assertion).
 *
 * @example
 * const { value } = await resolveUrl(deps, 'https://issuer.example/c/…', guardedFetch);
 */
export async function resolveUrl(deps: AppDeps, raw: string, fetchPublic: GuardedFetch): Promise<ResolvedInput> {
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
  const share = SHARE_PATH.exec(url.pathname);
  if (!share) {
    // Anything else is the verifier's to fetch, once (an OB 2.0 hosted assertion is checked
    // against the URL it is served from): refuse here, in words, what its guarded fetch would.
    const refused = refusal(url);
    if (refused) throw fieldProblem(400, 'NETWORK_REFUSED', refused, 'url');
    return { value: url.href, source: `fetched from ${url.href}` };
  }
  const page = `${url.origin}${url.pathname.split('/').slice(0, 3).join('/')}`;
  try {
    const json = await fetchInput(fetchPublic, `${page}/credential.json`).catch(async (error: unknown) => {
      // A credential issued only as a JWT has no JSON download.
      if (error instanceof NetError && error.status === 404) return fetchInput(fetchPublic, `${page}/credential.jwt`);
      throw error;
    });
    return { value: acceptInput(json, 'url').value, source: `fetched from ${url.href}` };
  } catch (error) {
    if (error instanceof NetError) throw netProblem(error, url.href);
    throw error;
  }
}

/** Why the guarded fetch would refuse `url` before any connection (N1), in words; undefined when it would not. */
function refusal(url: URL): string | undefined {
  if (url.protocol !== 'https:')
    return `Only https addresses are fetched (or this service’s own credential links), not ${url.protocol.slice(0, -1)} ones.`;
  if (url.username || url.password) return 'Addresses with a user name or password are not fetched.';
  const host = url.hostname.replace(/^\[|\]$/g, '');
  if (isIP(host) !== 0 || host === 'localhost' || host.endsWith('.localhost'))
    return 'That address is on a private or local network; only public https addresses are fetched.';
  return undefined;
}
