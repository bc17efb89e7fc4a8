import { execFileSync } from 'node:child_process';
import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import type { Server } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { importSigningKey } from '@repo/core';
import { type AppDeps, buildDeps, createApp, hashToken, openLevelStore, SCOPES } from '@repo/issuer';
import { loadPinnedContexts } from '@repo/schemas';
import pino from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { call } from '../helpers/issuer-process.ts';

const TOKEN = 'disk-full-test-token-0123456789';
const root = new URL('../..', import.meta.url);
const fixture = JSON.parse(readFileSync(new URL('test/fixtures/ob3-certification.json', root), 'utf8'));

/** A small RAM disk, so "disk full" is real: ENOSPC from the kernel, not a mock. */
function mountSmallDisk(dir: string, size: string): boolean {
  mkdirSync(dir, { recursive: true });
  try {
    execFileSync('mount', ['-t', 'tmpfs', '-o', `size=${size}`, 'tmpfs', dir], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
}

const mountPoint = join(tmpdir(), `issuer-disk-full-${process.pid}`);
const mounted = process.platform === 'linux' && mountSmallDisk(mountPoint, '4m');

// Needs root (mount); CI and development machines here run as root. Elsewhere it is skipped and says so.
describe.skipIf(!mounted)('F3 disk full (real tmpfs of 4 MiB)', () => {
  let server: Server;
  let url: string;
  let deps: AppDeps;
  const filler = join(mountPoint, 'filler.bin');

  beforeAll(async () => {
    const key = await importSigningKey(JSON.parse(readFileSync(new URL('keys-example/issuer-key.json', root), 'utf8')));
    const store = await openLevelStore(join(mountPoint, 'db'));
    deps = await buildDeps({
      store,
      key,
      contexts: loadPinnedContexts(),
      logger: pino({ level: 'silent' }),
      clock: () => new Date('2026-06-01T00:00:00Z'),
      config: {
        publicBaseUrl: 'https://issuer.example.test',
        tokens: [{ name: 'test', sha256: hashToken(TOKEN), scopes: Object.values(SCOPES) }],
        statusListTtlMs: 300_000,
        defaultStatusPurposes: ['revocation', 'suspension'],
        renewableLifecycle: true,
        bodyLimit: 512 * 1024,
        maxDepth: 32,
      },
    });
    server = createApp(deps).listen(0, '127.0.0.1');
    await new Promise((r) => server.once('listening', r));
    const address = server.address();
    url = `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}`;
  });

  afterAll(async () => {
    await new Promise((r) => server?.close(r));
    await deps?.store.close().catch(() => undefined);
    try {
      execFileSync('umount', [mountPoint], { stdio: 'ignore' });
    } catch {}
    rmSync(mountPoint, { recursive: true, force: true });
  });

  it('F3 answers 507 when the disk is full, stores no partial record, and recovers when space returns', async () => {
    const issue = (n: number) =>
      call(
        url,
        'POST',
        '/credentials/issue',
        { credential: { ...fixture, id: `urn:uuid:00000000-0000-4000-8000-${String(n).padStart(12, '0')}` } },
        TOKEN,
      );
    expect((await issue(0)).status).toBe(201);

    // Fill the disk, leaving no room for the next write.
    let chunk = 0;
    try {
      for (;;) writeFileSync(join(mountPoint, `filler-${chunk++}.bin`), Buffer.alloc(64 * 1024, 1));
    } catch {}
    try {
      for (;;) writeFileSync(join(mountPoint, `filler-${chunk++}.bin`), Buffer.alloc(512, 1));
    } catch {}

    let failed: { n: number; status: number; body: any } | undefined;
    for (let n = 1; n <= 50 && !failed; n++) {
      const res = await issue(n);
      if (res.status !== 201) failed = { n, status: res.status, body: res.json };
    }
    expect(failed, 'a full disk must make an issue request fail').toBeDefined();
    expect(failed!.status).toBe(507);
    expect(failed!.body.title).toBe('INSUFFICIENT_STORAGE');
    expect(JSON.stringify(failed!.body)).not.toMatch(/\/tmp|IO error|leveldb/i);

    // Space returns: remove the filler files.
    for (let i = 0; i < chunk; i++) rmSync(join(mountPoint, `filler-${i}.bin`), { force: true });
    rmSync(filler, { force: true });

    const again = await issue(failed!.n);
    expect(again.status).toBe(201);
    // The failed request left nothing behind: the retry with the same id is a fresh 201, not a 409.
    const record = await deps.store.getRecord(
      `urn:uuid:00000000-0000-4000-8000-${String(failed!.n).padStart(12, '0')}`,
    );
    expect(record?.credential).toEqual(again.json.verifiableCredential);
    const later = await issue(1000);
    expect(later.status).toBe(201);
  });
});
