import { DataIntegrityProof } from '@digitalbazaar/data-integrity';
import { cryptosuite as eddsaRdfc2022 } from '@digitalbazaar/eddsa-rdfc-2022-cryptosuite';
import { CredentialIssuancePurpose } from '@digitalbazaar/vc';
import jsigs from 'jsonld-signatures';
import type { DocumentLoader } from '../loader/document-loader.ts';
import { type Problem, problem } from '../problems.ts';
import { proofProblem } from './proof-errors.ts';

/** Result of a proof check. */
export interface ProofResult {
  verified: boolean;
  /** The verification method that verified, when it did. */
  verificationMethod?: string;
  problem?: Problem;
}

const SUPPORTED = new Set(['eddsa-rdfc-2022']);

function proofsOf(doc: any): any[] {
  const p = doc?.proof;
  if (p === undefined) return [];
  return Array.isArray(p) ? p : [p];
}

function precheck(doc: any): Problem | undefined {
  const proofs = proofsOf(doc);
  if (proofs.length === 0) return problem('PROOF_VERIFICATION_ERROR', 'The document has no proof.', '/proof');
  for (const [i, p] of proofs.entries()) {
    const at = Array.isArray(doc.proof) ? `/proof/${i}` : '/proof';
    if (!p || typeof p !== 'object') return problem('MALFORMED_VALUE_ERROR', 'Each proof must be an object.', at);
    if (p.type !== 'DataIntegrityProof') {
      return problem(
        'PROOF_VERIFICATION_ERROR',
        `Proof type "${String(p.type)}" is not supported; expected "DataIntegrityProof".`,
        `${at}/type`,
      );
    }
    if (!SUPPORTED.has(p.cryptosuite)) {
      return problem(
        'PROOF_VERIFICATION_ERROR',
        `Cryptosuite "${String(p.cryptosuite)}" is not supported; expected "eddsa-rdfc-2022".`,
        `${at}/cryptosuite`,
      );
    }
    if (typeof p.proofValue !== 'string' || !p.proofValue.startsWith('z')) {
      return problem(
        'MALFORMED_VALUE_ERROR',
        'proofValue must be a base58-btc multibase string (starting with "z").',
        `${at}/proofValue`,
      );
    }
  }
  return undefined;
}

/**
 * Checks the Data Integrity proof of a credential: the signature, and that the verification
 * method is an `assertionMethod` of the issuer's own DID document (`CredentialIssuancePurpose`
 * from `@digitalbazaar/vc`). Validity dates are not looked at here; they are a check of their own.
 * Never throws.
 *
 * @example
 * const r = await verifyCredentialProof(signed, { documentLoader });
 * r.verified; // true
 */
export async function verifyCredentialProof(
  credential: unknown,
  options: { documentLoader: DocumentLoader },
): Promise<ProofResult> {
  const pre = precheck(credential);
  if (pre) return { verified: false, problem: pre };
  const proofs = proofsOf(credential);
  if (proofs.length === 1) return run(credential, new CredentialIssuancePurpose(), options.documentLoader);
  // Data Integrity §4.4 (proof sets): every proof must verify, not just one of them
  // (jsonld-signatures alone accepts a set when any one proof verifies).
  let first: ProofResult | undefined;
  for (const [i, proof] of proofs.entries()) {
    const r = await run({ ...(credential as object), proof }, new CredentialIssuancePurpose(), options.documentLoader);
    if (!r.verified) return { verified: false, problem: { ...r.problem!, pointer: `/proof/${i}` } };
    first ??= r;
  }
  return first!;
}

/**
 * Checks the `authentication` proof of a presentation with the given `challenge` and `domain`
 * (V4). Never throws.
 *
 * @example
 * await verifyPresentationProof(vp, { documentLoader, challenge: 'abc', domain: 'example.org' });
 */
export async function verifyPresentationProof(
  presentation: unknown,
  options: { documentLoader: DocumentLoader; challenge?: string; domain?: string },
): Promise<ProofResult> {
  const pre = precheck(presentation);
  if (pre) return { verified: false, problem: pre };
  const proofs = proofsOf(presentation);
  for (const p of proofs) {
    if (options.challenge !== undefined && p.challenge !== options.challenge) {
      return {
        verified: false,
        problem: problem(
          'INVALID_CHALLENGE_ERROR',
          'The presentation was made for another challenge.',
          '/proof/challenge',
        ),
      };
    }
    if (options.domain !== undefined && p.domain !== options.domain) {
      return {
        verified: false,
        problem: problem('INVALID_DOMAIN_ERROR', 'The presentation was made for another domain.', '/proof/domain'),
      };
    }
  }
  const purpose = new jsigs.purposes.AuthenticationProofPurpose({
    challenge: options.challenge ?? proofs[0].challenge,
    domain: options.domain,
  });
  return run(presentation, purpose, options.documentLoader);
}

async function run(doc: unknown, purpose: unknown, documentLoader: DocumentLoader): Promise<ProofResult> {
  try {
    const suite = new DataIntegrityProof({ cryptosuite: eddsaRdfc2022 });
    const result = await jsigs.verify(doc, { suite, purpose, documentLoader });
    if (result.verified) {
      const vm = result.results?.[0]?.verificationMethod?.id ?? result.results?.[0]?.proof?.verificationMethod;
      return { verified: true, verificationMethod: vm };
    }
    const error = result.error ?? result.results?.find((r: any) => r.error)?.error;
    return { verified: false, problem: proofProblem(error, 'verify') };
  } catch (error) {
    return { verified: false, problem: proofProblem(error, 'verify') };
  }
}
