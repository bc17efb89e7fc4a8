import type { StatusPurpose } from './status-registry.ts';

/**
 * URL of a published status list, under the public base URL (DESIGN-NOTES: one public base URL).
 *
 * @example
 * statusListUrl('https://issuer.example', 'revocation', 0); // 'https://issuer.example/status/revocation/0'
 */
export function statusListUrl(base: string, purpose: StatusPurpose, list: number): string {
  return `${base}/status/${purpose}/${list}`;
}

/**
 * The reverse of {@link statusListUrl}: `{ purpose, list }` when `url` names one of our lists.
 *
 * @example
 * parseStatusListUrl('https://issuer.example', 'https://issuer.example/status/suspension/3'); // { purpose: 'suspension', list: 3 }
 */
export function parseStatusListUrl(base: string, url: string): { purpose: string; list: number } | undefined {
  const prefix = `${base}/status/`;
  if (!url.startsWith(prefix)) return undefined;
  const m = /^(revocation|suspension|lifecycle)\/(0|[1-9][0-9]{0,5})$/.exec(url.slice(prefix.length));
  return m ? { purpose: m[1]!, list: Number(m[2]) } : undefined;
}
