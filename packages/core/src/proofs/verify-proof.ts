import { CredentialIssuancePurpose } from '@digitalbazaar/vc';
import jsigs from 'jsonld-signatures';
import type { DocumentLoader } from '../loader/document-loader.ts';
import { type Problem, problem } from '../problems.ts';
import { verifyingSuites } from './cryptosuites.ts';
import { type ProofKind, precheckProofs, proofsOf } from './precheck-proofs.ts';
import { previousProofsOf, withPreviousProofs } from './previous-proofs.ts';
import { proofProblem } from './proof-errors.ts';

/** Result of a proof check. */
export interface ProofResult {
  verified: boolean;
  /** The verification method that verified, when it did (the issuer's proof, for a proof set). */
  verificationMethod?: string;
  /** Verification methods of other parties' proofs in the set or chain (notaries, witnesses). */
  witnesses?: string[];
  problem?: Problem;
}

/** A problem found on proof `at` of a set: its pointer moved under that proof. */
function at(p: Problem, where: string): Problem {
  if (p.pointer === undefined) return { ...p, pointer: where };
  if (p.pointer === '/proof' || p.pointer.startsWith('/proof/')) {
    return { ...p, pointer: `${where}${p.pointer.slice('/proof'.length)}` };
  }
  return p;
}

/**
 * Verifies every proof of a document (Data Integrity 1.0 §4.5 "Verify Proof Sets and Chains"):
 * each on its own, with the proofs its `previousProof` names attached (§2.1.2 "Proof Chains"),
 * and all must verify, not just one of them (jsonld-signatures alone accepts a set when any one
 * proof verifies, and ignores `previousProof`). `purpose` makes the jsonld-signatures proof
 * purpose each proof is checked against. Call it after {@link precheckProofs}; it does not
 * throw on bad input. {@link verifyCredentialProof} and {@link verifyPresentationProof} are the
 * public entry points.
 *
 * @example
 * await verifyProofSet(doc, { documentLoader, kind: 'credential', purpose: () => new jsigs.purposes.AssertionProofPurpose() });
 */
export async function verifyProofSet(
  doc: any,
  options: { documentLoader: DocumentLoader; kind: ProofKind; purpose: (proof: any) => unknown },
): Promise<ProofResult> {
  const { documentLoader, kind, purpose } = options;
  const proofs = proofsOf(doc);
  const isSet = Array.isArray(doc.proof);
  let first: ProofResult | undefined;
  for (const [i, proof] of proofs.entries()) {
    const where = isSet ? `/proof/${i}` : '/proof';
    const previous = previousProofsOf(proofs, i, where);
    if (previous.problem) return { verified: false, problem: previous.problem };
    const suite = withPreviousProofs(verifyingSuites(kind), previous.matching);
    const r = await run({ ...doc, proof }, suite, purpose(proof), documentLoader);
    if (!r.verified) return { verified: false, problem: isSet ? at(r.problem!, where) : r.problem! };
    first ??= r;
  }
  return first!;
}

/**
 * Checks the proof of a credential: the signature, and that the verification method is an
 * `assertionMethod` of the issuer's own DID document (`CredentialIssuancePurpose` from
 * `@digitalbazaar/vc`). Accepts `DataIntegrityProof` with `eddsa-rdfc-2022`, `ecdsa-rdfc-2019`
 * (P-256, P-384), `eddsa-jcs-2022`, `ecdsa-jcs-2019` or a derived `ecdsa-sd-2023` proof (a base
 * proof is refused: the holder must derive), and legacy `Ed25519Signature2020` /
 * `Ed25519Signature2018`. Every proof of a proof set must verify, and a proof of a proof chain is
 * checked over the document with the proofs it names in `previousProof`. Validity dates are not
 * looked at here; they are a check of their own. Never throws.
 *
 * @example
 * const r = await verifyCredentialProof(signed, { documentLoader });
 * r.verified; // true
 */
