/**
 * The full-count differential run of the fast `eddsa-rdfc-2022` pipeline against
 * `@digitalbazaar/vc` (the test command runs a small count: test/differential/di-sign-verify.test.ts).
 * Every generated Open Badges 3.0 credential is signed by both with the same key and time; the
 * signed documents must be the same bytes and each pipeline must verify the other's.
 *
 * Usage: node --import tsx bench/di-differential.ts [runs=3000] [seed=20261207]
 */
import fc from 'fast-check';
import { ob3Credential } from '../test/differential/ob3-arbitrary.ts';
import { fastSign, fastVerify, key, stockSign, stockVerify } from '../test/differential/pipelines.ts';

const runs = Number(process.argv[2] ?? 3000);
const seed = Number(process.argv[3] ?? 20261207);
let done = 0;
const t0 = performance.now();
await fc.assert(
  fc.asyncProperty(ob3Credential(key.controller), async ({ credential, now }) => {
    const stock = await stockSign(credential, now);
    const fast = await fastSign(credential, now);
    if (JSON.stringify(fast) !== JSON.stringify(stock)) throw new Error('signed documents differ');
    if (!(await fastVerify(stock))) throw new Error('fast did not verify the stock proof');
    if (!(await stockVerify(fast, now))) throw new Error('stock did not verify the fast proof');
    done++;
  }),
  { seed, numRuns: runs },
);
console.log(`${done} generated OB 3.0 credentials: identical proofs, each verified by the other pipeline`);
console.log(`(${((performance.now() - t0) / 1000).toFixed(1)} s, seed ${seed})`);
