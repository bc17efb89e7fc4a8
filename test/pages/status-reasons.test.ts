// Issue 12, records: "revocation and suspension take a reason that is kept in an append-only
// history per credential (who, when, why) and can be shown to verifiers if the body wants".
// PUBLISH_STATUS_REASONS (default off) puts the latest revocation / suspension reason on the
// public credential page (and its verify page); off, the reason stays in the history only.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { awardTemplate } from '../helpers/awards.ts';
import { type IssuerApp, startIssuerApp, TOKENS } from '../helpers/issuer-app.ts';
import { call } from '../helpers/issuer-process.ts';

const HOLDER = 'did:key:z6MkhaXgBZDvotDkL5257faiztiGiC2QtKLGpbnnEGta2doK';
const REASON = 'Exam session <2026-11> under review';

let publishing: IssuerApp;
let quiet: IssuerApp;
beforeAll(async () => {
  [publishing, quiet] = await Promise.all([
    startIssuerApp({ loopbackPublicBaseUrl: true, publishStatusReasons: true }),
    startIssuerApp({ loopbackPublicBaseUrl: true }),
  ]);
});
afterAll(async () => {
  await Promise.all([publishing?.close(), quiet?.close()]);
});

/** Issues a credential, turns its page on, and returns its id and page URL. */
async function sharedCredential(issuer: IssuerApp): Promise<{ id: string; page: string }> {
  const credential = awardTemplate((c) => (c.credentialSubject.id = HOLDER));
  const issued = await call(issuer.url, 'POST', '/credentials/issue', { credential }, TOKENS.full);
  expect(issued.status, issued.text).toBe(201);
  const id = issued.json.verifiableCredential.id as string;
  const share = await call(
    issuer.url,
    'POST',
    `/credentials/${encodeURIComponent(id)}/share`,
    { enabled: true },
    TOKENS.full,
  );
  expect(share.status, share.text).toBe(200);
  return { id, page: share.json.shareUrl };
}

const setStatus = (issuer: IssuerApp, id: string, status: string, reason?: string) =>
  call(
    issuer.url,
    'POST',
    '/credentials/status',
    { credentialId: id, credentialStatus: [{ type: 'BitstringStatusListEntry', status }], ...(reason && { reason }) },
    TOKENS.full,
  );

const text = async (url: string) => (await fetch(url)).text();

describe('PUBLISH_STATUS_REASONS', () => {
  it('on: the page shows the latest suspension reason (HTML-escaped), then the revocation reason', async () => {
    const { id, page } = await sharedCredential(publishing);
    expect(await text(page)).not.toContain('Reason given by the issuer');
    expect((await setStatus(publishing, id, 'suspended', 'first look')).status).toBe(200);
    expect((await setStatus(publishing, id, 'unsuspended', 'cleared')).status).toBe(200);
    expect((await setStatus(publishing, id, 'suspended', REASON)).status).toBe(200);
    const suspended = await text(page);
    expect(suspended).toContain('Suspended by the issuer');
    expect(suspended).toContain('Reason given by the issuer: Exam session &lt;2026-11&gt; under review.');
    expect(suspended).not.toContain('first look');
    expect(await text(`${page}/verify`)).toContain('Reason given by the issuer: Exam session &lt;2026-11&gt;');

    expect((await setStatus(publishing, id, 'revoked', 'Exam fraud confirmed')).status).toBe(200);
    const revoked = await text(page);
    expect(revoked).toContain('Revoked by the issuer');
    expect(revoked).toContain('Reason given by the issuer: Exam fraud confirmed');
    expect(revoked).not.toContain('under review');
  });

  it('on, but the change had no reason: nothing is shown', async () => {
    const { id, page } = await sharedCredential(publishing);
    expect((await setStatus(publishing, id, 'revoked')).status).toBe(200);
    const revoked = await text(page);
    expect(revoked).toContain('Revoked by the issuer');
    expect(revoked).not.toContain('Reason given by the issuer');
  });

  it('off (the default): the reason stays in the history, never on the page', async () => {
    const { id, page } = await sharedCredential(quiet);
    expect((await setStatus(quiet, id, 'revoked', REASON)).status).toBe(200);
    const revoked = await text(page);
    expect(revoked).toContain('Revoked by the issuer');
    expect(revoked).not.toContain('Reason given by the issuer');
    expect(revoked).not.toContain('Exam session');
    const history = await call(
      quiet.url,
      'GET',
      `/credentials/${encodeURIComponent(id)}/history`,
      undefined,
      TOKENS.full,
    );
    expect(history.json.entries.map((e: { reason?: string }) => e.reason)).toEqual([REASON]);
  });
});
