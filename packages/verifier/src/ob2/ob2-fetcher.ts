import type { GuardedFetch } from '@repo/core';
import { isObject } from '@repo/schemas';

/**
 * Retrieves a document an Open Badges 2.0 verification needs — a hosted assertion, a BadgeClass, an
 * issuer Profile, a CryptographicKey, a RevocationList — or what a URL given to `verifyCredential`
 * serves. Resolves with the body: parsed JSON, or the text when it is not JSON (a JWT). Rejects
 * when there is no usable answer; an error with a numeric `status` is the server's HTTP answer
 * (`410` Gone means a revoked hosted assertion, OB 2.0 "Revoking Hosted Assertions"), anything else
 * means the host could not be reached (could not check).
 */
export type Ob2Fetcher = (url: string) => Promise<unknown>;

/** What fetching one document gave: the document, the server's "gone", or no answer at all. */
export type Ob2Fetched =
  | { ok: true; doc: unknown }
  | { ok: false; gone: true }
  | { ok: false; gone: false; status?: number; reason: string };

/**
 * The default {@link Ob2Fetcher}: the guarded fetch (https only, public addresses, no redirects,
 * 10 s, 1 MB; `http://localhost` only with the verifier's `allowLocalhost`), asking for JSON-LD
 * as OB 2.0 "Setting Content-Type" says badge objects are served.
 *
 * @example
 * const fetchOb2 = createOb2Fetcher(createGuardedFetch());
 */
export function createOb2Fetcher(fetch: GuardedFetch): Ob2Fetcher {
  return async (url) => {
    const res = await fetch(url, { accept: 'application/ld+json, application/json;q=0.9, */*;q=0.1' });
    const text = res.body
      .toString('utf8')
      .replace(/^\uFEFF/, '')
      .trim();
    try {
      return JSON.parse(text) as unknown;
    } catch {
      return text;
    }
  };
}

/**
 * Fetches one document and sorts the outcome: a document, `410 Gone`, or a failure (another HTTP
 * status, a refused or unreachable host, a timeout) with its reason in words. Never throws.
 *
 * @example
 * const got = await fetchOb2Document(fetchOb2, 'https://example.org/badges/5');
 */
export async function fetchOb2Document(fetchOb2: Ob2Fetcher, url: string): Promise<Ob2Fetched> {
  try {
    return { ok: true, doc: await fetchOb2(url) };
  } catch (e) {
    const status = isObject(e) || e instanceof Error ? (e as { status?: unknown }).status : undefined;
    if (status === 410) return { ok: false, gone: true };
    const reason =
      typeof status === 'number'
        ? `it answered HTTP ${status}`
        : e instanceof Error && e.message
          ? e.message.replace(/\.$/, '')
          : 'it could not be reached';
    return typeof status === 'number' ? { ok: false, gone: false, status, reason } : { ok: false, gone: false, reason };
  }
}
