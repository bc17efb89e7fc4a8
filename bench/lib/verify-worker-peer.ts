/**
 * The peer side of bench/verify-status.ts in a worker thread of its own: `@digitalbazaar/vc`
 * `verifyCredential` + `@digitalbazaar/vc-bitstring-status-list` `checkStatus`, its document
 * loader serving the pinned contexts, did:key documents and the status lists from memory. In its
 * own thread (its own V8 heap and compiled code), its garbage and the library code it shares with
 * ours (jsonld, rdf-canonize) do not slow the other side's rounds, as they did in one thread.
 * Messages: `{ verify: n }` → verifies `n` of the credentials (in turn) and answers
 * `{ verified: n }`; it throws on any credential that does not verify or has a status bit set.
 */
import { parentPort, workerData } from 'node:worker_threads';
import { DataIntegrityProof } from '@digitalbazaar/data-integrity';
import { cryptosuite } from '@digitalbazaar/eddsa-rdfc-2022-cryptosuite';
import * as vc from '@digitalbazaar/vc';
import { loadPinnedContexts } from '@repo/schemas';
import { ed25519DidKeyDocument } from '../../test/helpers/peer-document-loader.ts';
import { bitstringStatusList } from '../../test/helpers/peer-libraries.ts';

const {
  issued,
  lists: listEntries,
  now,
} = workerData as {
  issued: Record<string, unknown>[];
  lists: [string, unknown][];
  now: string;
};
const lists = new Map(listEntries);
const statusNow = new Date(now);
const contexts = loadPinnedContexts();
const documentLoader = async (url: string) => {
  const context = contexts.get(url);
  if (context !== undefined) return { contextUrl: null, documentUrl: url, document: context };
  const list = lists.get(url);
  if (list !== undefined) return { contextUrl: null, documentUrl: url, document: list };
  if (url.startsWith('did:key:')) {
    const [did, fragment] = url.split('#') as [string, string | undefined];
    const doc = ed25519DidKeyDocument(did);
    if (fragment === undefined) return { contextUrl: null, documentUrl: url, document: doc };
    const vm = (doc.verificationMethod as { id: string }[]).find((m) => m.id === url);
    return {
      contextUrl: null,
      documentUrl: url,
      document: { '@context': 'https://w3id.org/security/multikey/v1', ...vm },
    };
  }
  throw new Error(`not found: ${url}`);
};
const suite = new DataIntegrityProof({ cryptosuite });
async function peer(c: unknown): Promise<void> {
  const r = await vc.verifyCredential({
    credential: c,
    suite,
    documentLoader,
    checkStatus: bitstringStatusList.checkStatus,
    now: statusNow,
  });
  if (!r.verified) throw new Error(`peer: ${r.error ?? JSON.stringify(r.statusResult)}`);
  if (r.statusResult?.results?.some((x: { status: boolean }) => x.status)) throw new Error('peer: a status bit is set');
}

let next = 0;
parentPort!.on('message', async (message: { verify: number }) => {
  for (let i = 0; i < message.verify; i++) await peer(issued[next++ % issued.length]);
  parentPort!.postMessage({ verified: message.verify });
});
parentPort!.postMessage({ ready: true });
