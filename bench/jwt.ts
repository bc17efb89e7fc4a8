/**
 * VC-JWT sign and verify throughput: our `signCredentialJwt` / `verifyCredentialJwt` (with the
 * VC-JOSE-COSE header, OB 3.0 claims and their checks) against `jose` used directly
 * (CompactSign / compactVerify with the same key, alg and payload), in the same process,
 * interleaved round by round. Prints both rates and the ratios.
 *
 * Usage: node --import tsx bench/jwt.ts [rounds=10] [perRound=500]
 */
import { createDidResolver, createJwtKeyResolver, signCredentialJwt, verifyCredentialJwt } from '@repo/core';
import { CompactSign, compactVerify } from 'jose';
import { benchArgs, credential, key, now } from './fixture.ts';

const [rounds, perRound] = benchArgs(500);
const resolveKey = createJwtKeyResolver(createDidResolver({ cache: { maxEntries: 10 } }));
const { privateKey, publicKey } = key.keyObjects;
const header = { alg: 'EdDSA', kid: key.id, typ: 'vc+jwt', cty: 'vc' };
const payload = new TextEncoder().encode(JSON.stringify(credential));

const oursJwt = await signCredentialJwt(credential, { key, alg: 'EdDSA', now });
const joseJwt = await new CompactSign(payload).setProtectedHeader(header).sign(privateKey);
if (oursJwt !== joseJwt) throw new Error('ours and jose produce different JWTs for the same input');

const cases: Record<string, () => Promise<unknown>> = {
  'ours sign': () => signCredentialJwt(credential, { key, alg: 'EdDSA', now }),
  'jose sign': () => new CompactSign(payload).setProtectedHeader(header).sign(privateKey),
  'ours verify': async () => {
    const r = await verifyCredentialJwt(oursJwt, { resolveKey, algorithms: ['EdDSA'], now });
    if (!r.verified) throw new Error(JSON.stringify(r.problem));
  },
  'jose verify': () => compactVerify(joseJwt, publicKey, { algorithms: ['EdDSA'] }),
};
for (const fn of Object.values(cases)) for (let i = 0; i < 50; i++) await fn();
const time: Record<string, number> = Object.fromEntries(Object.keys(cases).map((k) => [k, 0]));
for (let r = 0; r < rounds; r++) {
  const names = r % 2 === 0 ? Object.keys(cases) : Object.keys(cases).reverse();
  for (const name of names) {
    const t0 = performance.now();
    for (let i = 0; i < perRound; i++) await cases[name]!();
    time[name]! += performance.now() - t0;
  }
}
const n = rounds * perRound;
const rate = (name: string) => (n * 1000) / time[name]!;
console.log(`VC-JWT (EdDSA, one OB 3.0 credential), ${n} each, interleaved over ${rounds} rounds`);
for (const name of Object.keys(cases)) console.log(`  ${name.padEnd(11)}: ${rate(name).toFixed(0).padStart(6)} /s`);
console.log(`  sign   ratio ours/jose: ${(rate('ours sign') / rate('jose sign')).toFixed(2)}x (same bytes out)`);
console.log(
  `  verify ratio ours/jose: ${(rate('ours verify') / rate('jose verify')).toFixed(2)}x (ours also resolves the DID key and checks typ, kid, iss/jti/nbf/sub/exp against the credential)`,
);
