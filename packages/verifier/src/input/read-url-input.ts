import { fail } from './input-failure.ts';
import type { CredentialInput } from './input-types.ts';

const LOOPBACK = new Set(['localhost', '127.0.0.1', '[::1]']);

/**
 * Whether a string is a URL `verifyCredential` fetches: https, or http to this machine
 * (`localhost`, `127.0.0.1`, `[::1]`, read only with the verifier's `allowLocalhost`).
 *
 * @example
 * isCredentialUrl('https://example.org/assertions/123'); // true
 */
export function isCredentialUrl(value: unknown): value is string {
  if (typeof value !== 'string' || !/^https?:\/\/\S+$/i.test(value) || !URL.canParse(value)) return false;
  const url = new URL(value);
  return url.protocol === 'https:' || LOOPBACK.has(url.hostname);
}

/**
 * A URL as an input: an Open Badges 2.0 hosted assertion, or a URL serving a credential. Only
 * https (or http to this machine); what it serves is known once the verifier fetches it.
 *
 * @example
 * readUrlInput('https://example.org/assertions/123'); // { ok: true, kind: 'url', version: 'unknown', … }
 */
export function readUrlInput(text: string, version: 'ob2' | 'unknown' = 'unknown'): CredentialInput {
  if (!isCredentialUrl(text))
    return fail(
      'bad-url',
      'MALFORMED_VALUE_ERROR',
      'Only an https URL can be verified (http only for this machine, in development).',
    );
  return { ok: true, kind: 'url', version, value: text };
}
