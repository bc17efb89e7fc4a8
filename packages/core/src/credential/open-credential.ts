import { isObject } from '@repo/schemas';
import { type CredentialJwtFormat, decodeCredentialJwt } from '../jwt/decode-jwt.ts';
import { isEnvelopedCredential, unenvelope } from '../jwt/envelope-jwt.ts';
import { type Problem, problem } from '../problems.ts';

/**
 * How a credential arrived:
 * - `embedded-proof`: the credential is the JSON object itself, secured by the proofs embedded in
 *   it (Data Integrity, legacy Linked Data proofs), or by none;
 * - `compact-jwt`: a compact JWS string (VC-JOSE-COSE `vc+jwt`, Open Badges 3.0 §8.2, VC 1.1 §6.3.1);
 * - `enveloped-jwt`: an `EnvelopedVerifiableCredential` (VC 2.0 §4.13.1) whose `id` is a
 *   `data:application/vc+jwt,` URL holding such a JWS.
 */
export type CredentialSecuringFormat = 'embedded-proof' | 'compact-jwt' | 'enveloped-jwt';

/** The securing mechanism of an opened credential; the JWT forms carry the token and its parts. */
export type CredentialSecuring =
  | { format: 'embedded-proof' }
  | {
      format: 'compact-jwt' | 'enveloped-jwt';
      /** The compact JWS (for an envelope: the one inside its `data:` URL). */
      jwt: string;
      /** The JWT's payload shape (see {@link CredentialJwtFormat}). */
      jwtFormat: CredentialJwtFormat;
      /** The JWS Protected Header, not verified. */
      header: Record<string, unknown>;
      /** The JWT payload (claims set) as signed, not verified. */
      payload: Record<string, unknown>;
    };

/** A credential taken out of whatever it arrived in. Nothing about it is verified yet. */
export interface OpenedCredential {
  /**
   * The credential: the object itself (`embedded-proof`, the same reference), or the one a JWT
   * carries (the payload, or the VC 1.1 `vc` claim completed from the JWT claims).
   */
  credential: Record<string, unknown>;
  securing: CredentialSecuring;
}

/**
 * The one way to get at a credential, whatever it arrived in: a JSON object with embedded proofs,
 * a compact credential JWT, or an `EnvelopedVerifiableCredential` holding one (VC 2.0 §4.13.1,
 * VC-JOSE-COSE §3.1.1). Answers the credential and how it is secured, or a coded problem
 * (`MALFORMED_VALUE_ERROR` / `PARSING_ERROR`, with a pointer when one helps): the JWT rules of
 * {@link decodeCredentialJwt} (SECURITY-CHECKLIST J3) and the envelope rules of {@link unenvelope}
 * apply. Never throws.
 *
 * Opening is not verifying: read `credential` to match, key or bind it (its `id`, its
 * `credentialSubject`), and trust it only once a verifier said `verified`.
 *
 * @example
 * const opened = openCredential(item);
 * if ('problem' in opened) console.log(opened.problem.detail);
 * else console.log(opened.securing.format, opened.credential.id);
 */
export function openCredential(input: unknown): OpenedCredential | { problem: Problem } {
  try {
    let jwt: string;
    let format: 'compact-jwt' | 'enveloped-jwt';
    if (typeof input === 'string') {
      jwt = input;
      format = 'compact-jwt';
    } else if (isEnvelopedCredential(input)) {
      const inner = unenvelope(input);
      if ('problem' in inner) return inner;
      jwt = inner.jwt;
      format = 'enveloped-jwt';
    } else if (isObject(input)) {
      return { credential: input, securing: { format: 'embedded-proof' } };
    } else {
      return {
        problem: problem(
          'MALFORMED_VALUE_ERROR',
          'A credential must be a JSON object, a compact JWT or an EnvelopedVerifiableCredential.',
          '',
        ),
      };
    }
    const decoded = decodeCredentialJwt(jwt);
    if ('problem' in decoded) return decoded;
    return {
      credential: decoded.credential,
      securing: { format, jwt, jwtFormat: decoded.format, header: decoded.header, payload: decoded.payload },
    };
  } catch {
    // Defence in depth: odd input (a throwing getter, a proxy) must not throw.
    return { problem: problem('MALFORMED_VALUE_ERROR', 'The credential could not be read.', '') };
  }
}
