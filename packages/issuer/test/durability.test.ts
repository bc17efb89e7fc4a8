import { decodeList, readStatus } from '@repo/core';
import { afterEach, describe, expect, it } from 'vitest';
import { type IssuerApp, startIssuerApp, TOKENS } from '../../../test/helpers/issuer-app.ts';
import { runIssuerExpectingExit, tempDataDir } from '../../../test/helpers/issuer-process.ts';
import { call, ob3 } from './support.ts';

const cleanups: Array<() => Promise<void> | void> = [];
afterEach(async () => {
  for (const c of cleanups.splice(0).reverse()) await c();
});

describe('One process per data folder (SECURITY-CHECKLIST F6)', () => {
  it('F6 a second server process on the same data folder exits non-zero naming the lock; the first still serves', async () => {
    const data = tempDataDir();
    cleanups.push(data.cleanup);
    const first = await startIssuerApp({ dataDir: data.dir });
    cleanups.push(() => first.close());
    const before = await call(first.url, 'POST', '/credentials/issue', { credential: ob3() }, TOKENS.full);
    expect(before.status).toBe(201);

    const second = await runIssuerExpectingExit({ DATA_DIR: data.dir, LOG_LEVEL: 'info' });
    expect(second.code).not.toBe(0);
    expect(second.output).toMatch(/in use by another process/);
    expect(second.output).toMatch(/lock/i);
    expect(second.output).not.toContain('issuer listening');

    const after = await call(first.url, 'POST', '/credentials/issue', { credential: ob3() }, TOKENS.full);
    expect(after.status, after.text).toBe(201);
    const read = await call(
      first.url,
      'GET',
      `/credentials/${encodeURIComponent(before.json.verifiableCredential.id)}`,
      undefined,
      TOKENS.full,
    );
    expect(read.status).toBe(200);
    expect(read.json.verifiableCredential).toEqual(before.json.verifiableCredential);
  });

  it('F6 a second in-process store on the same folder is refused too, with the lock message', async () => {
    const data = tempDataDir();
    cleanups.push(data.cleanup);
    const first = await startIssuerApp({ dataDir: data.dir });
    cleanups.push(() => first.close());
    await expect(startIssuerApp({ dataDir: data.dir })).rejects.toThrow(/in use by another process/);
    expect((await call(first.url, 'POST', '/credentials/issue', { credential: ob3() }, TOKENS.full)).status).toBe(201);
  });
});

describe('Records survive a restart; lists are rebuilt from them (SECURITY-CHECKLIST F1, S10, S11)', () => {
  it('after close and reopen: records unchanged, revocation and suspension bits rebuilt, no index reused', async () => {
    const data = tempDataDir();
    cleanups.push(data.cleanup);
    let issuer: IssuerApp = await startIssuerApp({ dataDir: data.dir });
    const issued: Record<string, any>[] = [];
    for (let i = 0; i < 10; i++)
      issued.push(
        (await call(issuer.url, 'POST', '/credentials/issue', { credential: ob3() }, TOKENS.full)).json
          .verifiableCredential,
      );
    const status = (id: string, s: string) =>
      call(
        issuer.url,
        'POST',
        '/credentials/status',
        { credentialId: id, credentialStatus: [{ type: 'BitstringStatusListEntry', status: s }] },
        TOKENS.full,
      );
    expect((await status(issued[0]!.id, 'revoked')).status).toBe(200);
    expect((await status(issued[1]!.id, 'suspended')).status).toBe(200);
    const usage = issuer.deps.registry.usage();
    const records = await Promise.all(issued.map((vc) => issuer.deps.store.getRecord(vc.id)));
    await issuer.close();

    issuer = await startIssuerApp({ dataDir: data.dir });
    cleanups.push(() => issuer.close());
    expect(issuer.deps.registry.usage()).toEqual(usage);
    expect(await Promise.all(issued.map((vc) => issuer.deps.store.getRecord(vc.id)))).toEqual(records);

    const bitsOf = async (purpose: string) => {
      const res = await fetch(`${issuer.url}/status/${purpose}/0`);
      return decodeList(((await res.json()) as any).credentialSubject.encodedList);
    };
    const index = (vc: Record<string, any>, purpose: string) =>
      Number(vc.credentialStatus.find((s: any) => s.statusPurpose === purpose).statusListIndex);
    const revocation = await bitsOf('revocation');
    const suspension = await bitsOf('suspension');
    expect(readStatus(revocation, index(issued[0]!, 'revocation'))).toBe(1);
    expect(readStatus(suspension, index(issued[1]!, 'suspension'))).toBe(1);
    expect(readStatus(revocation, index(issued[2]!, 'revocation'))).toBe(0);
    // Revocation stays final across the restart.
    expect((await status(issued[0]!.id, 'unsuspended')).status).toBe(409);

    const used = new Set(issued.flatMap((vc) => vc.credentialStatus.map((s: any) => s.id)));
    for (let i = 0; i < 10; i++) {
      const vc = (await call(issuer.url, 'POST', '/credentials/issue', { credential: ob3() }, TOKENS.full)).json
        .verifiableCredential;
      for (const s of vc.credentialStatus) {
        expect(used.has(s.id)).toBe(false);
        used.add(s.id);
      }
    }
    expect(used.size).toBe(60);
  });
});
