import { spawnSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { createDidResolver, createDidWebResolver, type GuardedFetch, generateSigningKey } from '@repo/core';
import { createVerifier } from '@repo/verifier';
import { afterAll, describe, expect, it } from 'vitest';
import { call, type IssuerProcess, startIssuer, tempDataDir } from '../helpers/issuer-process.ts';

const TOKEN = 'dev-token-NOT-FOR-PRODUCTION';
const PUBLIC = 'https://issuer.example.test';
const DID = 'did:web:issuer.example.test';
const ROOT = new URL('../..', import.meta.url).pathname;
const fixture = JSON.parse(readFileSync(new URL('../fixtures/ob3-certification.json', import.meta.url), 'utf8'));

describe('Key rotation of a did:web issuer (DID Core §5.3 assertionMethod; old credentials keep verifying)', () => {
  const data = tempDataDir();
  const keyFile = join(data.dir, 'issuer-key.json');
  let server: IssuerProcess | undefined;
  afterAll(async () => {
    await server?.stop();
    data.cleanup();
  });

  /** An employer's verifier that resolves did:web and status lists from the running server (a TLS front in production). */
  function verifier() {
    const loopback = (url: string) => server!.url + url.slice(PUBLIC.length);
    const fetch: GuardedFetch = async (url) => {
      const res = await globalThis.fetch(loopback(url));
      const body = Buffer.from(await res.arrayBuffer());
      if (res.status !== 200) throw new Error(`HTTP ${res.status}`);
      return { status: res.status, headers: {}, body, json: () => JSON.parse(body.toString('utf8')) };
    };
    return createVerifier({
      now: () => new Date(Date.now() + 1000),
      didResolver: createDidResolver({ extra: { web: createDidWebResolver({ fetch }) } }),
      fetchStatusList: async (url) => (await fetch(url)).json(),
      fetchRefresh: async (url) => (await fetch(url)).json(),
    });
  }

  it('issues with key-1, rotates with scripts/rotate-key.ts, issues with key-2; both verify; the old key is marked retired', async () => {
    const { serialized } = await generateSigningKey({ didWeb: DID, fragment: 'key-1' });
    writeFileSync(keyFile, JSON.stringify(serialized));
    const env = { DATA_DIR: data.dir, PUBLIC_BASE_URL: PUBLIC, ISSUER_KEY_FILE: keyFile };
    const credential = { ...fixture, issuer: { ...fixture.issuer, id: DID } };

    server = await startIssuer(env);
    const before = (await call(server.url, 'POST', '/credentials/issue', { credential }, TOKEN)).json
      .verifiableCredential;
    expect(before.proof.verificationMethod).toBe(`${DID}#key-1`);
    await server.stop();

    const rotated = spawnSync(
      process.execPath,
      ['--import', 'tsx', join(ROOT, 'scripts', 'rotate-key.ts'), '--key-file', keyFile],
      { cwd: ROOT, encoding: 'utf8' },
    );
    expect(rotated.status, rotated.stderr).toBe(0);
    expect(rotated.stdout).toContain(`new signing key: ${DID}#key-2`);
    expect(rotated.stdout + rotated.stderr).not.toContain(serialized.secretKeyMultibase);

    server = await startIssuer(env);
    const doc = (await call(server.url, 'GET', '/.well-known/did.json')).json;
    expect(doc.assertionMethod).toEqual([`${DID}#key-2`, `${DID}#key-1`]);
    expect(doc.authentication).toEqual([`${DID}#key-2`]);
    expect(doc.verificationMethod.map((m: any) => [m.id, typeof m.retiredAt])).toEqual([
      [`${DID}#key-2`, 'undefined'],
      [`${DID}#key-1`, 'string'],
    ]);
    expect(JSON.stringify(doc)).not.toContain('secretKeyMultibase');

    const after = (await call(server.url, 'POST', '/credentials/issue', { credential }, TOKEN)).json
      .verifiableCredential;
    expect(after.proof.verificationMethod).toBe(`${DID}#key-2`);

    const v = verifier();
    for (const vc of [before, after]) {
      const r = await v.verifyCredential(vc);
      expect(r.problems).toEqual([]);
      expect(r.verified).toBe(true);
    }
    // The status list is now signed by key-2 and still vouches for the credential signed by key-1.
    const revoke = await call(
      server.url,
      'POST',
      '/credentials/status',
      { credentialId: before.id, credentialStatus: [{ type: 'BitstringStatusListEntry', status: 'revoked' }] },
      TOKEN,
    );
    expect(revoke.status).toBe(200);
    const list = (await call(server.url, 'GET', '/status/revocation/0')).json;
    expect(list.proof.verificationMethod).toBe(`${DID}#key-2`);
    const revoked = await verifier().verifyCredential(before);
    expect(revoked.problems.map((p) => p.title)).toEqual(['CREDENTIAL_REVOKED']);
  });

  it('a did:key issuer cannot rotate (its DID is its key)', () => {
    const file = join(data.dir, 'didkey.json');
    writeFileSync(file, readFileSync(join(ROOT, 'keys-example', 'issuer-key.json')));
    const r = spawnSync(
      process.execPath,
      ['--import', 'tsx', join(ROOT, 'scripts', 'rotate-key.ts'), '--key-file', file],
      { cwd: ROOT, encoding: 'utf8' },
    );
    expect(r.status).toBe(1);
    expect(r.stderr).toContain('Only a did:web issuer can rotate keys');
  });
});
