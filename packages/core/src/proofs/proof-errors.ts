import { type Problem, problem, VcError } from '../problems.ts';

/** Walks an error and its `cause`/`errors`/`details` chain, nearest first. */
function* chain(error: unknown): Generator<any> {
  const seen = new Set<unknown>();
  const stack: unknown[] = [error];
  while (stack.length > 0) {
    const e = stack.shift();
    if (!e || typeof e !== 'object' || seen.has(e)) continue;
    seen.add(e);
    yield e;
    const any = e as any;
    if (any.cause) stack.push(any.cause);
    if (Array.isArray(any.errors)) stack.push(...any.errors);
    if (any.details?.cause) stack.push(any.details.cause);
  }
}

/**
 * Turns whatever `jsonld`/`jsonld-signatures`/`@digitalbazaar/*` threw while signing, deriving
 * (ecdsa-sd-2023) or verifying into a coded {@link Problem}. Codes come from error classes and
 * jsonld event codes, never from matching on free text, except where the library offers nothing
 * else (noted below). Otherwise uncoded failures are `PROOF_GENERATION_ERROR` (sign),
 * `PROOF_TRANSFORMATION_ERROR` (derive) or `CRYPTOGRAPHIC_SECURITY_ERROR` (verify).
 *
 * @example
 * proofProblem(err, 'verify'); // { title: 'DATA_LOSS_DETECTION_ERROR', … }
 */
export function proofProblem(error: unknown, phase: 'sign' | 'derive' | 'verify'): Problem {
  for (const e of chain(error)) {
    if (e instanceof VcError) return e.toProblem();
    // jsonld safe mode: a term or type that no context defines would be dropped (T9).
    const event = e.details?.event;
    if (e.name === 'jsonld.ValidationError' || event?.code) {
      const code = event?.code ?? 'safe mode';
      const what = event?.details?.property ?? event?.details?.type ?? event?.details?.term;
      return problem(
        'DATA_LOSS_DETECTION_ERROR',
        `The credential uses ${what ? `"${what}", ` : ''}which no @context defines (${code}); it would be lost when the proof is made or checked.`,
      );
    }
    if (e.name === 'jsonld.InvalidUrl' || e.details?.code === 'loading document failed') {
      const url = e.details?.url;
      return problem(
        'CONTEXT_NOT_ALLOWED',
        `${url ?? 'A referenced document'} is not a pinned context and was not fetched.`,
      );
    }
  }
  if (phase === 'sign') return problem('PROOF_GENERATION_ERROR', 'The proof could not be created.');
  if (phase === 'derive') {
    return problem(
      'PROOF_TRANSFORMATION_ERROR',
      'A selective-disclosure proof could not be derived from the base proof.',
    );
  }
  // jsonld-signatures and @digitalbazaar/vc report these only as text (no code or class).
  const message = [...chain(error)].map((e) => String(e.message ?? '')).join('\n');
  if (/issuer must match the verification method controller/.test(message)) {
    return problem(
      'INVALID_VERIFICATION_METHOD',
      'The credential was signed with a key that does not belong to its issuer.',
    );
  }
  if (/not authorized by controller/.test(message)) {
    return problem(
      'INVALID_VERIFICATION_METHOD',
      "The signing key is not an assertion method of its controller's DID document.",
    );
  }
  if (/^Invalid signature\.?$/m.test(message)) {
    return problem(
      'CRYPTOGRAPHIC_SECURITY_ERROR',
      'The signature does not match the credential: it was changed after signing or signed by another key.',
    );
  }
  return problem('CRYPTOGRAPHIC_SECURITY_ERROR', 'The proof could not be verified.');
}
