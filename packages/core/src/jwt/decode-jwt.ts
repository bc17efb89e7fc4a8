import { type Problem, problem } from '../problems.ts';
import {
  baseContextOf,
  dateTimeOf,
  isNumericDate,
  mediaTypeOf,
  VC_V1_CONTEXT,
  validityFieldsOf,
} from './jwt-claims.ts';
import { splitCompactJws } from './split-compact-jws.ts';

/**
 * The three payload shapes of a credential JWT:
 * - `vc-jose-cose`: W3C VC-JOSE-COSE §3.1.1, media type `application/vc+jwt`, `typ: vc+jwt`: the
 *   payload *is* the (VC 2.0) credential;
 * - `ob`: Open Badges 3.0 §8.2 (and CLR 2.0): `typ: JWT` or none, the payload is the credential
 *   plus the registered claims `iss`, `nbf` (and `jti`, `sub`, `exp`);
 * - `vc-jwt-v1`: VC Data Model 1.1 §6.3.1 (as Open Badges 3.0 §8.2 asks of VC 1.1 credentials):
 *   the credential is the `vc` claim, next to `iss`/`jti`/`nbf`/`sub`/`exp`.
 */
export type CredentialJwtFormat = 'vc-jose-cose' | 'ob' | 'vc-jwt-v1';

/** A credential JWT taken apart, not verified. */
export interface DecodedCredentialJwt {
  format: CredentialJwtFormat;
  /** The JWS Protected Header. */
  header: Record<string, unknown>;
  /** The JWT payload (claims set) as signed. */
  payload: Record<string, unknown>;
  /**
   * The credential: the payload itself (`vc-jose-cose`, `ob`), or the `vc` claim with missing
   * members filled from the claims (`vc-jwt-v1`: `id` ← `jti`, `issuer` ← `iss`, `issuanceDate` ←
   * `nbf`, `expirationDate` ← `exp`, `credentialSubject.id` ← `sub`; `validFrom`/`validUntil` for a
   * VC 2.0 `vc`). Conflicting values are left as they are: {@link verifyCredentialJwt} rejects them.
   */
  credential: Record<string, unknown>;
}

/**
 * Takes a credential JWT apart without verifying it (VC-JOSE-COSE §3.1.1; Open Badges 3.0 §8.2;
 * VC 1.1 §6.3.1 "JWT decoding"), and refuses what this project never accepts (SECURITY-CHECKLIST
 * J3): the JWS JSON serialization and JWE (only a compact JWS of three parts is a credential JWT),
 * any `crit` extension, an unencoded payload (`b64: false`, RFC 7797); a `typ` other than `vc+jwt`
 * for a payload that is the credential, unless it is the Open Badges 3.0 §8.2 form (`typ` `JWT` or
 * none, with the claims `iss` and `nbf`, no `cty`); a `typ` other than `JWT`/none for the `vc` claim
 * form; a `cty` other than `vc`; a payload with both a `vc` claim and a top-level credential; a
 * VC 1.1 credential (first `@context` `https://www.w3.org/2018/credentials/v1`) as the payload
 * itself, which only the `vc` claim carries. Never throws.
 *
 * Use it to show what a JWT claims; trust nothing in it before {@link verifyCredentialJwt} said
 * `verified`.
 *
 * @example
 * const decoded = decodeCredentialJwt(jwt);
 * if (!('problem' in decoded)) console.log(decoded.format, decoded.credential.id);
 */
export function decodeCredentialJwt(input: unknown): DecodedCredentialJwt | { problem: Problem } {
  const fail = (detail: string, pointer?: string) => ({ problem: problem('MALFORMED_VALUE_ERROR', detail, pointer) });
  const split = splitCompactJws(input, 'credential');
  if ('problem' in split) return split;
  const { header, payload } = split;
  if ('vp' in payload) return fail('The JWT holds a presentation, not a credential.', '/vp');

  const legacy = 'vc' in payload;
  if (legacy && '@context' in payload) {
    return fail('The JWT payload is a credential and also has a "vc" claim, which VC-JOSE-COSE §3.1.1 forbids.', '/vc');
  }
  const typ = mediaTypeOf(header.typ);
  if (header.typ !== undefined && typ === undefined) return fail('The JOSE header typ must be a string.');
  // Open Badges 3.0 §8.2 "native" VC-JWTs: the payload is the credential plus the registered
  // claims (iss, nbf at least), with typ "JWT" or none (typ is optional there). Without those
  // claims a credential payload must say vc+jwt (VC-JOSE-COSE §3.1.1).
  const ob =
    !legacy &&
    (typ === 'jwt' || typ === undefined) &&
    typeof payload.iss === 'string' &&
    typeof payload.nbf === 'number';
  if (legacy ? typ !== undefined && typ !== 'jwt' : typ !== 'vc+jwt' && !ob) {
    return fail(
      legacy
        ? `The JOSE header typ of a JWT with a "vc" claim must be "JWT" or absent, not "${String(header.typ)}".`
        : `The JOSE header typ must be "vc+jwt" (VC-JOSE-COSE §3.1.1), or "JWT" or none with the Open Badges 3.0 claims iss and nbf, not ${header.typ === undefined ? 'absent' : `"${String(header.typ)}"`}.`,
    );
  }
  if (header.cty !== undefined && (legacy || ob || mediaTypeOf(header.cty) !== 'vc')) {
    return fail(
      `The JOSE header cty must be ${legacy || ob ? 'absent' : '"vc"'} for this credential JWT, not "${String(header.cty)}".`,
    );
  }
  if (!legacy) {
    // VC-JOSE-COSE secures VC 2.0 only; a VC 1.1 credential travels in a vc claim (VC 1.1 §6.3.1,
    // Open Badges 3.0 implementation guide: the form and the @context must agree).
    if (baseContextOf(payload) === VC_V1_CONTEXT) {
      return fail(
        `A VC 1.1 credential (@context "${VC_V1_CONTEXT}") is carried in a "vc" claim (VC 1.1 §6.3.1), never as the JWT payload itself.`,
        '/@context',
      );
    }
    return { format: ob ? 'ob' : 'vc-jose-cose', header, payload, credential: payload };
  }

  const vc = payload.vc;
  if (!vc || typeof vc !== 'object' || Array.isArray(vc)) {
    return fail('The "vc" claim must be a JSON object: the credential.', '/vc');
  }
  return { format: 'vc-jwt-v1', header, payload, credential: fromVcClaim(vc as Record<string, unknown>, payload) };
}

/** VC 1.1 §6.3.1 "JWT decoding": the credential of a `vc` claim, missing members taken from the claims. */
function fromVcClaim(vc: Record<string, unknown>, claims: Record<string, unknown>): Record<string, unknown> {
  const credential: Record<string, unknown> = { ...vc };
  if (credential.id === undefined && typeof claims.jti === 'string') credential.id = claims.jti;
  if (credential.issuer === undefined && typeof claims.iss === 'string') credential.issuer = claims.iss;
  const { from, until } = validityFieldsOf(vc);
  if (credential[from] === undefined && isNumericDate(claims.nbf)) credential[from] = dateTimeOf(claims.nbf);
  if (credential[until] === undefined && isNumericDate(claims.exp)) credential[until] = dateTimeOf(claims.exp);
  const subject = credential.credentialSubject;
  if (typeof claims.sub === 'string' && subject && typeof subject === 'object' && !Array.isArray(subject)) {
    if ((subject as { id?: unknown }).id === undefined) credential.credentialSubject = { id: claims.sub, ...subject };
  }
  return credential;
}
