/**
 * VC-JWT (EdDSA) sign and verify throughput, 1 core: our `signCredentialJwt` /
 * `verifyCredentialJwt` (profile checks, OB 3.0 claims, DID key resolution with its cache, I-JSON
 * checks) against `jose` used directly (CompactSign / compactVerify with the same key, alg, header
 * and payload bytes), in the same process, interleaved round by round. Two profiles:
 *  - `ob` (Open Badges 3.0 §8.2, what an OpenBadgeCredential gets by default): header
 *    `{alg, kid, typ: "JWT"}`, payload the credential plus iss/jti/nbf/sub/exp/iat — built here
 *    independently for jose;
 *  - `vc-jose-cose` (VC-JOSE-COSE §3.1.1): header `{alg, kid, typ: "vc+jwt", cty: "vc"}`, payload the credential.
 * Before timing, ours and jose must give the same JWT bytes for each profile.
 *
 * Usage: node --import tsx bench/jwt.ts [rounds=10] [perRound=500]
 */
import {
  createDidResolver,
  createJwtKeyResolver,
  type JwtProfile,
  signCredentialJwt,
  verifyCredentialJwt,
} from '@repo/core';
import { type CompactJWSHeaderParameters, CompactSign, compactVerify } from 'jose';
import { benchArgs, credential, key, now } from './fixture.ts';
import { emitFigures } from './lib/report.ts';

const [rounds, perRound] = benchArgs(500);
const resolveKey = createJwtKeyResolver(createDidResolver({ cache: { maxEntries: 10 } }));
const { privateKey, publicKey } = key.keyObjects;
const seconds = (iso: string) => Math.floor(Date.parse(iso) / 1000);
const subject = credential.credentialSubject as { id: string };

const profiles: Record<JwtProfile, { header: CompactJWSHeaderParameters; payload: Record<string, unknown> }> = {
  ob: {
    header: { alg: 'EdDSA', kid: key.id, typ: 'JWT' },
    payload: {
      ...credential,
      iss: key.controller,
      jti: credential.id,
      nbf: seconds(credential.validFrom as string),
      sub: subject.id,
      exp: seconds(credential.validUntil as string),
      iat: Math.floor(now.getTime() / 1000),
    },
  },
  'vc-jose-cose': { header: { alg: 'EdDSA', kid: key.id, typ: 'vc+jwt', cty: 'vc' }, payload: credential },
};

const cases: Record<string, () => Promise<unknown>> = {};
for (const [profile, { header, payload }] of Object.entries(profiles) as [
  JwtProfile,
  (typeof profiles)[JwtProfile],
][]) {
  const bytes = new TextEncoder().encode(JSON.stringify(payload));
  const oursJwt = await signCredentialJwt(credential, { key, alg: 'EdDSA', now, profile });
  const joseJwt = await new CompactSign(bytes).setProtectedHeader(header).sign(privateKey);
  if (oursJwt !== joseJwt) throw new Error(`${profile}: ours and jose produce different JWTs for the same input`);
  cases[`ours sign ${profile}`] = () => signCredentialJwt(credential, { key, alg: 'EdDSA', now, profile });
  cases[`jose sign ${profile}`] = () => new CompactSign(bytes).setProtectedHeader(header).sign(privateKey);
  cases[`ours verify ${profile}`] = async () => {
    const r = await verifyCredentialJwt(oursJwt, { resolveKey, algorithms: ['EdDSA'], now });
    if (!r.verified) throw new Error(JSON.stringify(r.problem));
  };
  cases[`jose verify ${profile}`] = () => compactVerify(joseJwt, publicKey, { algorithms: ['EdDSA'] });
}

for (const fn of Object.values(cases)) for (let i = 0; i < 100; i++) await fn();
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
console.log(`VC-JWT (EdDSA, one OB 3.0 credential), 1 core, ${n} each, interleaved over ${rounds} rounds`);
for (const name of Object.keys(cases)) console.log(`  ${name.padEnd(24)}: ${rate(name).toFixed(0).padStart(6)} /s`);
for (const profile of Object.keys(profiles)) {
  console.log(
    `  ${profile}: sign ratio ours/jose ${(rate(`ours sign ${profile}`) / rate(`jose sign ${profile}`)).toFixed(2)}x (same bytes out), verify ratio ${(rate(`ours verify ${profile}`) / rate(`jose verify ${profile}`)).toFixed(2)}x (ours also resolves the DID key, checks typ, kid, iss/jti/nbf/sub/exp against the credential, I-JSON)`,
  );
}
emitFigures({
  'jwt.sign': { ours: rate('ours sign ob'), peer: rate('jose sign ob'), peerName: 'jose (CompactSign)', unit: '/s' },
  'jwt.verify': {
    ours: rate('ours verify ob'),
    peer: rate('jose verify ob'),
    peerName: 'jose (compactVerify)',
    unit: '/s',
  },
  'jwt.sign.vc-jose-cose': {
    ours: rate('ours sign vc-jose-cose'),
    peer: rate('jose sign vc-jose-cose'),
    peerName: 'jose (CompactSign)',
    unit: '/s',
  },
  'jwt.verify.vc-jose-cose': {
    ours: rate('ours verify vc-jose-cose'),
    peer: rate('jose verify vc-jose-cose'),
    peerName: 'jose (compactVerify)',
    unit: '/s',
  },
});
