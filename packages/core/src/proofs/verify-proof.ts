import { CredentialIssuancePurpose } from '@digitalbazaar/vc';
import { issuerIdOf } from '@repo/schemas';
import jsigs from 'jsonld-signatures';
import type { DocumentLoader } from '../loader/document-loader.ts';
import { type Problem, problem } from '../problems.ts';
import { checkProofKey, loadingOnce } from './check-proof-key.ts';
import { checkProofTimes } from './check-proof-times.ts';
import { verifyingSuites } from './cryptosuites.ts';
import { fastVerifiable, verifiedIssuerProof } from './fast/verify-eddsa-rdfc-2022.ts';
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

/**
 * The verifier's clock, for the proofs' own `created` / `expires` (Data Integrity 1.0 §2.1). Without
 * `now` those two are not compared with any clock (the verifier library always passes its own).
 */
export interface ProofTimeOptions {
  /** The time of interest, usually now. */
  now?: Date;
  /** Seconds of clock skew tolerated on `created` (future) and `expires`. Default 60. */
  skewSeconds?: number;
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
 * purpose each proof is checked against; before it, each proof's key must still vouch for it
 * ({@link checkProofKey}: not revoked, not used after its retirement), and after it, with `now`,
 * the proof's own `created` / `expires` must admit the time ({@link checkProofTimes}). Call it
 * after {@link precheckProofs}; it does not throw on bad input. {@link verifyCredentialProof} and {@link verifyPresentationProof} are the
 * public entry points.
 *
 * @example
 * await verifyProofSet(doc, { documentLoader, kind: 'credential', purpose: () => new jsigs.purposes.AssertionProofPurpose() });
 */
export async function verifyProofSet(
  doc: any,
  options: { documentLoader: DocumentLoader; kind: ProofKind; purpose: (proof: any) => unknown } & ProofTimeOptions,
): Promise<ProofResult> {
  const { kind, purpose } = options;
  const skew = options.skewSeconds ?? 60;
  // DID URLs are loaded once per verification: the key state is read from the very method the
  // suite then verifies with (and a did:web document is not fetched twice for it).
  const documentLoader = loadingOnce(options.documentLoader);
  const proofs = proofsOf(doc);
  const isSet = Array.isArray(doc.proof);
  const fail = (p: Problem, where: string): ProofResult => ({ verified: false, problem: isSet ? at(p, where) : p });
  let first: ProofResult | undefined;
  for (const [i, proof] of proofs.entries()) {
    const where = isSet ? `/proof/${i}` : '/proof';
    const previous = previousProofsOf(proofs, i, where);
    if (previous.problem) return { verified: false, problem: previous.problem };
    const withdrawn = await checkProofKey(proof, documentLoader);
    if (withdrawn) return fail(withdrawn, where);
    const suite = withPreviousProofs(verifyingSuites(kind), previous.matching);
    const r = await run({ ...doc, proof }, suite, purpose(proof), documentLoader);
    if (!r.verified) return fail(r.problem!, where);
    const late = options.now === undefined ? undefined : checkProofTimes(proof, options.now, skew);
    if (late) return fail(late, where);
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
 * checked over the document with the proofs it names in `previousProof`. Each proof's key must
 * still vouch for it: not `revoked`, and, when `retiredAt`, the proof `created` no later than the
 * retirement (`INVALID_VERIFICATION_METHOD`); with `now`, a proof `created` in the future beyond
 * `skewSeconds` or past its `expires` fails (`PROOF_VERIFICATION_ERROR`). The credential's own
 * validity dates are not looked at here; they are a check of their own. Never throws.
 *
 * @example
 * const r = await verifyCredentialProof(signed, { documentLoader, now: new Date(), skewSeconds: 60 });
 * r.verified; // true
 */
export async function verifyCredentialProof(
  credential: unknown,
  options: { documentLoader: DocumentLoader } & ProofTimeOptions,
): Promise<ProofResult> {
  const pre = precheckProofs(credential, 'credential');
  if (pre) return { verified: false, problem: pre };
  const proofs = proofsOf(credential);
  if (proofs.length === 1) {
    const fast = await verifiedFast(credential as Record<string, unknown>, options);
    if (fast) return fast;
    return verifyProofSet(credential, {
      ...options,
      kind: 'credential',
      purpose: () => new CredentialIssuancePurpose(),
    });
  }
  // A proof set or chain may carry proofs by others besides the issuer (Data Integrity §4.4 and
  // §2.1.2: a notary, a witness). Each must verify with a key its own controller lists as an
  // assertionMethod; at least one must be the issuer's (T5 holds: nothing verifies without it).
  const issuer = issuerIdOf(credential as Record<string, unknown>);
  // The methods read here to find their controllers are the ones the proofs then verify with:
  // loaded once, for both.
  const documentLoader = loadingOnce(options.documentLoader);
  const controllers = await Promise.all(proofs.map((p) => controllerOf(p?.verificationMethod, documentLoader)));
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
    ...options,
    documentLoader,
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

/**
 * A credential's one `eddsa-rdfc-2022` issuer proof checked without the jsonld-signatures
 * machinery ({@link verifiedIssuerProof}), with the same key-state and proof-time checks as
 * {@link verifyProofSet}: the result when every check passes, undefined when any does not or the
 * fast check is not sure (then {@link verifyProofSet} gives the answer and its problem).
 */
async function verifiedFast(
  credential: Record<string, unknown>,
  options: { documentLoader: DocumentLoader } & ProofTimeOptions,
): Promise<ProofResult | undefined> {
  try {
    if (!fastVerifiable(credential)) return undefined;
    const documentLoader = loadingOnce(options.documentLoader);
    const proof = credential.proof;
    if ((await checkProofKey(proof, documentLoader)) !== undefined) return undefined;
    const verificationMethod = await verifiedIssuerProof(credential, documentLoader);
    if (verificationMethod === undefined) return undefined;
    if (options.now !== undefined && checkProofTimes(proof, options.now, options.skewSeconds ?? 60) !== undefined) {
      return undefined;
    }
    return { verified: true, verificationMethod };
  } catch {
    // never thrown by these checks on JSON input; a hostile object goes to the stock path
    return undefined;
  }
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
 * send). The key must be an `authentication` method of its controller, and the same key and
 * proof-time rules apply as in {@link verifyCredentialProof}. Never throws.
 *
 * @example
 * await verifyPresentationProof(vp, { documentLoader, challenge: 'abc', domain: 'example.org', now: new Date() });
 */
export async function verifyPresentationProof(
  presentation: unknown,
  options: { documentLoader: DocumentLoader; challenge?: string; domain?: string } & ProofTimeOptions,
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
  const { challenge: _challenge, domain: _domain, ...rest } = options;
  return verifyProofSet(presentation, { ...rest, kind: 'presentation', purpose });
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
