import { findIJsonTextProblem } from '@repo/schemas';
import { type Problem, problem } from '../problems.ts';
import { decodeJsonSegmentText } from './jwt-claims.ts';

/** Longest JWT accepted, in characters (1 MiB): a cheap guard before any decoding. */
export const MAX_JWT_LENGTH = 1_048_576;

/** A compact JWS taken apart: its JOSE header and JSON payload, not verified. */
export interface SplitJws {
  header: Record<string, unknown>;
  payload: Record<string, unknown>;
}

/**
 * The structural part of SECURITY-CHECKLIST J3, the same for credential and presentation JWTs: only
 * a compact JWS of three base64url parts (no JWS JSON serialization, no JWE), at most
 * {@link MAX_JWT_LENGTH} characters, no `crit` extension (RFC 7515 §4.1.11: none is understood
 * here), no unencoded payload (`b64: false`, RFC 7797), a JSON object as header and as payload.
 * Internal to `jwt/`; never throws.
 */
export function splitCompactJws(input: unknown, what: string): SplitJws | { problem: Problem } {
  const fail = (code: Parameters<typeof problem>[0], detail: string) => ({ problem: problem(code, detail) });
  const jsonSerialization = `The JWS JSON serialization is not accepted: a ${what} JWT is a compact JWS.`;
  if (input && typeof input === 'object' && ('payload' in input || 'signatures' in input || 'protected' in input)) {
    return fail('PARSING_ERROR', jsonSerialization);
  }
  if (typeof input !== 'string') return fail('PARSING_ERROR', `A ${what} JWT must be a compact JWS string.`);
  if (input.length > MAX_JWT_LENGTH) {
    return fail('PARSING_ERROR', `The JWT is longer than ${MAX_JWT_LENGTH} characters.`);
  }
  if (input.trimStart().startsWith('{')) return fail('PARSING_ERROR', jsonSerialization);
  const parts = input.split('.');
  if (parts.length === 5) return fail('PARSING_ERROR', 'An encrypted JWT (JWE) is not accepted.');
  if (parts.length !== 3) return fail('PARSING_ERROR', 'A compact JWS has three base64url parts separated by ".".');
  const [encodedHeader, encodedPayload, signature] = parts as [string, string, string];
  const decodedHeader = decodeJsonSegmentText(encodedHeader);
  if (!decodedHeader) return fail('PARSING_ERROR', 'The JOSE header is not a base64url-encoded JSON object.');
  const header = decodedHeader.json;
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
  const decodedPayload = decodeJsonSegmentText(encodedPayload);
  if (!decodedPayload) return fail('PARSING_ERROR', 'The JWT payload is not a base64url-encoded JSON object.');
  const payload = decodedPayload.json;
  // JSON.parse keeps the last of two members with one name and rounds big integers: what the
  // signer meant is then not what we read. The header and payload must be I-JSON (RFC 7493).
  // (The texts are the ones just parsed: valid UTF-8, so what a second decoding would give.)
  for (const [text, name] of [
    [decodedHeader.text, 'JOSE header'],
    [decodedPayload.text, 'JWT payload'],
  ] as const) {
    const found = findIJsonTextProblem(text);
    if (found) {
      return { problem: problem('MALFORMED_VALUE_ERROR', `The ${name} is not I-JSON: ${found.detail}`, found.pointer) };
    }
  }
  return { header, payload };
}
