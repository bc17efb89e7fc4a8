import { isCompactJws } from '@repo/core';
import { decodeProtectedHeader, errors, importJWK, type JWTPayload, jwtVerify } from 'jose';
import type { ChallengeStore } from '../challenges/challenge-store.ts';
import { type HolderKey, holderKeyOf } from './holder-key.ts';
import { PROOF_SIGNING_ALGS } from './metadata.ts';
import { OAuthError } from './oauth-error.ts';

/** OID4VCI 1.0 §F.1 `typ` of a key proof JWT. */
export const KEY_PROOF_TYP = 'openid4vci-proof+jwt';

/** Clock skew allowed on a key proof's times (§13.8: "on the order of seconds or minutes"). */
export const KEY_PROOF_SKEW_S = 60;

/** What {@link verifyKeyProof} checks a proof against. */
export interface KeyProofExpectations {
  /** The credential issuer identifier: the proof's `aud`. */
  audience: string;
  now: Date;
  /** The single-use `c_nonce`s this issuer handed out (§7); the proof's nonce is used up here. */
  nonces: ChallengeStore;
  /** Oldest `iat` accepted, in seconds before `now` (besides the skew): the c_nonce lifetime. */
  maxAgeS: number;
}

const invalidProof = (detail: string) => new OAuthError('invalid_proof', detail);

/**
 * Verifies a `jwt` key proof (OID4VCI 1.0 §F.1, checks of §F.4) and returns the holder key and DID
 * it proves. `invalid_proof` (§8.3.1.2) for: not a compact JWS, a `typ` other than
 * `openid4vci-proof+jwt`, an `alg` not in `proof_signing_alg_values_supported` (EdDSA, ES256,
 * ES384: never `none` or a MAC), a holder key that is not a did:key / did:jwk DID URL or a public
 * `jwk`, a bad signature, `aud` not the credential issuer identifier, no creation time or one out
 * of the window, an `iss` DID other than the key's, no `nonce`. `invalid_nonce` for a nonce this
 * issuer did not hand out, or that expired or was used already; a good one is used up.
 *
 * Accepted beyond the letter of §F.1, for `@digitalbazaar/oid4-client` (the DCC Learner
 * Credential Wallet's library), whose proofs carry no `typ` and no `iat` but `nbf` and `exp`, and
 * `iss` = the holder DID: a missing `typ` is allowed (a present one must be exact), `nbf` stands
 * in for a missing `iat` (§F.4 lets the server judge freshness by its nonce, which is single use
 * and lives `maxAgeS`), and an `iss` equal to the holder DID is ignored.
 *
 * @example
 * const holder = await verifyKeyProof(jwt, { audience: base, now: deps.clock(), nonces, maxAgeS: 300 });
 */
export async function verifyKeyProof(jwt: unknown, expected: KeyProofExpectations): Promise<HolderKey> {
  if (typeof jwt !== 'string' || !isCompactJws(jwt)) throw invalidProof('A jwt key proof must be a compact JWS.');
  let header: Record<string, unknown>;
  try {
    header = decodeProtectedHeader(jwt) as Record<string, unknown>;
  } catch {
    throw invalidProof('The key proof header is not a JSON object.');
  }
  if (header.typ !== undefined && header.typ !== KEY_PROOF_TYP) {
    throw invalidProof(`The key proof typ must be "${KEY_PROOF_TYP}", not ${JSON.stringify(header.typ)}.`);
  }
  const alg = header.alg;
  if (typeof alg !== 'string' || !(PROOF_SIGNING_ALGS as readonly string[]).includes(alg)) {
    throw invalidProof(`The key proof alg must be one of ${PROOF_SIGNING_ALGS.join(', ')}.`);
  }
  const holder = holderKeyOf(header);
  let payload: JWTPayload;
  try {
    const key = await importJWK(holder.jwk, alg);
    ({ payload } = await jwtVerify(jwt, key, {
      algorithms: [alg],
      currentDate: expected.now,
      clockTolerance: KEY_PROOF_SKEW_S,
    }));
  } catch (error) {
    if (error instanceof errors.JWTExpired) throw invalidProof('The key proof expired (exp).');
    if (error instanceof errors.JWTClaimValidationFailed)
      throw invalidProof(`The key proof's ${error.claim} is not valid.`);
    throw invalidProof(`The key proof signature does not verify with ${holder.did} (alg ${alg}).`);
  }
  const aud = payload.aud;
  if (!(aud === expected.audience || (Array.isArray(aud) && aud.includes(expected.audience)))) {
    throw invalidProof(`The key proof aud must be the credential issuer identifier ${expected.audience}.`);
  }
  const created = payload.iat ?? payload.nbf;
  if (typeof created !== 'number') throw invalidProof('The key proof must say when it was made (iat).');
  const now = expected.now.getTime() / 1000;
  if (created > now + KEY_PROOF_SKEW_S) throw invalidProof('The key proof was made in the future (iat).');
  if (created < now - expected.maxAgeS - KEY_PROOF_SKEW_S) throw invalidProof('The key proof is too old (iat).');
  if (typeof payload.iss === 'string' && payload.iss.startsWith('did:') && payload.iss !== holder.did) {
    throw invalidProof(`The key proof iss ${payload.iss} is not the DID of its key.`);
  }
  if (typeof payload.nonce !== 'string') {
    throw invalidProof('The key proof must carry a c_nonce from the nonce endpoint (nonce).');
  }
  const state = expected.nonces.use(payload.nonce);
  if (!state.ok) {
    const why = { unknown: 'was not issued here', expired: 'expired', used: 'was used already' }[state.reason];
    throw new OAuthError('invalid_nonce', `The key proof's c_nonce ${why}; get a fresh one from the nonce endpoint.`);
  }
  return holder;
}
