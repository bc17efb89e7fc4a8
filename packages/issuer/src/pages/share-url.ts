/**
 * The public page of a shared credential: `/c/<share token>` under the service's public base
 * URL. The token (32 random bytes, base64url) is the only key: whoever has the link sees the page
 * while its holder keeps sharing on.
 *
 * @example
 * credentialPageUrl('https://issuer.example', share.token); // 'https://issuer.example/c/…'
 */
export function credentialPageUrl(base: string, token: string): string {
  return `${base}/c/${token}`;
}

/** The URLs reachable from a credential page. */
export interface CredentialPageLinks {
  page: string;
  json: string;
  jwt: string;
  png: string;
  svg: string;
  verify: string;
}

/**
 * The page's own URL and those of its downloads and verification page.
 *
 * @example
 * credentialPageLinks(base, token).png; // 'https://issuer.example/c/…/badge.png'
 */
export function credentialPageLinks(base: string, token: string): CredentialPageLinks {
  const page = credentialPageUrl(base, token);
  return {
    page,
    json: `${page}/credential.json`,
    jwt: `${page}/credential.jwt`,
    png: `${page}/badge.png`,
    svg: `${page}/badge.svg`,
    verify: `${page}/verify`,
  };
}
