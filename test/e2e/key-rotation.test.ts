import { copyFileSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import {
  createDidResolver,
  createDidWebResolver,
  createDocumentLoader,
  type GuardedFetch,
  generateSigningKey,
  importSigningKey,
  type SerializedSigningKey,
  signCredential,
} from '@repo/core';
import { loadPinnedContexts } from '@repo/schemas';
import { createVerifier } from '@repo/verifier';
import { afterAll, describe, expect, it } from 'vitest';
import { DEV_TOKEN, DID, didWebFixture, PUBLIC, script } from '../helpers/did-web-issuer-scripts.ts';
import {
  call,
  type IssuerProcess,
  runIssuerExpectingExit,
  startIssuer,
  tempDataDir,
} from '../helpers/issuer-process.ts';

const TOKEN = DEV_TOKEN;
const ROOT = new URL('../..', import.meta.url).pathname;

describe('Key rotation of a did:web issuer (DID Core §5.3 assertionMethod; a retired key vouches only for what it signed before)', () => {
  const data = tempDataDir();
  const keyFile = join(data.dir, 'issuer-key.json');
  const oldKeyFile = join(data.dir, 'issuer-key.before-rotation.json');
  const env = { DATA_DIR: data.dir, PUBLIC_BASE_URL: PUBLIC, ISSUER_KEY_FILE: keyFile };
  const credential = didWebFixture();
  let server: IssuerProcess | undefined;
  let key1: SerializedSigningKey;
  let before: Record<string, any>;
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

  it('issues with key-1, rotates with scripts/rotate-key.ts, issues with key-2; both verify; the old key is marked retired and its secret is gone', async () => {
    key1 = (await generateSigningKey({ didWeb: DID, fragment: 'key-1' })).serialized;
    writeFileSync(keyFile, JSON.stringify(key1));

    server = await startIssuer(env);
    before = (await call(server.url, 'POST', '/credentials/issue', { credential }, TOKEN)).json.verifiableCredential;
    expect(before.proof.verificationMethod).toBe(`${DID}#key-1`);
    await server.stop();

    copyFileSync(keyFile, oldKeyFile);
    const rotated = script('rotate-key', '--key-file', keyFile);
    expect(rotated.status, rotated.stderr).toBe(0);
    expect(rotated.stdout).toContain(`new signing key: ${DID}#key-2`);
    expect(rotated.stdout).toContain(`retired: ${DID}#key-1`);
    expect(rotated.stdout + rotated.stderr).not.toContain(key1.secretKeyMultibase);
    // The rotated key file keeps only the public part of key-1: no copy of it can sign with key-1.
    expect(readFileSync(keyFile, 'utf8')).not.toContain(key1.secretKeyMultibase);

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

  it('F8 the issuer refuses to start with the key file from before the rotation: its signing key is retired', async () => {
    await server!.stop();
    const r = await runIssuerExpectingExit({ ...env, ISSUER_KEY_FILE: oldKeyFile });
    expect(r.code).toBe(1);
    expect(r.output).toContain(`The key file's signing key ${DID}#key-1 was retired on`);
    expect(r.output).toContain('the issuer never signs with a retired key');
    expect(r.output).not.toContain(key1.secretKeyMultibase);
    server = await startIssuer(env);
  });

  it('a credential signed with key-1 (its old secret) dated after the retirement fails: INVALID_VERIFICATION_METHOD "signed with a key retired on …"', async () => {
    const retiredAt = JSON.parse(readFileSync(keyFile, 'utf8')).keys[0].retiredAt as string;
    const documentLoader = createDocumentLoader({ contexts: loadPinnedContexts() });
    const { proof: _proof, ...unsigned } = before;
    const forged = await signCredential(
      { ...unsigned, id: 'urn:uuid:0f0f0f0f-0000-4000-8000-00000000f0f0' },
      { key: await importSigningKey(key1), documentLoader, now: new Date(Date.parse(retiredAt) + 2000) },
    );
    const r = await verifier().verifyCredential(forged);
    expect(r.verified).toBe(false);
    expect(r.problems).toMatchObject([{ title: 'INVALID_VERIFICATION_METHOD', pointer: '/proof/created' }]);
    expect(r.problems[0]!.detail).toContain(`signed with a key retired on ${new Date(retiredAt).toISOString()}`);
    // The issuer's own verifier (its DID document from memory) says the same.
    const own = await call(server!.url, 'POST', '/credentials/verify', { verifiableCredential: forged });
    expect(own.status).toBe(422);
    expect(own.json.problems[0]).toMatchObject({ title: 'INVALID_VERIFICATION_METHOD', pointer: '/proof/created' });
  });

  it('rotate-key --add adds a key beside the signing key and leaves the signing key as it is', async () => {
    await server!.stop();
    const added = script('rotate-key', '--key-file', keyFile, '--algorithm', 'P-256', '--add');
    expect(added.status, added.stderr).toBe(0);
    expect(added.stdout).toContain(`added key: ${DID}#key-3 (P-256); signing key unchanged: ${DID}#key-2`);
    const file = JSON.parse(readFileSync(keyFile, 'utf8'));
    expect(file.signing).toBe(`${DID}#key-2`);
    expect(file.keys.map((k: any) => [k.id, k.retiredAt === undefined])).toEqual([
      [`${DID}#key-1`, false],
      [`${DID}#key-2`, true],
      [`${DID}#key-3`, true],
    ]);
    server = await startIssuer(env);
    const eddsa = (await call(server.url, 'POST', '/credentials/issue', { credential }, TOKEN)).json;
    expect(eddsa.verifiableCredential.proof.verificationMethod).toBe(`${DID}#key-2`);
    const ecdsa = await call(
      server.url,
      'POST',
      '/credentials/issue',
      { credential, options: { cryptosuite: 'ecdsa-rdfc-2019' } },
      TOKEN,
    );
    expect(ecdsa.json.verifiableCredential.proof.verificationMethod).toBe(`${DID}#key-3`);
    expect((await verifier().verifyCredential(ecdsa.json.verifiableCredential)).verified).toBe(true);
  });

  it('a did:key issuer cannot rotate (its DID is its key)', () => {
    const file = join(data.dir, 'didkey.json');
    writeFileSync(file, readFileSync(join(ROOT, 'keys-example', 'issuer-key.json')));
    const r = script('rotate-key', '--key-file', file);
    expect(r.status).toBe(1);
    expect(r.stderr).toContain('Only a did:web issuer can rotate keys');
  });
});