export async function verifyCredentialProof(
  credential: unknown,
  options: { documentLoader: DocumentLoader },
): Promise<ProofResult> {
  const pre = precheckProofs(credential, 'credential');
  if (pre) return { verified: false, problem: pre };
  const proofs = proofsOf(credential);
  if (proofs.length === 1) {
    return verifyProofSet(credential, {
      documentLoader: options.documentLoader,
      kind: 'credential',
      purpose: () => new CredentialIssuancePurpose(),
    });
  }
  // A proof set or chain may carry proofs by others besides the issuer (Data Integrity §4.4 and
  // §2.1.2: a notary, a witness). Each must verify with a key its own controller lists as an
  // assertionMethod; at least one must be the issuer's (T5 holds: nothing verifies without it).
  const issuer = issuerOf(credential);
  const controllers = await Promise.all(proofs.map((p) => controllerOf(p?.verificationMethod, options.documentLoader)));
  const byIssuer = controllers.map((c) => c !== undefined && c === issuer);
  if (!byIssuer.some(Boolean)) {
    return {
      verified: false,
      problem: problem(
        'INVALID_VERIFICATION_METHOD',
        'None of the proofs was made with a key of the credential’s issuer.',
        '/proof',
      ),
    };
  }
  const role = new Map(proofs.map((p, i) => [p, byIssuer[i]]));
  const r = await verifyProofSet(credential, {
    documentLoader: options.documentLoader,
    kind: 'credential',
    purpose: (proof) =>
      role.get(proof) ? new CredentialIssuancePurpose() : new jsigs.purposes.AssertionProofPurpose(),
  });
  if (!r.verified) return r;
  const issuerProof = proofs[byIssuer.indexOf(true)];
  const witnesses = proofs.filter((_p, i) => !byIssuer[i]).map((p) => String(p.verificationMethod));
  return {
    verified: true,
    verificationMethod: String(issuerProof.verificationMethod),
    ...(witnesses.length > 0 ? { witnesses } : {}),
  };
}

function issuerOf(doc: any): string | undefined {
  const i = doc?.issuer;
  return typeof i === 'string' ? i : typeof i?.id === 'string' ? i.id : undefined;
}

/** The controller of a verification method, as its document says (undefined when unknown). */
async function controllerOf(vm: unknown, documentLoader: DocumentLoader): Promise<string | undefined> {
  if (typeof vm !== 'string') return undefined;
  try {
    const { document } = await documentLoader(vm);
    const c = (document as { controller?: unknown })?.controller;
    return typeof c === 'string' ? c : undefined;
  } catch {
    return undefined;
  }
}

/**
 * Checks the `authentication` proof(s) of a presentation with the given `challenge` and `domain`
 * (V4): `DataIntegrityProof` with `eddsa-rdfc-2022`, `ecdsa-rdfc-2019`, `eddsa-jcs-2022` or
 * `ecdsa-jcs-2019`, or legacy `Ed25519Signature2020` / `Ed25519Signature2018` (what DCC wallets
 * send). The key must be an `authentication` method of its controller. Never throws.
 *
 * @example
 * await verifyPresentationProof(vp, { documentLoader, challenge: 'abc', domain: 'example.org' });
 */
export async function verifyPresentationProof(
  presentation: unknown,
  options: { documentLoader: DocumentLoader; challenge?: string; domain?: string },
): Promise<ProofResult> {
  const pre = precheckProofs(presentation, 'presentation');
  if (pre) return { verified: false, problem: pre };
  const proofs = proofsOf(presentation);
  const isSet = Array.isArray((presentation as any).proof);
  for (const [i, p] of proofs.entries()) {
    const where = isSet ? `/proof/${i}` : '/proof';
    if (options.challenge !== undefined && p.challenge !== options.challenge) {
      return {
        verified: false,
        problem: problem(
          'INVALID_CHALLENGE_ERROR',
          'The presentation was made for another challenge.',
          `${where}/challenge`,
        ),
      };
    }
    if (options.domain !== undefined && p.domain !== options.domain) {
      return {
        verified: false,
        problem: problem('INVALID_DOMAIN_ERROR', 'The presentation was made for another domain.', `${where}/domain`),
      };
    }
  }
  const purpose = (proof: any) =>
    new jsigs.purposes.AuthenticationProofPurpose({
      challenge: options.challenge ?? proof.challenge,
      domain: options.domain,
    });
  return verifyProofSet(presentation, { documentLoader: options.documentLoader, kind: 'presentation', purpose });
}

async function run(
  doc: unknown,
  suite: unknown[],
  purpose: unknown,
  documentLoader: DocumentLoader,
): Promise<ProofResult> {
  try {
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
