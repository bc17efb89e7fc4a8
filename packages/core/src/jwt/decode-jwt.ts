import { type Problem, problem } from '../problems.ts';
import { dateTimeOf, decodeJsonSegment, isNumericDate, validityFieldsOf } from './jwt-claims.ts';

/**
 * The two payload shapes of a credential JWT: `vc-jose-cose` (W3C VC-JOSE-COSE §3.1.1, media type
 * `application/vc+jwt`: the payload *is* the credential) and `vc-jwt-v1` (VC Data Model 1.1 §6.3.1,
 * as Open Badges 3.0 §8.2 once required: the credential is the `vc` claim, next to
 * `iss`/`jti`/`nbf`/`sub`/`exp`).
 */
export type CredentialJwtFormat = 'vc-jose-cose' | 'vc-jwt-v1';

/** A credential JWT taken apart, not verified. */
export interface DecodedCredentialJwt {
  format: CredentialJwtFormat;
  /** The JWS Protected Header. */
  header: Record<string, unknown>;
  /** The JWT payload (claims set) as signed. */
  payload: Record<string, unknown>;
  /**
   * The credential: the payload itself (`vc-jose-cose`), or the `vc` claim with missing members
   * filled from the claims (`vc-jwt-v1`: `id` ← `jti`, `issuer` ← `iss`, `issuanceDate` ← `nbf`,
   * `expirationDate` ← `exp`, `credentialSubject.id` ← `sub`; `validFrom`/`validUntil` for a VC 2.0
   * `vc`). Conflicting values are left as they are: {@link verifyCredentialJwt} rejects them.
   */
  credential: Record<string, unknown>;
}

/** Longest JWT accepted, in characters (1 MiB): a cheap guard before any decoding. */
export const MAX_JWT_LENGTH = 1_048_576;

