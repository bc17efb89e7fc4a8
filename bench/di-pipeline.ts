/**
 * Data Integrity throughput, 1 core: core's fast `eddsa-rdfc-2022` sign and signature check
 * (packages/core/src/proofs/fast) against the stock `@digitalbazaar/vc` issue / verifyCredential,
 * on the OB 3.0 fixture, same key, same loader, same process, interleaved round by round. Checks
 * first that both sign the same bytes. Prints credentials/s for each and the ratio.
 *
 * Usage: node --import tsx bench/di-pipeline.ts [rounds=10] [perRound=100]
 */
import { fastSign, fastVerify, stockSign, stockVerify } from '../test/differential/pipelines.ts';
import { benchArgs, credential, now } from './fixture.ts';

const [rounds, perRound] = benchArgs(100);
const signed = await stockSign(credential, now);
if (JSON.stringify(await fastSign(credential, now)) !== JSON.stringify(signed))
  throw new Error('fast and stock differ');

type Op = () => Promise<unknown>;
async function race(label: string, ours: Op, stock: Op): Promise<void> {
  for (let i = 0; i < 20; i++) await Promise.all([ours(), stock()]);
  const time = { ours: 0, stock: 0 };
  for (let r = 0; r < rounds; r++) {
    const order: ['ours' | 'stock', Op][] = [
      ['ours', ours],
      ['stock', stock],
    ];
    if (r % 2 === 1) order.reverse();
    for (const [who, fn] of order) {
      const t0 = performance.now();
      for (let i = 0; i < perRound; i++) await fn();
      time[who] += performance.now() - t0;
    }
  }
  const n = rounds * perRound;
  const rate = (ms: number) => (n * 1000) / ms;
  console.log(`${label} (${n} each, ${rounds} interleaved rounds)`);
  console.log(`  ours : ${rate(time.ours).toFixed(0)} /s`);
  console.log(`  stock: ${rate(time.stock).toFixed(0)} /s`);
  console.log(`  ratio ours/stock: ${(time.stock / time.ours).toFixed(2)}x`);
}

console.log('eddsa-rdfc-2022, OB 3.0 fixture, 1 core');
await race(
  'sign',
  () => fastSign(credential, now),
  () => stockSign(credential, now),
);
await race(
  'verify (signature over the canonical form; stock also runs vc credential checks)',
  async () => {
    if (!(await fastVerify(signed))) throw new Error('ours did not verify');
  },
  async () => {
    if (!(await stockVerify(signed, now))) throw new Error('stock did not verify');
  },
);
