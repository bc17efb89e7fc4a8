/**
 * Issue-and-verify throughput: our pipeline (signCredential + createVerifier().verifyCredential)
 * against a stock `@digitalbazaar/vc` pipeline (vc.issue + vc.verifyCredential with the same
 * cryptosuite and an in-memory loader), on the same OB 3.0 fixture, in the same process,
 * interleaved round by round so machine noise hits both alike. Prints both rates and the ratio.
 *
 * Usage: node --import tsx bench/issue-verify.ts [rounds=10] [perRound=50]
 */
import { DataIntegrityProof } from '@digitalbazaar/data-integrity';
import { cryptosuite } from '@digitalbazaar/eddsa-rdfc-2022-cryptosuite';
import * as vc from '@digitalbazaar/vc';
import { createDidResolver, createDocumentLoader, signCredential } from '@repo/core';
import { loadPinnedContexts } from '@repo/schemas';
import { createVerifier } from '@repo/verifier';
import { benchArgs, credential, key, now } from './fixture.ts';

const [rounds, perRound] = benchArgs(50);
const contexts = loadPinnedContexts();

// Ours: pinned contexts from memory, DID resolver with cache, one verifier built once.
const resolver = createDidResolver({ cache: { maxEntries: 100 } });
const documentLoader = createDocumentLoader({ contexts, resolveDid: (u) => resolver.dereference(u) });
const verifier = createVerifier({ documentLoader, now: () => now });

// Stock: what a @digitalbazaar/vc user writes — a plain loader over the same documents.
const didDoc = {
  '@context': ['https://www.w3.org/ns/did/v1', 'https://w3id.org/security/multikey/v1'],
  id: key.controller,
  verificationMethod: [key.publicMethod()],
  assertionMethod: [key.id],
};
const stockLoader = async (url: string) => {
  if (contexts.has(url)) return { contextUrl: null, documentUrl: url, document: contexts.get(url) };
  if (url === key.controller) return { contextUrl: null, documentUrl: url, document: didDoc };
  if (url === key.id)
    return {
      contextUrl: null,
      documentUrl: url,
      document: { '@context': 'https://w3id.org/security/multikey/v1', ...key.publicMethod() },
    };
  throw new Error(`not found: ${url}`);
};

async function ours(): Promise<void> {
  const signed = await signCredential(credential, { key, documentLoader, now });
  const r = await verifier.verifyCredential(signed);
  if (!r.verified) throw new Error(`ours did not verify: ${JSON.stringify(r.problems)}`);
}
async function stock(): Promise<void> {
  const suite = new DataIntegrityProof({ signer: key.signer, date: now, cryptosuite });
  const signed = await vc.issue({ credential: structuredClone(credential), suite, documentLoader: stockLoader, now });
  const r = await vc.verifyCredential({
    credential: signed,
    suite: new DataIntegrityProof({ cryptosuite }),
    documentLoader: stockLoader,
    now,
  });
  if (!r.verified) throw new Error(`stock did not verify: ${r.error}`);
}

// Same output check: both produce the same proofValue for the same input and time.
{
  const a = await signCredential(credential, { key, documentLoader, now });
  const b = await vc.issue({
    credential: structuredClone(credential),
    suite: new DataIntegrityProof({ signer: key.signer, date: now, cryptosuite }),
    documentLoader: stockLoader,
    now,
  });
  if (a.proof.proofValue !== b.proof.proofValue) throw new Error('ours and stock sign differently');
}

for (let i = 0; i < 20; i++) {
  await ours();
  await stock();
}
let tOurs = 0;
let tStock = 0;
for (let r = 0; r < rounds; r++) {
  const order = r % 2 === 0 ? [ours, stock] : [stock, ours];
  for (const fn of order) {
    const t0 = performance.now();
    for (let i = 0; i < perRound; i++) await fn();
    const dt = performance.now() - t0;
    if (fn === ours) tOurs += dt;
    else tStock += dt;
  }
}
const n = rounds * perRound;
const rateOurs = (n * 1000) / tOurs;
const rateStock = (n * 1000) / tStock;
console.log(`issue+verify of one OB 3.0 credential (eddsa-rdfc-2022), ${n} each, interleaved over ${rounds} rounds`);
console.log(
  `  ours : ${rateOurs.toFixed(1)} /s  (${(tOurs / n).toFixed(2)} ms each; verify runs format, proof, issuer, validity, status, schema)`,
);
console.log(
  `  stock: ${rateStock.toFixed(1)} /s  (${(tStock / n).toFixed(2)} ms each; @digitalbazaar/vc issue + verifyCredential)`,
);
console.log(`  ratio ours/stock: ${(rateOurs / rateStock).toFixed(2)}x`);
