import { readFileSync } from 'node:fs';
import { createVerifier } from '@repo/verifier';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { call, type IssuerProcess, startIssuer, tempDataDir } from '../helpers/issuer-process.ts';

const TOKEN = 'dev-token-NOT-FOR-PRODUCTION';
const PUBLIC = 'https://issuer.example.test';
const fixture = JSON.parse(readFileSync(new URL('../fixtures/ob3-certification.json', import.meta.url), 'utf8'));

/**
 * The employer's verifier, as a separate party would run it: the status list is fetched over
 * real HTTP from the running server (the public base URL stands for a TLS front whose backend
 * is the test server on 127.0.0.1).
 */
function employerVerifier(server: () => IssuerProcess) {
  return createVerifier({
    now: () => new Date('2027-03-01T12:00:00Z'),
    fetchStatusList: async (url) => {
      expect(url.startsWith(`${PUBLIC}/status/`)).toBe(true);
      const res = await fetch(server().url + url.slice(PUBLIC.length));
      if (res.status !== 200) throw new Error(`HTTP ${res.status}`);
      return res.json();
    },
  });
}

describe('End to end over HTTP: issue an OB 3.0 certification, host its status list, verify (VC 2.0, Bitstring Status List v1.0)', () => {
  const data = tempDataDir();
  let server: IssuerProcess;
  const env = { DATA_DIR: data.dir, PUBLIC_BASE_URL: PUBLIC, LOG_LEVEL: 'info' };
  let issued: any;

  beforeAll(async () => {
    server = await startIssuer(env);
  });
  afterAll(async () => {
    await server?.stop();
    data.cleanup();
  });

  it('issues with 201, a DataIntegrityProof (eddsa-rdfc-2022), an id, validFrom, three status entries and a refresh service', async () => {
    const res = await call(server.url, 'POST', '/credentials/issue', { credential: fixture }, TOKEN);
    expect(res.status).toBe(201);
    issued = res.json.verifiableCredential;
    expect(issued.id).toMatch(/^urn:uuid:[0-9a-f-]{36}$/);
    expect(issued.validFrom).toMatch(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}Z$/);
    expect(issued.proof).toMatchObject({
      type: 'DataIntegrityProof',
      cryptosuite: 'eddsa-rdfc-2022',
      proofPurpose: 'assertionMethod',
    });
    expect(issued.proof.verificationMethod.startsWith(`${fixture.issuer.id}#`)).toBe(true);
    // A certification gets revocation, suspension and a 2-bit lifecycle entry (statusPurpose "message").
    expect(issued.credentialStatus.map((s: any) => s.statusPurpose)).toEqual(['revocation', 'suspension', 'message']);
    for (const s of issued.credentialStatus) {
      expect(s.type).toBe('BitstringStatusListEntry');
      expect(s.statusListIndex).toMatch(/^(0|[1-9]\d*)$/);
      expect(Number(s.statusListIndex)).toBeLessThan(131072);
      const list = s.statusPurpose === 'message' ? 'lifecycle' : s.statusPurpose;
      expect(s.statusListCredential).toBe(`${PUBLIC}/status/${list}/0`);
    }
    expect(issued.credentialStatus[2]).toMatchObject({
      statusSize: 2,
      statusMessage: [
        { status: '0x0', message: 'active' },
        { status: '0x1', message: 'suspended' },
        { status: '0x2', message: 'revoked' },
        { status: '0x3', message: 'superseded' },
      ],
    });
    expect(issued.refreshService).toEqual({
      id: `${PUBLIC}/credentials/refresh/${encodeURIComponent(issued.id)}`,
      type: '1EdTechCredentialRefresh',
    });
  });

  it('A9 serves the status list publicly, signed, with Cache-Control matching its ttl and no cookies', async () => {
    const res = await call(server.url, 'GET', '/status/revocation/0');
    expect(res.status).toBe(200);
    expect(res.headers.get('set-cookie')).toBeNull();
    expect(res.json.type).toEqual(['VerifiableCredential', 'BitstringStatusListCredential']);
    expect(res.json.credentialSubject.ttl).toBe(300000);
    expect(res.headers.get('cache-control')).toBe('public, max-age=300');
    expect(res.json.proof.cryptosuite).toBe('eddsa-rdfc-2022');
  });

  it('the verifier library says verified, with every check named', async () => {
    const r = await employerVerifier(() => server).verifyCredential(issued);
    expect(r.problems).toEqual([]);
    expect(r.verified).toBe(true);
    expect(Object.fromEntries(r.checks.map((c) => [c.id, c.status]))).toEqual({
      format: 'passed',
      proof: 'passed',
      issuer: 'skipped',
      validity: 'passed',
      status: 'passed',
      schema: 'passed',
    });
  });

  it('suspend → suspended; reinstate → verified; revoke → revoked; un-revoke → 409', async () => {
    const update = (status: string) =>
      call(
        server.url,
        'POST',
        '/credentials/status',
        { credentialId: issued.id, credentialStatus: [{ type: 'BitstringStatusListEntry', status }] },
        TOKEN,
      );
    expect((await update('suspended')).status).toBe(200);
    let r = await employerVerifier(() => server).verifyCredential(issued);
    expect(r.verified).toBe(false);
    expect(r.checks.find((c) => c.id === 'status')?.problem?.title).toBe('CREDENTIAL_SUSPENDED');

    expect((await update('unsuspended')).status).toBe(200);
    r = await employerVerifier(() => server).verifyCredential(issued);
    expect(r.verified).toBe(true);

    expect((await update('revoked')).status).toBe(200);
    r = await employerVerifier(() => server).verifyCredential(issued);
    expect(r.verified).toBe(false);
    expect(r.checks.find((c) => c.id === 'status')?.problem).toMatchObject({
      title: 'CREDENTIAL_REVOKED',
      detail: 'This credential was revoked by its issuer.',
    });

    const undo = await update('unsuspended');
    expect(undo.status).toBe(409);
    expect(undo.headers.get('content-type')).toMatch(/^application\/problem\+json/);
  });

  it('the service verify endpoint agrees (422 verified:false, revoked)', async () => {
    const res = await call(server.url, 'POST', '/credentials/verify', { verifiableCredential: issued });
    expect(res.status).toBe(422);
    expect(res.json.verified).toBe(false);
    expect(res.json.problems.map((p: any) => p.title)).toContain('CREDENTIAL_REVOKED');
  });

  it('restart on the same data folder: record and revocation still there, new indexes never reuse old ones', async () => {
    const before = await call(server.url, 'GET', `/credentials/${encodeURIComponent(issued.id)}`, undefined, TOKEN);
    expect(before.status).toBe(200);
    const moreBefore: any[] = [];
    for (let i = 0; i < 5; i++)
      moreBefore.push(
        (await call(server.url, 'POST', '/credentials/issue', { credential: fixture }, TOKEN)).json
          .verifiableCredential,
      );
    await server.stop();
    server = await startIssuer(env);

    const after = await call(server.url, 'GET', `/credentials/${encodeURIComponent(issued.id)}`, undefined, TOKEN);
    expect(after.status).toBe(200);
    expect(after.json.verifiableCredential).toEqual(issued);
    expect(after.json.record.revoked).toBe(true);
    const r = await employerVerifier(() => server).verifyCredential(issued);
    expect(r.checks.find((c) => c.id === 'status')?.problem?.title).toBe('CREDENTIAL_REVOKED');
    const r2 = await employerVerifier(() => server).verifyCredential(moreBefore[0]);
    expect(r2.verified).toBe(true);

    const used = new Set(
      [issued, ...moreBefore].flatMap((c) =>
        c.credentialStatus.map((s: any) => `${s.statusListCredential}#${s.statusListIndex}`),
      ),
    );
    expect(used.size).toBe(18);
    for (let i = 0; i < 20; i++) {
      const c = (await call(server.url, 'POST', '/credentials/issue', { credential: fixture }, TOKEN)).json
        .verifiableCredential;
      for (const s of c.credentialStatus) {
        const k = `${s.statusListCredential}#${s.statusListIndex}`;
        expect(used.has(k)).toBe(false);
        used.add(k);
      }
    }
  });
});
