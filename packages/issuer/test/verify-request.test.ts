import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type IssuerApp, startIssuerApp, TOKENS } from '../../../test/helpers/issuer-app.ts';
import { call, expectProblem, ob3 } from './support.ts';

let issuer: IssuerApp;
let issued: Record<string, any>;
let jwt: string;
beforeAll(async () => {
  issuer = await startIssuerApp();
  issued = (await call(issuer.url, 'POST', '/credentials/issue', { credential: ob3() }, TOKENS.full)).json
    .verifiableCredential;
  const env = (
    await call(issuer.url, 'POST', '/credentials/issue', { credential: ob3(), options: { format: 'jwt' } }, TOKENS.full)
  ).json.verifiableCredential;
  jwt = env.id.slice(env.id.indexOf(',') + 1);
});
afterAll(async () => {
  await issuer?.close();
});

const verify = (body: unknown) => call(issuer.url, 'POST', '/credentials/verify', body);
const statusOf = (res: Awaited<ReturnType<typeof call>>, id: string) =>
  res.json.checks.find((c: { id: string }) => c.id === id)?.status;

describe('VC-API "Verify Credential" options', () => {
  it('options.checks ["proof"] (what the W3C suites send) runs the proof and skips what was not asked', async () => {
    const res = await verify({ verifiableCredential: issued, options: { checks: ['proof'] } });
    expect(res.status, res.text).toBe(200);
    expect(statusOf(res, 'proof')).toBe('passed');
    expect(statusOf(res, 'status')).toBe('skipped');
    expect(statusOf(res, 'validity')).toBe('skipped');
  });

  it('options.checks ["proof", "credentialStatus"] checks status: a revoked credential fails', async () => {
    await call(
      issuer.url,
      'POST',
      '/credentials/status',
      { credentialId: issued.id, credentialStatus: [{ type: 'BitstringStatusListEntry', status: 'suspended' }] },
      TOKENS.full,
    );
    const res = await verify({ verifiableCredential: issued, options: { checks: ['proof', 'credentialStatus'] } });
    expect(res.status).toBe(422);
    expect(res.json.problems[0].title).toBe('CREDENTIAL_SUSPENDED');
    const onlyProof = await verify({ verifiableCredential: issued, options: { checks: ['proof'] } });
    expect(onlyProof.status).toBe(200);
    await call(
      issuer.url,
      'POST',
      '/credentials/status',
      { credentialId: issued.id, credentialStatus: [{ type: 'BitstringStatusListEntry', status: 'unsuspended' }] },
      TOKENS.full,
    );
  });

  it('a forged credential fails even when only other checks are asked for (proof always runs)', async () => {
    const forged = { ...issued, name: 'Forged' };
    const res = await verify({ verifiableCredential: forged, options: { checks: ['credentialStatus'] } });
    expect(res.status).toBe(422);
    expect(statusOf(res, 'proof')).toBe('failed');
  });

  it('an unknown check → 400 naming it; an unknown option → 400 UNKNOWN_OPTION_PROVIDED', async () => {
    expectProblem(
      await verify({ verifiableCredential: issued, options: { checks: ['proof', 'astrology'] } }),
      400,
      'MALFORMED_VALUE_ERROR',
      '/options/checks/1',
    );
    expectProblem(
      await verify({ verifiableCredential: issued, options: { colour: 'blue' } }),
      400,
      'UNKNOWN_OPTION_PROVIDED',
      '/options/colour',
    );
  });

  it('a bare credential body is verified as the credential', async () => {
    const res = await verify(issued);
    expect(res.status, res.text).toBe(200);
    expect(res.json.credentialId).toBe(issued.id);
  });

  it('an application/vc+jwt body is verified as the JWT', async () => {
    const res = await fetch(`${issuer.url}/credentials/verify`, {
      method: 'POST',
      headers: { 'content-type': 'application/vc+jwt' },
      body: jwt,
    });
    expect(res.status).toBe(200);
    const body: any = await res.json();
    expect(body.verified).toBe(true);
  });

  it('a body that is neither wrapped nor a credential → 400 saying how to wrap it', async () => {
    const res = await verify({ credential: issued });
    expectProblem(res, 400, 'MALFORMED_VALUE_ERROR', '/verifiableCredential');
    expect(res.json.detail).toContain('"verifiableCredential"');
  });
});

describe('Lifecycle when only some checks were asked for', () => {
  it('options.checks ["proof"] → lifecycle undetermined, never "current"', async () => {
    const res = await verify({ verifiableCredential: issued, options: { checks: ['proof'] } });
    expect(res.status).toBe(200);
    expect(res.json.lifecycle.state).toBe('undetermined');
    expect(res.json.lifecycle.message).toMatch(/not asked for/);
    const full = await verify({ verifiableCredential: issued });
    expect(full.json.lifecycle.state).toBe('current');
  });
});
