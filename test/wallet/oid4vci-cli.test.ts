// The test wallet CLI (`npm run wallet -- claim …`, scripts/test-wallet.ts), run in-process through
// its main(): @digitalbazaar/oid4-client claims OID4VCI 1.0 offers from a plain-http development
// issuer on 127.0.0.1 (offer, metadata, token and nonce by hand, as the library refuses http)
// and from an https one (the library all the way; --ca trusts the test certificate).
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { main } from '../../scripts/test-wallet.ts';
import { awardTemplate } from '../helpers/awards.ts';
import { FROZEN_NOW, type IssuerApp, startIssuerApp, TOKENS } from '../helpers/issuer-app.ts';
import { call } from '../helpers/issuer-process.ts';
import { callTls, TEST_TLS } from '../helpers/wallet-keys.ts';

let http: IssuerApp;
let https: IssuerApp;
let dir: string;

beforeAll(async () => {
  http = await startIssuerApp({ loopbackPublicBaseUrl: true });
  https = await startIssuerApp({ loopbackPublicBaseUrl: true, tls: TEST_TLS });
  dir = mkdtempSync(join(tmpdir(), 'wallet-cli-'));
  writeFileSync(join(dir, 'ca.pem'), TEST_TLS.cert);
});
afterAll(async () => {
  vi.useRealTimers();
  await http?.close();
  await https?.close();
  rmSync(dir, { recursive: true, force: true });
});
beforeEach(() => {
  // The wallet dates its key proofs with Date.now(); the issuers' clocks are frozen at FROZEN_NOW.
  vi.useFakeTimers({ toFake: ['Date'], now: FROZEN_NOW });
});

async function run(...args: string[]) {
  const out: string[] = [];
  const err: string[] = [];
  const code = await main(['node', 'test-wallet.ts', ...args], { out: (l) => out.push(l), err: (l) => err.push(l) });
  const field = (name: string) => out.find((l) => l.startsWith(`${name}: `))?.slice(name.length + 2);
  return {
    code,
    out,
    err: err.join('\n'),
    holder: field('holder'),
    credential: field('credential'),
    saved: field('saved'),
  };
}

describe('npm run wallet -- claim (OID4VCI 1.0 pre-authorized code flow)', () => {
  it('an interaction URL (?iuv=1) with --tx-code from a plain-http loopback issuer: saved, verifies, bound to the key file DID; a second claim exits 1 with the problem', async () => {
    const res = await call(
      http.url,
      'POST',
      '/awards',
      { credential: awardTemplate(), recipient: { name: 'Ada' }, txCode: true },
      TOKENS.full,
    );
    expect(res.status, res.text).toBe(201);
    const out = join(dir, 'http');
    const missing = await run('claim', res.json.offer.interactionUrl, '--out', out);
    expect(missing.code).toBe(1);
    expect(missing.err).toContain('needs its transaction code: pass --tx-code (6 characters)');
    const done = await run('claim', res.json.offer.interactionUrl, '--tx-code', res.json.offer.txCode, '--out', out);
    expect(done.code, done.err).toBe(0);
    const key = JSON.parse(readFileSync(join(out, 'holder-key.json'), 'utf8'));
    expect(done.holder).toBe(key.controller);
    const credential = JSON.parse(readFileSync(done.saved!, 'utf8'));
    expect(credential.id).toBe(done.credential);
    expect(credential.credentialSubject.id).toBe(key.controller);
    expect((await http.deps.verifier.verifyCredential(credential)).verified).toBe(true);
    const award = await call(http.url, 'GET', `/awards/${res.json.award.id}`, undefined, TOKENS.full);
    expect(award.json.award.claim).toMatchObject({
      holder: key.controller,
      via: 'oid4vci',
      credentialId: credential.id,
    });
    const again = await run('claim', res.json.offer.interactionUrl, '--tx-code', res.json.offer.txCode, '--out', out);
    expect(again.code).toBe(1);
    expect(again.err).toMatch(/^claim failed: OFFER_CLAIMED: /);
  });

  it('an openid-credential-offer:// link from an https issuer (--ca), jwt_vc_json, reusing --key', async () => {
    const res = await callTls(`${https.url}/awards`, {
      method: 'POST',
      json: { credential: awardTemplate(), recipient: { name: 'Grace' } },
      headers: { authorization: `Bearer ${TOKENS.full}` },
    });
    expect(res.status, res.text).toBe(201);
    const keyFile = join(dir, 'http', 'holder-key.json');
    const done = await run(
      'claim',
      res.json.offer.credentialOffer,
      '--format',
      'jwt_vc_json',
      '--key',
      keyFile,
      '--ca',
      join(dir, 'ca.pem'),
      '--out',
      join(dir, 'https'),
    );
    expect(done.code, done.err).toBe(0);
    expect(done.holder).toBe(JSON.parse(readFileSync(keyFile, 'utf8')).controller);
    expect(done.saved).toMatch(/\.jwt$/);
    const jwt = readFileSync(done.saved!, 'utf8').trim();
    const result = await https.deps.verifier.verifyCredential(jwt);
    expect(result.verified).toBe(true);
  });
});
