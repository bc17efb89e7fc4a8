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

describe('revoke-key: a compromised key is revoked (Controlled Identifiers 1.0 §2.2.4 revoked); nothing it signed verifies', () => {
  const data = tempDataDir();
  const keyFile = join(data.dir, 'issuer-key.json');
  const beforeRevocation = join(data.dir, 'issuer-key.before-revocation.json');
  const didFile = join(data.dir, 'did.json');
  const env = { DATA_DIR: data.dir, PUBLIC_BASE_URL: PUBLIC, ISSUER_KEY_FILE: keyFile };
  const credential = didWebFixture();
  let server: IssuerProcess | undefined;
  let key1: SerializedSigningKey;
  /** Signed by key-1 before the rotation: an embedded proof and an Open Badges 3.0 §8.2 JWT. */
  let signed: { di: Record<string, any>; jwt: Record<string, any> };
  /** A forgery with key-1's secret, backdated before its retirement: only revocation catches it. */
  let backdated: Record<string, any>;
  afterAll(async () => {
    await server?.stop();
    data.cleanup();
  });

  /** An employer's verifier that resolves did:web and status lists from the running server. */
  function verifier() {
    const fetch: GuardedFetch = async (url) => {
      const res = await globalThis.fetch(server!.url + url.slice(PUBLIC.length));
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
  const issue = async (options?: Record<string, unknown>) =>
    (await call(server!.url, 'POST', '/credentials/issue', { credential, ...(options && { options }) }, TOKEN)).json
      .verifiableCredential;

  it('before: key-1 signs, is rotated out, and what it signed — even a forgery dated before the retirement — still verifies', async () => {
    key1 = (await generateSigningKey({ didWeb: DID, fragment: 'key-1' })).serialized;
    writeFileSync(keyFile, JSON.stringify(key1));
    server = await startIssuer(env);
    signed = { di: await issue(), jwt: await issue({ format: 'jwt' }) };
    await server.stop();
    const rotated = script('rotate-key', '--key-file', keyFile);
    expect(rotated.status, rotated.stderr).toBe(0);
    server = await startIssuer(env);

    const retiredAt = JSON.parse(readFileSync(keyFile, 'utf8')).keys[0].retiredAt as string;
    const { proof: _proof, ...unsigned } = signed.di;
    backdated = await signCredential(
      { ...unsigned, id: 'urn:uuid:0f0f0f0f-0000-4000-8000-00000000bac0' },
      {
        key: await importSigningKey(key1),
        documentLoader: createDocumentLoader({ contexts: loadPinnedContexts() }),
        now: new Date(Date.parse(retiredAt) - 60_000),
      },
    );
    const v = verifier();
    for (const vc of [signed.di, signed.jwt, backdated]) expect((await v.verifyCredential(vc)).problems).toEqual([]);
  });

  it('revoke-key marks key-1 revoked in the key file and the DID document and removes its secret', async () => {
    await server!.stop();
    copyFileSync(keyFile, beforeRevocation);
    const r = script('revoke-key', '--key-file', keyFile, '--key', 'key-1', '--did-document', didFile);
    expect(r.status, r.stderr).toBe(0);
    expect(r.stdout).toMatch(new RegExp(`revoked: ${DID}#key-1 on \\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}:\\d{2}Z`));
    expect(r.stdout).toContain(`signing key: ${DID}#key-2`);
    expect(r.stdout + r.stderr).not.toContain(key1.secretKeyMultibase);
    const file = JSON.parse(readFileSync(keyFile, 'utf8'));
    const entry = file.keys.find((k: any) => k.id === `${DID}#key-1`);
    expect(typeof entry.revoked).toBe('string');
    expect(entry.secretKeyMultibase).toBeUndefined();

    // Controlled Identifiers 1.0 §2.2.4: `revoked` on the verification method; it leaves every
    // verification relationship, so even a verifier that ignores `revoked` refuses it.
    const written = JSON.parse(readFileSync(didFile, 'utf8'));
    server = await startIssuer(env);
    const served = (await call(server.url, 'GET', '/.well-known/did.json')).json;
    expect(served).toEqual(written);
    expect(served.verificationMethod.find((m: any) => m.id === `${DID}#key-1`)).toMatchObject({
      revoked: entry.revoked,
      retiredAt: entry.retiredAt,
    });
    expect(served.assertionMethod).toEqual([`${DID}#key-2`]);
    expect(served.authentication).toEqual([`${DID}#key-2`]);
  });

  it('nothing key-1 signed verifies any more, whatever its date: INVALID_VERIFICATION_METHOD "the key … was revoked on …"', async () => {
    const revoked = JSON.parse(readFileSync(keyFile, 'utf8')).keys[0].revoked as string;
    const v = verifier();
    for (const [vc, pointer] of [
      [signed.di, '/proof/verificationMethod'],
      [backdated, '/proof/verificationMethod'],
      [signed.jwt, '/kid'],
    ] as const) {
      const r = await v.verifyCredential(vc);
      expect(r.verified).toBe(false);
      expect(r.problems).toMatchObject([{ title: 'INVALID_VERIFICATION_METHOD', pointer }]);
      expect(r.problems[0]!.detail).toContain(`(${DID}#key-1) was revoked on ${new Date(revoked).toISOString()}`);
      // The issuer's own verifier, reading its DID document from memory, agrees.
      const own = await call(server!.url, 'POST', '/credentials/verify', { verifiableCredential: vc });
      expect(own.status).toBe(422);
      expect(own.json.problems[0]).toMatchObject({ title: 'INVALID_VERIFICATION_METHOD', pointer });
    }
    // key-2 is untouched.
    expect((await v.verifyCredential(await issue())).verified).toBe(true);
  });

  it('F8 the key file from before the revocation is refused at start-up (the data folder remembers)', async () => {
    await server!.stop();
    const r = await runIssuerExpectingExit({ ...env, ISSUER_KEY_FILE: beforeRevocation });
    expect(r.code).toBe(1);
    expect(r.output).toContain(`The key file does not mark ${DID}#key-1 revoked on`);
    server = await startIssuer(env);
  });

  it('the signing key is revoked only with a replacement (--replace), else the user is told to rotate first', async () => {
    await server!.stop();
    const unchanged = readFileSync(keyFile, 'utf8');
    const refused = script('revoke-key', '--key-file', keyFile, '--key', `${DID}#key-2`);
    expect(refused.status).toBe(1);
    expect(refused.stderr).toContain(`${DID}#key-2 is the signing key`);
    expect(refused.stderr).toContain('--replace');
    expect(refused.stderr).toContain('rotate-key first');
    expect(readFileSync(keyFile, 'utf8')).toBe(unchanged);

    server = await startIssuer(env);
    const byKey2 = await issue();
    await server.stop();
    const replaced = script('revoke-key', '--key-file', keyFile, '--key', 'key-2', '--replace');
    expect(replaced.status, replaced.stderr).toBe(0);
    expect(replaced.stdout).toContain(`signing key: ${DID}#key-3 (new)`);
    const file = JSON.parse(readFileSync(keyFile, 'utf8'));
    expect(file.signing).toBe(`${DID}#key-3`);
    expect(file.keys.find((k: any) => k.id === `${DID}#key-2`)).toMatchObject({
      revoked: expect.any(String),
      retiredAt: expect.any(String),
    });
    expect(file.keys.filter((k: any) => k.secretKeyMultibase !== undefined).map((k: any) => k.id)).toEqual([
      `${DID}#key-3`,
    ]);

    server = await startIssuer(env);
    const byKey3 = await issue();
    expect(byKey3.proof.verificationMethod).toBe(`${DID}#key-3`);
    const v = verifier();
    expect((await v.verifyCredential(byKey3)).verified).toBe(true);
    expect((await v.verifyCredential(byKey2)).problems[0]).toMatchObject({ title: 'INVALID_VERIFICATION_METHOD' });
  });

  it('a did:key issuer cannot revoke its key (its DID is its key); an unknown key is named', () => {
    const didKey = join(data.dir, 'didkey.json');
    writeFileSync(didKey, readFileSync(join(ROOT, 'keys-example', 'issuer-key.json')));
    const r = script('revoke-key', '--key-file', didKey, '--key', 'key-1');
    expect(r.status).toBe(1);
    expect(r.stderr).toContain('Only a did:web issuer can revoke a key');
    const unknown = script('revoke-key', '--key-file', keyFile, '--key', 'key-9');
    expect(unknown.status).toBe(1);
    expect(unknown.stderr).toContain(`The key file has no key ${DID}#key-9`);
  });
});