/** RFC 7515 §4.1.9/§4.1.10: `typ`/`cty` compare case-insensitively and may omit `application/`. */
function mediaType(value: unknown): string | undefined {
  return typeof value === 'string' ? value.toLowerCase().replace(/^application\//, '') : undefined;
}

/**
 * Takes a credential JWT apart without verifying it (VC-JOSE-COSE §3.1.1; VC 1.1 §6.3.1 "JWT
 * decoding"), and refuses what this project never accepts (SECURITY-CHECKLIST J3): the JWS JSON
 * serialization and JWE (only a compact JWS of three parts is a credential JWT), any `crit`
 * extension, an unencoded payload (`b64: false`, RFC 7797), a `typ` other than `vc+jwt` for a
 * payload that is the credential (or other than `JWT`/none for the legacy `vc` claim form), a
 * `cty` other than `vc`, a payload with both a `vc` claim and a top-level credential. Never throws.
 *
 * Use it to show what a JWT claims; trust nothing in it before {@link verifyCredentialJwt} said
 * `verified`.
 *
 * @example
 * const decoded = decodeCredentialJwt(jwt);
 * if (!('problem' in decoded)) console.log(decoded.format, decoded.credential.id);
 */
export function decodeCredentialJwt(input: unknown): DecodedCredentialJwt | { problem: Problem } {
  const fail = (code: Parameters<typeof problem>[0], detail: string, pointer?: string) => ({
    problem: problem(code, detail, pointer),
  });
  if (input && typeof input === 'object' && ('payload' in input || 'signatures' in input || 'protected' in input)) {
    return fail('PARSING_ERROR', 'The JWS JSON serialization is not accepted: a credential JWT is a compact JWS.');
  }
  if (typeof input !== 'string') return fail('PARSING_ERROR', 'A credential JWT must be a compact JWS string.');
  if (input.length > MAX_JWT_LENGTH) {
    return fail('PARSING_ERROR', `The JWT is longer than ${MAX_JWT_LENGTH} characters.`);
  }
  if (input.trimStart().startsWith('{')) {
    return fail('PARSING_ERROR', 'The JWS JSON serialization is not accepted: a credential JWT is a compact JWS.');
  }
  const parts = input.split('.');
  if (parts.length === 5) return fail('PARSING_ERROR', 'An encrypted JWT (JWE) is not accepted.');
  if (parts.length !== 3) {
    return fail('PARSING_ERROR', 'A compact JWS has three base64url parts separated by ".".');
  }
  const [encodedHeader, encodedPayload, signature] = parts as [string, string, string];
  const header = decodeJsonSegment(encodedHeader);
  if (!header) return fail('PARSING_ERROR', 'The JOSE header is not a base64url-encoded JSON object.');
  if (header.crit !== undefined) {
    const names = Array.isArray(header.crit) ? header.crit.map(String).join(', ') : String(header.crit);
    return fail(
      'PROOF_VERIFICATION_ERROR',
      `The JWS marks extensions as critical (crit: ${names}) that this verifier does not understand (RFC 7515 §4.1.11).`,
    );
  }
  if (header.b64 !== undefined && header.b64 !== true) {
    return fail('PROOF_VERIFICATION_ERROR', 'An unencoded JWS payload (b64: false, RFC 7797) is not accepted.');
  }
  if (!/^[A-Za-z0-9_-]*$/.test(signature)) return fail('PARSING_ERROR', 'The JWS signature is not base64url.');
  const payload = decodeJsonSegment(encodedPayload);
  if (!payload) return fail('PARSING_ERROR', 'The JWT payload is not a base64url-encoded JSON object.');
  if ('vp' in payload) return fail('MALFORMED_VALUE_ERROR', 'The JWT holds a presentation, not a credential.', '/vp');

  const legacy = 'vc' in payload;
  if (legacy && '@context' in payload) {
    return fail(
      'MALFORMED_VALUE_ERROR',
      'The JWT payload is a credential and also has a "vc" claim, which VC-JOSE-COSE §3.1.1 forbids.',
      '/vc',
    );
  }
  const format: CredentialJwtFormat = legacy ? 'vc-jwt-v1' : 'vc-jose-cose';
  const typ = mediaType(header.typ);
  if (header.typ !== undefined && typ === undefined) {
    return fail('MALFORMED_VALUE_ERROR', 'The JOSE header typ must be a string.');
  }
  // Open Badges 3.0 §8.2 "native" VC-JWTs: the payload is the credential plus the registered
  // claims (iss, nbf at least), with typ "JWT". They are accepted as such; without those claims a
  // credential payload must say vc+jwt (VC-JOSE-COSE §3.1.1).
  const ob3Native = !legacy && typ === 'jwt' && typeof payload.iss === 'string' && typeof payload.nbf === 'number';
  if (legacy ? typ !== undefined && typ !== 'jwt' : typ !== 'vc+jwt' && !ob3Native) {
    return fail(
      'MALFORMED_VALUE_ERROR',
      legacy
        ? `The JOSE header typ of a JWT with a "vc" claim must be "JWT" or absent, not "${String(header.typ)}".`
        : `The JOSE header typ must be "vc+jwt" (VC-JOSE-COSE §3.1.1), or "JWT" with the Open Badges 3.0 claims iss and nbf, not ${header.typ === undefined ? 'absent' : `"${String(header.typ)}"`}.`,
    );
  }
  if (header.cty !== undefined && (legacy || ob3Native || mediaType(header.cty) !== 'vc')) {
    return fail(
      'MALFORMED_VALUE_ERROR',
      `The JOSE header cty must be ${legacy ? 'absent' : '"vc"'} for this credential JWT, not "${String(header.cty)}".`,
    );
  }
  if (!legacy) return { format, header, payload, credential: payload };

  const vc = payload.vc;
  if (!vc || typeof vc !== 'object' || Array.isArray(vc)) {
    return fail('MALFORMED_VALUE_ERROR', 'The "vc" claim must be a JSON object: the credential.', '/vc');
  }
  return { format, header, payload, credential: fromVcClaim(vc as Record<string, unknown>, payload) };
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
