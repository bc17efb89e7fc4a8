import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { openLevelStore } from '@repo/issuer';
import { afterAll, describe, expect, it } from 'vitest';
import { call, startIssuer, tempDataDir } from '../helpers/issuer-process.ts';

const TOKEN = 'dev-token-NOT-FOR-PRODUCTION';
const fixture = JSON.parse(readFileSync(new URL('../fixtures/ob3-certification.json', import.meta.url), 'utf8'));

describe('F1 durability: kill -9 during a stream of issue requests', () => {
  const data = tempDataDir();
  const env = { DATA_DIR: data.dir, PUBLIC_BASE_URL: 'https://issuer.example.test', LOG_LEVEL: 'info' };
  afterAll(() => data.cleanup());

  it('F1 every credential answered 201 is stored unchanged, no index is used twice, the store reopens without repair', async () => {
    const answered = new Map<string, unknown>();
    // Three rounds, each killed at a different point of the stream.
    for (const killAfter of [7, 23, 41]) {
      const server = await startIssuer(env);
      let stop = false;
      let reached!: () => void;
      const threshold = new Promise<void>((r) => {
        reached = r;
      });
      let inFlightAtKill = 0;
      let inFlight = 0;
      const worker = async () => {
        while (!stop) {
          try {
            inFlight++;
            const res = await call(server.url, 'POST', '/credentials/issue', { credential: fixture }, TOKEN).finally(
              () => inFlight--,
            );
            if (stop) continue; // answered after the kill signal went out: not counted either way
            if (res.status === 201) {
              answered.set(res.json.verifiableCredential.id, res.json.verifiableCredential);
              if (answered.size >= killAfter) {
                stop = true;
                reached();
              }
            } else {
              throw new Error(`unexpected ${res.status}: ${res.text}`);
            }
          } catch (error) {
            if (!stop) throw error;
          }
        }
      };
      const workers = Array.from({ length: 6 }, worker);
      await Promise.race([threshold, new Promise((r) => setTimeout(r, 60_000))]);
      // The other workers' requests are still in flight when the process dies.
      inFlightAtKill += inFlight;
      await server.kill9();
      expect(inFlightAtKill).toBeGreaterThan(0);
      await Promise.allSettled(workers);
    }
    expect(answered.size).toBeGreaterThanOrEqual(41);

    // The database opens directly, with no repair step, and holds every answered credential.
    const store = await openLevelStore(join(data.dir, 'db'));
    const seen = new Map<string, string>();
    let count = 0;
    try {
      for await (const record of store.records()) {
        count++;
        for (const s of record.statuses) {
          const k = `${s.purpose}/${s.list}/${s.index}`;
          expect(seen.get(k), `index ${k} used by ${seen.get(k)} and ${record.id}`).toBeUndefined();
          seen.set(k, record.id);
        }
      }
      for (const [id, credential] of answered) {
        const record = await store.getRecord(id);
        expect(record?.credential).toEqual(credential);
      }
    } finally {
      await store.close();
    }
    expect(count).toBeGreaterThanOrEqual(answered.size);

    // And the server starts again on the same folder and serves them.
    const server = await startIssuer(env);
    try {
      const [id, credential] = [...answered][0]!;
      const res = await call(server.url, 'GET', `/credentials/${encodeURIComponent(id)}`, undefined, TOKEN);
      expect(res.status).toBe(200);
      expect(res.json.verifiableCredential).toEqual(credential);
      const fresh = (await call(server.url, 'POST', '/credentials/issue', { credential: fixture }, TOKEN)).json
        .verifiableCredential;
      for (const s of fresh.credentialStatus) {
        const purpose = s.statusPurpose;
        const list = s.statusListCredential.split('/').pop();
        expect(seen.has(`${purpose}/${list}/${s.statusListIndex}`)).toBe(false);
      }
    } finally {
      await server.stop();
    }
  }, 180_000);
});
