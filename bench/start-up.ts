/**
 * Start-up over a large registry (issue 12: "a state system migrates a registry of hundreds of
 * thousands"): the issuer rebuilds its status lists from every stored record and index entry
 * before it listens (status/replay-store.ts), and scans the keys of its absent-key filter in the
 * background. This fills a fresh data folder with `records` issued records (the bench fixture with
 * three status entries each, distinct ids and indexes; stored as the issue route stores them, one
 * `putIssued` a 500; one in 5,000 signed afresh, the rest carrying a copy of its proof: start-up
 * reads records, it does not verify them), then starts the issuer over it `starts` times as `npm
 * start` does, printing for each: seconds until it logs "issuer listening", its peak RSS, and its
 * CPU seconds (all threads) until then and 3 s later (the background key scan). No peer: the DCC
 * signing-service stores nothing, so it has nothing to rebuild.
 *
 * Usage: node --import tsx bench/start-up.ts [records=100000] [starts=2]
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createDocumentLoader, signCredential } from '@repo/core';
import { loadPinnedContexts } from '@repo/schemas';
import { issuedRecord } from '../packages/issuer/src/issuance/sign-and-store.ts';
import { openLevelStore } from '../packages/issuer/src/store/level-store.ts';
import type { CredentialRecord, StatusAssignment } from '../packages/issuer/src/store/types.ts';
import { credential, key, now } from './fixture.ts';
import { numArg } from './lib/report.ts';
import { cpuSecondsOf, memoryOf, startOurIssuer } from './lib/servers.ts';

const records = numArg(0, 100_000);
const starts = numArg(1, 2);
const LIST_SIZE = 131_072;
const BASE = 'https://issuer.bench.example/status';
const PURPOSES = ['revocation', 'suspension', 'lifecycle'] as const;

const dir = mkdtempSync(join(tmpdir(), 'bench-start-up-'));
try {
  const t0 = performance.now();
  const documentLoader = createDocumentLoader({ contexts: loadPinnedContexts(), refuseVocab: true });
  const store = await openLevelStore(join(dir, 'db'));
  let proof: unknown;
  for (let from = 0; from < records; from += 500) {
    const chunk: CredentialRecord[] = [];
    const json: string[] = [];
    for (let i = from; i < Math.min(records, from + 500); i++) {
      const id = `urn:uuid:7d2f3a64-8a7e-4d1c-9a51-${String(i).padStart(12, '0')}`;
      const statuses: StatusAssignment[] = PURPOSES.map((purpose) => ({
        purpose,
        list: Math.floor(i / LIST_SIZE),
        index: i % LIST_SIZE,
      }));
      const unsigned = {
        ...credential,
        id,
        credentialStatus: statuses.map((s) => ({
          id: `${BASE}/${s.purpose}/${s.list}#${s.index}`,
          type: 'BitstringStatusListEntry',
          statusPurpose: s.purpose === 'lifecycle' ? 'message' : s.purpose,
          statusListIndex: String(s.index),
          statusListCredential: `${BASE}/${s.purpose}/${s.list}`,
        })),
      };
      if (i % 5000 === 0) proof = (await signCredential(unsigned, { key, documentLoader, now })).proof;
      chunk.push(issuedRecord(id, { signed: {} }, statuses, 'bench', '2026-06-01T00:00:00Z'));
      json.push(JSON.stringify({ ...unsigned, proof }));
    }
    await store.putIssued({ records: chunk, credentialJson: json });
  }
  await store.close();
  console.log(`${records.toLocaleString('en-US')} records stored in ${((performance.now() - t0) / 1000).toFixed(1)} s`);

  for (let s = 1; s <= starts; s++) {
    const t = performance.now();
    const issuer = await startOurIssuer({ DATA_DIR: dir });
    const listening = (performance.now() - t) / 1000;
    const cpuAtListen = cpuSecondsOf(issuer.pid);
    const peakAtListen = memoryOf(issuer.pid).peakMb;
    await new Promise((r) => setTimeout(r, 3000));
    const later = { cpu: cpuSecondsOf(issuer.pid), peak: memoryOf(issuer.pid).peakMb };
    await issuer.stop();
    console.log(
      `  start ${s}: listening after ${listening.toFixed(1)} s, peak RSS ${peakAtListen.toFixed(0)} MB, CPU ${cpuAtListen.toFixed(1)} s; 3 s later peak ${later.peak.toFixed(0)} MB, CPU ${later.cpu.toFixed(1)} s`,
    );
  }
} finally {
  rmSync(dir, { recursive: true, force: true });
}
