// Awards that are claimed (issue 10): POST /awards records an award for a person known by name and
// email; its offer is single-use and expiring; the QR code (read back with jsQR, an independent
// decoder) carries the VCALM interaction URL; a claim issues to the holder's DID, or to the Open
// Badges 3.0 hashed-email IdentityObject (OB 3.0 §B.1.12 IdentityObject, identityHash
// "sha256$" + hex SHA-256 of the identity and salt).
import { createHash } from 'node:crypto';
import { claimAward, findAwardByToken, getAward } from '@repo/issuer';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { awardTemplate } from '../helpers/awards.ts';
import {
  capturingLogger,
  FROZEN_NOW,
  type IssuerApp,
  startIssuerApp,
  storedState,
  TOKENS,
} from '../helpers/issuer-app.ts';
import { call } from '../helpers/issuer-process.ts';
import { decodeQrPng as decodeQr } from '../helpers/qr.ts';

const HOLDER = 'did:key:z6MkpTHR8VNsBxYAAWHut2Geadd9jSwuBV8xRoAnwWsdvktH';

let issuer: IssuerApp;
let t = FROZEN_NOW.getTime();

beforeAll(async () => {
  issuer = await startIssuerApp({ loopbackPublicBaseUrl: true, clock: () => new Date(t) });
});
afterAll(async () => {
  await issuer?.close();
});

async function newAward(extra: Record<string, unknown> = {}) {
  const res = await call(
    issuer.url,
    'POST',
    '/awards',
    { credential: awardTemplate(), recipient: { name: 'Ada Lovelace', email: 'Ada@Example.org' }, ...extra },
    TOKENS.full,
  );
  expect(res.status, res.text).toBe(201);
  const token = new URL(res.json.offer.interactionUrl).pathname.split('/').pop()!;
  return { ...res.json, token };
}

describe('POST /awards', () => {
  it('records an award and answers its offer: interaction URL (iuv=1), OID4VCI offer, exchange, QR codes', async () => {
    const { award, offer, token } = await newAward();
    expect(award.state).toBe('offered');
    expect(award.recipient).toEqual({ name: 'Ada Lovelace', email: 'Ada@Example.org' });
    expect(award.expiresAt).toBe('2026-03-15T12:00:00Z'); // default 14 days
    expect(award).not.toHaveProperty('tokenHash');
    expect(token).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(offer.interactionUrl).toBe(`${issuer.url}/interactions/${token}?iuv=1`);
    expect(offer.credentialOffer).toBe(
      `openid-credential-offer://?credential_offer_uri=${encodeURIComponent(`${issuer.url}/oid4vci/offers/${token}`)}`,
    );
    expect(offer.exchangeUrl).toBe(`${issuer.url}/exchanges/${token}`);
    expect(offer).not.toHaveProperty('txCode');
    const got = await call(issuer.url, 'GET', `/awards/${award.id}`, undefined, TOKENS.readOnly);
    expect(got.status).toBe(200);
    expect(got.json.award.state).toBe('offered');
    expect(JSON.stringify(got.json)).not.toContain(token);
  });

  it('QR codes: the PNG decodes (jsQR) to the interaction URL, ?protocol=OID4VCI to the credential offer; the SVG is an SVG', async () => {
    const { offer } = await newAward();
    const png = await fetch(offer.qr.png);
    expect(png.headers.get('content-type')).toBe('image/png');
    expect(decodeQr(Buffer.from(await png.arrayBuffer()))).toBe(offer.interactionUrl);
    const oid = await fetch(`${offer.qr.png}?protocol=OID4VCI`);
    expect(decodeQr(Buffer.from(await oid.arrayBuffer()))).toBe(offer.credentialOffer);
    const svg = await fetch(offer.qr.svg);
    expect(svg.headers.get('content-type')).toMatch(/^image\/svg\+xml/);
    expect(await svg.text()).toMatch(/^<svg xmlns="http:\/\/www.w3.org\/2000\/svg"[^>]*viewBox/);
    const bad = await call(issuer.url, 'GET', `${new URL(offer.qr.png).pathname}?protocol=ftp`);
    expect(bad.status).toBe(400);
  });

  it('VCALM interaction URL: a wallet gets { protocols: { vcapi, OID4VCI } }', async () => {
    const { offer } = await newAward();
    const res = await fetch(offer.interactionUrl, { headers: { accept: 'application/json' } });
    expect(res.status).toBe(200);
    expect(res.headers.get('cache-control')).toBe('no-store');
    expect(await res.json()).toEqual({ protocols: { vcapi: offer.exchangeUrl, OID4VCI: offer.credentialOffer } });
    // A wallet library's default Accept (*/*) gets the JSON too; a browser's Accept does not.
    const any = await fetch(offer.interactionUrl, { headers: { accept: '*/*' } });
    expect(any.headers.get('content-type')).toMatch(/^application\/json/);
    const browser = await fetch(offer.interactionUrl, {
      headers: { accept: 'text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8' },
    });
    expect(browser.headers.get('content-type') ?? '').not.toMatch(/^application\/json/);
  });

  it('a transaction code is answered once (6 digits) and only its hash is kept', async () => {
    const { award, offer } = await newAward({ txCode: true });
    expect(offer.txCode).toMatch(/^\d{6}$/);
    const stored = await getAward(issuer.deps, award.id);
    expect(stored?.txCodeHash).toBe(createHash('sha256').update(offer.txCode).digest('hex'));
    expect(JSON.stringify(stored)).not.toContain(`"${offer.txCode}"`);
  });

  it.each([
    [
      'a subject id (the wallet DID fills it)',
      (c: any) => (c.credentialSubject.id = HOLDER),
      422,
      '/credential/credentialSubject/id',
    ],
    ['a credential id', (c: any) => (c.id = 'urn:uuid:0b7c0e35-0e5f-4b8f-9a36-9f1d3c2b6a11'), 422, '/credential/id'],
    ['another issuer', (c: any) => (c.issuer.id = 'did:example:other'), 422, '/credential/issuer'],
    ['a schema error', (c: any) => delete c.credentialSubject.achievement.criteria, 422, undefined],
  ])('refuses a template with %s, storing nothing (I3)', async (_name, change, status, pointer) => {
    const before = await storedState(issuer.deps);
    const c = awardTemplate();
    change(c);
    const res = await call(issuer.url, 'POST', '/awards', { credential: c, recipient: { name: 'A' } }, TOKENS.full);
    expect(res.status, res.text).toBe(status);
    expect(res.headers.get('content-type')).toMatch(/^application\/problem\+json/);
    if (pointer) expect(res.json.pointer).toBe(pointer);
    expect(await storedState(issuer.deps)).toEqual(before);
  });

  it.each([
    [{}, '/recipient'],
    [{ recipient: {} }, '/recipient'],
    [{ recipient: { email: 'not-an-email' } }, '/recipient/email'],
    [{ recipient: { name: 'A' }, expiresIn: 10 }, '/expiresIn'],
    [{ recipient: { name: 'A' }, surprise: 1 }, '/surprise'],
  ])('refuses a malformed body %j with 400 naming the field', async (extra, pointer) => {
    const res = await call(issuer.url, 'POST', '/awards', { credential: awardTemplate(), ...extra }, TOKENS.full);
    expect(res.status, res.text).toBe(400);
    expect(res.json.pointer).toBe(pointer);
  });

  it('needs a token with the issue scope (A1, A5)', async () => {
    const body = { credential: awardTemplate(), recipient: { name: 'A' } };
    expect((await call(issuer.url, 'POST', '/awards', body)).status).toBe(401);
    expect((await call(issuer.url, 'POST', '/awards', body, TOKENS.readOnly)).status).toBe(403);
    expect((await call(issuer.url, 'GET', '/awards/x', undefined, TOKENS.issueOnly)).status).toBe(403);
  });
});

