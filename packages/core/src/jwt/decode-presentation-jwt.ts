import { type Problem, problem } from '../problems.ts';
import { mediaTypeOf } from './jwt-claims.ts';
import { splitCompactJws } from './split-compact-jws.ts';

/**
 * The two payload shapes of a presentation JWT: `vp-jose-cose` (W3C VC-JOSE-COSE §3.2, media type
 * `application/vp+jwt`: the payload *is* the VC 2.0 presentation) and `vp-jwt-v1` (VC Data Model
 * 1.1 §6.3.1: the presentation is the `vp` claim, next to `iss` (the holder), `jti`, `aud`, `nonce`).
 */
export type PresentationJwtFormat = 'vp-jose-cose' | 'vp-jwt-v1';

/** A presentation JWT taken apart, not verified. */
export interface DecodedPresentationJwt {
  format: PresentationJwtFormat;
  /** The JWS Protected Header. */
  header: Record<string, unknown>;
  /** The JWT payload (claims set) as signed. */
  payload: Record<string, unknown>;
  /**
   * The presentation: the payload itself (`vp-jose-cose`), or the `vp` claim with missing members
   * filled from the claims (`vp-jwt-v1`, VC 1.1 §6.3.1 "JWT decoding": `holder` ← `iss`, `id` ←
   * `jti`). Conflicting values are left as they are: {@link verifyPresentationJwt} rejects them.
   */
  presentation: Record<string, unknown>;
}

/**
 * Takes a presentation JWT apart without verifying it (VC-JOSE-COSE §3.2; VC 1.1 §6.3.1), with the
 * same J3 refusals as for credentials: only a compact JWS, no `crit`, no `b64: false`; `typ`
 * `vp+jwt` (and `cty` `vp` when present) for a payload that is the presentation, `JWT` or none for
 * the `vp` claim form; no `vc` claim; not both a `vp` claim and a top-level presentation. Never
 * throws.
 *
 * @example
 * const decoded = decodePresentationJwt(vpJwt);
 * if (!('problem' in decoded)) console.log(decoded.format, decoded.presentation.holder);
 */
export function decodePresentationJwt(input: unknown): DecodedPresentationJwt | { problem: Problem } {
  const fail = (detail: string, pointer?: string) => ({ problem: problem('MALFORMED_VALUE_ERROR', detail, pointer) });
  const split = splitCompactJws(input, 'presentation');
  if ('problem' in split) return split;
  const { header, payload } = split;
  if ('vc' in payload) return fail('The JWT holds a credential, not a presentation.', '/vc');
  const legacy = 'vp' in payload;
  if (legacy && '@context' in payload) {
    return fail('The JWT payload is a presentation and also has a "vp" claim.', '/vp');
  }
  const typ = mediaTypeOf(header.typ);
  if (header.typ !== undefined && typ === undefined) return fail('The JOSE header typ must be a string.');
  if (legacy ? typ !== undefined && typ !== 'jwt' : typ !== 'vp+jwt') {
    return fail(
      legacy
        ? `The JOSE header typ of a JWT with a "vp" claim must be "JWT" or absent, not "${String(header.typ)}".`
        : `The JOSE header typ of a presentation JWT must be "vp+jwt" (VC-JOSE-COSE §3.2), not ${header.typ === undefined ? 'absent' : `"${String(header.typ)}"`}.`,
    );
  }
  if (header.cty !== undefined && (legacy || mediaTypeOf(header.cty) !== 'vp')) {
    return fail(
      `The JOSE header cty must be ${legacy ? 'absent' : '"vp"'} for this presentation JWT, not "${String(header.cty)}".`,
    );
  }
  if (!legacy) return { format: 'vp-jose-cose', header, payload, presentation: payload };
  const vp = payload.vp;
  if (!vp || typeof vp !== 'object' || Array.isArray(vp)) {
    return fail('The "vp" claim must be a JSON object: the presentation.', '/vp');
  }
  const presentation: Record<string, unknown> = { ...(vp as Record<string, unknown>) };
  if (presentation.holder === undefined && typeof payload.iss === 'string') presentation.holder = payload.iss;
  if (presentation.id === undefined && typeof payload.jti === 'string') presentation.id = payload.jti;
  return { format: 'vp-jwt-v1', header, payload, presentation };
}
