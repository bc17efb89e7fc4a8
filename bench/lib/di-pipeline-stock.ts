/**
 * The stock side of bench/di-pipeline.ts in a worker thread of its own: `@digitalbazaar/vc`
 * `issue` / `verifyCredential` (+ `@digitalbazaar/vc-bitstring-status-list` `checkStatus`), over
 * the same documents from memory (test/differential/pipelines.ts, the list passed in). In its own
 * thread (its own V8 heap and compiled code), its garbage and the library code it shares with ours
 * (jsonld, rdf-canonize) do not slow the other side's rounds, as they do in one thread (see
 * bench/verify-status.ts). Messages: `{ op, n }` → runs `op` `n` times and answers `{ done: n }`;
 * it throws on any answer that is not the expected one.
 */
import { parentPort, workerData } from 'node:worker_threads';
import { DataIntegrityProof } from '@digitalbazaar/data-integrity';
import { cryptosuite } from '@digitalbazaar/eddsa-rdfc-2022-cryptosuite';
import * as vc from '@digitalbazaar/vc';
import { documentLoader as stockLoader, stockSign, stockVerify } from '../../test/differential/pipelines.ts';
import { bitstringStatusList } from '../../test/helpers/peer-libraries.ts';

/** What di-pipeline.ts passes: the documents and the time, as JSON. */
export interface StockData {
  credential: Record<string, unknown>;
  signed: Record<string, unknown>;
  signedWithStatus: Record<string, unknown>;
  list: Record<string, unknown>;
  listUrl: string;
  now: string;
}
/** The operations the stock side runs. */
export type StockOp = 'sign' | 'verify' | 'verifyStatus';

const { credential, signed, signedWithStatus, list, listUrl, now: at } = workerData as StockData;
const now = new Date(at);
// the list too: "cached"; its status check verifies the list
const loaderWithList = async (url: string) =>
  url === listUrl ? { contextUrl: null, documentUrl: url, document: list } : stockLoader(url);
const suite = () => new DataIntegrityProof({ cryptosuite });

const must = (ok: boolean, what: string) => {
  if (!ok) throw new Error(what);
};
const ops: Record<StockOp, () => Promise<unknown>> = {
  sign: () => stockSign(credential, now),
  verify: async () => must(await stockVerify(signed, now), 'stock did not verify'),
  verifyStatus: async () => {
    const r = await vc.verifyCredential({
      credential: signedWithStatus,
      suite: suite(),
      documentLoader: loaderWithList,
      now,
      checkStatus: (o: object) =>
        bitstringStatusList.checkStatus({ ...o, suite: suite(), documentLoader: loaderWithList }),
    });
    must(r.verified && r.statusResult?.verified, `stock did not verify: ${JSON.stringify(r.error ?? r.statusResult)}`);
  },
};

parentPort!.on('message', async ({ op, n }: { op: StockOp; n: number }) => {
  for (let i = 0; i < n; i++) await ops[op]();
  parentPort!.postMessage({ done: n });
});
parentPort!.postMessage({ ready: true });
