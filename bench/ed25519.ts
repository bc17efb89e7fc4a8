/**
 * Ed25519 sign and verify of a 64-byte message (what an `eddsa-rdfc-2022` proof signs: two
 * SHA-256 digests), ours ({@link signEd25519} / {@link verifyEd25519}: libsodium where it loads)
 * against node's OpenSSL (`crypto.sign` / `crypto.verify` with the same key objects), interleaved
 * round by round in one thread; CPU µs per operation (process.cpuUsage) and the ratio.
 *
 * Usage: node --import tsx bench/ed25519.ts [rounds=5] [perRound=20000]
 */
import { generateKeyPairSync, randomBytes, sign, verify } from 'node:crypto';
import { loadavg } from 'node:os';
import {
  ed25519PublicKey,
  signEd25519,
  sodium,
  verifyEd25519,
} from '../packages/core/src/proofs/fast/sodium-ed25519.ts';
import { median, numArg } from './lib/report.ts';

const rounds = numArg(0, 5);
const perRound = numArg(1, 20000);
const { privateKey, publicKey } = generateKeyPairSync('ed25519');
const raw = Buffer.from(publicKey.export({ format: 'jwk' }).x as string, 'base64url');
const key = ed25519PublicKey(raw);
const message = randomBytes(64);
const signature = sign(null, message, privateKey);
if (!signEd25519(message, privateKey).equals(signature)) throw new Error('signatures differ from OpenSSL');

function cpuMicros(op: () => unknown): number {
  const start = process.cpuUsage();
  for (let i = 0; i < perRound; i++) op();
  const used = process.cpuUsage(start);
  return (used.user + used.system) / perRound;
}

const ops = {
  sign: { ours: () => signEd25519(message, privateKey), peer: () => sign(null, message, privateKey) },
  verify: {
    ours: () => verifyEd25519(message, key, signature),
    peer: () => verify(null, message, publicKey, signature),
  },
};
console.log(
  `libsodium ${sodium ? 'loaded' : 'NOT loaded (ours is OpenSSL too)'}; load average ${loadavg()[0].toFixed(2)}`,
);
for (const [name, { ours, peer }] of Object.entries(ops)) {
  ours();
  peer();
  const o: number[] = [];
  const p: number[] = [];
  for (let r = 0; r < rounds; r++) {
    o.push(cpuMicros(ours));
    p.push(cpuMicros(peer));
  }
  const mo = median(o);
  const mp = median(p);
  console.log(
    `Ed25519 ${name}: ours ${mo.toFixed(1)} µs CPU (${Math.round(1e6 / mo)}/s) | OpenSSL ${mp.toFixed(1)} µs (${Math.round(1e6 / mp)}/s) | ${(mp / mo).toFixed(2)}×`,
  );
}
