import { findContextProblem, findNonCompactedMember, type Problem, problem } from '@repo/core';
import { findIJsonValueProblem, VC_V1_CONTEXT as V1, VC_V2_CONTEXT as V2 } from '@repo/schemas';

/**
 * Deepest nesting of objects and arrays looked at. A CLR holding credentials that hold
 * endorsements stays under 30; far deeper input only costs the checks after this one stack.
 */
export const MAX_DOCUMENT_DEPTH = 128;

const JCS_SUITES: readonly string[] = ['eddsa-jcs-2022', 'ecdsa-jcs-2019'];

/**
 * The shape every credential needs before anything else is looked at (VC 2.0 §4): an object
 * whose `@context` starts with the VC context, whose `type` includes `VerifiableCredential`,
 * with an `issuer` and a `credentialSubject`; then I-JSON (RFC 7493, `MALFORMED_VALUE_ERROR` with
 * the pointer): no lone surrogate or noncharacter, no number that is not finite or is an integer
 * beyond ±(2^53−1), none that canonicalisation would change (−0, a double RDF canonicalisation
 * writes as another number), nothing JSON cannot hold, nesting within {@link MAX_DOCUMENT_DEPTH};
 * compacted form (VC 2.0 §6.1: no `@nest`/`@included`/`@id`… member, no full-IRI member name
 * of the VC, Security or Open Badges vocabularies, no blank-node `id`); then the inline contexts (Data Integrity 1.0 §2.4.1, `CONTEXT_NOT_ALLOWED`: no `@vocab`, only
 * new terms, none in the VC, Security or Open Badges vocabularies). Returns the first problem, or
 * undefined.
 *
 * @example
 * checkCredentialShape('nope'); // { title: 'MALFORMED_VALUE_ERROR', detail: 'A credential must be a JSON object.' }
 * checkCredentialShape({ ...credential, credits: -0 }); // { title: 'MALFORMED_VALUE_ERROR', pointer: '/credits', … }
 */
export function checkCredentialShape(
  input: unknown,
  kind: 'credential' | 'presentation' = 'credential',
  securing: { exactNumbers?: boolean } = {},
): Problem | undefined {
  const name = kind === 'credential' ? 'A credential' : 'A presentation';
  if (!input || typeof input !== 'object' || Array.isArray(input))
    return problem('MALFORMED_VALUE_ERROR', `${name} must be a JSON object.`, '');
  const doc = input as Record<string, unknown>;
  const ctx = doc['@context'];
  if (!Array.isArray(ctx) || (ctx[0] !== V2 && ctx[0] !== V1)) {
    return problem('MALFORMED_VALUE_ERROR', `@context must be a list whose first item is "${V2}".`, '/@context');
  }
  const wanted = kind === 'credential' ? 'VerifiableCredential' : 'VerifiablePresentation';
  const types = Array.isArray(doc.type) ? doc.type : [doc.type];
  if (!types.includes(wanted)) return problem('MALFORMED_VALUE_ERROR', `type must include "${wanted}".`, '/type');
  if (kind === 'credential') {
    if (doc.issuer === undefined) return problem('MALFORMED_VALUE_ERROR', 'issuer is required.', '/issuer');
    const s = doc.credentialSubject;
    if (!s || typeof s !== 'object')
      return problem('MALFORMED_VALUE_ERROR', 'credentialSubject must be an object.', '/credentialSubject');
  }
  // A number RDF canonicalisation would rewrite only matters under an RDFC proof: JCS (RFC 8785)
  // writes every double exactly, so a credential secured by JCS proofs alone keeps it.
  const proofs = Array.isArray(doc.proof) ? doc.proof : doc.proof === undefined ? [] : [doc.proof];
  const jcsOnly =
    securing.exactNumbers === true ||
    (proofs.length > 0 &&
      proofs.every((p) => JCS_SUITES.includes((p as { cryptosuite?: unknown } | null)?.cryptosuite as string)));
  const ijson = findIJsonValueProblem(input, { maxDepth: MAX_DOCUMENT_DEPTH, rdfNumbers: !jcsOnly });
  if (ijson) return problem('MALFORMED_VALUE_ERROR', ijson.detail, ijson.pointer);
  return findNonCompactedMember(input) ?? findContextProblem(input);
}