describe('claiming an award', () => {
  it('issues to the holder DID with the hashed email IdentityObject, once', async () => {
    const { award, token } = await newAward();
    const { record, share } = await claimAward(issuer.deps, award.id, { holderDid: HOLDER, via: 'vcapi' });
    const subject = record.credential.credentialSubject as Record<string, any>;
    expect(subject.id).toBe(HOLDER);
    const [identity] = subject.identifier;
    expect(identity).toMatchObject({ type: 'IdentityObject', identityType: 'emailAddress', hashed: true });
    const expected = createHash('sha256').update(`ada@example.org${identity.salt}`).digest('hex');
    expect(identity.identityHash).toBe(`sha256$${expected}`);
    const verified = await issuer.deps.verifier.verifyCredential(record.credential);
    expect(verified.verified, JSON.stringify(verified)).toBe(true);
    expect(share.enabled).toBe(true);
    const stored = await findAwardByToken(issuer.deps, token);
    expect(stored?.state).toBe('claimed');
    expect(stored?.claim).toEqual({
      at: '2026-03-01T12:00:00Z',
      holder: HOLDER,
      via: 'vcapi',
      credentialId: record.id,
    });
    await expect(claimAward(issuer.deps, award.id, { holderDid: HOLDER, via: 'vcapi' })).rejects.toMatchObject({
      status: 409,
      problem: { title: 'OFFER_CLAIMED' },
    });
    const json = await call(issuer.url, 'GET', `/interactions/${token}?iuv=1`);
    expect(json.status).toBe(409);
  });

  it('of two concurrent claims one wins; the other stores nothing and gives its status indexes back (I13, S10)', async () => {
    const { award } = await newAward();
    const before = await storedState(issuer.deps);
    const results = await Promise.allSettled([
      claimAward(issuer.deps, award.id, { holderDid: HOLDER, via: 'oid4vci' }),
      claimAward(issuer.deps, award.id, { holderDid: HOLDER, via: 'vcapi' }),
    ]);
    expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(1);
    const lost = results.find((r) => r.status === 'rejected') as PromiseRejectedResult;
    expect(lost.reason).toMatchObject({ status: 409, problem: { title: 'OFFER_CLAIMED' } });
    const after = await storedState(issuer.deps);
    expect(after.records).toBe(before.records + 1);
    const used = (u: Record<string, number[]>) =>
      Object.values(u).reduce((n, l) => n + l.reduce((a, b) => a + b, 0), 0);
    // revocation + suspension + lifecycle (a certification): three indexes for the one credential.
    expect(used(after.usage) - used(before.usage)).toBe(3);
  });

  it('a file-only claim carries the hashed email alone; an award without an email cannot be claimed as a file', async () => {
    const { award } = await newAward();
    const { record } = await claimAward(issuer.deps, award.id, { via: 'file' });
    const subject = record.credential.credentialSubject as Record<string, any>;
    expect(subject.id).toBeUndefined();
    expect(subject.identifier[0].identityType).toBe('emailAddress');
    const res = await call(
      issuer.url,
      'POST',
      '/awards',
      { credential: awardTemplate(), recipient: { name: 'No Email' } },
      TOKENS.full,
    );
    await expect(claimAward(issuer.deps, res.json.award.id, { via: 'file' })).rejects.toMatchObject({ status: 422 });
  });

  it('refuses an expired offer with OFFER_EXPIRED (410) and issues nothing', async () => {
    const { award, offer } = await newAward({ expiresIn: 3600 });
    const before = await storedState(issuer.deps);
    t += 3600_000;
    try {
      await expect(claimAward(issuer.deps, award.id, { holderDid: HOLDER, via: 'vcapi' })).rejects.toMatchObject({
        status: 410,
        problem: { title: 'OFFER_EXPIRED' },
      });
      const res = await fetch(offer.interactionUrl, { headers: { accept: 'application/json' } });
      expect(res.status).toBe(410);
      expect(((await res.json()) as { title: string }).title).toBe('OFFER_EXPIRED');
    } finally {
      t -= 3600_000;
    }
    expect(await storedState(issuer.deps)).toEqual(before);
  });

  it('a withdrawn offer answers OFFER_EXPIRED; a claimed award cannot be withdrawn (409); GET /awards lists by state', async () => {
    const { award, offer } = await newAward();
    const w = await call(issuer.url, 'POST', `/awards/${award.id}/withdraw`, undefined, TOKENS.full);
    expect(w.status, w.text).toBe(200);
    expect(w.json.award.state).toBe('withdrawn');
    const res = await fetch(offer.interactionUrl, { headers: { accept: 'application/json' } });
    expect(res.status).toBe(410);
    await expect(claimAward(issuer.deps, award.id, { holderDid: HOLDER, via: 'vcapi' })).rejects.toMatchObject({
      status: 410,
    });
    const claimed = await newAward();
    await claimAward(issuer.deps, claimed.award.id, { holderDid: HOLDER, via: 'vcapi' });
    const c = await call(issuer.url, 'POST', `/awards/${claimed.award.id}/withdraw`, undefined, TOKENS.full);
    expect(c.status).toBe(409);
    const list = await call(issuer.url, 'GET', '/awards?state=withdrawn', undefined, TOKENS.readOnly);
    expect(list.status).toBe(200);
    expect(list.json.awards.map((a: { id: string }) => a.id)).toContain(award.id);
    expect(list.json.awards.every((a: { state: string }) => a.state === 'withdrawn')).toBe(true);
    expect((await call(issuer.url, 'GET', '/awards?state=lost', undefined, TOKENS.readOnly)).status).toBe(400);
    expect((await call(issuer.url, 'POST', `/awards/${award.id}/withdraw`, undefined, TOKENS.readOnly)).status).toBe(
      403,
    );
  });

  it('an unknown or malformed offer token is 404', async () => {
    for (const token of ['A'.repeat(43), 'short', '..%2F..']) {
      const res = await fetch(`${issuer.url}/interactions/${token}?iuv=1`);
      expect(res.status).toBe(404);
    }
  });
});

describe('K1: offer tokens and transaction codes are never logged', () => {
  it('the request log shows [token] where the path holds one; no line holds the token or the code', async () => {
    const { logger, lines } = capturingLogger();
    const app = await startIssuerApp({ loopbackPublicBaseUrl: true, logger });
    try {
      const res = await call(
        app.url,
        'POST',
        '/awards',
        { credential: awardTemplate(), recipient: { email: 'ada@example.org' }, txCode: true },
        TOKENS.full,
      );
      expect(res.status, res.text).toBe(201);
      const { offer, award } = res.json;
      const token = new URL(offer.interactionUrl).pathname.split('/').pop()!;
      await fetch(offer.interactionUrl, { headers: { accept: 'application/json' } });
      await fetch(offer.qr.png);
      await fetch(`${app.url}/interactions/${token}/nothing`);
      await claimAward(app.deps, award.id, { holderDid: HOLDER, via: 'vcapi' });
      const logged = lines.join('\n');
      expect(logged).toContain('/interactions/[token]/qr.png');
      expect(logged).toContain('"award claimed"');
      expect(logged).not.toContain(token);
      expect(logged).not.toContain(offer.txCode);
    } finally {
      await app.close();
    }
  });
});
