import type { Response } from 'express';
import { findShareByToken, type ShareLink } from '../awards/awards.ts';
import type { AppDeps } from '../deps.ts';
import type { CredentialRecord } from '../store/types.ts';
import { notAvailablePage } from './credential-page.ts';
import { setPrivatePageHeaders } from './page-response.ts';

/**
 * Headers of every response under `/c/…`: never cached (the status is live, and a turned-off link
 * must stop working at once), never indexed by search engines, the share link never leaked to
 * other sites as a referrer, and a policy that lets the page run no script at all.
 *
 * @example
 * sharedPageHeaders(res);
 */
export function sharedPageHeaders(res: Response): void {
  setPrivatePageHeaders(
    res,
    "default-src 'none'; style-src 'unsafe-inline'; img-src 'self' https: data:; base-uri 'none'; form-action 'none'; frame-ancestors 'none'",
  );
}

/**
 * The credential a share token opens, when its link is on and the record is there; otherwise
 * undefined (unknown, malformed and turned-off tokens alike).
 *
 * @example
 * const found = await sharedCredential(deps, token);
 */
export async function sharedCredential(
  deps: AppDeps,
  token: string,
): Promise<{ share: ShareLink; record: CredentialRecord } | undefined> {
  const share = await findShareByToken(deps, token);
  if (!share?.enabled) return undefined;
  const record = await deps.store.getRecord(share.credentialId);
  return record ? { share, record } : undefined;
}

/**
 * Answers 404 with the one "not available" page.
 *
 * @example
 * if (!found) return sendNotAvailable(res);
 */
export function sendNotAvailable(res: Response): void {
  res.status(404).type('html').send(notAvailablePage().value);
}
