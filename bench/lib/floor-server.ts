/**
 * The floor of HTTP single issue on this machine: a bare `node:http` server that does nothing a
 * request but read the body, `JSON.parse` it, give the credential an id, sign it in the issuer's
 * own signing pool (packages/issuer/src/workers/signing-pool.ts, the worker compiled as `npm start`
 * compiles it, 2 threads on 2 cores) and answer 201 with `{ verifiableCredential }` — no Express, no
 * token check, no schema or request checks, no status entries, no storage, no log line. What the
 * issuer does beyond this is its own cost; what this costs is the machine's (HTTP + the signature).
 * Mode `store` also stores each signed credential durably before answering, as the issuer must
 * (one LevelDB batch with `sync: true` a request, in a database with the issuer's block size;
 * LevelDB itself commits concurrent writers together). Mode `echo` answers the parsed credential
 * with a fixed proof instead of signing: HTTP alone.
 *
 * Started by bench/http-issue.ts (`floor`): `node --heap-growing-percent=50 --import tsx
 * bench/lib/floor-server.ts sign|store|echo KEYFILE WORKDIR`; prints `floor listening <url>`.
 */
import { randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { createServer } from 'node:http';
import { availableParallelism } from 'node:os';
import { join } from 'node:path';
import { loadPinnedContexts } from '@repo/schemas';
import { Level } from 'level';
import { createSigningPool } from '../../packages/issuer/src/workers/signing-pool.ts';
import { buildSignWorker } from '../../packages/issuer/src/workers/worker-bundle.ts';

const [mode = 'sign', keyFile, workDir] = process.argv.slice(2);
if (!keyFile || !workDir || !['sign', 'store', 'echo'].includes(mode)) {
  throw new Error('usage: floor-server.ts sign|store|echo KEYFILE WORKDIR');
}
const keys = JSON.parse(readFileSync(keyFile, 'utf8'));
const pool =
  mode !== 'echo'
    ? await createSigningPool({
        keys,
        contexts: loadPinnedContexts(),
        size: availableParallelism(),
        script: await buildSignWorker(join(workDir, 'sign-worker.mjs')),
      })
    : undefined;
const db = mode === 'store' ? new Level<string, string>(join(workDir, 'db'), { blockSize: 32 * 1024 }) : undefined;
await db?.open();
const ECHO_PROOF = { type: 'DataIntegrityProof', cryptosuite: 'eddsa-rdfc-2022', proofValue: 'z' };

const server = createServer((req, res) => {
  const chunks: Buffer[] = [];
  req.on('data', (c: Buffer) => chunks.push(c));
  req.on('end', () => {
    const answer = (status: number, body: unknown) => {
      const text = JSON.stringify(body);
      res.writeHead(status, { 'content-type': 'application/json', 'content-length': Buffer.byteLength(text) });
      res.end(text);
    };
    let credential: Record<string, unknown>;
    try {
      credential = { ...JSON.parse(Buffer.concat(chunks).toString('utf8')).credential, id: `urn:uuid:${randomUUID()}` };
    } catch {
      answer(400, { title: 'not JSON' });
      return;
    }
    if (!pool) {
      answer(201, { verifiableCredential: { ...credential, proof: ECHO_PROOF } });
      return;
    }
    pool.sign(credential, { created: new Date() }).then(
      async (signed) => {
        const text = JSON.stringify(signed);
        await db?.batch([{ type: 'put', key: `rec!${signed.id}`, value: text }], { sync: true });
        answer(201, { verifiableCredential: signed });
      },
      (error: Error) => answer(500, { title: error.message }),
    );
  });
});
server.listen(0, '127.0.0.1', () => {
  const { port } = server.address() as { port: number };
  console.log(`floor listening http://127.0.0.1:${port}`);
});
process.once('SIGTERM', () => {
  server.close();
  void Promise.all([pool?.close(), db?.close()]).then(() => process.exit(0));
  if (!pool) process.exit(0);
});
