import { type Problem, problem } from '../problems.ts';

/**
 * The proofs a proof of a proof chain names in `previousProof` (Data Integrity 1.0 §2.1.2 "Proof
 * Chains"; §4.5 "Verify Proof Sets and Chains", step 3.2), in proof-set order, or a problem:
 * `MALFORMED_VALUE_ERROR` when `previousProof` is neither a string nor a list of strings, and
 * `PROOF_VERIFICATION_ERROR` when a named proof is not in the set (or is named by two proofs'
 * `id`, or is the proof itself). A proof without `previousProof` gets an empty list.
 *
 * @example
 * previousProofsOf(credential.proof, 1, '/proof/1'); // { matching: [credential.proof[0]] }
 */
export function previousProofsOf(
  proofs: readonly any[],
  index: number,
  at: string,
): { matching: any[]; problem?: undefined } | { matching?: undefined; problem: Problem } {
  const previous = proofs[index]?.previousProof;
  if (previous === undefined) return { matching: [] };
  const names = typeof previous === 'string' ? [previous] : previous;
  const pointer = `${at}/previousProof`;
  if (
    !Array.isArray(names) ||
    names.length === 0 ||
    !names.every((n): n is string => typeof n === 'string' && n !== '')
  ) {
    return {
      problem: problem(
        'MALFORMED_VALUE_ERROR',
        'previousProof must be the id of another proof, or a non-empty list of such ids.',
        pointer,
      ),
    };
  }
  for (const [k, name] of names.entries()) {
    const where = typeof previous === 'string' ? pointer : `${pointer}/${k}`;
    const found = proofs.filter((p) => p?.id === name);
    if (found.length === 0) {
      return {
        problem: problem(
          'PROOF_VERIFICATION_ERROR',
          `previousProof names "${name}", but no proof in the proof set has that id: the chain is incomplete.`,
          where,
        ),
      };
    }
    if (found.length > 1) {
      return {
        problem: problem(
          'PROOF_VERIFICATION_ERROR',
          `previousProof names "${name}", which ${found.length} proofs in the proof set use as their id.`,
          where,
        ),
      };
    }
    if (found[0] === proofs[index]) {
      return { problem: problem('PROOF_VERIFICATION_ERROR', 'A proof cannot name itself in previousProof.', where) };
    }
  }
  return { matching: proofs.filter((p) => names.includes(p?.id)) };
}

/**
 * Suites that verify a chained proof over the document with its previous proofs attached (Data
 * Integrity 1.0 §4.5 step 3.3: `inputDocument.proof` = the matching proofs), which is what the
 * proof's creator signed (§4.3 "Add Proof Set/Chain" step 6). jsonld-signatures removes every
 * proof from the document before calling a suite, so each suite is wrapped to put them back.
 *
 * @example
 * jsigs.verify({ ...doc, proof: chained }, { suite: withPreviousProofs(verifyingSuites('credential'), matching), purpose, documentLoader });
 */
export function withPreviousProofs(suites: readonly unknown[], matching: readonly unknown[]): unknown[] {
  if (matching.length === 0) return [...suites];
  return suites.map((suite: any) => {
    const wrapped = Object.create(suite);
    wrapped.verifyProof = (options: { document: object }) =>
      suite.verifyProof.call(wrapped, { ...options, document: { ...options.document, proof: [...matching] } });
    return wrapped;
  });
}
