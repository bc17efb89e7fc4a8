/**
 * Batch rows issued in the signing workers (`SigningPool.issueRows`, the compiled worker module)
 * are checked exactly as `POST /credentials/issue` checks the same body: each row's problem (code,
 * status, pointer) is the one the issue route answers, the issued credentials verify, and each
 * status entry is an index the record holds, never one another credential holds (S10). A row the
 * workers cannot issue (a related resource: a store read) is issued on the main thread.
 */
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { loadPinnedContexts } from '@repo/schemas';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApp } from '../../packages/issuer/src/app.ts';
import { createSigningPool, type SigningPool } from '../../packages/issuer/src/workers/signing-pool.ts';
import { buildSignWorker } from '../../packages/issuer/src/workers/worker-bundle.ts';
import { EXAMPLE_KEY, type IssuerApp, TOKENS } from '../helpers/issuer-app.ts';
import { call, tempDataDir } from '../helpers/issuer-process.ts';
import { ACHIEVEMENT, finished, get, lines, safety, startBatchApp, upload, WORKER } from './batch-app.ts';

let issuer: IssuerApp;
let pool: SigningPool;
let server: Server;
let url: string;
const temp = tempDataDir();

beforeAll(async () => {
  issuer = await startBatchApp({ batchChunkRows: 5 });
  const script = await buildSignWorker(join(temp.dir, 'workers', 'sign-worker.mjs'));
  pool = await createSigningPool({ keys: EXAMPLE_KEY, contexts: loadPinnedContexts(), size: 2, script });
  server = createServer(createApp({ ...issuer.deps, signingPool: pool }));
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  expect((await call(url, 'POST', '/achievements', safety(), TOKENS.full)).status).toBe(201);
});
afterAll(async () => {
  await new Promise<void>((resolve) => {
    server?.close(() => resolve());
    server?.closeAllConnections();
  });
  await pool?.close();
  await issuer?.close();
  temp.cleanup();
});

describe('I3 S10 batch rows in the signing workers', () => {
  it('each row is refused or issued exactly as POST /credentials/issue treats the same body', async () => {
    const full = (await call(url, 'GET', `/achievements/${encodeURIComponent(ACHIEVEMENT)}`)).json;
    const credential = (change: Record<string, unknown> = {}) => ({
      '@context': [
        'https://www.w3.org/ns/credentials/v2',
        'https://purl.imsglobal.org/spec/ob/v3p0/context-3.0.3.json',
      ],
      type: ['VerifiableCredential', 'OpenBadgeCredential'],
      issuer: { id: issuer.deps.key.controller, type: ['Profile'] },
      name: 'Safety basics',
      credentialSubject: { id: WORKER, type: ['AchievementSubject'], achievement: full },
      ...change,
    });
    const bodies: Record<string, unknown>[] = [
      { achievement: ACHIEVEMENT, recipient: { email: 'lin@example.org' }, fields: { creditsEarned: 2 } },
      { achievement: ACHIEVEMENT, recipient: { email: 'nobody' } },
      { achievement: 'https://college.example/achievements/none', recipient: { id: WORKER } },
      { achievement: ACHIEVEMENT, recipient: { id: WORKER }, fields: { creditsEarned: 'many' } },
      { achievement: ACHIEVEMENT, recipient: { id: WORKER }, fields: { colour: 'red' } },
      { achievement: ACHIEVEMENT, recipient: { id: WORKER }, achievementVersion: 7 },
      { achievement: ACHIEVEMENT, recipient: { id: WORKER }, fields: { validUntil: '2001-01-01T00:00:00Z' } },
      { credential: credential() },
      { credential: credential({ issuer: 'did:example:someone-else' }) },
      { credential: credential(), options: { credentialStatus: ['revocation'] } },
      // Fewer entries than the workers were given indexes for: the others go back.
      {
        credential: credential(),
        options: { credentialStatus: { type: 'BitstringStatusListEntry', statusPurpose: 'revocation' } },
      },
      // A purpose the workers were given no index for (VC 1.1 gets none by default): issued on the main thread.
      {
        credential: credential(),
        options: {
          credentialStatus: [
            { type: 'BitstringStatusListEntry', statusPurpose: 'message' },
            { type: 'BitstringStatusListEntry', statusPurpose: 'suspension' },
            { type: 'BitstringStatusListEntry', statusPurpose: 'revocation' },
          ],
        },
      },
      {
        credential: credential({
          relatedResource: [{ id: 'https://example.org/r', digestSRI: 'sha384-nothing-to-see' }],
        }),
      },
      // A related resource is looked up in the store: issued on the main thread, as the route does.
      {
        credential: credential({
          relatedResource: [
            { id: 'https://example.org/r', digestSRI: `sha384-${Buffer.alloc(48, 7).toString('base64')}` },
          ],
        }),
      },
      {
        credential: credential({
          relatedResource: [{ id: 'urn:uuid:9a7b4e0c-0000-4000-8000-000000000000', digestMultibase: 'uEiAA' }],
        }),
      },
      { achievement: ACHIEVEMENT, recipient: { id: WORKER }, credential: credential() },
    ];
    const body = bodies.map((b, i) => `${JSON.stringify({ rowKey: `w-${i}`, ...b })}\n`).join('');
    const res = await upload(url, body, 'application/x-ndjson');
    expect(res.status).toBe(202);
    const job = await finished(url, res.json.id);
    expect(job.state).toBe('completed');
    const rows = lines((await get(url, `/credentials/issue/batch/${job.id}/results`)).text);
    expect(rows).toHaveLength(bodies.length);
    const creds = lines((await get(url, `/credentials/issue/batch/${job.id}/credentials`)).text);
    let issued = 0;
    for (const [i, b] of bodies.entries()) {
      const direct = await call(url, 'POST', '/credentials/issue', b, TOKENS.full);
      const row = rows[i];
      if (direct.status === 201) {
        expect(row.status, `row ${i + 1}`).toBe('issued');
        issued++;
      } else {
        expect(row.status, `row ${i + 1}`).toBe('failed');
        expect(
          [row.problem.code, row.problem.status, row.problem.pointer],
          `row ${i + 1}: ${JSON.stringify(direct.json)}`,
        ).toEqual([direct.json.title, direct.status, direct.json.pointer]);
      }
    }
    expect(issued).toBe(5);
    expect(rows.filter((r) => r.status === 'failed')).toHaveLength(bodies.length - 5);
    expect(creds).toHaveLength(issued);
    const seen = new Set<string>();
    for (const { verifiableCredential: vc } of creds) {
      expect((await call(url, 'POST', '/credentials/verify', { verifiableCredential: vc })).json.verified).toBe(true);
      const record = await issuer.deps.store.getRecord(vc.id);
      const entries = [vc.credentialStatus ?? []].flat() as Array<{ id: string; statusListIndex: string }>;
      expect(entries.length).toBeGreaterThan(0);
      // The record holds exactly the indexes the credential's entries name, and no other does.
      expect(entries.map((e) => Number(e.statusListIndex))).toEqual(record!.statuses.map((s) => s.index));
      for (const e of entries) {
        expect(seen.has(e.id)).toBe(false);
        seen.add(e.id);
      }
    }
  });
});
